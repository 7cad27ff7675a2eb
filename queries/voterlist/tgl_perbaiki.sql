-- Sets the dates read in Python (`tgl_fix`: teks, tanggal) into `tgl`. Returns nothing.
-- params: -
update tgl set tanggal = f.tanggal from tgl_fix f where tgl.teks = f.teks

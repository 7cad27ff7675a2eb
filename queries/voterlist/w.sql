-- What each voter row means, one join per look-up: the columns of `v` (with the codes and which of
-- them are wrong: lookups.codes), the place codes and messages, the birth date and its parts, and
-- `_galat` (the row has a problem that rejects the file; galat.sql words it). A view, evaluated once
-- by frame.sql; scanned again only to word the problems of a file that has some. Inputs: v, places,
-- tgl_arti.
-- params: -
select v.*, p.kode_kecamatan, p.kode_desa, p.desa_c, p.pesan_kec, p.pesan_desa,
    tgl.tanggal, tgl.tgl_hari, tgl.tgl_bulan, tgl.tgl_yy, coalesce(tgl.tgl_salah, false) as tgl_salah,
    (p.pesan_kec is not null) or (v.jk_salah) or (v.tps_salah) or (v.sts_salah) or (v.ktpel_salah)
        or (v.dis_salah) or (coalesce(tgl.tgl_salah, false)) as _galat
from v
left join places p on p.kecamatan is not distinct from v.kecamatan and p.desa is not distinct from v.desa
left join tgl_arti tgl on tgl.teks = v.tgl_lahir

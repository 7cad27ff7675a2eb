-- Per birth-date text: the date, its day, month and two-digit year (the NIK's date part is compared
-- with them) and whether the text is not a date (that rejects the file): i, tanggal, tgl_hari,
-- tgl_bulan, tgl_yy, tgl_salah, in the order of i. Inputs: `tgl`.
-- params: -
select i, tanggal, day(tanggal) as tgl_hari, month(tanggal) as tgl_bulan, year(tanggal) % 100 as tgl_yy,
    tanggal is null and trim(teks) <> '' as tgl_salah
from tgl
order by i

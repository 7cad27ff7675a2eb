-- What each voter row means, one join per look-up: the columns of `v`, the place codes and messages,
-- the codes and which of them are wrong, the birth date and its parts, and `_galat` (the row has a
-- problem that rejects the file; galat.sql words it). A view, evaluated once by frame.sql; scanned
-- again only to word the problems of a file that has some. Inputs: v, places, kode_arti, tgl_arti.
-- params: -
select v.*, p.kode_kecamatan, p.kode_desa, p.desa_c, p.pesan_kec, p.pesan_desa,
    m.jk_kode, m.sts_kode, m.ktpel_kode, m.dis_kode, m.tps_teks,
    m.jk_salah, m.tps_salah, m.sts_salah, m.ktpel_salah, m.dis_salah,
    tgl.tanggal, tgl.tgl_hari, tgl.tgl_bulan, tgl.tgl_yy, coalesce(tgl.tgl_salah, false) as tgl_salah,
    (p.pesan_kec is not null) or (m.jk_salah) or (m.tps_salah) or (m.sts_salah) or (m.ktpel_salah)
        or (m.dis_salah) or (coalesce(tgl.tgl_salah, false)) as _galat
from v
left join places p on p.kecamatan is not distinct from v.kecamatan and p.desa is not distinct from v.desa
left join kode_arti m on m.jk is not distinct from v.jk and m.sts is not distinct from v.sts
                     and m.ktpel is not distinct from v.ktpel and m.tps is not distinct from v.tps
                     and m.dis is not distinct from v.dis
left join tgl_arti tgl on tgl.teks = v.tgl_lahir

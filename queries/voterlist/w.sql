-- What each voter row means: the columns of `v` (with the codes, the birth date and its parts, and
-- which of them are wrong: lookups.codes, lookups.birth_dates), the place codes and messages, and
-- `_galat` (the row has a problem that rejects the file; galat.sql words it). A view, evaluated once
-- by frame.sql; scanned again only to word the problems of a file that has some. Inputs: v, places.
-- params: -
select v.*, p.kode_kecamatan, p.kode_desa, p.desa_c, p.pesan_kec, p.pesan_desa,
    (p.pesan_kec is not null) or (v.jk_salah) or (v.tps_salah) or (v.sts_salah) or (v.ktpel_salah)
        or (v.dis_salah) or (v.tgl_salah) as _galat
from v
left join places p on p.kecamatan is not distinct from v.kecamatan and p.desa is not distinct from v.desa

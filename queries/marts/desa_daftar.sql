-- The desa/kelurahan of one kecamatan ($kecamatan), each with its kind (desa or kelurahan), by
-- name: the choice list of the walk's desa level and the words of its breadcrumb.
-- params: kecamatan
select kode_desa, desa, jenis, kode_kecamatan
from ref_desa
where kode_kecamatan = $kecamatan
order by desa, kode_desa

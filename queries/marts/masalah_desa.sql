-- The desa/kelurahan of one kecamatan (reference), for the problem form's desa choice.
-- params: kecamatan
select kode_desa, desa
from ref_desa
where kode_kecamatan = $kecamatan
order by desa

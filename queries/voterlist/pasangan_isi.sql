-- The same pairs as pasangan.sql, once the kecamatan has been filled in from the rows above (`v`
-- is then a table): kecamatan, desa, kec_c, desa_c. Inputs: `v`.
-- params: -
select kecamatan, desa, kecamatan as kec_c, nullif(trim(desa), '') as desa_c
from (select distinct kecamatan, desa from v)

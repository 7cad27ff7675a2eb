-- The kind of each place of the region, desa or kelurahan (ref_desa), for the words that name a
-- place (`TPS 1 Kelurahan Jati`, `PPS Desa Ngadisari`). One row per place.
-- params: -
select kode_desa, jenis
from ref_desa
order by kode_desa

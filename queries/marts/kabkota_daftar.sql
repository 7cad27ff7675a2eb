-- The kab/kota of the installation's region, their names in Kemendagri code order (the walk's
-- kab/kota level in a province or the nation).
-- params: -
select kode_kabkota, kabkota
from stg_kabkota
order by kode_kabkota

-- The boundary of each kab/kota of the installation's region (a GeoJSON geometry in [lon, lat], as
-- text) with its name; no label point in the reference (the middle of its outline is used), in
-- Kemendagri code order. No rows in a kab/kota installation or without boundaries.
-- params: -
select k.kode_kabkota, k.kabkota, null::double as lat, null::double as lon, b.geometry::varchar as geometry
from stg_kabkota k
join ref_kabkota_batas b using (kode_kabkota)
order by k.kode_kabkota

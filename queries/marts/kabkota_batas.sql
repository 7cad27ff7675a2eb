-- The boundary of each kab/kota of the installation's region (a GeoJSON geometry in [lon, lat], as
-- text) with its name and the point its name goes (its centroid in the national reference; null in
-- a database without it: the middle of its outline is used), in Kemendagri code order. No rows in a
-- kab/kota installation or without boundaries.
-- params: -
select k.kode_kabkota, k.kabkota, b.lat, b.lon, b.geometry::varchar as geometry
from stg_kabkota k
join ref_kabkota_batas b using (kode_kabkota)
order by k.kode_kabkota

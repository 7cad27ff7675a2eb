-- The outline of each province of the installation's region (a GeoJSON geometry in [lon, lat], as
-- text: its kab/kota dissolved once, reference/build_provinsi.py) with its name and the point its
-- name goes, in Kemendagri code order. The nation's 38; no rows in a kab/kota installation.
-- params: -
select b.kode_provinsi, p.provinsi, b.lat, b.lon, b.geometry::varchar as geometry
from ref_provinsi_batas b
join (select distinct kode_provinsi, provinsi from stg_kabkota) p using (kode_provinsi)
order by b.kode_provinsi

-- The boundary of each kecamatan of the installation's region (a GeoJSON geometry in [lon, lat],
-- as text) with its name and the point its label goes (the reference's centroid, may be null),
-- in Kemendagri code order. No rows when the region has no boundaries.
-- params: -
select k.kode_kecamatan, k.kecamatan, k.lat, k.lon, b.geometry::varchar as geometry
from ref_kecamatan k
join ref_kecamatan_batas b using (kode_kecamatan)
order by k.kode_kecamatan

-- The place the templates' example row names: the installation's first kecamatan by Kemendagri
-- code, its first desa/kelurahan by code (null when it has none) and a point in it (the desa's
-- centroid, else the kecamatan's), and the kind of the region (kabupaten, kota: the word of a
-- target's whole-region row). One row; none when the region has no kecamatan.
-- params: -
select k.kode_kecamatan, k.kecamatan, d.kode_desa, d.desa, d.jenis,
    coalesce(d.lat, k.lat) as lat, coalesce(d.lon, k.lon) as lon,
    (select w.jenis from wilayah w limit 1) as jenis_wilayah
from ref_kecamatan k
left join ref_desa d on d.kode_kecamatan = k.kode_kecamatan
order by k.kode_kecamatan, d.kode_desa
limit 1

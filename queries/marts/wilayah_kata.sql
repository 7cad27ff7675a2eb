-- The installation's region and one election, for the words users read (readiness/wilayah/kata.py):
-- the region's name and kind, how many of its places are desa and how many kelurahan, and the
-- election's name, kind, day and region (null when the election is unknown). One row; none without a region row.
-- params: election
select w.kode, w.nama, w.jenis, w.tingkat,
    (select count(*) filter (where d.jenis = 'desa') from ref_desa d) as jumlah_desa,
    (select count(*) filter (where d.jenis = 'kelurahan') from ref_desa d) as jumlah_kelurahan,
    e.nama as pemilihan, e.jenis as jenis_pemilihan, e.tanggal as tanggal_pemilihan, e.kode_wilayah
from (select * from wilayah limit 1) w
left join elections e on e.election_id = $election

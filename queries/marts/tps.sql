-- TPS of one election from the active TPS lists, one row each, with its desa, voters, whether it
-- is over the election's capacity, and the optional address, coordinates, logistics status and
-- kerawanan category. $kecamatan null = every kecamatan, a kab/kota's code (`74.06`) every
-- kecamatan of it. Ordered by desa code and TPS number.
-- params: election, kecamatan
select t.kode_kecamatan, k.kecamatan, t.kode_desa, d.desa, t.no_tps,
    t.dpt, t.dpt_l, t.dpt_p, e.kapasitas_tps,
    t.dpt > e.kapasitas_tps                   as melebihi_kapasitas,
    greatest(t.dpt - e.kapasitas_tps, 0)      as kelebihan,
    t.alamat, t.lat, t.lon, t.status_logistik, t.kategori_rawan,
    t.upload_id, t.source_row
from stg_tps t
join elections e using (election_id)
join ref_kecamatan k using (kode_kecamatan)
left join ref_desa d using (kode_desa)
where t.election_id = $election
  and ($kecamatan is null or t.kode_kecamatan = $kecamatan or t.kode_kecamatan like $kecamatan || '.%')
order by t.kode_desa, try_cast(t.no_tps as integer), t.no_tps

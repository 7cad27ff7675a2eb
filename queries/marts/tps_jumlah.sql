-- The TPS of one election's active TPS lists counted for the whole region in one row: TPS,
-- desa/kelurahan, TPS over the election's capacity, the largest and the mean voters per TPS, voters.
-- What the TPS page shows of a province or the nation, whose list it does not fetch.
-- params: election
select count(*)                                  as tps,
    count(distinct t.kode_desa)                   as desa,
    count(*) filter (where t.dpt > e.kapasitas_tps) as tps_lebih,
    max(t.dpt)                                    as dpt_maks,
    avg(t.dpt)                                    as dpt_rata,
    sum(t.dpt)                                    as dpt,
    any_value(e.kapasitas_tps)                    as kapasitas_tps
from stg_tps t
join elections e using (election_id)
where t.election_id = $election

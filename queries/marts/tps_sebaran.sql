-- Distribution of voters per TPS for one election (active TPS lists): TPS counted in bands of 50
-- voters (0–50, 51–100, …), the band above the capacity flagged. $kecamatan null = every kecamatan,
-- a kab/kota's code (`74.06`) every kecamatan of it,
-- $desa null = every desa/kelurahan of it.
-- params: election, kecamatan, desa
with t as (
    select t.dpt, e.kapasitas_tps
    from stg_tps t
    join elections e using (election_id)
    where t.election_id = $election and t.dpt is not null
      and ($kecamatan is null or t.kode_kecamatan = $kecamatan or t.kode_kecamatan like $kecamatan || '.%')
      and ($desa is null or t.kode_desa = $desa)
)
select greatest(ceil(dpt / 50.0) - 1, 0)::int * 50 + 1 as dari,
    greatest(ceil(dpt / 50.0), 1)::int * 50              as sampai,
    count(*)                                             as jumlah_tps,
    bool_or(dpt > kapasitas_tps)                         as melebihi_kapasitas,
    any_value(kapasitas_tps)                             as kapasitas_tps
from t
group by all
order by dari

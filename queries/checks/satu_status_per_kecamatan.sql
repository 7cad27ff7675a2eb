-- Rule: every kecamatan of the kabupaten has exactly one row in mart_kecamatan, with exactly one
-- status (hijau, kuning or merah; never missing); every desa has exactly one row in
-- mart_desa_kesiapan and in mart_desa, its status one of the three or missing (a desa without data).
-- Returns the units that break it: how many rows each has and their statuses.
-- params: election
with
kecamatan as (
    select r.kode_kecamatan as kode, r.kecamatan as nama, count(m.kode_kecamatan) as baris,
        count(m.kode_kecamatan) filter (where m.status in ('hijau', 'kuning', 'merah')) as baris_berstatus,
        string_agg(coalesce(m.status, '(kosong)'), ', ') as status
    from ref_kecamatan r
    left join (select * from mart_kecamatan where election_id = $election) m using (kode_kecamatan)
    group by all
),
desa as (
    select r.kode_desa as kode, r.desa as nama, count(m.kode_desa) as baris,
        count(m.kode_desa) filter (where m.status is null or m.status in ('hijau', 'kuning', 'merah'))
            as baris_berstatus,
        string_agg(coalesce(m.status, '(kosong)'), ', ') as status,
        (select count(*) from mart_desa d where d.kode_desa = r.kode_desa and d.election_id = $election) as baris_mart_desa
    from ref_desa r
    left join (select * from mart_desa_kesiapan where election_id = $election) m using (kode_desa)
    group by all
)
select 'kecamatan' as tingkat, kode, nama, baris, status
from kecamatan
where baris <> 1 or baris_berstatus <> 1
union all
select 'desa', kode, nama, baris, status
from desa
where baris <> 1 or baris_berstatus <> 1 or baris_mart_desa <> 1
order by tingkat, kode

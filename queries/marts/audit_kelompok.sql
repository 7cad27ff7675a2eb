-- Groups leadership asks about, from the active per-voter lists of one election, per desa
-- (tingkat 'desa'; kode_desa null = voters whose desa is not in the stated kecamatan) and per
-- kecamatan (tingkat 'kecamatan', the sum of its desa rows): voters, L, P, sex ratio (L per 100 P),
-- pemilih pemula (age on election day from the election's settings pemula_usia_min to
-- pemula_usia_max, default 17–21), disabilitas by KPU code, KTP-el not yet recorded, rows without
-- a birth date. From the stored counts per desa (kelompok_desa, queries/tersimpan). No rows without
-- an active per-voter list.
-- params: election
with e as (
    select coalesce(max(value) filter (where key = 'pemula_usia_min'), 17)::integer as pemula_usia_min,
        coalesce(max(value) filter (where key = 'pemula_usia_max'), 21)::integer as pemula_usia_max
    from settings
    where election_id = $election
),
desa as (
    select * exclude (election_id, tps)
    from kelompok_desa
    where election_id = $election
),
semua as (
    select 'desa' as tingkat, * from desa
    union all
    select 'kecamatan' as tingkat, kode_kecamatan, null as kode_desa, sum(columns(* exclude (kode_kecamatan, kode_desa)))
    from desa
    group by kode_kecamatan
)
select s.tingkat, s.kode_kecamatan, k.kecamatan, s.kode_desa, rd.desa, s.* exclude (tingkat, kode_kecamatan, kode_desa),
    round(100.0 * s.pemilih_l / nullif(s.pemilih_p, 0), 1)                           as rasio_jk,
    e.pemula_usia_min, e.pemula_usia_max
from semua s
cross join e
join ref_kecamatan k using (kode_kecamatan)
left join ref_desa rd on rd.kode_desa = s.kode_desa
order by s.tingkat, s.kode_kecamatan, s.kode_desa nulls last

-- Stored table `kelompok`: what marts/audit_kelompok shows, for every election — the stored desa
-- counts (kelompok_desa, built just before this one) as rows of tingkat 'desa', their sums per
-- kecamatan as rows of tingkat 'kecamatan', with names, the sex ratio (L per 100 P) and the
-- pemula ages used, in the order the page lists them (`urutan`). Rebuilt with kelompok_desa.
-- params: -
with e as (
    select e.election_id,
        coalesce(max(s.value) filter (where s.key = 'pemula_usia_min'), 17)::integer as pemula_usia_min,
        coalesce(max(s.value) filter (where s.key = 'pemula_usia_max'), 21)::integer as pemula_usia_max
    from elections e
    left join settings s on s.election_id = e.election_id
    group by e.election_id
),
desa as (
    select * exclude (tps) from kelompok_desa
),
semua as (
    select 'desa' as tingkat, * from desa
    union all
    select 'kecamatan' as tingkat, election_id, kode_kecamatan, null as kode_desa,
        -- bigint like the desa counts (a sum is a hugeint, which reaches pandas as a float)
        sum(columns(* exclude (election_id, kode_kecamatan, kode_desa)))::bigint
    from desa
    group by election_id, kode_kecamatan
)
select s.election_id, s.tingkat, s.kode_kecamatan, k.kecamatan, s.kode_desa, rd.desa,
    s.* exclude (election_id, tingkat, kode_kecamatan, kode_desa),
    round(100.0 * s.pemilih_l / nullif(s.pemilih_p, 0), 1)                           as rasio_jk,
    e.pemula_usia_min, e.pemula_usia_max,
    row_number() over (partition by s.election_id
                       order by s.tingkat, s.kode_kecamatan, s.kode_desa nulls last) as urutan
from semua s
join e using (election_id)
join ref_kecamatan k using (kode_kecamatan)
left join ref_desa rd on rd.kode_desa = s.kode_desa

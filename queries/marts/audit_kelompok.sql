-- Groups leadership asks about, from the active per-voter lists of one election, per desa
-- (tingkat 'desa'; kode_desa null = voters whose desa is not in the stated kecamatan) and per
-- kecamatan (tingkat 'kecamatan', the sum of its desa rows): voters, L, P, sex ratio (L per 100 P),
-- pemilih pemula (age on election day from the election's settings pemula_usia_min to
-- pemula_usia_max, default 17–21), disabilitas by KPU code (1 fisik, 2 intelektual, 3 mental,
-- 4 sensorik wicara, 5 sensorik rungu, 6 sensorik netra), KTP-el not yet recorded, rows without a
-- birth date. No rows without an active per-voter list.
-- params: election
with e as (
    -- pemula: born after (election day − (max + 1) years) and on or before (election day − min years)
    select (e.tanggal - to_years(coalesce(max(s.value) filter (where s.key = 'pemula_usia_min'), 17)::integer))::date
                as lahir_paling_akhir,
        (e.tanggal - to_years(coalesce(max(s.value) filter (where s.key = 'pemula_usia_max'), 21)::integer + 1))::date
                as lahir_sesudah,
        coalesce(max(s.value) filter (where s.key = 'pemula_usia_min'), 17)::integer as pemula_usia_min,
        coalesce(max(s.value) filter (where s.key = 'pemula_usia_max'), 21)::integer as pemula_usia_max
    from elections e
    left join settings s on s.election_id = e.election_id
    where e.election_id = $election
    group by e.tanggal
),
desa as (
    select d.kode_kecamatan, d.kode_desa,
        count(*)                                                                     as pemilih,
        count(*) filter (where d.jk = 'L')                                           as pemilih_l,
        count(*) filter (where d.jk = 'P')                                           as pemilih_p,
        count(*) filter (where d.tgl_lahir <= e.lahir_paling_akhir and d.tgl_lahir > e.lahir_sesudah) as pemula,
        count(*) filter (where d.tgl_lahir <= e.lahir_paling_akhir and d.tgl_lahir > e.lahir_sesudah
                           and d.jk = 'L')                                           as pemula_l,
        count(*) filter (where d.tgl_lahir <= e.lahir_paling_akhir and d.tgl_lahir > e.lahir_sesudah
                           and d.jk = 'P')                                           as pemula_p,
        count(*) filter (where d.dis between 1 and 6)                                as disabilitas,
        count(*) filter (where d.dis = 1)                                            as dis_fisik,
        count(*) filter (where d.dis = 2)                                            as dis_intelektual,
        count(*) filter (where d.dis = 3)                                            as dis_mental,
        count(*) filter (where d.dis = 4)                                            as dis_wicara,
        count(*) filter (where d.dis = 5)                                            as dis_rungu,
        count(*) filter (where d.dis = 6)                                            as dis_netra,
        count(*) filter (where d.ktpel = 'B')                                        as ktpel_belum_rekam,
        count(*) filter (where d.tgl_lahir is null)                                  as tanpa_tgl_lahir
    from stg_daftar d, e
    where d.election_id = $election
    group by d.kode_kecamatan, d.kode_desa
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

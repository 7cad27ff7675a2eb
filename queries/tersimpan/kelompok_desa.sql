-- Stored table `kelompok_desa`: the groups leadership asks about, counted once per election and desa
-- from the active per-voter lists (kode_desa null = voters whose desa is not in the stated
-- kecamatan): voters, L, P, pemilih pemula (age on election day from the election's settings
-- pemula_usia_min to pemula_usia_max, default 17–21), disabilitas by KPU code (1 fisik,
-- 2 intelektual, 3 mental, 4 sensorik wicara, 5 sensorik rungu, 6 sensorik netra), KTP-el not yet
-- recorded, rows without a birth date. Rebuilt by readiness.db like temuan_daftar (also when a
-- pemula setting changes). Read by marts/audit_kelompok and marts/pemilih_desa.
-- params: -
with e as (
    -- pemula: born after (election day − (max + 1) years) and on or before (election day − min years)
    select e.election_id,
        (e.tanggal - to_years(coalesce(max(s.value) filter (where s.key = 'pemula_usia_min'), 17)::integer))::date
                as lahir_paling_akhir,
        (e.tanggal - to_years(coalesce(max(s.value) filter (where s.key = 'pemula_usia_max'), 21)::integer + 1))::date
                as lahir_sesudah
    from elections e
    left join settings s on s.election_id = e.election_id
    group by e.election_id, e.tanggal
)
select d.election_id, d.kode_kecamatan, d.kode_desa,
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
    count(*) filter (where d.tgl_lahir is null)                                  as tanpa_tgl_lahir,
    count(distinct d.tps)                                                        as tps
from stg_daftar d
join e using (election_id)
group by d.election_id, d.kode_kecamatan, d.kode_desa

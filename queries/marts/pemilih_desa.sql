-- Voters per desa for one election: DPT, L, P and TPS as marts/desa gives them, and the groups
-- leadership asks about — from the active per-voter lists the voters counted, L/P, pemilih pemula
-- (17–21 years old on election day), disabilitas per category (dis 1 fisik … 6 netra) and KTP-el
-- not yet recorded; from the recap its own pemilih pemula/disabilitas columns when it has them.
-- Null where a source is missing (never 0).
-- params: election
with e as (
    -- Born on or before b17 is 17 or older on election day; born after b22 is younger than 22.
    select (tanggal - interval 17 year)::date as b17, (tanggal - interval 22 year)::date as b22
    from elections where election_id = $election
),
-- Counted per desa and group first (a few thousand groups instead of ~870.000 rows), then per desa.
kelompok as (
    select d.kode_desa, d.jk, d.dis, d.ktpel,
        d.tgl_lahir <= e.b17 and d.tgl_lahir > e.b22 as pemula,
        d.tgl_lahir is null                          as tanpa_tgl_lahir,
        count(*)                                     as n
    from stg_daftar d, e
    where d.election_id = $election
    group by all
),
daftar as (
    select kode_desa,
        sum(n)                                                  as daftar_dpt,
        coalesce(sum(n) filter (where jk = 'L'), 0)             as daftar_l,
        coalesce(sum(n) filter (where jk = 'P'), 0)             as daftar_p,
        coalesce(sum(n) filter (where pemula), 0)               as pemula,
        coalesce(sum(n) filter (where pemula and jk = 'L'), 0)  as pemula_l,
        coalesce(sum(n) filter (where pemula and jk = 'P'), 0)  as pemula_p,
        coalesce(sum(n) filter (where tanpa_tgl_lahir), 0)      as tanpa_tgl_lahir,
        coalesce(sum(n) filter (where dis between 1 and 6), 0)  as disabilitas,
        coalesce(sum(n) filter (where dis = 1), 0)              as dis_fisik,
        coalesce(sum(n) filter (where dis = 2), 0)              as dis_intelektual,
        coalesce(sum(n) filter (where dis = 3), 0)              as dis_mental,
        coalesce(sum(n) filter (where dis = 4), 0)              as dis_wicara,
        coalesce(sum(n) filter (where dis = 5), 0)              as dis_rungu,
        coalesce(sum(n) filter (where dis = 6), 0)              as dis_netra,
        coalesce(sum(n) filter (where ktpel = 'B'), 0)          as ktpel_belum_rekam
    from kelompok
    group by all
),
rekap as (
    select kode_desa,
        case when count(dpt) = count(*) then sum(dpt) end                       as dpt,
        case when count(dpt_l) = count(*) then sum(dpt_l) end                   as dpt_l,
        case when count(dpt_p) = count(*) then sum(dpt_p) end                   as dpt_p,
        case when count(tps) = count(*) then sum(tps) end                       as tps,
        case when count(pemilih_pemula) = count(*) then sum(pemilih_pemula) end as pemula_rekap,
        case when count(disabilitas) = count(*) then sum(disabilitas) end       as disabilitas_rekap
    from stg_pemilih
    where election_id = $election and kode_desa is not null
    group by all
),
daftar_tps as (
    select kode_desa, count(distinct tps) as tps
    from stg_daftar
    where election_id = $election
    group by all
),
tpsl as (
    select kode_desa, count(*) as tps, sum(dpt) as dpt, sum(dpt_l) as dpt_l, sum(dpt_p) as dpt_p
    from stg_tps
    where election_id = $election
    group by all
)
-- DPT, L, P and TPS of the desa as marts/desa gives them (recap, else per-voter list, else TPS list).
select r.kode_kecamatan, k.kecamatan, r.kode_desa, r.desa, r.jenis,
    coalesce(rekap.dpt, daftar.daftar_dpt, tpsl.dpt)                         as dpt,
    case when rekap.dpt is not null then rekap.dpt_l
         when daftar.daftar_dpt is not null then daftar.daftar_l else tpsl.dpt_l end as dpt_l,
    case when rekap.dpt is not null then rekap.dpt_p
         when daftar.daftar_dpt is not null then daftar.daftar_p else tpsl.dpt_p end as dpt_p,
    coalesce(tpsl.tps, rekap.tps, daftar_tps.tps)                         as tps,
    daftar.* exclude (kode_desa),
    rekap.pemula_rekap, rekap.disabilitas_rekap
from ref_desa r
join ref_kecamatan k using (kode_kecamatan)
left join daftar using (kode_desa)
left join rekap using (kode_desa)
left join tpsl using (kode_desa)
left join daftar_tps using (kode_desa)
order by r.kode_desa

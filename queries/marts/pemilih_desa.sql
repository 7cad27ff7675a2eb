-- Voters per desa for one election: DPT, L, P and TPS as marts/desa gives them, and the groups
-- leadership asks about — from the active per-voter lists the voters counted, L/P, pemilih pemula
-- (age on election day from the election's settings pemula_usia_min–max, default 17–21),
-- disabilitas per category (dis 1 fisik … 6 netra) and KTP-el not yet recorded; from the recap its own pemilih pemula/disabilitas columns when it has them.
-- Null where a source is missing (never 0). `kecamatan`: that kecamatan's desa only (null: every desa).
-- params: election, kecamatan
with daftar as (
    -- counted once per desa when the data changed (stored table kelompok_desa, queries/tersimpan)
    select kode_desa, pemilih as daftar_dpt, pemilih_l as daftar_l, pemilih_p as daftar_p,
        pemula, pemula_l, pemula_p, tanpa_tgl_lahir, disabilitas, dis_fisik, dis_intelektual, dis_mental,
        dis_wicara, dis_rungu, dis_netra, ktpel_belum_rekam
    from kelompok_desa
    where election_id = $election and kode_desa is not null
        and ($kecamatan is null or kode_kecamatan = $kecamatan)
),
daftar_tps as (
    select kode_desa, tps from kelompok_desa
    where election_id = $election and kode_desa is not null
        and ($kecamatan is null or kode_kecamatan = $kecamatan)
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
        and ($kecamatan is null or kode_kecamatan = $kecamatan)
    group by all
),
tpsl as (
    select kode_desa, count(*) as tps, sum(dpt) as dpt, sum(dpt_l) as dpt_l, sum(dpt_p) as dpt_p
    from stg_tps
    where election_id = $election and ($kecamatan is null or kode_kecamatan = $kecamatan)
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
where $kecamatan is null or r.kode_kecamatan = $kecamatan
order by r.kode_desa

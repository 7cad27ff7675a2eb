-- Voters and TPS per desa for one election: DPT from the recap where it has desa rows, else
-- counted from the per-voter list, else from the TPS list; TPS from the TPS list, else the
-- recap, else distinct TPS in the per-voter list. Desa without any data keep empty figures.
-- params: election
with
rekap as (
    select kode_desa, sum(dpt) dpt, sum(dpt_l) dpt_l, sum(dpt_p) dpt_p,
        case when count(tps) = count(*) then sum(tps) end as tps
    from stg_pemilih where election_id = $election and kode_desa is not null group by all
),
tpsl as (
    select kode_desa, count(*) tps, sum(dpt) dpt, sum(dpt_l) dpt_l, sum(dpt_p) dpt_p,
        max(dpt) as pemilih_per_tps_maks
    from stg_tps where election_id = $election group by all
),
daftar as (
    select kode_desa, count(*) dpt, count(*) filter (where jk = 'L') dpt_l,
        count(*) filter (where jk = 'P') dpt_p, count(distinct tps) tps
    from stg_daftar where election_id = $election group by all
)
select d.kode_desa, d.desa, d.jenis, d.kode_kecamatan, k.kecamatan,
    coalesce(rekap.dpt, daftar.dpt, tpsl.dpt) as dpt,
    case when rekap.dpt is not null then rekap.dpt_l
         when daftar.dpt is not null then daftar.dpt_l else tpsl.dpt_l end as dpt_l,
    case when rekap.dpt is not null then rekap.dpt_p
         when daftar.dpt is not null then daftar.dpt_p else tpsl.dpt_p end as dpt_p,
    coalesce(tpsl.tps, rekap.tps, daftar.tps) as tps,
    tpsl.pemilih_per_tps_maks
from ref_desa d
join ref_kecamatan k using (kode_kecamatan)
left join rekap using (kode_desa)
left join tpsl using (kode_desa)
left join daftar using (kode_desa)
order by d.kode_desa

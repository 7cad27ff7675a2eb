-- Readiness per desa of one kecamatan ($kecamatan null = every desa) for one election: DPT from
-- the recap, else the per-voter list, else the TPS list; the DPT each source gives and their
-- difference; TPS and voters per TPS against the capacity; KTP-el when the file has desa rows.
-- Each indicator's status uses the election's thresholds; `status` is the worst of them.
-- params: election, kecamatan
with
s as (
    select max(value) filter (where key = 'ktpel_hijau')        as t_ktpel_hijau,
           max(value) filter (where key = 'ktpel_kuning')       as t_ktpel_kuning,
           max(value) filter (where key = 'konsistensi_kuning') as t_konsistensi_kuning
    from settings where election_id = $election
),
e as (select kapasitas_tps from elections where election_id = $election),
rekap as (
    select kode_desa,
        case when count(dpt) = count(*) then sum(dpt) end     as dpt,
        case when count(dpt_l) = count(*) then sum(dpt_l) end as dpt_l,
        case when count(dpt_p) = count(*) then sum(dpt_p) end as dpt_p,
        case when count(tps) = count(*) then sum(tps) end     as tps
    from stg_pemilih
    where election_id = $election and kode_desa is not null
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
    group by all
),
tpsl as (
    select t.kode_desa, count(*) as tps,
        case when count(t.dpt) = count(*) then sum(t.dpt) end     as dpt,
        case when count(t.dpt_l) = count(*) then sum(t.dpt_l) end as dpt_l,
        case when count(t.dpt_p) = count(*) then sum(t.dpt_p) end as dpt_p,
        max(t.dpt) as maks, round(avg(t.dpt), 1) as rata,
        count(*) filter (where t.dpt > e.kapasitas_tps) as lebih
    from stg_tps t, e
    where t.election_id = $election and ($kecamatan is null or t.kode_kecamatan = $kecamatan)
    group by all
),
daftar as (
    select kode_desa, count(*) as dpt, count(*) filter (where jk = 'L') as dpt_l,
        count(*) filter (where jk = 'P') as dpt_p, count(distinct tps) as tps
    from stg_daftar
    where election_id = $election and ($kecamatan is null or kode_kecamatan = $kecamatan)
    group by all
),
ktpel as (
    select kode_desa,
        case when count(wajib_ktpel) = count(*) then sum(wajib_ktpel) end as wajib,
        case when count(sudah_rekam) = count(*) then sum(sudah_rekam) end as rekam
    from stg_ktpel
    where election_id = $election and kode_desa is not null
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
    group by all
),
joined as (
    select d.kode_kecamatan, k.kecamatan, d.kode_desa, d.desa, d.jenis,
        coalesce(rekap.dpt, daftar.dpt, tpsl.dpt) as dpt,
        case when rekap.dpt is not null then rekap.dpt_l
             when daftar.dpt is not null then daftar.dpt_l else tpsl.dpt_l end as dpt_l,
        case when rekap.dpt is not null then rekap.dpt_p
             when daftar.dpt is not null then daftar.dpt_p else tpsl.dpt_p end as dpt_p,
        coalesce(tpsl.tps, rekap.tps, daftar.tps) as tps,
        rekap.dpt as dpt_rekap, tpsl.dpt as dpt_daftar_tps, daftar.dpt as dpt_daftar_pemilih,
        tpsl.maks as pemilih_per_tps_maks, tpsl.rata as pemilih_per_tps_rata,
        tpsl.lebih as tps_melebihi_kapasitas, e.kapasitas_tps,
        ktpel.wajib as ktpel_wajib, ktpel.rekam as ktpel_rekam,
        round(100.0 * ktpel.rekam / nullif(ktpel.wajib, 0), 2) as ktpel_persen,
        greatest(rekap.dpt, tpsl.dpt, daftar.dpt) - least(rekap.dpt, tpsl.dpt, daftar.dpt) as selisih_dpt,
        round(100.0 * (greatest(rekap.dpt, tpsl.dpt, daftar.dpt) - least(rekap.dpt, tpsl.dpt, daftar.dpt))
              / nullif(greatest(rekap.dpt, tpsl.dpt, daftar.dpt), 0), 2) as selisih_dpt_persen,
        (rekap.dpt is not null)::int + (tpsl.dpt is not null)::int + (daftar.dpt is not null)::int
            as jumlah_sumber_dpt,
        s.*
    from ref_desa d
    join ref_kecamatan k using (kode_kecamatan)
    cross join s
    cross join e
    left join rekap using (kode_desa)
    left join tpsl using (kode_desa)
    left join daftar using (kode_desa)
    left join ktpel using (kode_desa)
    where $kecamatan is null or d.kode_kecamatan = $kecamatan
),
rated as (
    select *,
        case when tps_melebihi_kapasitas is null then null
             when tps_melebihi_kapasitas = 0 then 'hijau' else 'merah' end as status_tps,
        case when ktpel_persen is null then null
             when ktpel_persen >= t_ktpel_hijau then 'hijau'
             when ktpel_persen >= t_ktpel_kuning then 'kuning' else 'merah' end as status_ktpel,
        case when jumlah_sumber_dpt < 2 then null
             when selisih_dpt = 0 then 'hijau'
             when selisih_dpt_persen <= t_konsistensi_kuning then 'kuning' else 'merah' end as status_konsistensi
    from joined
)
select *,
    ['hijau', 'kuning', 'merah'][list_max(list_transform(
        [status_tps, status_ktpel, status_konsistensi],
        lambda x: case x when 'hijau' then 1 when 'kuning' then 2 when 'merah' then 3 end))] as status
from rated
order by kode_desa

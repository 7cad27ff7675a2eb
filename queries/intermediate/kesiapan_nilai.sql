-- int_kesiapan_nilai: the readiness indicators' values, one row per election and unit — every
-- kecamatan of the contest's region (tingkat 'kecamatan', kode = kode_kecamatan; stg_kontes_kecamatan)
-- and every desa of those (tingkat 'desa', kode = kode_desa) — measured the same way at both levels:
-- DPT from the recap, else the per-voter list, else the TPS list (and which source that was); the
-- DPT each source gives and how far apart they are; TPS and voters per TPS against the election's
-- capacity; KTP-el coverage, rounded before any threshold applies so a status matches the figure
-- shown; and the election's thresholds (int_pengaturan). No status here: int_kesiapan rates these
-- values with one set of rules.
-- The figures of the recap, TPS list, per-voter list and KTP-el do not depend on the contest: they are
-- the stored rows of nilai_hari, computed once per day whose contests share them (`hari`) and read
-- here by every contest of that day for its own kecamatan and desa. A filter on the level or the
-- kecamatan reaches them, so one kecamatan's desa read only that kecamatan's rows.
-- Judged per kecamatan only (files are sent per kecamatan; null for a desa), and the contest's own:
-- the target in force — a per-kecamatan setting > the uploaded kecamatan target > the uploaded
-- kabupaten target > the kabupaten default setting (`target_sumber` says which) — the previous
-- turnout, which of the four kinds of data are present (`jumlah_jenis_data`), and the open problems
-- of the inventory.
-- params: -
with
unit as (
    select 'kecamatan' as tingkat, k.kode_kecamatan as kode, k.kode_kecamatan, k.kecamatan,
        null::varchar as kode_desa, null::varchar as desa, null::varchar as jenis,
        kw.korwil, kw.koordinator, kk.hari, p.*
    from int_pengaturan p
    join stg_kontes_kecamatan kk on kk.election_id = p.election_id
    join ref_kecamatan k on k.kode_kecamatan = kk.kode_kecamatan
    left join korwil kw on kw.election_id = p.election_id and kw.kode_kecamatan = k.kode_kecamatan
    union all
    select 'desa', d.kode_desa, d.kode_kecamatan, k.kecamatan, d.kode_desa, d.desa, d.jenis,
        kw.korwil, kw.koordinator, kk.hari, p.*
    from int_pengaturan p
    join stg_kontes_kecamatan kk on kk.election_id = p.election_id
    join ref_kecamatan k on k.kode_kecamatan = kk.kode_kecamatan
    join ref_desa d on d.kode_kecamatan = k.kode_kecamatan
    left join korwil kw on kw.election_id = p.election_id and kw.kode_kecamatan = k.kode_kecamatan
),
-- Target, previous turnout and problems are judged per kecamatan (tingkat 'kecamatan' only).
target_kec as (
    select election_id, 'kecamatan' as tingkat, kode_kecamatan, target_partisipasi, partisipasi_sebelumnya
    from stg_target
    where kode_kecamatan is not null
),
-- A per-kecamatan target set on the Pengaturan page (settings key `target_partisipasi:<kode>`)
-- overrides any uploaded target.
target_atur as (
    select election_id, 'kecamatan' as tingkat, substr(key, length('target_partisipasi:') + 1) as kode_kecamatan,
        value as target_partisipasi
    from stg_settings
    where key like 'target_partisipasi:%'
),
target_kab as (
    select election_id, 'kecamatan' as tingkat, max(target_partisipasi) as target_partisipasi
    from stg_target
    where kode_kecamatan is null
    group by all
),
-- Open problems from the inventory (readiness/masalah/); `m.tingkat` is a problem's severity.
masalah_buka as (
    select m.election_id, 'kecamatan' as tingkat, m.kode_kecamatan,
        count(*)                                      as masalah_terbuka,
        count(*) filter (where m.tingkat = 'tinggi')  as masalah_terbuka_tinggi
    from masalah m
    where m.status <> 'selesai'
    group by m.election_id, m.kode_kecamatan
),
joined as (
    select u.* exclude (hari),
        n.rekap_dpt       as dpt_rekap,
        n.tps_dpt         as dpt_daftar_tps,
        n.daftar_dpt      as dpt_daftar_pemilih,
        case when n.rekap_dpt is not null then 'rekap'
             when n.daftar_dpt is not null then 'daftar pemilih'
             when n.tps_dpt is not null then 'daftar TPS' end                  as dpt_sumber,
        coalesce(n.rekap_dpt, n.daftar_dpt, n.tps_dpt)                       as dpt,
        case when n.rekap_dpt is not null then n.rekap_dpt_l
             when n.daftar_dpt is not null then n.daftar_dpt_l
             else n.tps_dpt_l end                                            as dpt_l,
        case when n.rekap_dpt is not null then n.rekap_dpt_p
             when n.daftar_dpt is not null then n.daftar_dpt_p
             else n.tps_dpt_p end                                            as dpt_p,
        coalesce(n.tps_tps, n.rekap_tps, n.daftar_tps)                       as tps,
        n.tps_maks                                                           as pemilih_per_tps_maks,
        round(n.tps_rata, 1)                                                 as pemilih_per_tps_rata,
        n.tps_lebih                                                          as tps_melebihi_kapasitas,
        n.ktpel_wajib                                                        as ktpel_wajib,
        n.ktpel_rekam                                                        as ktpel_rekam,
        round(100.0 * n.ktpel_rekam / nullif(n.ktpel_wajib, 0), 2)           as ktpel_persen,
        n.ktpel_tanggal                                                      as ktpel_tanggal,
        case when u.tingkat = 'kecamatan'
             then coalesce(ta.target_partisipasi, tk.target_partisipasi, tb.target_partisipasi,
                           u.t_target_partisipasi) end                       as target_partisipasi,
        case when u.tingkat <> 'kecamatan' then null
             when ta.target_partisipasi is not null then 'pengaturan kecamatan'
             when tk.target_partisipasi is not null then 'kecamatan'
             when tb.target_partisipasi is not null then 'kabupaten'
             else 'pengaturan' end                                           as target_sumber,
        tk.partisipasi_sebelumnya                                            as partisipasi_sebelumnya,
        (n.rekap_dpt is not null or n.daftar_dpt is not null)                as ada_pemilih,
        n.tps_tps is not null                                                as ada_tps,
        n.ktpel_wajib is not null                                            as ada_ktpel,
        case when u.tingkat = 'kecamatan'
             then tk.target_partisipasi is not null or tb.target_partisipasi is not null end as ada_target,
        case when u.tingkat = 'kecamatan' then coalesce(mb.masalah_terbuka, 0) end as masalah_terbuka,
        case when u.tingkat = 'kecamatan' then coalesce(mb.masalah_terbuka_tinggi, 0) end as masalah_terbuka_tinggi
    from unit u
    left join nilai_hari n using (hari, tingkat, kode_kecamatan, kode)
    left join target_kec tk using (election_id, tingkat, kode_kecamatan)
    left join target_atur ta using (election_id, tingkat, kode_kecamatan)
    left join target_kab tb using (election_id, tingkat)
    left join masalah_buka mb using (election_id, tingkat, kode_kecamatan)
)
select *,
    round(target_partisipasi - partisipasi_sebelumnya, 1)                     as selisih_partisipasi,
    greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)
        - least(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)                as selisih_dpt,
    (dpt_rekap is not null)::int + (dpt_daftar_tps is not null)::int
        + (dpt_daftar_pemilih is not null)::int                               as jumlah_sumber_dpt,
    case when tingkat = 'kecamatan'
         then ada_pemilih::int + ada_tps::int + ada_ktpel::int + ada_target::int end as jumlah_jenis_data,
    round(100.0 * (greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)
                   - least(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih))
          / nullif(greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih), 0), 2) as selisih_dpt_persen
from joined

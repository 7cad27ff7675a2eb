-- int_kesiapan_nilai: the readiness indicators' values, one row per election and unit — every
-- kecamatan (tingkat 'kecamatan', kode = kode_kecamatan) and every desa (tingkat 'desa', kode =
-- kode_desa) — measured the same way at both levels: DPT from the recap, else the per-voter list,
-- else the TPS list (and which source that was); the DPT each source gives and how far apart they
-- are; TPS and voters per TPS against the election's capacity; KTP-el coverage, rounded before any
-- threshold applies so a status matches the figure shown; and the election's thresholds
-- (int_pengaturan). No status here: int_kesiapan rates these values with one set of rules.
-- Each source's rows are taken once per level (`tingkat`) and summed per unit of that level, with one
-- set of aggregates; a filter on the level or the kecamatan reaches the sources, so int_kecamatan
-- sums no desa and one kecamatan's desa read only that kecamatan's rows. A kecamatan's figure
-- includes rows without a desa, and rows naming a desa of another kecamatan; such rows belong to no
-- desa. A sum over rows is only a figure when every row has the value; else it is missing (null, never 0).
-- Judged per kecamatan only (files are sent per kecamatan; null for a desa): the target in force —
-- a per-kecamatan setting > the uploaded kecamatan target > the uploaded kabupaten target > the
-- kabupaten default setting (`target_sumber` says which) — the previous turnout, which of the four
-- kinds of data are present (`jumlah_jenis_data`), and the open problems of the inventory.
-- params: -
with
tingkatan(tingkat) as (values ('kecamatan'), ('desa')),
wilayah as (
    select 'kecamatan' as tingkat, kode_kecamatan as kode, kode_kecamatan,
        null::varchar as kode_desa, null::varchar as desa, null::varchar as jenis
    from ref_kecamatan
    union all
    select 'desa', kode_desa, kode_kecamatan, kode_desa, desa, jenis
    from ref_desa
),
unit as (
    select w.tingkat, w.kode, w.kode_kecamatan, k.kecamatan, w.kode_desa, w.desa, w.jenis,
        kw.korwil, kw.koordinator, p.*
    from int_pengaturan p
    cross join wilayah w
    join ref_kecamatan k using (kode_kecamatan)
    left join korwil kw on kw.election_id = p.election_id and kw.kode_kecamatan = w.kode_kecamatan
),
rekap as (
    select election_id, kode_kecamatan, tingkat,
        if(tingkat = 'kecamatan', kode_kecamatan, kode_desa)             as kode,
        case when count(dpt) = count(*) then sum(dpt) end                as dpt,
        case when count(dpt_l) = count(*) then sum(dpt_l) end            as dpt_l,
        case when count(dpt_p) = count(*) then sum(dpt_p) end            as dpt_p,
        case when count(tps) = count(*) then sum(tps) end                as tps
    from stg_pemilih, tingkatan
    group by all
),
tpsl as (
    select t.election_id, t.kode_kecamatan, l.tingkat,
        if(l.tingkat = 'kecamatan', t.kode_kecamatan, t.kode_desa)       as kode,
        count(*)                                                         as tps,
        case when count(t.dpt) = count(*) then sum(t.dpt) end            as dpt,
        case when count(t.dpt_l) = count(*) then sum(t.dpt_l) end        as dpt_l,
        case when count(t.dpt_p) = count(*) then sum(t.dpt_p) end        as dpt_p,
        max(t.dpt)                                                       as maks,
        avg(t.dpt)                                                       as rata,
        count(*) filter (where t.dpt > e.kapasitas_tps)                  as lebih
    from stg_tps t
    join elections e on e.election_id = t.election_id
    cross join tingkatan l
    group by all
),
-- Counted per TPS first, then per desa and kecamatan: the same figures as counting voter rows
-- directly, but the TPS count runs over ~2.000 groups instead of ~870.000 rows.
daftar_tps as (
    select election_id, kode_kecamatan, kode_desa, tps,
        count(*)                                   as dpt,
        count(*) filter (where jk = 'L')           as dpt_l,
        count(*) filter (where jk = 'P')           as dpt_p
    from stg_daftar
    group by all
),
daftar as (
    select election_id, kode_kecamatan,
        tingkat, if(tingkat = 'kecamatan', kode_kecamatan, kode_desa)    as kode,
        sum(dpt)::bigint                                                 as dpt,
        sum(dpt_l)::bigint                                               as dpt_l,
        sum(dpt_p)::bigint                                               as dpt_p,
        count(*)                                                         as tps
    from daftar_tps, tingkatan
    group by all
),
ktpel as (
    select election_id, kode_kecamatan,
        tingkat, if(tingkat = 'kecamatan', kode_kecamatan, kode_desa)    as kode,
        case when count(wajib_ktpel) = count(*) then sum(wajib_ktpel) end as wajib,
        case when count(sudah_rekam) = count(*) then sum(sudah_rekam) end as rekam,
        max(tanggal)                                                     as tanggal
    from stg_ktpel, tingkatan
    group by all
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
    select u.*,
        rekap.dpt   as dpt_rekap,
        tpsl.dpt    as dpt_daftar_tps,
        daftar.dpt  as dpt_daftar_pemilih,
        case when rekap.dpt is not null then 'rekap'
             when daftar.dpt is not null then 'daftar pemilih'
             when tpsl.dpt is not null then 'daftar TPS' end                 as dpt_sumber,
        coalesce(rekap.dpt, daftar.dpt, tpsl.dpt)                            as dpt,
        case when rekap.dpt is not null then rekap.dpt_l
             when daftar.dpt is not null then daftar.dpt_l
             else tpsl.dpt_l end                                             as dpt_l,
        case when rekap.dpt is not null then rekap.dpt_p
             when daftar.dpt is not null then daftar.dpt_p
             else tpsl.dpt_p end                                             as dpt_p,
        coalesce(tpsl.tps, rekap.tps, daftar.tps)                            as tps,
        tpsl.maks                                                            as pemilih_per_tps_maks,
        round(tpsl.rata, 1)                                                  as pemilih_per_tps_rata,
        tpsl.lebih                                                           as tps_melebihi_kapasitas,
        ktpel.wajib                                                          as ktpel_wajib,
        ktpel.rekam                                                          as ktpel_rekam,
        round(100.0 * ktpel.rekam / nullif(ktpel.wajib, 0), 2)               as ktpel_persen,
        ktpel.tanggal                                                        as ktpel_tanggal,
        case when u.tingkat = 'kecamatan'
             then coalesce(ta.target_partisipasi, tk.target_partisipasi, tb.target_partisipasi,
                           u.t_target_partisipasi) end                       as target_partisipasi,
        case when u.tingkat <> 'kecamatan' then null
             when ta.target_partisipasi is not null then 'pengaturan kecamatan'
             when tk.target_partisipasi is not null then 'kecamatan'
             when tb.target_partisipasi is not null then 'kabupaten'
             else 'pengaturan' end                                           as target_sumber,
        tk.partisipasi_sebelumnya                                            as partisipasi_sebelumnya,
        (rekap.dpt is not null or daftar.dpt is not null)                    as ada_pemilih,
        tpsl.tps is not null                                                 as ada_tps,
        ktpel.wajib is not null                                              as ada_ktpel,
        case when u.tingkat = 'kecamatan'
             then tk.target_partisipasi is not null or tb.target_partisipasi is not null end as ada_target,
        case when u.tingkat = 'kecamatan' then coalesce(mb.masalah_terbuka, 0) end as masalah_terbuka,
        case when u.tingkat = 'kecamatan' then coalesce(mb.masalah_terbuka_tinggi, 0) end as masalah_terbuka_tinggi
    from unit u
    left join rekap  using (election_id, tingkat, kode_kecamatan, kode)
    left join tpsl   using (election_id, tingkat, kode_kecamatan, kode)
    left join daftar using (election_id, tingkat, kode_kecamatan, kode)
    left join ktpel  using (election_id, tingkat, kode_kecamatan, kode)
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

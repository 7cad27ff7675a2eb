-- int_kecamatan: one row per election and kecamatan with every readiness indicator, the
-- status of each (hijau/kuning/merah, null when its data is missing) and the overall status
-- (the worst). Thresholds and TPS capacity come from `settings` and `elections`, per election.
-- The target in force: a per-kecamatan setting > the uploaded kecamatan target > the uploaded
-- kabupaten target > the kabupaten default setting (`target_sumber` says which).
-- The reasons (`alasan`) are worded in readiness/model.py from these columns.
-- params: -
with
s as (
    select election_id,
        max(value) filter (where key = 'ktpel_hijau')        as t_ktpel_hijau,
        max(value) filter (where key = 'ktpel_kuning')       as t_ktpel_kuning,
        max(value) filter (where key = 'partisipasi_hijau')  as t_partisipasi_hijau,
        max(value) filter (where key = 'partisipasi_kuning') as t_partisipasi_kuning,
        max(value) filter (where key = 'konsistensi_kuning') as t_konsistensi_kuning,
        max(value) filter (where key = 'target_partisipasi') as t_target_partisipasi,
        coalesce(max(value) filter (where key = 'masalah_tinggi_kuning'), 0) as t_masalah_tinggi_kuning
    from settings
    group by election_id
),
base as (
    select e.election_id, e.kapasitas_tps, k.kode_kecamatan, k.kecamatan, w.korwil, w.koordinator
    from elections e
    cross join ref_kecamatan k
    left join korwil w on w.election_id = e.election_id and w.kode_kecamatan = k.kode_kecamatan
),
-- A sum over rows is only a figure when every row has the value; otherwise it is missing.
rekap as (
    select election_id, kode_kecamatan,
        case when count(dpt) = count(*) then sum(dpt) end     as dpt,
        case when count(dpt_l) = count(*) then sum(dpt_l) end as dpt_l,
        case when count(dpt_p) = count(*) then sum(dpt_p) end as dpt_p,
        case when count(tps) = count(*) then sum(tps) end     as tps
    from stg_pemilih
    group by all
),
tpsl as (
    select t.election_id, t.kode_kecamatan,
        count(*)                                                      as tps,
        case when count(t.dpt) = count(*) then sum(t.dpt) end         as dpt,
        case when count(t.dpt_l) = count(*) then sum(t.dpt_l) end     as dpt_l,
        case when count(t.dpt_p) = count(*) then sum(t.dpt_p) end     as dpt_p,
        max(t.dpt)                                                    as maks,
        avg(t.dpt)                                                    as rata,
        count(*) filter (where t.dpt > e.kapasitas_tps)               as lebih
    from stg_tps t
    join elections e using (election_id)
    group by all
),
-- Counted per TPS first, then per kecamatan: the same figures as counting voter rows directly,
-- but the distinct-TPS count runs over ~2.000 groups instead of ~870.000 rows.
daftar_tps as (
    select d.election_id, d.kode_kecamatan, d.kode_desa, d.tps,
        count(*)                                   as dpt,
        count(*) filter (where d.jk = 'L')         as dpt_l,
        count(*) filter (where d.jk = 'P')         as dpt_p
    from stg_daftar d
    group by all
),
daftar as (
    select election_id, kode_kecamatan,
        sum(dpt)::bigint                           as dpt,
        sum(dpt_l)::bigint                         as dpt_l,
        sum(dpt_p)::bigint                         as dpt_p,
        count(*)                                   as tps
    from daftar_tps
    group by all
),
ktpel as (
    select election_id, kode_kecamatan,
        case when count(wajib_ktpel) = count(*) then sum(wajib_ktpel) end as wajib,
        case when count(sudah_rekam) = count(*) then sum(sudah_rekam) end as rekam,
        max(tanggal) as tanggal
    from stg_ktpel
    group by all
),
target_kec as (
    select election_id, kode_kecamatan, target_partisipasi, partisipasi_sebelumnya
    from stg_target
    where kode_kecamatan is not null
),
-- A per-kecamatan target set on the Pengaturan page (settings key `target_partisipasi:<kode>`)
-- overrides any uploaded target.
target_atur as (
    select election_id, substr(key, length('target_partisipasi:') + 1) as kode_kecamatan,
        value as target_partisipasi
    from settings
    where key like 'target_partisipasi:%'
),
target_kab as (
    select election_id, max(target_partisipasi) as target_partisipasi
    from stg_target
    where kode_kecamatan is null
    group by all
),
-- Open problems from the inventory (readiness/masalah.py): an open `tinggi` one makes the
-- kecamatan at least kuning when the election's setting `masalah_tinggi_kuning` is 1.
masalah_buka as (
    select election_id, kode_kecamatan,
        count(*)                                      as masalah_terbuka,
        count(*) filter (where tingkat = 'tinggi')    as masalah_terbuka_tinggi
    from masalah
    where status <> 'selesai'
    group by all
),
joined as (
    select b.*,
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
        -- Rounded before the thresholds apply, so the status matches the figure shown.
        round(100.0 * ktpel.rekam / nullif(ktpel.wajib, 0), 2)               as ktpel_persen,
        ktpel.tanggal                                                        as ktpel_tanggal,
        coalesce(ta.target_partisipasi, tk.target_partisipasi, tb.target_partisipasi,
                 s.t_target_partisipasi)                                     as target_partisipasi,
        case when ta.target_partisipasi is not null then 'pengaturan kecamatan'
             when tk.target_partisipasi is not null then 'kecamatan'
             when tb.target_partisipasi is not null then 'kabupaten'
             else 'pengaturan' end                                           as target_sumber,
        tk.partisipasi_sebelumnya                                            as partisipasi_sebelumnya,
        (rekap.dpt is not null or daftar.dpt is not null)                    as ada_pemilih,
        tpsl.tps is not null                                                 as ada_tps,
        ktpel.wajib is not null                                              as ada_ktpel,
        (tk.target_partisipasi is not null or tb.target_partisipasi is not null) as ada_target,
        coalesce(mb.masalah_terbuka, 0)                                     as masalah_terbuka,
        coalesce(mb.masalah_terbuka_tinggi, 0)                              as masalah_terbuka_tinggi,
        s.* exclude (election_id)
    from base b
    join s using (election_id)
    left join rekap  using (election_id, kode_kecamatan)
    left join tpsl   using (election_id, kode_kecamatan)
    left join daftar using (election_id, kode_kecamatan)
    left join ktpel  using (election_id, kode_kecamatan)
    left join target_kec tk using (election_id, kode_kecamatan)
    left join target_atur ta using (election_id, kode_kecamatan)
    left join target_kab tb using (election_id)
    left join masalah_buka mb using (election_id, kode_kecamatan)
),
measured as (
    select *,
        round(target_partisipasi - partisipasi_sebelumnya, 1)                 as selisih_partisipasi,
        greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)
            - least(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)            as selisih_dpt,
        (dpt_rekap is not null)::int + (dpt_daftar_tps is not null)::int
            + (dpt_daftar_pemilih is not null)::int                           as jumlah_sumber_dpt,
        ada_pemilih::int + ada_tps::int + ada_ktpel::int + ada_target::int    as jumlah_jenis_data,
        round(100.0 * (greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)
                       - least(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih))
              / nullif(greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih), 0), 2)
                                                                              as selisih_dpt_persen
    from joined
),
rated as (
    select *,
        case when tps_melebihi_kapasitas is null then null
             when tps_melebihi_kapasitas = 0 then 'hijau' else 'merah' end    as status_tps,
        case when ktpel_persen is null then null
             when ktpel_persen >= t_ktpel_hijau then 'hijau'
             when ktpel_persen >= t_ktpel_kuning then 'kuning' else 'merah' end as status_ktpel,
        case when selisih_partisipasi is null then null
             when selisih_partisipasi <= t_partisipasi_hijau then 'hijau'
             when selisih_partisipasi <= t_partisipasi_kuning then 'kuning' else 'merah' end
                                                                              as status_partisipasi,
        case when jumlah_jenis_data = 4 then 'hijau'
             when jumlah_jenis_data = 0 then 'merah' else 'kuning' end        as status_kelengkapan,
        case when jumlah_sumber_dpt < 2 then null
             when selisih_dpt = 0 then 'hijau'
             when selisih_dpt_persen <= t_konsistensi_kuning then 'kuning' else 'merah' end
                                                                              as status_konsistensi,
        case when masalah_terbuka_tinggi > 0 and t_masalah_tinggi_kuning >= 1 then 'kuning'
             else 'hijau' end                                                 as status_masalah
    from measured
)
select *,
    -- The overall status is the worst of the indicators that have data.
    ['hijau', 'kuning', 'merah'][list_max(list_transform(
        [status_tps, status_ktpel, status_partisipasi, status_kelengkapan, status_konsistensi, status_masalah],
        lambda x: case x when 'hijau' then 1 when 'kuning' then 2 when 'merah' then 3 end))] as status
from rated

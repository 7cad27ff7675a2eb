-- The readiness values of each kab/kota of the region, in the shape int_kesiapan rates
-- (int_kesiapan_nilai's columns), so a kab/kota is rated by the kecamatan rules on its sums
-- (readiness.model.kabkota). A sum is a figure only when every kecamatan of the kab/kota has it
-- (as marts/kabkota): the DPT of each source, TPS, KTP-el; TPS over capacity are counted over the
-- kecamatan with a TPS list; the target and previous turnout are weighted by DPT (the previous
-- turnout only when every kecamatan has it). A kind of data counts as present for the kab/kota
-- when every one of its kecamatan has it (`ada_*`; `jumlah_*`: how many have it), so completeness
-- is green only with all four kinds everywhere, red when none of its kecamatan has any data, and
-- yellow otherwise. Open problems are summed. A kab/kota known by its total alone (a row of KPU's
-- national recap: stg_pemilih_kabkota) takes that total for DPT, L, P and TPS, counts as having
-- voter data, and says `rincian` 'rincian kecamatan belum ada' while none of its kecamatan has a DPT.
-- Reads `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model) and, for
-- each kab/kota counted once, the table macro kabkota_jumlah (queries/makro/kabkota_jumlah.sql).
-- Summed by the aggregate macros of queries/makro/jumlah.sql.
-- params: election
with k as (
    select r.kode_kabkota, k.*
    from kesiapan_kecamatan k
    join ref_kecamatan r using (kode_kecamatan)
    where k.election_id = $election
),
j as (select * from kabkota_jumlah($election)),
s as (
    select
        b.kode_kabkota,
        b.kabkota,
        b.jenis,
        any_value(k.election_id)                                                  as election_id,
        count(*)                                                                  as jumlah_kecamatan,
        any_value(j.dpt)                                                          as dpt,
        any_value(j.dpt_l)                                                        as dpt_l,
        any_value(j.dpt_p)                                                        as dpt_p,
        any_value(j.dpt_rekap)                                                    as dpt_rekap,
        jumlah_lengkap(k.dpt_daftar_tps)                                        as dpt_daftar_tps,
        jumlah_lengkap(k.dpt_daftar_pemilih)                                    as dpt_daftar_pemilih,
        any_value(j.tps)                                                          as tps,
        sum(k.tps_melebihi_kapasitas)                                             as tps_melebihi_kapasitas,
        max(k.pemilih_per_tps_maks)                                               as pemilih_per_tps_maks,
        jumlah_lengkap(k.ktpel_wajib)                                           as ktpel_wajib,
        jumlah_lengkap(k.ktpel_rekam)                                           as ktpel_rekam,
        rerata_dpt(k.target_partisipasi, k.dpt)                                 as target_partisipasi,
        rerata_dpt_lengkap(k.partisipasi_sebelumnya, k.dpt)                     as partisipasi_sebelumnya,
        case when any_value(j.dari_total) then count(*)
             else count(*) filter (where k.ada_pemilih) end                       as jumlah_ada_pemilih,
        any_value(j.rincian)                                                      as rincian,
        count(*) filter (where k.ada_tps)                                         as jumlah_ada_tps,
        count(*) filter (where k.ada_ktpel)                                       as jumlah_ada_ktpel,
        count(*) filter (where k.ada_target)                                      as jumlah_ada_target,
        count(*) filter (where k.jumlah_jenis_data > 0)                           as jumlah_kecamatan_berdata,
        sum(k.masalah_terbuka)                                                    as masalah_terbuka,
        sum(k.masalah_terbuka_tinggi)                                             as masalah_terbuka_tinggi,
        count(*) filter (where k.status = 'hijau')                                as jumlah_hijau,
        count(*) filter (where k.status = 'kuning')                               as jumlah_kuning,
        count(*) filter (where k.status = 'merah')                                as jumlah_merah,
        any_value(k.kapasitas_tps)                                                as kapasitas_tps,
        any_value(k.t_ktpel_hijau)                                                as t_ktpel_hijau,
        any_value(k.t_ktpel_kuning)                                               as t_ktpel_kuning,
        any_value(k.t_partisipasi_hijau)                                          as t_partisipasi_hijau,
        any_value(k.t_partisipasi_kuning)                                         as t_partisipasi_kuning,
        any_value(k.t_konsistensi_kuning)                                         as t_konsistensi_kuning,
        any_value(k.t_masalah_tinggi_kuning)                                      as t_masalah_tinggi_kuning
    from stg_kabkota b
    join k using (kode_kabkota)
    join j using (kode_kabkota)
    group by all
)
select *,
    round(100.0 * ktpel_rekam / nullif(ktpel_wajib, 0), 2)                        as ktpel_persen,
    round(target_partisipasi - partisipasi_sebelumnya, 1)                         as selisih_partisipasi,
    greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)
        - least(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)                    as selisih_dpt,
    (dpt_rekap is not null)::int + (dpt_daftar_tps is not null)::int
        + (dpt_daftar_pemilih is not null)::int                                   as jumlah_sumber_dpt,
    round(100.0 * (greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih)
                   - least(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih))
          / nullif(greatest(dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih), 0), 2) as selisih_dpt_persen,
    jumlah_ada_pemilih = jumlah_kecamatan                                         as ada_pemilih,
    jumlah_ada_tps = jumlah_kecamatan                                             as ada_tps,
    jumlah_ada_ktpel = jumlah_kecamatan                                           as ada_ktpel,
    jumlah_ada_target = jumlah_kecamatan                                          as ada_target,
    case when jumlah_kecamatan_berdata = 0 and rincian is null then 0
         else greatest(1, (jumlah_ada_pemilih = jumlah_kecamatan)::int + (jumlah_ada_tps = jumlah_kecamatan)::int
                          + (jumlah_ada_ktpel = jumlah_kecamatan)::int + (jumlah_ada_target = jumlah_kecamatan)::int)
    end                                                                           as jumlah_jenis_data
from s
order by kode_kabkota

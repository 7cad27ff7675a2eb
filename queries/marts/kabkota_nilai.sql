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
-- Reads the table macro wilayah_jumlah (queries/makro/wilayah_jumlah.sql: the kecamatan of
-- `kesiapan_kecamatan` summed per area, each kab/kota counted once) at the level 'kabkota'.
-- params: election
with s as (
    select b.kode_kabkota, b.kabkota, b.jenis,
        a.* exclude (kode, jumlah_kabkota, ktpel_persen, status)
    from stg_kabkota b
    join wilayah_jumlah($election, 'kabkota') a on a.kode = b.kode_kabkota
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

-- Readiness per kab/kota of the region for one election (a province's or the nation's; the region
-- itself in a kab/kota installation): its kecamatan's figures summed (missing when any of its
-- kecamatan lacks them: a kab/kota's DPT is the sum of all its kecamatan or nothing), the
-- DPT-weighted target and previous turnout, counts per status, the worst status. A kab/kota known
-- by its total alone (a row of KPU's national recap: stg_pemilih_kabkota) shows that total for DPT,
-- L, P and TPS and `rincian` 'rincian kecamatan belum ada' while none of its kecamatan has a DPT;
-- finer data arriving later replaces the total (stg_pemilih_kabkota says when).
-- Reads the table macro wilayah_jumlah (queries/makro/wilayah_jumlah.sql: the kecamatan of
-- `kesiapan_kecamatan` summed per area, each kab/kota counted once) at the level 'kabkota'.
-- params: election
select
    b.kode_provinsi, b.provinsi, b.kode_kabkota, b.kabkota, b.jenis,
    s.jumlah_kecamatan, s.dpt, s.dpt_l, s.dpt_p, s.tps, s.tps_melebihi_kapasitas, s.pemilih_per_tps_maks,
    s.ktpel_wajib, s.ktpel_rekam, s.ktpel_persen, s.target_partisipasi, s.partisipasi_sebelumnya,
    s.jumlah_hijau, s.jumlah_kuning, s.jumlah_merah, s.status, s.rincian
from stg_kabkota b
join wilayah_jumlah($election, 'kabkota') s on s.kode = b.kode_kabkota
order by b.kode_kabkota

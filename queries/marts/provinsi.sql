-- Readiness per province of the region for one election (the nation's 38; the province itself in a
-- province installation; its province in a kab/kota installation, over that kab/kota alone): its
-- kecamatan's figures summed (missing when any of its kecamatan lacks them, so a province's DPT is
-- the sum of its kab/kota's, each counted once: its total or its kecamatan), the DPT-weighted target and previous turnout, counts of kecamatan per
-- status, the worst status.
-- Reads the table macro wilayah_jumlah (queries/makro/wilayah_jumlah.sql: the kecamatan of
-- `kesiapan_kecamatan` summed per area, each kab/kota counted once) at the level 'provinsi'.
-- params: election
with p as (select distinct kode_provinsi, provinsi from stg_kabkota)
select
    p.kode_provinsi, p.provinsi, s.jumlah_kabkota, s.jumlah_kecamatan,
    s.dpt, s.dpt_l, s.dpt_p, s.tps, s.tps_melebihi_kapasitas, s.pemilih_per_tps_maks,
    s.ktpel_wajib, s.ktpel_rekam, s.ktpel_persen, s.target_partisipasi, s.partisipasi_sebelumnya,
    s.jumlah_hijau, s.jumlah_kuning, s.jumlah_merah, s.status
from p
join wilayah_jumlah($election, 'provinsi') s on s.kode = p.kode_provinsi
order by p.kode_provinsi

-- Kabupaten totals for one election (one row): summed figures (missing when any kecamatan lacks
-- them; DPT, L, P and TPS summed per kab/kota, a kab/kota known by its total alone counted once),
-- the DPT-weighted previous participation, the kabupaten target, counts per status.
-- The one definition of the region's figures: every page, slide and export shows these (the
-- Hari Pemungutan page and slide through lapor.ringkasan's `kabupaten`), turnout via fmt.partisipasi.
-- Reads the table macro wilayah_jumlah (queries/makro/wilayah_jumlah.sql: the kecamatan of
-- `kesiapan_kecamatan` summed per area, each kab/kota counted once) at the level 'wilayah' (one row).
-- params: election
select
    e.nama                                                                      as pemilihan,
    e.tanggal                                                                   as tanggal_pemilihan,
    e.kapasitas_tps,
    s.jumlah_kecamatan, s.dpt, s.dpt_l, s.dpt_p, s.tps, s.tps_melebihi_kapasitas, s.pemilih_per_tps_maks,
    s.ktpel_wajib, s.ktpel_rekam, s.ktpel_persen,
    -- The kabupaten target is the one the target file states for the kabupaten, else the
    -- DPT-weighted mean of the kecamatan targets in force.
    coalesce(
        (select max(t.target_partisipasi) from stg_target t
         where t.election_id = $election and t.kode_kecamatan is null),
        s.target_partisipasi
    )                                                                           as target_partisipasi,
    s.partisipasi_sebelumnya, s.jumlah_hijau, s.jumlah_kuning, s.jumlah_merah, s.status
from wilayah_jumlah($election, 'wilayah') s
join elections e on e.election_id = $election

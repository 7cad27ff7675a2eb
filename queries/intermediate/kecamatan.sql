-- int_kecamatan: the kecamatan rows of int_kesiapan — one row per election and kecamatan with
-- every readiness indicator, the status of each and the overall status (the worst), with its
-- korwil and the election's thresholds and TPS capacity. The rules are in int_kesiapan, the
-- values in int_kesiapan_nilai; the reasons (`alasan`) are worded in readiness/model/alasan.py.
-- params: -
select election_id, kapasitas_tps, kode_kecamatan, kecamatan, korwil, koordinator,
    dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih, dpt_sumber, dpt, dpt_l, dpt_p, tps,
    pemilih_per_tps_maks, pemilih_per_tps_rata, tps_melebihi_kapasitas,
    ktpel_wajib, ktpel_rekam, ktpel_persen, ktpel_tanggal,
    target_partisipasi, target_sumber, partisipasi_sebelumnya,
    ada_pemilih, ada_tps, ada_ktpel, ada_target, masalah_terbuka, masalah_terbuka_tinggi,
    t_ktpel_hijau, t_ktpel_kuning, t_partisipasi_hijau, t_partisipasi_kuning, t_konsistensi_kuning,
    t_target_partisipasi, t_masalah_tinggi_kuning,
    selisih_partisipasi, selisih_dpt, jumlah_sumber_dpt, jumlah_jenis_data, selisih_dpt_persen,
    status_tps, status_ktpel, status_partisipasi, status_kelengkapan, status_konsistensi, status_masalah,
    status
from int_kesiapan
where tingkat = 'kecamatan'

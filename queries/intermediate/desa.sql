-- int_desa: the desa rows of int_kesiapan — one row per election and desa with DPT (recap, else
-- per-voter list, else TPS list), the DPT each source gives and their difference, TPS and voters
-- per TPS against the capacity, KTP-el where the file has desa rows, the statuses of those three
-- indicators and the overall status (the worst; null for a desa without any data). Rated by the
-- same rules as its kecamatan (int_kesiapan).
-- params: -
select election_id, kode_kecamatan, kecamatan, kode_desa, desa, jenis,
    dpt, dpt_l, dpt_p, tps, dpt_rekap, dpt_daftar_tps, dpt_daftar_pemilih,
    pemilih_per_tps_maks, pemilih_per_tps_rata, tps_melebihi_kapasitas, kapasitas_tps,
    ktpel_wajib, ktpel_rekam, ktpel_persen, selisih_dpt, selisih_dpt_persen, jumlah_sumber_dpt,
    t_ktpel_hijau, t_ktpel_kuning, t_konsistensi_kuning,
    status_tps, status_ktpel, status_konsistensi, status
from int_kesiapan
where tingkat = 'desa'

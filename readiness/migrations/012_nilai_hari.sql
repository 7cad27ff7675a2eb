-- The stored table nilai_hari (queries/tersimpan/nilai_hari.sql): the readiness figures the contests
-- of one day share, computed once per day. The view int_kesiapan_nilai reads it, so it must exist
-- before the views are installed; readiness.db fills it (create or replace) at the end of the write.
create table if not exists nilai_hari (
    hari varchar, tingkat varchar, kode_kecamatan varchar, kode varchar,
    rekap_dpt hugeint, rekap_dpt_l hugeint, rekap_dpt_p hugeint, rekap_tps hugeint,
    tps_tps bigint, tps_dpt hugeint, tps_dpt_l hugeint, tps_dpt_p hugeint, tps_maks integer, tps_rata double,
    tps_lebih bigint,
    daftar_dpt bigint, daftar_dpt_l bigint, daftar_dpt_p bigint, daftar_tps bigint,
    ktpel_wajib hugeint, ktpel_rekam hugeint, ktpel_tanggal date
);

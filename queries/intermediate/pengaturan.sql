-- int_pengaturan: the readiness model's settings, one row per election — the TPS capacity (from
-- `elections`) and every threshold in force (stg_settings) as a column `t_<key>`. The only place the
-- `settings` rows are turned into columns for the readiness model (int_kesiapan_nilai carries them
-- to every unit, int_kesiapan rates by them). An election without any setting has no row, hence
-- no readiness rows.
-- Per-kecamatan targets (`target_partisipasi:<kode>`) are rows, not columns: see int_kesiapan_nilai.
-- params: -
select e.election_id, e.kapasitas_tps,
    max(s.value) filter (where s.key = 'ktpel_hijau')        as t_ktpel_hijau,
    max(s.value) filter (where s.key = 'ktpel_kuning')       as t_ktpel_kuning,
    max(s.value) filter (where s.key = 'partisipasi_hijau')  as t_partisipasi_hijau,
    max(s.value) filter (where s.key = 'partisipasi_kuning') as t_partisipasi_kuning,
    max(s.value) filter (where s.key = 'konsistensi_kuning') as t_konsistensi_kuning,
    max(s.value) filter (where s.key = 'target_partisipasi') as t_target_partisipasi,
    -- added after the first release: databases that never saved it keep the old behaviour (off)
    coalesce(max(s.value) filter (where s.key = 'masalah_tinggi_kuning'), 0) as t_masalah_tinggi_kuning
from elections e
join stg_settings s using (election_id)
group by e.election_id, e.kapasitas_tps

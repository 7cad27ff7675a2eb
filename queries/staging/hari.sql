-- stg_hari: each election (contest) with the day whose shared data it reads, `hari`
-- ('2024-11-27/600'). Contests held on one day share one DPT, one set of TPS and one KTP-el
-- recording (stg_kontes_upload); with the same TPS capacity every figure from those is the same
-- for all of them, so it is computed once per `hari` (stg_hari_upload, the stored tables
-- nilai_hari and temuan_daftar) and each contest reads its own region's rows of it
-- (stg_kontes_kecamatan). With the contest's day, TPS capacity, kind and region.
-- params: -
select election_id, strftime(tanggal, '%Y-%m-%d') || '/' || kapasitas_tps as hari,
    tanggal, kapasitas_tps, jenis, kode_wilayah
from elections

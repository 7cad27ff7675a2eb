-- Kabupaten totals for one election (one row): summed figures (missing when any kecamatan lacks
-- them; DPT, L, P and TPS summed per kab/kota, a kab/kota known by its total alone counted once),
-- the DPT-weighted previous participation, the kabupaten target, counts per status.
-- The one definition of the region's figures: every page, slide and export shows these (the
-- Hari Pemungutan page and slide through lapor.ringkasan's `kabupaten`), turnout via fmt.partisipasi.
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
w as (
    select
        jumlah_lengkap(dpt)                                                     as dpt,
        jumlah_lengkap(dpt_l)                                                   as dpt_l,
        jumlah_lengkap(dpt_p)                                                   as dpt_p,
        jumlah_lengkap(tps)                                                     as tps
    from kabkota_jumlah($election)
)
select
    any_value(e.nama)                                                           as pemilihan,
    any_value(e.tanggal)                                                        as tanggal_pemilihan,
    any_value(e.kapasitas_tps)                                                  as kapasitas_tps,
    count(*)                                                                    as jumlah_kecamatan,
    any_value(w.dpt)                                                            as dpt,
    any_value(w.dpt_l)                                                          as dpt_l,
    any_value(w.dpt_p)                                                          as dpt_p,
    any_value(w.tps)                                                            as tps,
    sum(k.tps_melebihi_kapasitas)                                               as tps_melebihi_kapasitas,
    max(k.pemilih_per_tps_maks)                                                 as pemilih_per_tps_maks,
    jumlah_lengkap(k.ktpel_wajib)                                               as ktpel_wajib,
    jumlah_lengkap(k.ktpel_rekam)                                               as ktpel_rekam,
    persen_lengkap(k.ktpel_rekam, k.ktpel_wajib)                                as ktpel_persen,
    -- The kabupaten target is the one the target file states for the kabupaten, else the
    -- DPT-weighted mean of the kecamatan targets in force.
    coalesce(
        (select max(t.target_partisipasi) from stg_target t
         where t.election_id = $election and t.kode_kecamatan is null),
        rerata_dpt(k.target_partisipasi, k.dpt)
    )                                                                           as target_partisipasi,
    rerata_dpt_lengkap(k.partisipasi_sebelumnya, k.dpt)                         as partisipasi_sebelumnya,
    count(*) filter (where k.status = 'hijau')                                  as jumlah_hijau,
    count(*) filter (where k.status = 'kuning')                                 as jumlah_kuning,
    count(*) filter (where k.status = 'merah')                                  as jumlah_merah,
    status_terburuk(k.status)                                                   as status
from k
join elections e using (election_id)
cross join w

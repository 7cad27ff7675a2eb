-- Readiness per kab/kota of the region for one election (a province's or the nation's; the region
-- itself in a kab/kota installation): its kecamatan's figures summed (missing when any of its
-- kecamatan lacks them: a kab/kota's DPT is the sum of all its kecamatan or nothing), the
-- DPT-weighted target and previous turnout, counts per status, the worst status. A kab/kota known
-- by its total alone (a row of KPU's national recap: stg_pemilih_kabkota) shows that total for DPT,
-- L, P and TPS and `rincian` 'rincian kecamatan belum ada' while none of its kecamatan has a DPT;
-- finer data arriving later replaces the total (stg_pemilih_kabkota says when).
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
j as (select * from kabkota_jumlah($election))
select
    b.kode_provinsi,
    b.provinsi,
    b.kode_kabkota,
    b.kabkota,
    b.jenis,
    count(k.kode_kecamatan)                                                     as jumlah_kecamatan,
    any_value(j.dpt)                                                            as dpt,
    any_value(j.dpt_l)                                                          as dpt_l,
    any_value(j.dpt_p)                                                          as dpt_p,
    any_value(j.tps)                                                            as tps,
    sum(k.tps_melebihi_kapasitas)                                               as tps_melebihi_kapasitas,
    max(k.pemilih_per_tps_maks)                                                 as pemilih_per_tps_maks,
    jumlah_lengkap(k.ktpel_wajib)                                               as ktpel_wajib,
    jumlah_lengkap(k.ktpel_rekam)                                               as ktpel_rekam,
    persen_lengkap(k.ktpel_rekam, k.ktpel_wajib)                                as ktpel_persen,
    rerata_dpt(k.target_partisipasi, k.dpt)                                     as target_partisipasi,
    rerata_dpt_lengkap(k.partisipasi_sebelumnya, k.dpt)                         as partisipasi_sebelumnya,
    count(*) filter (where k.status = 'hijau')                                  as jumlah_hijau,
    count(*) filter (where k.status = 'kuning')                                 as jumlah_kuning,
    count(*) filter (where k.status = 'merah')                                  as jumlah_merah,
    status_terburuk(k.status)                                                   as status,
    any_value(j.rincian)                                                        as rincian
from stg_kabkota b
join k using (kode_kabkota)
join j using (kode_kabkota)
group by all
order by b.kode_kabkota

-- Readiness per province of the region for one election (the nation's 38; the province itself in a
-- province installation; its province in a kab/kota installation, over that kab/kota alone): its
-- kecamatan's figures summed (missing when any of its kecamatan lacks them, so a province's DPT is
-- the sum of its kab/kota's, each counted once: its total or its kecamatan), the DPT-weighted target and previous turnout, counts of kecamatan per
-- status, the worst status.
-- Reads `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model) and, for
-- each kab/kota counted once, the table macro kabkota_jumlah (queries/makro/kabkota_jumlah.sql).
-- Summed by the aggregate macros of queries/makro/jumlah.sql.
-- params: election
with k as (
    select b.kode_provinsi, b.provinsi, r.kode_kabkota, k.*
    from kesiapan_kecamatan k
    join ref_kecamatan r using (kode_kecamatan)
    join stg_kabkota b using (kode_kabkota)
    where k.election_id = $election
),
prov as (
    select left(kode_kabkota, 2)                                                as kode_provinsi,
        jumlah_lengkap(dpt)                                                     as kab_dpt,
        jumlah_lengkap(dpt_l)                                                   as kab_dpt_l,
        jumlah_lengkap(dpt_p)                                                   as kab_dpt_p,
        jumlah_lengkap(tps)                                                     as kab_tps
    from kabkota_jumlah($election)
    group by 1
)
select
    kode_provinsi,
    any_value(provinsi)                                                         as provinsi,
    count(distinct kode_kabkota)                                                as jumlah_kabkota,
    count(*)                                                                    as jumlah_kecamatan,
    any_value(p.kab_dpt)                                                        as dpt,
    any_value(p.kab_dpt_l)                                                      as dpt_l,
    any_value(p.kab_dpt_p)                                                      as dpt_p,
    any_value(p.kab_tps)                                                        as tps,
    sum(tps_melebihi_kapasitas)                                                 as tps_melebihi_kapasitas,
    max(pemilih_per_tps_maks)                                                   as pemilih_per_tps_maks,
    jumlah_lengkap(ktpel_wajib)                                                 as ktpel_wajib,
    jumlah_lengkap(ktpel_rekam)                                                 as ktpel_rekam,
    persen_lengkap(ktpel_rekam, ktpel_wajib)                                    as ktpel_persen,
    rerata_dpt(target_partisipasi, dpt)                                         as target_partisipasi,
    rerata_dpt_lengkap(partisipasi_sebelumnya, dpt)                             as partisipasi_sebelumnya,
    count(*) filter (where status = 'hijau')                                    as jumlah_hijau,
    count(*) filter (where status = 'kuning')                                   as jumlah_kuning,
    count(*) filter (where status = 'merah')                                    as jumlah_merah,
    status_terburuk(status)                                                     as status
from k
join prov p using (kode_provinsi)
group by kode_provinsi
order by kode_provinsi

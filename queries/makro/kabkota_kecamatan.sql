-- Table macro kabkota_kecamatan(pemilihan): each kab/kota of the region with kecamatan in
-- `kesiapan_kecamatan` (int_kecamatan of the election, kept by readiness.model), its kecamatan
-- summed by the aggregate macros of makro/jumlah.sql, and counted once by makro/kabkota_jumlah.sql
-- (DPT, L, P, TPS, the recaps' DPT and `rincian`: its total where in force). A sum is a figure
-- only when every kecamatan of the kab/kota has it; TPS over capacity are counted over the
-- kecamatan with a TPS list; the target and previous turnout are weighted by DPT (the previous
-- turnout only when every kecamatan has it); `jumlah_ada_*` how many of its kecamatan have each
-- kind of data (all of them for the voters while its total stands); open problems summed; counts
-- per status and the worst. The one aggregation marts/kabkota and marts/kabkota_nilai build on;
-- created after the macros it reads, on the cursor that holds those rows.
-- params: -
create or replace temp macro kabkota_kecamatan(pemilihan) as table
with k as (
    select r.kode_kabkota, k.*
    from kesiapan_kecamatan k
    join ref_kecamatan r using (kode_kecamatan)
    where k.election_id = pemilihan
)
select
    k.kode_kabkota,
    any_value(k.election_id)                                                    as election_id,
    count(*)                                                                    as jumlah_kecamatan,
    any_value(j.dpt)                                                            as dpt,
    any_value(j.dpt_l)                                                          as dpt_l,
    any_value(j.dpt_p)                                                          as dpt_p,
    any_value(j.dpt_rekap)                                                      as dpt_rekap,
    jumlah_lengkap(k.dpt_daftar_tps)                                            as dpt_daftar_tps,
    jumlah_lengkap(k.dpt_daftar_pemilih)                                        as dpt_daftar_pemilih,
    any_value(j.tps)                                                            as tps,
    sum(k.tps_melebihi_kapasitas)                                               as tps_melebihi_kapasitas,
    max(k.pemilih_per_tps_maks)                                                 as pemilih_per_tps_maks,
    jumlah_lengkap(k.ktpel_wajib)                                               as ktpel_wajib,
    jumlah_lengkap(k.ktpel_rekam)                                               as ktpel_rekam,
    persen_lengkap(k.ktpel_rekam, k.ktpel_wajib)                                as ktpel_persen,
    rerata_dpt(k.target_partisipasi, k.dpt)                                     as target_partisipasi,
    rerata_dpt_lengkap(k.partisipasi_sebelumnya, k.dpt)                         as partisipasi_sebelumnya,
    case when any_value(j.dari_total) then count(*)
         else count(*) filter (where k.ada_pemilih) end                         as jumlah_ada_pemilih,
    any_value(j.rincian)                                                        as rincian,
    count(*) filter (where k.ada_tps)                                           as jumlah_ada_tps,
    count(*) filter (where k.ada_ktpel)                                         as jumlah_ada_ktpel,
    count(*) filter (where k.ada_target)                                        as jumlah_ada_target,
    count(*) filter (where k.jumlah_jenis_data > 0)                             as jumlah_kecamatan_berdata,
    sum(k.masalah_terbuka)                                                      as masalah_terbuka,
    sum(k.masalah_terbuka_tinggi)                                               as masalah_terbuka_tinggi,
    count(*) filter (where k.status = 'hijau')                                  as jumlah_hijau,
    count(*) filter (where k.status = 'kuning')                                 as jumlah_kuning,
    count(*) filter (where k.status = 'merah')                                  as jumlah_merah,
    status_terburuk(k.status)                                                   as status,
    any_value(k.kapasitas_tps)                                                  as kapasitas_tps,
    any_value(k.t_ktpel_hijau)                                                  as t_ktpel_hijau,
    any_value(k.t_ktpel_kuning)                                                 as t_ktpel_kuning,
    any_value(k.t_partisipasi_hijau)                                            as t_partisipasi_hijau,
    any_value(k.t_partisipasi_kuning)                                           as t_partisipasi_kuning,
    any_value(k.t_konsistensi_kuning)                                           as t_konsistensi_kuning,
    any_value(k.t_masalah_tinggi_kuning)                                        as t_masalah_tinggi_kuning
from k
join kabkota_jumlah(pemilihan) j using (kode_kabkota)
group by k.kode_kabkota

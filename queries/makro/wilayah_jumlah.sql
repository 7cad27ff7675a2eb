-- Table macro wilayah_jumlah(pemilihan, tingkat): the kecamatan of `kesiapan_kecamatan`
-- (int_kecamatan of the election, kept by readiness.model) summed per area of one level, `kode`
-- its code: per kab/kota ('kabkota'), per province ('provinsi'), or the whole region in one row
-- (any other level, `kode` ''). The one aggregation marts/kabkota, kabkota_nilai, provinsi and
-- kabupaten build on. DPT, L, P, TPS and the recaps' DPT count each kab/kota once (table macro
-- kabkota_jumlah: its total where in force, else its kecamatan; `rincian` for a kab/kota known by
-- its total alone); every other figure is summed by the aggregate macros of makro/jumlah.sql: a
-- sum is a figure only when every kecamatan has it; TPS over capacity are counted over the
-- kecamatan with a TPS list; the target and previous turnout are weighted by DPT (the previous
-- turnout only when every kecamatan has it). `jumlah_ada_*`: how many of its kecamatan have each
-- kind of data (every one for the voters while a kab/kota's total stands); open problems summed;
-- counts per status and the worst. Created after the macros it reads, on the cursor that holds
-- those rows.
-- params: -
create or replace temp macro kode_tingkat(tingkat, kode_kabkota) as
    case tingkat when 'kabkota' then kode_kabkota when 'provinsi' then left(kode_kabkota, 2) else '' end;

create or replace temp macro wilayah_jumlah(pemilihan, tingkat) as table
with k as (
    select kode_tingkat(tingkat, r.kode_kabkota) as kode, r.kode_kabkota, k.*
    from kesiapan_kecamatan k
    join ref_kecamatan r using (kode_kecamatan)
    where k.election_id = pemilihan
),
j as (
    select
        kode_tingkat(tingkat, kode_kabkota)                                     as kode,
        jumlah_lengkap(dpt)                                                     as dpt,
        jumlah_lengkap(dpt_l)                                                   as dpt_l,
        jumlah_lengkap(dpt_p)                                                   as dpt_p,
        jumlah_lengkap(tps)                                                     as tps,
        jumlah_lengkap(dpt_rekap)                                               as dpt_rekap,
        bool_or(dari_total)                                                     as dari_total,
        any_value(rincian)                                                      as rincian
    from kabkota_jumlah(pemilihan)
    group by 1
)
select
    k.kode,
    any_value(k.election_id)                                                    as election_id,
    count(distinct k.kode_kabkota)                                              as jumlah_kabkota,
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
join j using (kode)
group by k.kode

-- int_kesiapan: the readiness rules, written once. One row per election and unit (kecamatan or
-- desa: int_kesiapan_nilai, the values and the election's thresholds from int_pengaturan), with
-- each indicator's status — hijau/kuning/merah, null when the unit has no data for it or the
-- indicator is not judged at its level (participation, completeness and problems are judged per
-- kecamatan) — and `status`, the worst of the statuses present (null when none is).
-- int_kecamatan and int_desa are its rows per level; the marts build on those, so a kecamatan and
-- its desa are always rated by the same rules.
-- params: -
with rated as (
    select v.*,
        case when v.tps_melebihi_kapasitas is null then null
             when v.tps_melebihi_kapasitas = 0 then 'hijau' else 'merah' end            as status_tps,
        case when v.ktpel_persen is null then null
             when v.ktpel_persen >= v.t_ktpel_hijau then 'hijau'
             when v.ktpel_persen >= v.t_ktpel_kuning then 'kuning' else 'merah' end     as status_ktpel,
        case when v.selisih_partisipasi is null then null
             when v.selisih_partisipasi <= v.t_partisipasi_hijau then 'hijau'
             when v.selisih_partisipasi <= v.t_partisipasi_kuning then 'kuning' else 'merah' end
                                                                                        as status_partisipasi,
        case when v.jumlah_jenis_data is null then null
             when v.jumlah_jenis_data = 4 then 'hijau'
             when v.jumlah_jenis_data = 0 then 'merah' else 'kuning' end                as status_kelengkapan,
        case when v.jumlah_sumber_dpt < 2 then null
             when v.selisih_dpt = 0 then 'hijau'
             when v.selisih_dpt_persen <= v.t_konsistensi_kuning then 'kuning' else 'merah' end
                                                                                        as status_konsistensi,
        -- An open `tinggi` problem makes the kecamatan at least kuning when the election's
        -- setting `masalah_tinggi_kuning` is 1.
        case when v.masalah_terbuka_tinggi is null then null
             when v.masalah_terbuka_tinggi > 0 and v.t_masalah_tinggi_kuning >= 1 then 'kuning'
             else 'hijau' end                                                           as status_masalah
    from int_kesiapan_nilai v
)
select *,
    ['hijau', 'kuning', 'merah'][list_max(list_transform(
        [status_tps, status_ktpel, status_partisipasi, status_kelengkapan, status_konsistensi, status_masalah],
        lambda x: case x when 'hijau' then 1 when 'kuning' then 2 when 'merah' then 3 end))] as status
from rated

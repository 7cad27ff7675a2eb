-- The findings of the voter-list audit, one row per voter row and finding type, with where to find
-- the voter in the original (file, sheet, Excel row, DPID), the masked NIK, and what explains the
-- finding (readiness/audit.py words it). For a duplicate NIK: where that NIK was first seen.
-- From the stored table temuan_daftar (once per day whose contests share the list), the rows of the
-- election's kecamatan (stg_kontes_kecamatan). $kecamatan, $desa, $temuan null = all. Ordered by kecamatan, desa, TPS, type, file, sheet, row.
-- params: election, kecamatan, desa, temuan
with t as (
    select *,
        list_filter([case when f_nik_format then 'nik_format' end, case when f_nik_wilayah then 'nik_wilayah' end,
                     case when f_nik_tanggal then 'nik_tanggal' end, case when f_nik_ganda then 'nik_ganda' end,
                     case when f_usia_belum_17 then 'usia_belum_17' end, case when f_usia_tidak_wajar then 'usia_tidak_wajar' end,
                     case when f_desa_tidak_cocok then 'desa_tidak_cocok' end, case when f_ktpel_belum_rekam then 'ktpel_belum_rekam' end,
                     case when f_tps_melebihi_kapasitas then 'tps_melebihi_kapasitas' end], lambda x: x is not null) as jenis
    from temuan_daftar
    where kode_kecamatan in (select kode_kecamatan from stg_kontes_kecamatan where election_id = $election)
      and hari = (select hari from stg_hari where election_id = $election)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
      and (f_nik_format or f_nik_wilayah or f_nik_tanggal or f_nik_ganda or f_usia_belum_17
           or f_usia_tidak_wajar or f_desa_tidak_cocok or f_ktpel_belum_rekam or f_tps_melebihi_kapasitas)
),
r as (
    select * exclude (jenis), unnest(jenis) as temuan from t
),
r2 as (
    select * from r where $temuan is null or temuan = $temuan
)
select r2.temuan, r2.kode_kecamatan, k.kecamatan, r2.kode_desa, coalesce(d.desa, r2.desa_tertulis) as desa,
    r2.tps, r2.nik_mask, r2.dpid, r2.file_name, r2.source_sheet, r2.source_row, r2.jk,
    date_sub('year', r2.tgl_lahir, r2.hari_pemungutan)   as umur,
    r2.tgl_lahir > r2.hari_pemungutan                    as lahir_sesudah_hari_h,
    r2.sts, r2.nik_numerik, r2.nik_panjang, r2.nik_digit, r2.nik_kode_wilayah, kw.kecamatan as nik_kecamatan,
    r2.nik_tanggal_masalah, r2.desa_catatan, r2.pemilih_tps, r2.kapasitas_tps,
    r2.asal_berkas, r2.asal_sheet, r2.asal_baris
from r2
join ref_kecamatan k on k.kode_kecamatan = r2.kode_kecamatan
left join ref_desa d on d.kode_desa = r2.kode_desa
left join ref_kecamatan kw on kw.kode_kecamatan = r2.nik_kode_wilayah
order by r2.kode_kecamatan, r2.kode_desa nulls last, desa, try_cast(r2.tps as integer), r2.tps,
    list_position(['nik_format', 'nik_wilayah', 'nik_tanggal', 'nik_ganda', 'usia_belum_17', 'usia_tidak_wajar',
                   'desa_tidak_cocok', 'ktpel_belum_rekam', 'tps_melebihi_kapasitas'], r2.temuan),
    r2.activation, r2.source_sheet, r2.source_row

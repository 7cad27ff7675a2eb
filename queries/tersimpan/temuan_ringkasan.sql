-- Stored table `temuan_ringkasan`: the audit's counts — per day whose contests share the per-voter
-- list (`hari`), kecamatan and finding type that
-- occurs, the voter rows flagged (of a duplicate NIK only the copies after the first). From the
-- stored flagged rows (temuan_daftar, built just before this one); rebuilt with them.
-- params: -
with n as (
    select hari, kode_kecamatan,
        count(*) filter (where f_nik_format)             as nik_format,
        count(*) filter (where f_nik_wilayah)            as nik_wilayah,
        count(*) filter (where f_nik_tanggal)            as nik_tanggal,
        count(*) filter (where f_nik_ganda)              as nik_ganda,
        count(*) filter (where f_usia_belum_17)          as usia_belum_17,
        count(*) filter (where f_usia_tidak_wajar)       as usia_tidak_wajar,
        count(*) filter (where f_desa_tidak_cocok)       as desa_tidak_cocok,
        count(*) filter (where f_ktpel_belum_rekam)      as ktpel_belum_rekam,
        count(*) filter (where f_tps_melebihi_kapasitas) as tps_melebihi_kapasitas
    from temuan_daftar
    group by hari, kode_kecamatan
),
u as (
    unpivot n on nik_format, nik_wilayah, nik_tanggal, nik_ganda, usia_belum_17, usia_tidak_wajar,
        desa_tidak_cocok, ktpel_belum_rekam, tps_melebihi_kapasitas
    into name temuan value jumlah
)
select u.hari, u.kode_kecamatan, k.kecamatan, u.temuan, u.jumlah,
    -- the order of the command's rows: kecamatan code, then the types in DESIGN.md's order
    row_number() over (partition by u.hari
                       order by u.kode_kecamatan,
                                list_position(['nik_format', 'nik_wilayah', 'nik_tanggal', 'nik_ganda', 'usia_belum_17',
                                               'usia_tidak_wajar', 'desa_tidak_cocok', 'ktpel_belum_rekam',
                                               'tps_melebihi_kapasitas'], u.temuan)) as urutan
from u
join ref_kecamatan k using (kode_kecamatan)
where u.jumlah > 0

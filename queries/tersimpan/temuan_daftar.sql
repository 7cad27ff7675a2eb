-- Stored table `temuan_daftar`: the voter rows of int_daftar_temuan that carry at least one finding,
-- once per day whose contests share the per-voter list (`hari`; each contest reads its region's
-- rows). Rebuilt by readiness.db inside the write that changes what it depends on (the
-- active per-voter lists, the elections' dates and TPS capacity, these definitions), so the audit
-- itself is a scan and group of a few ten thousand stored rows instead of a search for duplicate
-- NIKs over every voter at each view.
-- params: -
select *
from int_daftar_temuan
where f_nik_format or f_nik_wilayah or f_nik_tanggal or f_nik_ganda or f_usia_belum_17
   or f_usia_tidak_wajar or f_desa_tidak_cocok or f_ktpel_belum_rekam or f_tps_melebihi_kapasitas

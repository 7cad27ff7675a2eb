-- int_daftar_temuan: every voter row of the active per-voter lists, once per day whose contests share
-- them (`hari`: stg_daftar_hari; a contest reads its region's rows, see marts/audit_*), with one
-- flag per finding type of the voter-list audit (readiness/audit.py has each type's name and explanation):
-- f_nik_format, f_nik_wilayah, f_nik_tanggal, f_nik_ganda (only copies after the first row of a NIK,
-- first = earliest upload activation, then sheet, then row), f_usia_belum_17, f_usia_tidak_wajar,
-- f_desa_tidak_cocok, f_ktpel_belum_rekam, f_tps_melebihi_kapasitas (every voter of a TPS above the
-- day's capacity); plus where the row sits (file, sheet, row, DPID), what explains it, and for
-- a duplicated NIK how many active rows share it (nik_kali) and where it was first seen (asal_*).
-- Aggregates joined back, not windows: ~870.000 one-row partitions make a window slow.
-- params: -
with e as (
    -- the age limits of each day, computed once per day rather than per voter
    select distinct hari, tanggal as hari_pemungutan, kapasitas_tps,
        (tanggal - interval 17 year)::date  as batas_17,
        (tanggal - interval 111 year)::date as batas_111
    from stg_hari
),
kunci_ganda as (
    select hari, nik_kunci, count(*) as nik_kali
    from stg_daftar_hari
    where nik_kunci is not null
    group by all
    having count(*) > 1
),
ganda as (
    select k.hari, k.nik_kunci, k.nik_kali,
        arg_min(struct_pack(upload_id := s.upload_id, file_name := u.file_name, source_sheet := s.source_sheet,
                            source_row := s.source_row),
                struct_pack(a := u.activation, s := s.source_sheet, r := s.source_row)) as asal
    from kunci_ganda k
    join stg_daftar_hari s on s.hari = k.hari and s.nik_kunci = k.nik_kunci
    join uploads u on u.upload_id = s.upload_id
    group by all
),
tps_penuh as (
    select s.hari, s.kode_kecamatan, s.kode_desa, s.desa_tertulis, s.tps, count(*) as pemilih_tps
    from stg_daftar_hari s
    join e on e.hari = s.hari
    group by all
    having count(*) > any_value(e.kapasitas_tps)
)
select s.hari, s.upload_id, u.activation, u.file_name, s.source_sheet, s.source_row,
    s.kode_kecamatan, s.kode_desa, s.desa_tertulis, s.desa_catatan, s.tps, s.jk, s.nik_mask, s.dpid,
    s.tgl_lahir, s.sts, s.dis, s.ktpel, s.nik_numerik, s.nik_panjang, s.nik_digit,
    s.nik_kode_wilayah, s.nik_tanggal_masalah, s.nik_kunci, e.hari_pemungutan, e.kapasitas_tps,
    g.nik_kali, g.asal.file_name as asal_berkas, g.asal.source_sheet as asal_sheet, g.asal.source_row as asal_baris,
    t.pemilih_tps,
    -- not 16 digits, not digits only, empty in a file that has a NIK column, or stored by Excel as a number
    s.nik_panjang is not null
        and (s.nik_panjang <> 16 or not coalesce(s.nik_digit, false) or coalesce(s.nik_numerik, false)) as f_nik_format,
    -- checked on a well-formed NIK only: its digits 1–6 are province, kabupaten, kecamatan ('35.13.24')
    coalesce(s.nik_kode_wilayah <> s.kode_kecamatan, false)                      as f_nik_wilayah,
    s.nik_tanggal_masalah is not null                                            as f_nik_tanggal,
    g.nik_kunci is not null and not (s.upload_id = g.asal.upload_id and s.source_row = g.asal.source_row
                                     and s.source_sheet is not distinct from g.asal.source_sheet) as f_nik_ganda,
    -- eligible: 17 on election day (the 17th birthday itself counts), or married (S) or once married (P)
    coalesce(s.tgl_lahir > e.batas_17 and s.tgl_lahir <= e.hari_pemungutan
             and coalesce(s.sts, 'B') not in ('S', 'P'), false)                  as f_usia_belum_17,
    coalesce(s.tgl_lahir > e.hari_pemungutan or s.tgl_lahir <= e.batas_111, false) as f_usia_tidak_wajar,
    s.kode_desa is null                                                          as f_desa_tidak_cocok,
    coalesce(s.ktpel = 'B', false)                                               as f_ktpel_belum_rekam,
    t.pemilih_tps is not null                                                    as f_tps_melebihi_kapasitas
from stg_daftar_hari s
join uploads u on u.upload_id = s.upload_id
join e on e.hari = s.hari
left join ganda g on g.hari = s.hari and g.nik_kunci = s.nik_kunci
left join tps_penuh t on t.hari = s.hari and t.kode_kecamatan = s.kode_kecamatan
    and t.kode_desa is not distinct from s.kode_desa and t.desa_tertulis is not distinct from s.desa_tertulis
    and t.tps = s.tps

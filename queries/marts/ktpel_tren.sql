-- KTP-el recording over time for one election, from every KTP-el upload it draws on (its own and
-- those of the contests of its day, stg_kontes_upload; active or not), one row
-- per data date and kecamatan. A kecamatan's figure at a date is its row from the latest upload
-- dated on or before that date, so a kecamatan-only upload does not drop the others from the
-- total; `tanggal_kecamatan` says how old the figure carried forward is.
-- params: election
with baris as (
    select r.kode_kecamatan, coalesce(r.tanggal, u.tanggal_data, u.uploaded_at::date) as tanggal,
        u.activation, u.upload_id, r.wajib_ktpel, r.sudah_rekam
    from raw_ktpel r
    join uploads u using (upload_id)
    join stg_kontes_upload k on k.upload_id = u.upload_id and k.election_id = $election
    join elections e on e.election_id = k.election_id
    where u.kind = 'ktpel'
      -- a bupati or wali kota contest's kab/kota, a gubernur contest's province (as stg_active_upload)
      and (coalesce(e.jenis, '') not in ('gubernur', 'bupati', 'walikota')
           or starts_with(r.kode_kecamatan, e.kode_wilayah || '.'))
),
per_upload as (
    -- A file may hold desa rows: sum them to the kecamatan.
    select kode_kecamatan, tanggal, activation, upload_id,
        case when count(wajib_ktpel) = count(*) then sum(wajib_ktpel) end as wajib,
        case when count(sudah_rekam) = count(*) then sum(sudah_rekam) end as rekam
    from baris
    group by all
),
terbaru as (
    -- Per date and kecamatan the most recently activated upload wins (a correction).
    select kode_kecamatan, tanggal, arg_max(wajib, activation) as wajib,
        arg_max(rekam, activation) as rekam
    from per_upload
    group by all
),
tanggal as (select distinct tanggal from terbaru)
select t.tanggal, k.kode_kecamatan, k.kecamatan,
    arg_max(x.wajib, x.tanggal) as ktpel_wajib,
    arg_max(x.rekam, x.tanggal) as ktpel_rekam,
    round(100.0 * arg_max(x.rekam, x.tanggal) / nullif(arg_max(x.wajib, x.tanggal), 0), 2) as ktpel_persen,
    max(x.tanggal) as tanggal_kecamatan
from tanggal t
cross join ref_kecamatan k
join terbaru x on x.kode_kecamatan = k.kode_kecamatan and x.tanggal <= t.tanggal
group by all
order by t.tanggal, k.kode_kecamatan

-- Completeness per kab/kota of the region and kind of data for one election: how many of the
-- kab/kota's kecamatan the active data covers (`cakupan`: lengkap | sebagian | belum), the data's
-- date (uploads.tanggal_data: the newest, and the oldest when several uploads make it up; `diunggah`
-- when it was uploaded, for data whose file gives no date) and its
-- sender (the uploader's name, or the file name when the upload has none: a command-line ingest).
-- An upload covers a kecamatan by the kecamatan's code (`74.06.01`), by its kab/kota's code
-- (`74.06`: the whole kab/kota) or, for a target, by '*' (a region-wide row counts for every
-- kecamatan, as in marts/kelengkapan). Per kecamatan and kind the covering upload with the
-- highest activation is the active one (as stg_active_upload). Problems are never versioned:
-- every problem sheet counts for the kecamatan it names, and so does a problem entered on the form
-- (its date, and who entered it).
-- params: election
with kec as (
    select r.kode_kabkota, r.kode_kecamatan
    from ref_kecamatan r
    join stg_kabkota b using (kode_kabkota)
),
jenis(kind, urutan) as (
    values ('pemilih', 1), ('daftar', 2), ('tps', 3), ('ktpel', 4), ('target', 5), ('masalah', 6)
),
unggahan as (
    -- its own and the DPT, TPS and KTP-el shared by the contests of its day (stg_kontes_upload)
    select u.* from uploads u join stg_kontes_upload k on k.upload_id = u.upload_id and k.election_id = $election
),
liput as (
    select c.upload_id, k.kode_kabkota, k.kode_kecamatan
    from upload_coverage c join kec k on c.kode_kecamatan = k.kode_kecamatan
    union
    select c.upload_id, k.kode_kabkota, k.kode_kecamatan
    from upload_coverage c join kec k on c.kode_kecamatan = k.kode_kabkota
    union
    select c.upload_id, k.kode_kabkota, k.kode_kecamatan
    from upload_coverage c join unggahan u using (upload_id) cross join kec k
    where c.kode_kecamatan = '*' and u.kind = 'target'
),
aktif as (
    select u.kind, l.kode_kabkota, l.kode_kecamatan, arg_max(u.upload_id, u.activation) as upload_id
    from liput l join unggahan u using (upload_id)
    where u.kind <> 'masalah'
    group by all
    union all
    select u.kind, l.kode_kabkota, l.kode_kecamatan, u.upload_id
    from liput l join unggahan u using (upload_id)
    where u.kind = 'masalah'
),
sumber as (
    select a.kind, a.kode_kabkota, a.kode_kecamatan, u.tanggal_data,
        coalesce(nullif(trim(u.uploaded_by), ''), u.file_name) as pengirim, u.uploaded_at as waktu
    from aktif a join unggahan u using (upload_id)
    union all
    select 'masalah', k.kode_kabkota, m.kode_kecamatan, try_cast(m.tanggal as date),
        coalesce(nullif(trim(m.dibuat_oleh), ''), nullif(trim(m.pelapor), ''), 'formulir'),
        try_cast(m.dibuat_pada as timestamp)
    from masalah m join kec k using (kode_kecamatan)
    where m.election_id = $election and m.sumber = 'formulir'
),
per_jenis as (
    select kind, kode_kabkota,
        count(distinct kode_kecamatan)  as kecamatan_ada,
        max(tanggal_data)               as tanggal_data,
        min(tanggal_data)               as tanggal_data_awal,
        arg_max(pengirim, waktu)        as pengirim,
        max(waktu)                      as diunggah,
        count(distinct pengirim)        as jumlah_pengirim
    from sumber
    group by all
),
jumlah as (
    select kode_kabkota, count(*) as jumlah_kecamatan from kec group by all
)
select b.kode_kabkota, b.kabkota, j.kind, j.urutan, n.jumlah_kecamatan,
    coalesce(p.kecamatan_ada, 0)                                 as kecamatan_ada,
    case when coalesce(p.kecamatan_ada, 0) = 0 then 'belum'
         when p.kecamatan_ada >= n.jumlah_kecamatan then 'lengkap'
         else 'sebagian' end                                     as cakupan,
    p.tanggal_data, p.tanggal_data_awal, p.diunggah, p.pengirim, coalesce(p.jumlah_pengirim, 0) as jumlah_pengirim
from stg_kabkota b
join jumlah n using (kode_kabkota)
cross join jenis j
left join per_jenis p on p.kind = j.kind and p.kode_kabkota = b.kode_kabkota
order by b.kode_kabkota, j.urutan

-- Upload history (versions) of one election, newest first: what was uploaded, when, by whom,
-- how many rows, which kecamatan it covers and for how many of them it is the active version.
-- params: election
select u.upload_id, u.kind, u.file_name, u.sheets, u.rows, u.uploaded_by, u.uploaded_at,
    u.tanggal_data, u.warnings, u.sha256, u.activation,
    (select count(*) from upload_coverage c where c.upload_id = u.upload_id) as kecamatan_dicakup,
    (select count(*) from stg_active_upload a where a.upload_id = u.upload_id) as kecamatan_aktif
from uploads u
where u.election_id = $election
order by u.activation desc

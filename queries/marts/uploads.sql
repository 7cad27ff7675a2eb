-- Upload history (versions) of one election, newest first: what was uploaded, when, by whom,
-- how many rows, which kecamatan it covers and for how many of them it is the active version of
-- this election. The DPT, TPS and KTP-el uploaded under another contest of its day serve it too
-- (stg_kontes_upload) and are listed with the contest they were uploaded under (`election_id`).
-- params: election
select u.upload_id, u.kind, u.file_name, u.sheets, u.rows, u.uploaded_by, u.uploaded_at,
    u.tanggal_data, u.warnings, u.sha256, u.activation,
    (select count(*) from upload_coverage c where c.upload_id = u.upload_id) as kecamatan_dicakup,
    (select count(*) from stg_active_upload a where a.upload_id = u.upload_id and a.election_id = $election)
        as kecamatan_aktif,
    u.election_id
from uploads u
where u.upload_id in (select upload_id from stg_kontes_upload where election_id = $election)
order by u.activation desc

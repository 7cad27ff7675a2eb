-- The data a view was made from (for export headers and captions): per kind, the active uploads
-- of one election with their file, data date and how many kecamatan each is active for, plus the
-- database's data version (it grows with every committed write).
-- params: election
select u.kind, u.upload_id, u.file_name, u.tanggal_data, u.uploaded_at,
    count(*) as kecamatan_aktif,
    (select value::bigint from meta where key = 'data_version') as data_version
from stg_active_upload a
join uploads u using (upload_id)
where a.election_id = $election
group by all
order by u.upload_id

-- When the active data of one election was last changed, and the newest data date of any
-- active upload (for "Data per …" labels), its own or shared by a contest of its day.
-- params: election
select max(u.uploaded_at) as terakhir_diunggah, max(u.tanggal_data) as tanggal_data,
    count(distinct u.upload_id) as jumlah_unggahan_aktif
from uploads u
where u.upload_id in (select upload_id from stg_active_upload where election_id = $election)

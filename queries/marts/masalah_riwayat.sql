-- The history of one problem, oldest first: when, who, status and severity before and after,
-- the follow-up note, and where the change came from (form or upload #N). Never edited.
-- params: masalah
select riwayat_id, waktu, pelaku, status_sebelum, status_sesudah, tingkat_sebelum, tingkat_sesudah, catatan, sumber
from masalah_riwayat
where masalah_id = $masalah
order by riwayat_id

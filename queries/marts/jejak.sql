-- The audit trail between two dates (inclusive), newest first: who did what, when, to what, with
-- its details and the values before and after (settings). Shown on the Jejak Audit page (admin).
-- params: dari, sampai
select id, waktu, pelaku, peran, aksi, objek, rincian, sebelum, sesudah
from jejak
where waktu >= $dari::date and waktu < $sampai::date + interval 1 day
order by id desc

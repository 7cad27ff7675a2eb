-- The audit trail of field reports (lapor database), newest first: every report, correction,
-- resubmission recognised, refusal, Excel upload and incident closed, with who and when.
-- params: batas
select nomor, waktu, pelaku, peran, aksi, objek, rincian
from jejak_lapor
order by nomor desc
limit $batas

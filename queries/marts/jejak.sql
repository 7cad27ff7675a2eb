-- The audit trail between two dates (inclusive), newest first: who did what, when, to what, with
-- its details and the values before and after (settings). Shown on the Jejak Audit page (admin).
-- Two stores, one trail: `jejak` in this database (uploads, activations, settings, problems) and
-- the small-records store's rows (logins, logouts, user changes, exports), registered as
-- `jejak_catatan` by readiness.jejak.daftar; `no` is the row's number, `C-` for the store's.
-- params: dari, sampai
select no, waktu, pelaku, peran, aksi, objek, rincian, sebelum, sesudah
from (
    select id::varchar as no, 0 as asal, id, waktu, pelaku, peran, aksi, objek,
           rincian::varchar as rincian, sebelum::varchar as sebelum, sesudah::varchar as sesudah
    from jejak
    where waktu >= $dari::date and waktu < $sampai::date + interval 1 day
    union all
    select 'C-' || id::varchar, 1, id, waktu, pelaku, peran, aksi, objek, rincian, sebelum, sesudah
    from jejak_catatan
    where waktu >= $dari::date and waktu < $sampai::date + interval 1 day
)
order by waktu desc, asal desc, id desc

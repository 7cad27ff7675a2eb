-- The first and last day of the audit trail and its size (the date filter's bounds on Jejak Audit).
-- params: -
select min(waktu)::date as pertama, max(waktu)::date as terakhir, count(*) as jumlah from jejak

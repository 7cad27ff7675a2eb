-- The first and last day of the audit trail and its size (the date filter's bounds on Jejak Audit),
-- over both stores: `jejak` here and the small-records store's figures, registered as
-- `jejak_catatan_rentang` (pertama, terakhir, jumlah) by readiness.jejak.rentang.
-- params: -
select min(pertama)::date as pertama, max(terakhir)::date as terakhir, sum(jumlah)::bigint as jumlah
from (
    select min(waktu) as pertama, max(waktu) as terakhir, count(*) as jumlah from jejak
    union all
    select pertama, terakhir, jumlah from jejak_catatan_rentang
)

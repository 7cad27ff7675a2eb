-- Open problems per kecamatan from the inventory of problems (inventarisasi permasalahan, table
-- `masalah`): rows whose status is not one of the closed words in $selesai (compared lower-case),
-- and how many of them are of severity `tinggi`.
-- Only run when the table exists (readiness.deck.masalah_tersedia).
-- params: election, selesai
select kode_kecamatan, count(*) as terbuka,
    count(*) filter (where lower(coalesce(tingkat, '')) = 'tinggi') as tinggi
from masalah
where election_id = $election
  and kode_kecamatan is not null
  and not list_contains($selesai, lower(trim(coalesce(status, ''))))
group by kode_kecamatan
order by terbuka desc, kode_kecamatan

-- stg_settings: the settings in force, one row per election and key: what was saved on the
-- Pengaturan page (the small-records store's `pengaturan`, attached as catalog `catatan`, see
-- readiness/catatan.py) over the analytical file's `settings` (seeded defaults, and what older
-- releases saved there). A key removed in the store (value null) is absent, whatever `settings` holds.
-- params: -
select s.election_id, s.key, s.value
from settings s
where not exists (select 1 from catatan.pengaturan p where p.election_id = s.election_id and p.key = s.key)
union all
select p.election_id, p.key, p.value
from catatan.pengaturan p
where p.value is not null

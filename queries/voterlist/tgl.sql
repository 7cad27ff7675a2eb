-- Each distinct birth-date text and its date when it has one of the usual forms (ISO, `27-11-2024`,
-- `27/11/2024`, `27.11.2024`), else null: teks, tanggal. Inputs: `incoming`.
-- params: -
select teks, case when regexp_matches(t, '^\d{4}-\d{1,2}-\d{1,2}') then try_cast(split_part(t, ' ', 1) as date)
                  else try_strptime(t, ['%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y'])::date end as tanggal
from (select tgl_lahir as teks, nullif(trim(tgl_lahir), '') as t from (select distinct tgl_lahir from incoming))
where teks is not null

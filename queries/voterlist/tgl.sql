-- Each distinct birth-date text and its date when it has one of the usual forms (ISO, `27-11-2024`,
-- `27/11/2024`, `27.11.2024`), else null: i, teks, tanggal. Inputs: `tgl_tertulis` (i, teks: the
-- distinct texts, each once, none null).
-- params: -
select i, teks, case when regexp_matches(t, '^\d{4}-\d{1,2}-\d{1,2}') then try_cast(split_part(t, ' ', 1) as date)
                  else try_strptime(t, ['%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y'])::date end as tanggal
from (select i, teks, nullif(trim(teks), '') as t from tgl_tertulis)

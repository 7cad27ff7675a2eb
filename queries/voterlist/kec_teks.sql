-- Per distinct kecamatan text that is not blank: whether it marks a row that is not a voter (a total,
-- a header repeated on each printed page) and whether it is a number (the `1 2 3 …` column-number
-- row): kecamatan, bukan_data, angka. Inputs: `kec_tertulis` (the kecamatan texts, registered).
-- params: -
select kecamatan,
    regexp_matches(upper(kec_c), '^(JUMLAH|TOTAL|SUB ?TOTAL|GRAND TOTAL|CONTOH)\b')
        -- a header repeated on each printed page
        or norm(kec_c) = 'KECAMATAN' as bukan_data,
    regexp_matches(kec_c, '^\d+$') as angka
from (select kecamatan, nullif(trim(kecamatan), '') as kec_c from (select distinct kecamatan from kec_tertulis))
where kec_c is not null

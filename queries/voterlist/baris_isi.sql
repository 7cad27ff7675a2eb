-- The voter rows of baris.sql with the kecamatan trimmed and, where its cell is empty (written once
-- over merged cells), taken from the rows above: a window over the whole file, so only used when
-- some kecamatan cell is empty. Inputs: `baris`; $atas: the kecamatan written last in the rows
-- before these (an earlier chunk of the list), or null.
-- params: atas
select * exclude (kecamatan),
    coalesce(nullif(trim(kecamatan), ''),
             last_value(nullif(trim(kecamatan), '') ignore nulls) over (order by _sheet_no, _row),
             $atas::varchar) as kecamatan
from baris

-- The first $n problems of `galat` in the order of the file: _sheet_no, _row, field, pesan.
-- params: n
select * from galat order by _sheet_no, _row, field limit $n

-- Names, addresses and places of birth of the voters, trimmed (only when an admin keeps identity):
-- source_sheet, source_row, nama, alamat, tempat_lahir, in the order of the file. Inputs: w, sheets.
-- params: -
select s.source_sheet, w._row as source_row,
    nullif(trim(w.nama), '') as nama, nullif(trim(w.alamat), '') as alamat,
    nullif(trim(w.tempat_lahir), '') as tempat_lahir
from w join sheets s using (_sheet_no)
order by w._sheet_no, w._row

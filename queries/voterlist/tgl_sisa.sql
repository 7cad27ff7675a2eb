-- The birth-date texts of `tgl` that SQL could not read (`3 Mei 1990`, a serial number): teks.
-- Inputs: `tgl`.
-- params: -
select teks from tgl where tanggal is null and trim(teks) <> ''

-- The voter rows as written: every row of `incoming` that has something in it and is not a total, a
-- repeated header or the column-number row (`_isi`: lookups.voter_mask, from what kec_teks says of
-- each kecamatan written); its columns, kecamatan last. Inputs: `incoming`.
-- params: -
select * exclude (kecamatan, _isi), kecamatan
from incoming
where _isi

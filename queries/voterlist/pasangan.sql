-- The (kecamatan, desa) pairs as written, each once, with both trimmed (null when blank): kecamatan,
-- desa, kec_c, desa_c. Inputs: `incoming` (the file's columns as read).
-- params: -
select kecamatan, desa, nullif(trim(kecamatan), '') as kec_c, nullif(trim(desa), '') as desa_c
from (select distinct kecamatan, desa from incoming)

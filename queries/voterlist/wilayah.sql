-- The region (first six digits) of the NIKs hashed during the read, once per region: awal (the six
-- digits as a number), kode_wilayah (`35.13.24`), mask (`351324**********`); a NIK not among them is
-- worked out in its row. Inputs: `dihitung`.
-- params: -
select awal, kode_wilayah(p) as kode_wilayah, p || '**********' as mask
from (select awal, lpad(awal::varchar, 6, '0') as p
      from (select distinct kunci // 10000000000 as awal from dihitung))

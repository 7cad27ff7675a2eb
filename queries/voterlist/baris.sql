-- The voter rows as written: every row of `incoming` that has something in it and is not a total, a
-- repeated header or the column-number row; its columns, kecamatan last. Inputs: `incoming`, `kec_teks`.
-- params: -
select i.* exclude (kecamatan), i.kecamatan as kecamatan
from incoming i
left join kec_teks k on k.kecamatan = i.kecamatan
-- something in it: a kecamatan (kec_teks holds only those that are not blank), else any cell
where (k.kecamatan is not null
       or coalesce(nullif(trim(i.kecamatan), ''), nullif(trim(i.desa), ''), nullif(trim(i.tps), ''),
                   nullif(trim(i.jk), ''), nullif(trim(i.nik), ''), nullif(trim(i.nkk), ''),
                   nullif(trim(i.tgl_lahir), ''), nullif(trim(i.sts), ''), nullif(trim(i.dis), ''),
                   nullif(trim(i.ktpel), ''), nullif(trim(i.dpid), '')) is not null)
  and not coalesce(k.bukan_data, false)
  -- the column-number row: digits under kecamatan and under jenis kelamin
  and not (coalesce(k.angka, false) and regexp_matches(coalesce(trim(i.jk), ''), '^\d+$'))

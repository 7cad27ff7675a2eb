-- Each distinct spelling of jenis kelamin, status kawin and KTP-el, normalised and looked up once:
-- kolom ('jk', 'sts' or 'ktpel'), asli (as written), kode (null when unknown), kosong (blank).
-- Inputs: `kode_tertulis`, `kode_kata` (kolom, kata, kode: the spellings each code has).
-- params: -
select 'jk' as kolom, d.asli, c.kode, nullif(trim(d.asli), '') is null as kosong
from (select distinct jk as asli from kode_tertulis) d
left join kode_kata c on c.kolom = 'jk' and c.kata = norm(d.asli)
union all
select 'sts', d.asli, c.kode, nullif(trim(d.asli), '') is null
from (select distinct sts as asli from kode_tertulis) d
left join kode_kata c on c.kolom = 'sts' and c.kata = norm(d.asli)
union all
select 'ktpel', d.asli, c.kode, nullif(trim(d.asli), '') is null
from (select distinct ktpel as asli from kode_tertulis) d
left join kode_kata c on c.kolom = 'ktpel' and c.kata = norm(d.asli)

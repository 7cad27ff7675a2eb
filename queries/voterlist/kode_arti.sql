-- What each combination of the coded columns means, and which of them rejects the file, so that a
-- voter row needs one join for all five: jk, sts, ktpel, tps, dis as written, then jk_kode, sts_kode,
-- ktpel_kode, dis_kode, tps_teks and jk_salah … dis_salah. One statement: the combinations as written
-- (a few spellings each, a few thousand combinations), then each distinct spelling of each column
-- normalised and looked up once. Inputs: `incoming`, `kode_kata` (kolom, kata, kode: the spellings
-- each code has).
-- params: -
with kode_tertulis as materialized (
    select distinct jk, sts, ktpel, tps, dis from incoming
), kode_map as materialized (
    -- jenis kelamin, status kawin and KTP-el: kolom ('jk', 'sts' or 'ktpel'), asli (as written), kode
    -- (null when unknown), kosong (blank)
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
), tps_map as (
    -- each TPS as written and its number as text (`TPS 003`, `003` and `3` are TPS 3; null when blank)
    select asli, case when regexp_matches(t, '^\d+$') then coalesce(cast(try_cast(t as hugeint) as varchar), t)
                      else t end as teks
    from (select asli, nullif(regexp_replace(upper(trim(asli)), '^\s*(TPS|NO\.?)\s*', ''), '') as t
          from (select distinct tps as asli from kode_tertulis))
), dis_map as (
    -- each disability code as written and its number 0–6 (blank is 0; null when it is not one)
    select asli, case when t is null then 0
                      when try_cast(t as double) between 0 and 6
                           and try_cast(t as double) = floor(try_cast(t as double))
                      then try_cast(t as double)::integer end as kode
    from (select asli, nullif(trim(asli), '') as t from (select distinct dis as asli from kode_tertulis))
)
select k.*, jk_.kode as jk_kode, sts_.kode as sts_kode, ktpel_.kode as ktpel_kode, dis_.kode as dis_kode,
    tps_.teks as tps_teks,
    jk_.kode is null as jk_salah,
    tps_.teks is null as tps_salah,
    not sts_.kosong and sts_.kode is null as sts_salah,
    not ktpel_.kosong and ktpel_.kode is null as ktpel_salah,
    dis_.kode is null as dis_salah
from kode_tertulis k
left join kode_map jk_ on jk_.kolom = 'jk' and jk_.asli is not distinct from k.jk
left join kode_map sts_ on sts_.kolom = 'sts' and sts_.asli is not distinct from k.sts
left join kode_map ktpel_ on ktpel_.kolom = 'ktpel' and ktpel_.asli is not distinct from k.ktpel
left join dis_map dis_ on dis_.asli is not distinct from k.dis
left join tps_map tps_ on tps_.asli is not distinct from k.tps

-- Each distinct TPS as written and its number as text (`TPS 003`, `003` and `3` are TPS 3; null when
-- blank): asli, teks. Inputs: `kode_tertulis`.
-- params: -
select asli, case when regexp_matches(t, '^\d+$') then coalesce(cast(try_cast(t as hugeint) as varchar), t)
                  else t end as teks
from (select asli, nullif(regexp_replace(upper(trim(asli)), '^\s*(TPS|NO\.?)\s*', ''), '') as t
      from (select distinct tps as asli from kode_tertulis))

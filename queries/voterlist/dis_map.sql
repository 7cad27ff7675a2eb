-- Each distinct disability code as written and its number 0–6 (blank is 0; null when it is not one):
-- asli, kode. Inputs: `kode_tertulis`.
-- params: -
select asli, case when t is null then 0
                  when try_cast(t as double) between 0 and 6
                       and try_cast(t as double) = floor(try_cast(t as double))
                  then try_cast(t as double)::integer end as kode
from (select asli, nullif(trim(asli), '') as t from (select distinct dis as asli from kode_tertulis))

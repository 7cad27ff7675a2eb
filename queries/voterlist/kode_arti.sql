-- What each spelling of the coded columns means, and which of them rejects the file: kolom ('jk',
-- 'sts', 'ktpel', 'tps' or 'dis'), i (its place among the column's spellings), kode (the code of jenis
-- kelamin, status kawin or KTP-el; the TPS number as text: `TPS 003`, `003` and `3` are TPS 3),
-- angka (the disability code 0–6; blank is 0), salah. Each spelling once (a few per column); each
-- voter row then takes its own (lookups.codes). Inputs: `ejaan` (kolom, i, asli: the distinct
-- spellings as written, null among them), `kode_kata` (kolom, kata, kode: the spellings each code has).
-- params: -
with e as (
    select e.kolom, e.i, nullif(trim(e.asli), '') as t,
        case when e.kolom = 'tps' then nullif(regexp_replace(upper(trim(e.asli)), '^\s*(TPS|NO\.?)\s*', ''), '')
        end as tps,
        c.kode
    from ejaan e
    -- jenis kelamin, status kawin and KTP-el: upper-cased, punctuation as spaces, looked up
    left join kode_kata c on c.kolom = e.kolom and c.kata = norm(e.asli)
), k as (
    select kolom, i, t,
        case when kolom = 'tps' then case when regexp_matches(tps, '^\d+$')
                                          then coalesce(cast(try_cast(tps as hugeint) as varchar), tps)
                                          else tps end
             else kode end as kode,
        case when kolom <> 'dis' then null
             when t is null then 0
             when try_cast(t as double) between 0 and 6 and try_cast(t as double) = floor(try_cast(t as double))
             then try_cast(t as double)::integer end as angka
    from e
)
select kolom, i, kode, angka,
    case when kolom in ('jk', 'tps') then kode is null
         when kolom = 'dis' then angka is null
         -- status kawin and KTP-el may be left blank
         else t is not null and kode is null end as salah
from k
order by kolom, i

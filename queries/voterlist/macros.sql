-- The expressions the steps of a voter list's parse share, as DuckDB macros of its own in-memory
-- database, created once for every chunk's cursor (expanded where they are called: they cost
-- nothing at run time). Returns nothing.
-- Inputs: none; `hmac128` takes the pads of readiness/privacy.py (hmac_pads) as arguments.
-- params: -

-- A code as written, upper-cased with punctuation as spaces (`Laki-laki` -> `LAKI LAKI`).
create macro norm(x) as upper(trim(regexp_replace(x, '[^0-9A-Za-z+%]+', ' ', 'g')));

-- A cell quoted back in a message: a long run of digits (a NIK, NKK or DPID that landed in the
-- wrong column) is never repeated in a message, so never in a log.
create macro samar(x) as regexp_replace(x, '\d{9,}', '[angka panjang disamarkan]', 'g');

-- HMAC-SHA256 of text `x` (RFC 2104) cut to 128 bits, as 16 bytes; readiness/privacy.py's
-- keyed_hash is the same function (tests/test_ingest.py compares them).
create macro hmac128(x, opad, ipad) as unhex(sha256(opad || unhex(sha256(ipad || encode(x))))[1:32]);

-- Whether text `t` is a number in scientific notation (`3.51324E+15`, a NIK from a CSV); the
-- regular expression only where an E could make it true (CASE evaluates lazily).
create macro sains(t) as
    case when contains(t, 'E') or contains(t, 'e') then regexp_matches(t, '^\d(\.\d+)?[eE]\+?\d+$') else false end;

-- Whether `d` is exactly 16 ASCII digits (a well-formed NIK/NKK).
create macro sixteen(d) as regexp_full_match(d, '\d{16}');

-- The region of a NIK (its first six digits) written as a kecamatan code, `35.13.24`.
create macro kode_wilayah(d) as d[1:2] || '.' || d[3:4] || '.' || d[5:6];

-- Cleaning a NIK/NKK `x` as written; `polos` tells it is its 16 digits as written (the common case,
-- nothing to clean). First stripped of whitespace (also non-breaking) and the apostrophe that
-- forces text in Excel, anywhere in it:
create macro bersih(x, polos) as
    case when polos then x
         else translate(coalesce(x, ''), ' ' || chr(9) || chr(13) || chr(10) || chr(160) || '''', '') end;
-- then its digits, from the stripped text `t`; `angka` tells that Excel stored the cell as a number
-- (then `….0` is cut off). Null when empty:
create macro digit_nik(x, t, angka, polos) as
    case when polos then x
         when sains(t) then cast(cast(t as double) as hugeint)::varchar
         when angka then split_part(t, '.', 1)
         else nullif(t, '') end;
-- then whether those digits are 16:
create macro enam_belas(d, polos) as case when polos then true else sixteen(d) end;
-- and the 16 digits as a number (the key of `dihitung`, the hashes computed during the read).
create macro angka16(d, is16) as case when is16 then d::ubigint end;

"""Per-voter lists (DPT/DPS/DP4 exports): read as Arrow columns, validated, and pseudonymised
inside DuckDB, so a whole kabupaten (~870.000 rows) is handled in seconds, not minutes.

Identity never leaves this module in clear: NIK and NKK become an HMAC-SHA256 with the
installation secret (sha256(opad ‖ sha256(ipad ‖ m)), RFC 2104), kept at 128 bits and stored as
one 128-bit number — most of them computed with hashlib while the sheet is still being read, from
the workbook's shared strings, the rest in SQL — plus a masked NIK. Names, addresses and places of
birth are not even read unless an admin turned keeping them on (app setting `simpan_identitas`),
and then they go to `result.identitas`, a table of their own that can be deleted at once.
Everything is text until it is checked, so NIK/NKK keep their 16 digits and RT `007` stays `007`.

What the voter-list audit (readiness/audit.py) needs is derived here, in the same pass: the NIK's
length, whether it is all digits, its region code, whether its date part is possible and agrees
with the birth date and sex (the date digits themselves are not kept: they are the six digits a
masked NIK hides), and a 64-bit key from the keyed hash for finding duplicates fast. A desa that
is not in the stated kecamatan is a finding (`desa_tidak_cocok`), not an error: the voter is kept
with kode_desa null and the desa as written. The findings of the file are warnings, one per type
with its count; the file is committed.

How it stays fast: cells pass as written and what a text means (trimmed, normalised, matched to a
place, a code or a date) is worked out once per distinct text in small look-up tables, each voter
row then joins them once; the voter rows are never materialised between the file's columns and
the frame that is committed.
"""
from __future__ import annotations

from array import array
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from .. import fmt, privacy, table_end, wilayah
from . import temuan
from ..parse import ParseError, parse_date

FIELDS = ("kecamatan", "desa", "tps", "jk", "nik", "nkk", "tgl_lahir", "sts", "dis", "ktpel", "dpid")
# Read only when an admin has turned on keeping identity (app setting `simpan_identitas`).
IDENTITAS = ("nama", "alamat", "tempat_lahir")

# Codes as written in exports (after upper-casing and punctuation to spaces) -> canonical code.
JK = {"L": "L", "LK": "L", "LAKI LAKI": "L", "LAKI": "L", "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P"}
STS = {"B": "B", "BELUM KAWIN": "B", "BELUM": "B", "S": "S", "SUDAH KAWIN": "S", "KAWIN": "S", "SUDAH": "S",
       "P": "P", "PERNAH KAWIN": "P", "PERNAH": "P", "CERAI": "P"}
KTPEL = {"S": "S", "SUDAH": "S", "SUDAH REKAM": "S", "Y": "S", "YA": "S", "B": "B", "BELUM": "B",
         "BELUM REKAM": "B", "T": "B", "TIDAK": "B"}

_NORM = "upper(trim(regexp_replace({x}, '[^0-9A-Za-z+%]+', ' ', 'g')))"
# A cell quoted back in a message: a long run of digits (a NIK, NKK or DPID that landed in the
# wrong column) is never repeated in a message, so never in a log.
_SAMAR = "regexp_replace({x}, '\\d{{9,}}', '[angka panjang disamarkan]', 'g')"


def _hmac_sql(x: str) -> str:
    """HMAC-SHA256 of text `x` in SQL with the pads as parameters $opad/$ipad, truncated to 128 bits
    (32 hex digits; RFC 2104 section 5 allows truncation to half the output)."""
    return f"sha256($opad || unhex(sha256($ipad || encode({x}))))[1:32]"


# Whitespace (also non-breaking) and the apostrophe that forces text in Excel: removed anywhere
# from a NIK or NKK before it is checked and hashed.
BUANG = " \t\r\n\xa0'"


def _sains_sql(t: str) -> str:
    """Whether text `t` is a number in scientific notation (`3.51324E+15`, a NIK from a CSV); the
    regular expression only where an E could make it true (CASE evaluates lazily)."""
    return (f"case when contains({t}, 'E') or contains({t}, 'e') "
            f"then regexp_matches({t}, '^\\d(\\.\\d+)?[eE]\\+?\\d+$') else false end")


def _digits_sql(t: str, angka: str) -> str:
    """The digits of a NIK/NKK text `t` (stripped of BUANG); `angka` tells that Excel stored the cell
    as a number (then `….0` is cut off). Null when empty."""
    return (f"case when {_sains_sql(t)} then cast(cast({t} as double) as hugeint)::varchar "
            f"when {angka} then split_part({t}, '.', 1) else nullif({t}, '') end")


def _sixteen_sql(digits: str) -> str:
    """Whether `digits` is exactly 16 ASCII digits (a well-formed NIK/NKK)."""
    return f"regexp_full_match({digits}, '\\d{{16}}')"


def _cleaning_sql(x: str) -> tuple[str, str, str]:
    """For a NIK/NKK column `x` as written, with `{x}_polos` (it is its 16 digits as written: the
    common case, nothing to clean) and `{x}_angka` beside it: SQL for `{x}_t` (stripped of BUANG),
    then `{x}_d` (its digits, from `{x}_t`), then whether `{x}_d` is 16 digits."""
    polos = f"{x}_polos"
    return (f"case when {polos} then {x} else translate(coalesce({x}, ''), $buang, '') end",
            f"case when {polos} then {x} else {_digits_sql(f'{x}_t', f'{x}_angka')} end",
            f"case when {polos} then true else {_sixteen_sql(f'{x}_d')} end")


def _wilayah_sql(digits: str) -> str:
    """The region of a NIK (its first six digits) written as a kecamatan code, `35.13.24`."""
    return f"{digits}[1:2] || '.' || {digits}[3:4] || '.' || {digits}[5:6]"


def _hash_lookup_sql(key: str, digits: str, found: str) -> tuple[str, str]:
    """(join condition on `dihitung` aliased `found`, keyed hash as 16 bytes) of `digits`, where
    `key` is them as a number when they are 16 digits (else null): the hash computed during the
    read where there is one, else computed here."""
    return f"{found}.kunci = {key}", f"coalesce({found}.hash, unhex({_hmac_sql(digits)}))"


def _key_sql(digits: str, sixteen: str) -> str:
    """The 16 digits of a NIK/NKK as a number (the key of `dihitung`), where `sixteen` is true."""
    return f"case when {sixteen} then {digits}::ubigint end"


def _hash_ahead(book, secret: bytes) -> pa.Table | None:
    """While the sheet is being read (the column reader runs on one core), hash on the other the
    texts of 16 digits in the workbook's shared strings — the NIKs and NKKs stored as text, nearly
    all of them — so that afterwards most rows look their hash up instead of computing it:
    (kunci = the 16 digits as a number, hash = the 16 bytes of the keyed hash); rows not among
    them are hashed in SQL as before. The same HMAC-SHA256 (RFC 2104) with the pads hashed once,
    in fixed-width buffers: the reader is at its peak memory meanwhile, so nothing here may keep
    more than these 24 bytes per text (an Arrow string array or a DuckDB run would keep several
    times that in allocator caches)."""
    digest = privacy.KeyedHasher(secret).digest
    keys, hashes = [], []
    for found in book.shared_digit_strings(16):
        if not found:
            continue
        digests = list(map(digest, found))
        numbers = array("Q", map(int, found))
        keys.append(pa.Array.from_buffers(pa.uint64(), len(found), [None, pa.py_buffer(numbers)]))
        hashes.append(pa.FixedSizeBinaryArray.from_buffers(pa.binary(16), len(found),
                                                           [None, pa.py_buffer(b"".join(digests))]))
    if not keys:
        return None
    return pa.table({"kunci": pa.chunked_array(keys), "hash": pa.chunked_array(hashes)})


def _codes_table(con, name: str, mapping: dict[str, str]) -> None:
    con.register(name, pa.table({"kata": list(mapping), "kode": list(mapping.values())}))


def _without_footer(table: pa.Table, lay, gaz) -> pa.Table:
    """The rows of one sheet up to its last voter: the signature block and notes under the list are
    not voters (readiness/table_end.py), and the rows left out are noted on the layout. Only the
    last rows are looked at, a few at a time from the bottom."""
    looked_at = [f for f in table_end.fields("daftar") if f in table.column_names]
    end, step = table.num_rows, 64
    while end > 0:
        start = max(0, end - step)
        chunk = table.slice(start, end - start).select(looked_at).to_pylist()
        last = next((k for k in range(len(chunk) - 1, -1, -1) if table_end.is_data(chunk[k], "daftar", gaz)), None)
        if last is not None:
            end = start + last + 1
            break
        end, step = start, min(step * 2, 1 << 16)
    tail = table.slice(end)
    filled = pa.array([False] * tail.num_rows, pa.bool_())
    for field in lay.columns.values():
        if field in tail.column_names:
            written = pc.not_equal(pc.utf8_trim_whitespace(tail.column(field).cast(pa.string())), "")
            filled = pc.or_(filled, pc.fill_null(written, False))
    below = pc.filter(tail.column("_row"), filled)
    lay.footer = (below[0].as_py(), below[-1].as_py()) if len(below) else None
    return table.slice(0, end)


def _read(book, layouts, fields, gaz, helper=None) -> pa.Table:
    tables = []
    for number, lay in enumerate(layouts):
        columns = {c: f for c, f in lay.columns.items() if f in fields}
        table = book.columns(lay.sheet.name, lay.data_start, columns, numeric_flags=("nik", "nkk"), helper=helper)
        table = _without_footer(table, lay, gaz)
        for field in fields:
            if field not in table.column_names:
                table = table.append_column(field, pa.nulls(table.num_rows, pa.string()))
        for flag in ("nik_angka", "nkk_angka"):
            if flag not in table.column_names:
                table = table.append_column(flag, pa.array([False] * table.num_rows))
        table = table.append_column("_sheet_no", pa.array([number] * table.num_rows, pa.int16()))
        tables.append(table.select(["_sheet_no", "_row", *fields, "nik_angka", "nkk_angka"]))
    return pa.concat_tables(tables)


def parse(book, layouts, result, gaz, secret: bytes, max_messages: int, step, *,
          tanggal_pemilihan=None, kapasitas_tps: int = 600, simpan_identitas: bool = False,
          region=None) -> None:
    """Fill `result.frame` with canonical rows for raw_daftar (and `result.identitas` when keeping
    identity is on), or `result` with problems. The audit findings of this file alone (duplicate
    NIK within it, voters under 17 on `tanggal_pemilihan`, TPS over `kapasitas_tps`, …) become
    warnings, one per finding type. A list whose NIKs are mostly of another kab/kota than
    `region` (a wilayah.Wilayah) is refused."""
    con = duckdb.connect()
    try:
        _parse(con, book, layouts, result, gaz, secret, max_messages, step, simpan_identitas)
        if result.frame is not None and not result.errors and region is not None:
            if wilayah.check_nik(result, region, layouts):
                result.identitas = None
                return
        if result.frame is not None and not result.errors:
            _warn_findings(result, gaz, tanggal_pemilihan, kapasitas_tps, max_messages)
    finally:
        con.close()


def _parse(con, book, layouts, result, gaz, secret, max_messages, step, simpan_identitas=False) -> None:
    fields = FIELDS + (IDENTITAS if simpan_identitas else ())
    # One helper thread beside the column reader (which keeps a core of its own): it hashes the
    # NIK/NKK texts ahead, then scans the XML for number cells.
    helper = ThreadPoolExecutor(max_workers=1)
    try:
        ahead = helper.submit(_hash_ahead, book, secret)
        incoming = _read(book, layouts, fields, gaz, helper)
    finally:
        helper.shutdown(wait=False)
    con.register("incoming", incoming)
    step(0.6, "memeriksa baris")
    # Cells pass as written: what a text means (trimmed, normalised, matched) is worked out once
    # per distinct text in small look-up tables keyed by the text as written, never per voter.
    # The (kecamatan, desa) pairs as written, in one pass over the file.
    pairs = con.execute("""
        select kecamatan, desa, nullif(trim(kecamatan), '') as kec_c, nullif(trim(desa), '') as desa_c
        from (select distinct kecamatan, desa from incoming)
    """).fetchall()
    # A kecamatan written once over its rows (merged cells) applies to the rows below; the
    # window (a sort) is only paid for when some kecamatan cell is empty.
    gaps = any(kec_c is None for _, _, kec_c, _ in pairs)
    # What marks a row as not a voter (a total, a repeated header, the `1 2 3 …` column-number row)
    # is decided once per distinct kecamatan text, not once per voter.
    con.register("kec_tertulis", pa.table({"kecamatan": pa.array([k for k, *_ in pairs], pa.string())}))
    con.execute(f"""
        create temp table kec_teks as
        select kecamatan,
            regexp_matches(upper(kec_c), '^(JUMLAH|TOTAL|SUB ?TOTAL|GRAND TOTAL|CONTOH)\\b')
                -- a header repeated on each printed page
                or {_NORM.format(x="kec_c")} = 'KECAMATAN' as bukan_data,
            regexp_matches(kec_c, '^\\d+$') as angka
        from (select kecamatan, nullif(trim(kecamatan), '') as kec_c from (select distinct kecamatan from kec_tertulis))
        where kec_c is not null
    """)
    # The voter rows (`v`): every row that has something in it and is not one of those. `v` is a
    # view over the file's columns — unless kecamatan cells must be filled from the rows above (a
    # window over the whole sheet), then a table with the kecamatan filled in, trimmed.
    kec_c = "nullif(trim(i.kecamatan), '')"
    kecamatan = (f"coalesce({kec_c}, last_value({kec_c} ignore nulls) over (order by i._sheet_no, i._row))"
                 if gaps else "i.kecamatan")
    con.execute(f"""
        create temp {"table" if gaps else "view"} v as
        select i.* exclude (kecamatan), {kecamatan} as kecamatan
        from incoming i
        left join kec_teks k on k.kecamatan = i.kecamatan
        -- something in it: a kecamatan (kec_teks holds only those that are not blank), else any cell
        where (k.kecamatan is not null or coalesce({", ".join(f"nullif(trim(i.{f}), '')" for f in FIELDS)}) is not null)
          and not coalesce(k.bukan_data, false)
          -- the column-number row: digits under kecamatan and under jenis kelamin
          and not (coalesce(k.angka, false) and regexp_matches(coalesce(trim(i.jk), ''), '^\\d+$'))
    """)

    # Places: few distinct (kecamatan, desa) pairs, matched with the same rules as every file;
    # keyed by the pair as it stands in `v` (with the kecamatan filled in, when it had to be).
    if gaps:
        pairs = con.execute("select kecamatan, desa, kecamatan, nullif(trim(desa), '') "
                            "from (select distinct kecamatan, desa from v)").fetchall()
    places = {"kecamatan": [], "desa": [], "desa_c": [], "kode_kecamatan": [], "kode_desa": [],
              "pesan_kec": [], "pesan_desa": []}
    for kec_key, desa_key, kec, desa in pairs:
        kode_kec = gaz.match_kecamatan(kec) if kec else None
        kode_desa = gaz.match_desa(kode_kec, desa) if kode_kec and desa else None
        places["kecamatan"].append(kec_key)
        places["desa"].append(desa_key)
        places["desa_c"].append(desa)
        places["kode_kecamatan"].append(kode_kec)
        places["kode_desa"].append(kode_desa)
        places["pesan_kec"].append(None if kode_kec else
                                   ("nama kecamatan kosong" if not kec else gaz.unknown_kecamatan(kec)))
        # Not an error: a voter whose desa is not in the stated kecamatan is a finding (the
        # kecamatan is known, so the voter is still counted there).
        places["pesan_desa"].append(None if kode_desa or not kode_kec else
                                    ("nama desa/kelurahan kosong" if not desa else gaz.unknown_desa(kode_kec, desa)))
    con.register("places", pa.table(places))

    # Birth dates: the usual forms in SQL; any other form (`3 Mei 1990`, a serial number) once per value.
    con.execute("""
        create temp table tgl as
        select teks, case when regexp_matches(t, '^\\d{4}-\\d{1,2}-\\d{1,2}') then try_cast(split_part(t, ' ', 1) as date)
                          else try_strptime(t, ['%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y'])::date end as tanggal
        from (select tgl_lahir as teks, nullif(trim(tgl_lahir), '') as t from (select distinct tgl_lahir from incoming))
        where teks is not null
    """)
    leftovers = [r[0] for r in con.execute("select teks from tgl where tanggal is null and trim(teks) <> ''").fetchall()]
    fixed = []
    for text in leftovers:
        try:
            text_c = text.strip()
            value = float(text_c) if text_c.replace(".", "", 1).isdigit() else text_c
            fixed.append((text, parse_date(value)))
        except (ParseError, ValueError, OverflowError):
            continue
    if fixed:
        con.register("tgl_fix", pa.table({"teks": [t for t, _ in fixed], "tanggal": [d for _, d in fixed]}))
        con.execute("update tgl set tanggal = f.tanggal from tgl_fix f where tgl.teks = f.teks")
    # Day, month and two-digit year of each date once (the NIK's date part is compared with them);
    # a text that is not a date rejects the file.
    con.execute("""
        create temp table tgl_arti as
        select teks, tanggal, day(tanggal) as tgl_hari, month(tanggal) as tgl_bulan, year(tanggal) % 100 as tgl_yy,
            tanggal is null and trim(teks) <> '' as tgl_salah
        from tgl
    """)

    # The coded columns have a few spellings each, a few thousand combinations: one pass finds them.
    con.execute("create temp table kode_tertulis as select distinct jk, sts, ktpel, tps, dis from incoming")
    _codes_table(con, "kode_jk", JK)
    _codes_table(con, "kode_sts", STS)
    _codes_table(con, "kode_ktpel", KTPEL)
    norm = _NORM.format
    # Each coded column has a few distinct spellings: normalise and look up each spelling once.
    for field, codes in (("jk", "kode_jk"), ("sts", "kode_sts"), ("ktpel", "kode_ktpel")):
        con.execute(f"""
            create temp table {field}_map as
            select {field} as asli, c.kode, nullif(trim({field}), '') is null as kosong
            from (select distinct {field} from kode_tertulis) d
            left join {codes} c on c.kata = {norm(x=f'd.{field}')}
        """)
    con.execute("""
        create temp table tps_map as
        select asli, case when regexp_matches(t, '^\\d+$') then coalesce(cast(try_cast(t as hugeint) as varchar), t)
                          else t end as teks  -- `003` and `3` are TPS 3
        from (select asli, nullif(regexp_replace(upper(trim(asli)), '^\\s*(TPS|NO\\.?)\\s*', ''), '') as t
              from (select distinct tps as asli from kode_tertulis))
    """)
    con.execute("""
        create temp table dis_map as
        select asli, case when t is null then 0
                          when try_cast(t as double) between 0 and 6
                               and try_cast(t as double) = floor(try_cast(t as double))
                          then try_cast(t as double)::integer end as kode
        from (select asli, nullif(trim(asli), '') as t from (select distinct dis as asli from kode_tertulis))
    """)
    # What each combination of the coded columns means, and which of them rejects the file, so the
    # voter rows need one join for all five.
    con.execute("""
        create temp table kode_arti as
        select k.*, jk_.kode as jk_kode, sts_.kode as sts_kode, ktpel_.kode as ktpel_kode, dis_.kode as dis_kode,
            tps_.teks as tps_teks,
            jk_.kode is null as jk_salah,
            tps_.teks is null as tps_salah,
            not sts_.kosong and sts_.kode is null as sts_salah,
            not ktpel_.kosong and ktpel_.kode is null as ktpel_salah,
            dis_.kode is null as dis_salah
        from kode_tertulis k
        left join jk_map jk_ on jk_.asli is not distinct from k.jk
        left join sts_map sts_ on sts_.asli is not distinct from k.sts
        left join ktpel_map ktpel_ on ktpel_.asli is not distinct from k.ktpel
        left join dis_map dis_ on dis_.asli is not distinct from k.dis
        left join tps_map tps_ on tps_.asli is not distinct from k.tps
    """)
    # What each voter row means: one join per look-up. `w` is a view, evaluated once by the frame
    # below; it is scanned again only to word the problems of a file that has some.
    con.execute("""
        create temp view w as
        select v.*, p.kode_kecamatan, p.kode_desa, p.desa_c, p.pesan_kec, p.pesan_desa,
            m.jk_kode, m.sts_kode, m.ktpel_kode, m.dis_kode, m.tps_teks,
            m.jk_salah, m.tps_salah, m.sts_salah, m.ktpel_salah, m.dis_salah,
            tgl.tanggal, tgl.tgl_hari, tgl.tgl_bulan, tgl.tgl_yy, coalesce(tgl.tgl_salah, false) as tgl_salah
        from v
        left join places p on p.kecamatan is not distinct from v.kecamatan and p.desa is not distinct from v.desa
        left join kode_arti m on m.jk is not distinct from v.jk and m.sts is not distinct from v.sts
                             and m.ktpel is not distinct from v.ktpel and m.tps is not distinct from v.tps
                             and m.dis is not distinct from v.dis
        left join tgl_arti tgl on tgl.teks = v.tgl_lahir
    """)
    samar = _SAMAR.format
    jk_text = samar(x="coalesce(trim(jk), '')")
    checks = [  # (field, condition on `w`, message)
        ("kecamatan", "pesan_kec is not null", "pesan_kec"),
        ("jk", "jk_salah", f"format('jenis kelamin ''{{}}'' harus L atau P', {jk_text})"),
        ("tps", "tps_salah", "'nomor TPS kosong'"),
        ("sts", "sts_salah", f"format('status kawin ''{{}}'' harus B, S atau P', {samar(x='trim(sts)')})"),
        ("ktpel", "ktpel_salah",
         f"format('status KTP-el ''{{}}'' harus S (sudah rekam) atau B (belum)', {samar(x='trim(ktpel)')})"),
        ("dis", "dis_salah", f"format('kode disabilitas ''{{}}'' harus 0–6', {samar(x='trim(dis)')})"),
        ("tgl_lahir", "tgl_salah",
         f"format('''{{}}'' bukan tanggal yang dikenali (contoh: 27-11-2024)', {samar(x='trim(tgl_lahir)')})"),
    ]
    any_problem = " or ".join(f"({cond})" for _, cond, _ in checks)

    step(0.8, "menyamarkan NIK dan NKK")
    opad, ipad = privacy.hmac_pads(secret)
    con.register("sheets", pa.table({"_sheet_no": pa.array(range(len(layouts)), pa.int16()),
                                     "source_sheet": [lay.sheet.name for lay in layouts],
                                     "ada_nik": ["nik" in lay.columns.values() for lay in layouts]}))
    # The keyed hashes of the NIK/NKK texts computed while the sheet was read (`dihitung`).
    try:
        hashed = ahead.result()
    except Exception:  # noqa: BLE001 - only a shortcut: without it every row is hashed below
        hashed = None
    con.register("dihitung", hashed if hashed is not None else pa.table({"kunci": pa.array([], pa.uint64()),
                                                                          "hash": pa.array([], pa.binary())}))
    # A NIK or NKK typed as a number reaches us as digits (or `3.51324E+15` from a CSV).
    # Household members share an NKK (about three voters per KK): it is cleaned and hashed once per
    # KK (rows that are not voters may add a few, never used).
    nkk_t, nkk_d, nkk_16 = _cleaning_sql("nkk")
    kk_join, kk_hash = _hash_lookup_sql(_key_sql("nkk_d", nkk_16), "nkk_d", "h")
    con.execute(f"""
        create temp table kk as
        with p as (
            select nkk, nkk_angka, {_sixteen_sql("nkk")} as nkk_polos
            from (select distinct nkk, nkk_angka from incoming where nkk is not null)
        ), t as (
            select *, {nkk_t} as nkk_t
            from p
        ), d as (
            select nkk, nkk_angka, nkk_polos, {nkk_d} as nkk_d
            from t
        )
        select nkk, nkk_angka, {kk_hash} as nkk_hash
        from d left join dihitung h on {kk_join}
        where nkk_d is not null
    """, {"opad": opad, "ipad": ipad, "buang": BUANG})
    # The region (first six digits) of a NIK as a kecamatan code `35.13.24` and as the masked NIK,
    # once per region: the regions of the NIKs hashed ahead (a NIK not among them is worked out in its row).
    con.execute(f"""
        create temp table wilayah as
        select awal, {_wilayah_sql("p")} as kode_wilayah, p || '**********' as mask
        from (select awal, lpad(awal::varchar, 6, '0') as p
              from (select distinct kunci // 10000000000 as awal from dihitung))
    """)
    # NIK = 2 digits province, 2 kabupaten, 2 kecamatan, DDMMYY of birth (women: DD + 40), 4 serial.
    nik_t, nik_d, nik_16 = _cleaning_sql("nik")
    nik_join, nik_hash = _hash_lookup_sql("d.nik_n", "d.nik_d", "dihitung")
    # The voter rows are the probe side of every join below (the look-up tables are built): the
    # optimiser would otherwise build a hash table of the voter rows, every column, to probe with
    # the hashes computed ahead.
    con.execute("set disabled_optimizers = 'build_side_probe_side'")
    frame = con.sql(f"""
        with n as (
            -- nearly every NIK is written as its 16 digits: those need no cleaning
            select w.*, {_sixteen_sql("nik")} as nik_polos from w
        ), c as (
            select n.*, {nik_t} as nik_t
            from n
        ), d as (
            select c.*, case when nik_polos then false else {_sains_sql("nik_t")} end as nik_sci, {nik_d} as nik_d
            from c
        ), h as (
            select d.*,
                case when nik_d is not null then {nik_hash} end as nik_hb,
                -- well formed: 16 digits, kept as text (a number has lost its last digits)
                coalesce(nik_16 and not (nik_angka or nik_sci), false) as nik_baik
            from (select *, {_key_sql("nik_d", "nik_16")} as nik_n
                  from (select *, {nik_16} as nik_16 from d)) d
            left join dihitung on {nik_join}
        ), t as (
            -- the NIK's date digits and region, in integers
            select h.*,
                case when nik_baik then (nik_n // 100000000 % 100)::integer end as nik_dd,
                case when nik_baik then (nik_n // 1000000 % 100)::integer end as nik_mm,
                case when nik_baik then (nik_n // 10000 % 100)::integer end as nik_yy,
                case when nik_baik then nik_n // 10000000000 end as nik_awal
            from h
        )
        select s.source_sheet, t._row as source_row, t.kode_kecamatan, t.kode_desa,
            tps_teks as tps,
            t.jk_kode as jk,
            nik_hb as nik_hash,
            -- Only the region code stays readable: the date digits follow from the birth date and
            -- sex kept beside it, so showing the serial too would give the whole NIK back.
            -- (`r`, the region looked up, is there only for a well-formed NIK)
            coalesce(r.mask, case when length(nik_d) = 16 then nik_d[1:6] || '**********'
                                  when nik_d is not null then repeat('*', length(nik_d)) end) as nik_mask,
            kk.nkk_hash,
            case when nik_d is null then null else (nik_angka or nik_sci) end as nik_numerik,
            t.tanggal as tgl_lahir, t.sts_kode as sts, t.dis_kode as dis, t.ktpel_kode as ktpel,
            case when contains(t.dpid, '.') and regexp_matches(trim(t.dpid), '^\\d+\\.0+$')
                 then split_part(trim(t.dpid), '.', 1)
                 else nullif(trim(t.dpid), '') end as dpid,
            case when s.ada_nik then length(coalesce(nik_d, '')) end as nik_panjang,
            case when nik_baik then true else regexp_full_match(nik_d, '\\d+') end as nik_digit,
            case when nik_baik then coalesce(r.kode_wilayah, {_wilayah_sql("nik_d")}) end as nik_kode_wilayah,
            case when not nik_baik then null
                 when nik_dd = 0 or nik_dd between 32 and 40 or nik_dd > 71 or nik_mm not between 1 and 12 then 'mustahil'
                 -- no such day in that month (YY 00–68 is 20YY, 69–99 is 19YY, as strptime's %y: the
                 -- years 1969–2068, where a leap year is one whose YY divides by 4), in integers
                 when nik_dd % 40 > case when nik_mm in (4, 6, 9, 11) then 30
                                         when nik_mm = 2 then case when nik_yy % 4 = 0 then 29 else 28 end
                                         else 31 end then 'mustahil'
                 when t.jk_kode is not null and (t.jk_kode = 'P') <> (nik_dd > 40) then 'beda_jk'
                 when t.tanggal is not null and (t.tgl_hari <> nik_dd % 40 or t.tgl_bulan <> nik_mm
                                                 or t.tgl_yy <> nik_yy) then 'beda_tanggal'
            end as nik_tanggal_masalah,
            -- the first 64 bits of the keyed hash
            case when nik_baik then nik_hb[1:8]::bit::ubigint end as nik_kunci,
            case when t.kode_desa is null then t.desa_c end as desa_tertulis,
            t.pesan_desa as desa_catatan,
            -- a problem that rejects the file (worded below, from `w`)
            {any_problem} as _galat
        from t join sheets s using (_sheet_no)
        left join kk on kk.nkk = t.nkk and kk.nkk_angka = t.nkk_angka
        left join wilayah r on r.awal = t.nik_awal
    """, params={"opad": opad, "ipad": ipad, "buang": BUANG}).to_arrow_table()  # no sort: rows carry sheet and row
    con.execute("reset disabled_optimizers")
    if frame.num_rows == 0:
        lay = layouts[0]
        result.add("galat", "tidak ada baris data di bawah judul kolom", lay.sheet.name, lay.data_start + 1)
        return
    if pc.any(frame.column("_galat")).as_py():
        # the rows with a problem, in one pass over the file, then each problem of them worded
        con.execute(f"create temp table w_galat as select * from w where {any_problem}")
        union = " union all ".join(
            f"select _sheet_no, _row, '{field}' as field, {message} as pesan from w_galat where {cond}"
            for field, cond, message in checks)
        con.execute(f"create temp table galat as {union}")
        total = con.execute("select count(*) from galat").fetchall()[0][0]
        shown = con.execute(f"select * from galat order by _sheet_no, _row, field limit {max_messages}").fetchall()
        for sheet_no, row, field, message in shown:
            lay = layouts[sheet_no]
            result.add("galat", message, lay.sheet.name, row, lay.column_label(field))
        result.hidden_problems += total - len(shown)
        return
    frame = frame.drop_columns(["_galat"])
    result.frame = frame
    result.coverage = set(frame.column("kode_kecamatan").unique().to_pylist())
    if simpan_identitas:
        result.identitas = con.sql(f"""
            select s.source_sheet, w._row as source_row,
                {", ".join(f"nullif(trim(w.{f}), '') as {f}" for f in IDENTITAS)}
            from w join sheets s using (_sheet_no)
            order by w._sheet_no, w._row
        """).to_arrow_table()


def _warn_findings(result, gaz, tanggal_pemilihan, kapasitas_tps, max_messages) -> None:
    """The findings of this file alone as warnings: one line per type with its count, and one per
    desa name that is not in its kecamatan (where it was first seen). Cross-list duplicates show
    in the audit, which reads every active list of the election."""
    counts, desa = temuan.file_findings(result.frame, gaz, result.file_name, tanggal_pemilihan, kapasitas_tps)
    for kode, jumlah in counts.items():
        info = temuan.JENIS[kode]
        result.add("peringatan", f"temuan DPT — {info.nama}: {fmt.angka(jumlah)} pemilih ({info.singkat}). "
                   "Dicatat, berkas tetap disimpan; rinciannya di halaman Temuan DPT")
    for sheet, row, note, jumlah in desa[:max_messages]:
        result.add("peringatan", f"{note} ({fmt.angka(jumlah)} pemilih; dicatat sebagai temuan desa tidak cocok, "
                   "bukan penolakan)", sheet, row)

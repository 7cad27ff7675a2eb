"""Per-voter lists (DPT/DPS/DP4 exports): read as Arrow columns, validated, and pseudonymised
inside DuckDB, so a whole kabupaten (~870.000 rows) is handled in seconds, not minutes.

Identity never leaves this module in clear: NIK and NKK become an HMAC-SHA256 with the
installation secret (computed in SQL: sha256(opad ‖ sha256(ipad ‖ m)), RFC 2104) plus a masked
NIK; names, addresses and places of birth are not even read. Everything is text until it is
checked, so NIK/NKK keep their 16 digits and RT `007` stays `007`.
"""
from __future__ import annotations

import duckdb
import pyarrow as pa

from .parse import ParseError, parse_date

FIELDS = ("kecamatan", "desa", "tps", "jk", "nik", "nkk", "tgl_lahir", "sts", "dis", "ktpel", "dpid")

# Codes as written in exports (after upper-casing and punctuation to spaces) -> canonical code.
JK = {"L": "L", "LK": "L", "LAKI LAKI": "L", "LAKI": "L", "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P"}
STS = {"B": "B", "BELUM KAWIN": "B", "BELUM": "B", "S": "S", "SUDAH KAWIN": "S", "KAWIN": "S", "SUDAH": "S",
       "P": "P", "PERNAH KAWIN": "P", "PERNAH": "P", "CERAI": "P"}
KTPEL = {"S": "S", "SUDAH": "S", "SUDAH REKAM": "S", "Y": "S", "YA": "S", "B": "B", "BELUM": "B",
         "BELUM REKAM": "B", "T": "B", "TIDAK": "B"}

_NORM = "upper(trim(regexp_replace({x}, '[^0-9A-Za-z+%]+', ' ', 'g')))"


def _hmac_pads(secret: bytes) -> tuple[bytes, bytes]:
    key = secret.ljust(64, b"\0")  # secrets are 32 bytes, shorter than SHA-256's 64-byte block
    return bytes(b ^ 0x5C for b in key), bytes(b ^ 0x36 for b in key)


def _codes_table(con, name: str, mapping: dict[str, str]) -> None:
    con.register(name, pa.table({"kata": list(mapping), "kode": list(mapping.values())}))


def _read(book, layouts) -> pa.Table:
    tables = []
    for number, lay in enumerate(layouts):
        columns = {c: f for c, f in lay.columns.items() if f in FIELDS}
        table = book.columns(lay.sheet.name, lay.data_start, columns, numeric_flags=("nik", "nkk"))
        for field in FIELDS:
            if field not in table.column_names:
                table = table.append_column(field, pa.nulls(table.num_rows, pa.string()))
        for flag in ("nik_angka", "nkk_angka"):
            if flag not in table.column_names:
                table = table.append_column(flag, pa.array([False] * table.num_rows))
        table = table.append_column("_sheet_no", pa.array([number] * table.num_rows, pa.int16()))
        tables.append(table.select(["_sheet_no", "_row", *FIELDS, "nik_angka", "nkk_angka"]))
    return pa.concat_tables(tables)


def parse(book, layouts, result, gaz, secret: bytes, max_messages: int, step) -> None:
    """Fill `result.frame` with canonical rows for raw_daftar, or `result` with problems."""
    con = duckdb.connect()
    try:
        _parse(con, book, layouts, result, gaz, secret, max_messages, step)
    finally:
        con.close()


def _parse(con, book, layouts, result, gaz, secret, max_messages, step) -> None:
    incoming = _read(book, layouts)
    con.register("incoming", incoming)
    step(0.6, "memeriksa baris")
    cleaned = ", ".join(f"nullif(trim({f}), '') as {f}" for f in FIELDS)
    # A kecamatan written once over its rows (merged cells) applies to the rows below; the
    # window (a sort) is only paid for when some kecamatan cell is empty.
    gaps = con.execute("select count(*) from incoming where nullif(trim(kecamatan), '') is null").fetchall()[0][0]
    kecamatan = ("coalesce(kecamatan, last_value(kecamatan ignore nulls) over (order by _sheet_no, _row))"
                 if gaps else "kecamatan")
    # `v` is a view: the rows are materialised once, joined with places and dates, as `w` below.
    con.execute(f"""
        create temp view v as
        with c as (select _sheet_no, _row, {cleaned}, nik_angka, nkk_angka from incoming)
        select * exclude (kecamatan), {kecamatan} as kecamatan
        from c
        where coalesce({", ".join(FIELDS)}) is not null
          and not regexp_matches(upper(coalesce(kecamatan, '')), '^(JUMLAH|TOTAL|SUB ?TOTAL|GRAND TOTAL|CONTOH)\\b')
          -- a header repeated on each printed page, or the `1 2 3 …` column-number row
          and not ({_NORM.format(x="coalesce(kecamatan, '')")} = 'KECAMATAN')
          and not (regexp_matches(coalesce(jk, ''), '^\\d+$') and regexp_matches(coalesce(kecamatan, ''), '^\\d+$'))
    """)
    if con.execute("select count(*) from v").fetchall()[0][0] == 0:
        lay = layouts[0]
        result.add("galat", "tidak ada baris data di bawah judul kolom", lay.sheet.name, lay.data_start + 1)
        return

    # Places: few distinct (kecamatan, desa) pairs, matched with the same rules as every file.
    if gaps:
        con.execute("create temp table v_rows as select * from v")  # the window once, not per use
        con.execute("create or replace temp view v as select * from v_rows")
    pairs = con.execute("select distinct kecamatan, desa from v").fetchall()
    places = {"kecamatan": [], "desa": [], "kode_kecamatan": [], "kode_desa": [], "pesan_kec": [], "pesan_desa": []}
    for kec, desa in pairs:
        kode_kec = gaz.match_kecamatan(kec) if kec else None
        kode_desa = gaz.match_desa(kode_kec, desa) if kode_kec and desa else None
        places["kecamatan"].append(kec)
        places["desa"].append(desa)
        places["kode_kecamatan"].append(kode_kec)
        places["kode_desa"].append(kode_desa)
        places["pesan_kec"].append(None if kode_kec else
                                   ("nama kecamatan kosong" if not kec else gaz.unknown_kecamatan(kec)))
        places["pesan_desa"].append(None if kode_desa or not kode_kec else
                                    ("nama desa/kelurahan kosong" if not desa else gaz.unknown_desa(kode_kec, desa)))
    con.register("places", pa.table(places))

    # Birth dates: the usual forms in SQL; any other form (`3 Mei 1990`, a serial number) once per value.
    con.execute("""
        create temp table tgl as
        select distinct tgl_lahir as teks,
            case when regexp_matches(tgl_lahir, '^\\d{4}-\\d{1,2}-\\d{1,2}') then try_cast(split_part(tgl_lahir, ' ', 1) as date)
                 else try_strptime(tgl_lahir, ['%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y'])::date end as tanggal
        from v where tgl_lahir is not null
    """)
    leftovers = [r[0] for r in con.execute("select teks from tgl where tanggal is null").fetchall()]
    fixed = []
    for text in leftovers:
        try:
            value = float(text) if text.replace(".", "", 1).isdigit() else text
            fixed.append((text, parse_date(value)))
        except (ParseError, ValueError, OverflowError):
            continue
    if fixed:
        con.register("tgl_fix", pa.table({"teks": [t for t, _ in fixed], "tanggal": [d for _, d in fixed]}))
        con.execute("update tgl set tanggal = f.tanggal from tgl_fix f where tgl.teks = f.teks")

    _codes_table(con, "kode_jk", JK)
    _codes_table(con, "kode_sts", STS)
    _codes_table(con, "kode_ktpel", KTPEL)
    norm = _NORM.format
    con.execute(f"""
        create temp table w as
        select v.*, p.kode_kecamatan, p.kode_desa, p.pesan_kec, p.pesan_desa,
            jk_.kode as jk_kode, sts_.kode as sts_kode, ktpel_.kode as ktpel_kode,
            case when v.dis is null then 0
                 when try_cast(v.dis as double) between 0 and 6 and try_cast(v.dis as double) = floor(try_cast(v.dis as double))
                 then try_cast(v.dis as double)::integer end as dis_kode,
            tgl.tanggal,
            nullif(regexp_replace(upper(v.tps), '^\\s*(TPS|NO\\.?)\\s*', ''), '') as tps_teks
        from v
        left join places p on p.kecamatan is not distinct from v.kecamatan and p.desa is not distinct from v.desa
        left join kode_jk jk_ on jk_.kata = {norm(x='v.jk')}
        left join kode_sts sts_ on sts_.kata = {norm(x='v.sts')}
        left join kode_ktpel ktpel_ on ktpel_.kata = {norm(x='v.ktpel')}
        left join tgl on tgl.teks = v.tgl_lahir
    """)
    # The rows now live in `w`; let the Arrow columns read from the file go.
    con.unregister("incoming")
    con.execute("drop view v")
    con.execute("drop table if exists v_rows")
    del incoming
    checks = [
        ("kecamatan", "pesan_kec is not null", "pesan_kec"),
        ("desa", "pesan_kec is null and pesan_desa is not null", "pesan_desa"),
        ("jk", "jk_kode is null", "format('jenis kelamin ''{}'' harus L atau P', coalesce(jk, ''))"),
        ("tps", "tps_teks is null", "'nomor TPS kosong'"),
        ("sts", "sts is not null and sts_kode is null", "format('status kawin ''{}'' harus B, S atau P', sts)"),
        ("ktpel", "ktpel is not null and ktpel_kode is null",
         "format('status KTP-el ''{}'' harus S (sudah rekam) atau B (belum)', ktpel)"),
        ("dis", "dis_kode is null", "format('kode disabilitas ''{}'' harus 0–6', dis)"),
        ("tgl_lahir", "tgl_lahir is not null and tanggal is null",
         "format('''{}'' bukan tanggal yang dikenali (contoh: 27-11-2024)', tgl_lahir)"),
    ]
    union = " union all ".join(
        f"select _sheet_no, _row, '{field}' as field, {message} as pesan from w where {cond}"
        for field, cond, message in checks)
    total = con.execute(f"select count(*) from ({union})").fetchall()[0][0]
    if total:
        shown = con.execute(f"select * from ({union}) order by _sheet_no, _row, field limit {max_messages}").fetchall()
        for sheet_no, row, field, message in shown:
            lay = layouts[sheet_no]
            result.add("galat", message, lay.sheet.name, row, lay.column_label(field))
        result.hidden_problems += total - len(shown)
        return

    step(0.8, "menyamarkan NIK dan NKK")
    opad, ipad = _hmac_pads(secret)
    con.register("sheets", pa.table({"_sheet_no": pa.array(range(len(layouts)), pa.int16()),
                                     "source_sheet": [lay.sheet.name for lay in layouts]}))
    # A NIK typed as a number reaches us as digits (or `3.51324E+15` from a CSV); flag both.
    frame = con.sql("""
        with n as (
            select w.*,
                regexp_replace(coalesce(nik, ''), '[\\s'']', '', 'g') as nik_t,
                regexp_replace(coalesce(nkk, ''), '[\\s'']', '', 'g') as nkk_t
            from w
        ), d as (
            select n.*,
                regexp_matches(nik_t, '^\\d(\\.\\d+)?[eE]\\+?\\d+$') as nik_sci,
                case when regexp_matches(nik_t, '^\\d(\\.\\d+)?[eE]\\+?\\d+$') then cast(cast(nik_t as double) as hugeint)::varchar
                     when nik_angka then split_part(nik_t, '.', 1) else nullif(nik_t, '') end as nik_d,
                case when regexp_matches(nkk_t, '^\\d(\\.\\d+)?[eE]\\+?\\d+$') then cast(cast(nkk_t as double) as hugeint)::varchar
                     when nkk_angka then split_part(nkk_t, '.', 1) else nullif(nkk_t, '') end as nkk_d
            from n
        )
        select s.source_sheet, d._row as source_row, d.kode_kecamatan, d.kode_desa,
            case when regexp_matches(tps_teks, '^\\d+$') then cast(cast(tps_teks as hugeint) as varchar) else tps_teks end as tps,
            d.jk_kode as jk,
            case when nik_d is not null then sha256($opad || unhex(sha256($ipad || encode(nik_d)))) end as nik_hash,
            case when length(nik_d) = 16 then nik_d[1:6] || '******' || nik_d[13:16]
                 when nik_d is not null then repeat('*', length(nik_d)) end as nik_mask,
            case when nkk_d is not null then sha256($opad || unhex(sha256($ipad || encode(nkk_d)))) end as nkk_hash,
            case when nik_d is null then null else (nik_angka or nik_sci) end as nik_numerik,
            d.tanggal as tgl_lahir, d.sts_kode as sts, d.dis_kode as dis, d.ktpel_kode as ktpel,
            case when regexp_matches(d.dpid, '^\\d+\\.0+$') then split_part(d.dpid, '.', 1) else d.dpid end as dpid
        from d join sheets s using (_sheet_no)
        order by d._sheet_no, d._row
    """, params={"opad": opad, "ipad": ipad}).to_arrow_table()
    result.frame = frame
    result.coverage = set(frame.column("kode_kecamatan").unique().to_pylist())

"""What the cells of a per-voter list mean, worked out once per distinct text in small look-up tables
keyed by the text as written (trimmed, normalised, matched to a place, a code or a date), never once
per voter; then `w`, the voter rows joined to them. Each step is one file of queries/voterlist/."""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from ..ingest.cells import ParseError, parse_date
from . import sql

# Codes as written in exports (after upper-casing and punctuation to spaces) -> canonical code.
JK = {"L": "L", "LK": "L", "LAKI LAKI": "L", "LAKI": "L", "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P"}
STS = {
    "B": "B",
    "BELUM KAWIN": "B",
    "BELUM": "B",
    "S": "S",
    "SUDAH KAWIN": "S",
    "KAWIN": "S",
    "SUDAH": "S",
    "P": "P",
    "PERNAH KAWIN": "P",
    "PERNAH": "P",
    "CERAI": "P",
}
KTPEL = {
    "S": "S",
    "SUDAH": "S",
    "SUDAH REKAM": "S",
    "Y": "S",
    "YA": "S",
    "B": "B",
    "BELUM": "B",
    "BELUM REKAM": "B",
    "T": "B",
    "TIDAK": "B",
}


def voter_rows(con, incoming: pa.Table, above: str | None = None) -> list[tuple]:
    """`v`, the voter rows of `incoming` (kec_teks, then `_isi`: voter_mask; baris.sql): a view over
    the file's columns, or a table with the kecamatan filled in from the rows above when some
    kecamatan cell is empty (merged cells; `above` is the kecamatan written last in the chunks
    before). Returns the (kecamatan, desa) pairs of `v` as pasangan.sql gives them."""
    pairs = sql.run(con, "pasangan").fetchall()
    # the window (a sort) of baris_isi.sql is only paid for when some kecamatan cell is empty
    gaps = any(kec_c is None for _, _, kec_c, _ in pairs)
    con.register("kec_tertulis", pa.table({"kecamatan": pa.array([k for k, *_ in pairs], pa.string())}))
    sql.create(con, "kec_teks")
    texts = con.execute("select kecamatan, bukan_data, angka from kec_teks").fetchall()
    con.register("incoming", incoming.append_column("_isi", voter_mask(incoming, texts)))
    sql.create(con, "baris", view=True)
    if not gaps:
        con.execute("create temp view v as select * from baris")
        return pairs
    sql.create(con, "v", query="baris_isi", atas=above)
    return sql.run(con, "pasangan_isi").fetchall()


# The cells of a row that make it a row at all (a row with none of them written is blank).
_WRITTEN = ("kecamatan", "desa", "tps", "jk", "nik", "nkk", "tgl_lahir", "sts", "dis", "ktpel", "dpid")


def voter_mask(incoming: pa.Table, texts: list[tuple]) -> pa.ChunkedArray:
    """Whether each row of `incoming` is a voter row: something written in it, a kecamatan first (a
    blank row is not a row), and not a total, a repeated header or the column-number row (`texts`:
    kec_teks's rows, what each kecamatan written means: kecamatan, bukan_data, angka). With Arrow,
    in the terms of SQL: a cell is written when trim() (spaces only) leaves something."""
    kecamatan = incoming.column("kecamatan")
    isi = _written(kecamatan)
    if not pc.all(isi).as_py():  # the other cells only where the kecamatan is empty
        for field in _WRITTEN[1:]:
            isi = pc.or_(isi, _written(incoming.column(field)))
    bukan = [text for text, bukan_data, _ in texts if bukan_data]
    if bukan:
        isi = pc.and_(isi, pc.invert(pc.is_in(kecamatan, value_set=pa.array(bukan, pa.string()))))
    angka = [text for text, _, digits in texts if digits]
    if angka:
        # the column-number row: digits under kecamatan and under jenis kelamin
        jk = pc.utf8_trim(pc.fill_null(incoming.column("jk"), ""), " ")
        nomor = pc.and_(
            pc.is_in(kecamatan, value_set=pa.array(angka, pa.string())), pc.match_substring_regex(jk, r"^\d+$")
        )
        isi = pc.and_(isi, pc.invert(nomor))
    return isi


def _written(column) -> pa.ChunkedArray:
    return pc.fill_null(pc.not_equal(pc.utf8_trim(column, " "), ""), False)


def last_kecamatan(con, incoming: pa.Table, above: str | None) -> str | None:
    """The kecamatan written last in `v` (in the order of sheets and rows; trimmed), else `above`:
    the last row of `incoming` whose kecamatan is one of kec_teks that marks a voter row, found with
    Arrow (a scan of `v` sorted cost more than the rest of the look-ups). A kecamatan of digits is
    passed over on the column-number row (digits under jenis kelamin too), as baris.sql does."""
    texts = con.execute("select kecamatan, angka from kec_teks where not bukan_data").fetchall()
    if not texts:
        return above
    angka = {text for text, digits in texts if digits}
    written = incoming.column("kecamatan")
    order = pc.add(pc.multiply(incoming.column("_sheet_no").cast(pa.int64()), 1 << 32), incoming.column("_row"))
    voter = pc.is_in(written, value_set=pa.array([text for text, _ in texts], pa.string()))
    while pc.any(voter).as_py():
        last = pc.index(order, pc.max(pc.filter(order, voter))).as_py()
        kecamatan = written[last].as_py()
        if kecamatan in angka and _digits(incoming.column("jk")[last].as_py()):
            voter = pc.and_(voter, pc.not_equal(order, order[last]))
            continue
        return kecamatan.strip(" ")  # trim() of SQL: spaces only
    return above


def _digits(text: str | None) -> bool:
    """regexp_matches(coalesce(trim(text), ''), '^\\d+$') of SQL."""
    return bool(re.fullmatch("[0-9]+", (text or "").strip(" ")))


def places(con, pairs, gaz) -> None:
    """`places`: each (kecamatan, desa) pair matched with the same rules as every file, its codes and
    the messages of a kecamatan or desa not found."""
    table = {
        "kecamatan": [],
        "desa": [],
        "desa_c": [],
        "kode_kecamatan": [],
        "kode_desa": [],
        "pesan_kec": [],
        "pesan_desa": [],
    }
    for kec_key, desa_key, kec, desa in pairs:
        kode_kec = gaz.match_kecamatan(kec) if kec else None
        kode_desa = gaz.match_desa(kode_kec, desa) if kode_kec and desa else None
        table["kecamatan"].append(kec_key)
        table["desa"].append(desa_key)
        table["desa_c"].append(desa)
        table["kode_kecamatan"].append(kode_kec)
        table["kode_desa"].append(kode_desa)
        table["pesan_kec"].append(
            None if kode_kec else ("nama kecamatan kosong" if not kec else gaz.unknown_kecamatan(kec))
        )
        # Not an error: a voter whose desa is not in the stated kecamatan is a finding (the
        # kecamatan is known, so the voter is still counted there).
        table["pesan_desa"].append(
            None
            if kode_desa or not kode_kec
            else ("nama desa/kelurahan kosong" if not desa else gaz.unknown_desa(kode_kec, desa))
        )
    con.register("places", pa.table(table))


# What a birth-date text means, on each voter row (tgl_arti.sql).
DATED = ("tanggal", "tgl_hari", "tgl_bulan", "tgl_yy", "tgl_salah")


def birth_dates(con, incoming: pa.Table) -> pa.Table:
    """`incoming` with what each birth-date text means, row for row: its date and parts, and whether
    it is not a date (tgl_arti.sql). Each distinct text (found with Arrow) read once: the usual forms
    in SQL; any other form (`3 Mei 1990`, a serial number) with the parser every file uses."""
    encoded = pc.dictionary_encode(incoming.column("tgl_lahir").combine_chunks())  # an empty cell: null
    texts = encoded.dictionary.cast(pa.string())
    con.register("tgl_tertulis", pa.table({"i": pa.array(range(len(texts)), pa.int32()), "teks": texts}))
    sql.create(con, "tgl")
    fixed = []
    for (text,) in sql.run(con, "tgl_sisa").fetchall():
        try:
            text_c = text.strip()
            value = float(text_c) if text_c.replace(".", "", 1).isdigit() else text_c
            fixed.append((text, parse_date(value)))
        except (ParseError, ValueError, OverflowError):
            continue
    if fixed:
        con.register("tgl_fix", pa.table({"teks": [t for t, _ in fixed], "tanggal": [d for _, d in fixed]}))
        sql.run(con, "tgl_perbaiki")
    meant = sql.relation(con, "tgl_arti").to_arrow_table()  # in the order of `texts`
    columns = [pc.take(meant.column(name), encoded.indices) for name in DATED]
    columns[-1] = pc.fill_null(columns[-1], False)
    return pa.Table.from_arrays(list(incoming.columns) + columns, list(incoming.column_names) + list(DATED))


# The coded columns, and what their meaning is called on each voter row: (code, wrong).
CODED = {
    "jk": ("jk_kode", "jk_salah"),
    "sts": ("sts_kode", "sts_salah"),
    "ktpel": ("ktpel_kode", "ktpel_salah"),
    "tps": ("tps_teks", "tps_salah"),
    "dis": ("dis_kode", "dis_salah"),
}


def codes(con, incoming: pa.Table) -> pa.Table:
    """`incoming` with what its coded columns mean, row for row: jk_kode, sts_kode, ktpel_kode,
    tps_teks, dis_kode and which of them rejects the file (jk_salah … dis_salah). Each column's
    distinct spellings (a few) are found with Arrow and looked up once in SQL (kode_arti.sql), then
    taken for each row by its place among them: no join over the voter rows."""
    spellings = [
        (kolom, kata, kode)
        for kolom, mapping in (("jk", JK), ("sts", STS), ("ktpel", KTPEL))
        for kata, kode in mapping.items()
    ]
    con.register(
        "kode_kata",
        pa.table(
            {
                "kolom": [k for k, _, _ in spellings],
                "kata": [w for _, w, _ in spellings],
                "kode": [c for _, _, c in spellings],
            }
        ),
    )
    # a blank cell (null) is a spelling of its own
    encoded = {f: pc.dictionary_encode(incoming.column(f).combine_chunks(), null_encoding="encode") for f in CODED}
    con.register(
        "ejaan",
        pa.table(
            {
                "kolom": [f for f, column in encoded.items() for _ in range(len(column.dictionary))],
                "i": [i for column in encoded.values() for i in range(len(column.dictionary))],
                "asli": pa.concat_arrays([column.dictionary.cast(pa.string()) for column in encoded.values()]),
            }
        ),
    )
    meant = sql.relation(con, "kode_arti").to_arrow_table()
    columns, names = list(incoming.columns), list(incoming.column_names)
    for field, (kode_name, salah_name) in CODED.items():
        own = meant.filter(pc.equal(meant.column("kolom"), field))
        kode = own.column("angka" if field == "dis" else "kode")
        indices = encoded[field].indices
        columns += [pc.take(kode, indices), pc.take(own.column("salah"), indices)]
        names += [kode_name, salah_name]
    return pa.Table.from_arrays(columns, names)


def meanings(con, pairs, gaz) -> None:
    """`w`: the voter rows joined to the places (the codes and dates are columns of `incoming`
    already: codes, birth_dates)."""
    places(con, pairs, gaz)
    sql.create(con, "w", view=True)

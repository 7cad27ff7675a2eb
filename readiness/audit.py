"""The voter-list audit (DPT quality): findings in the active per-voter lists of an election, per
kecamatan, desa and TPS, and the groups leadership asks about (pemilih pemula, disabilitas, L/P).

Every finding is a flag on a voter row, defined once in SQL (queries/intermediate/daftar_temuan.sql
-> view int_daftar_temuan; its flagged rows are stored as table temuan_daftar by the write that
changes the data, see readiness.db.STORED); this module names each type in Indonesian, words each finding for the
analyst, and writes the follow-up workbook for KPU. Nothing here sees an identity: rows carry the
masked NIK, the DPID and the source file, sheet and Excel row, which is enough to find the voter
in the original file. Queries: marts/audit_ringkasan, marts/audit_temuan, marts/audit_kelompok.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from . import catatan, db, export, fmt, teks

# The finding types live where an ingest reads them without loading pandas early.
from .voterlist.temuan import _JENIS, JENIS, KODE  # noqa: F401  (JENIS and KODE are read as audit.JENIS, audit.KODE)
from .wilayah.kata import jenis_kabkota

DISABILITAS = teks.DISABILITAS
STS = {"B": "belum kawin", "S": "kawin", "P": "pernah kawin"}
TANGGAL_NIK = {
    "mustahil": "tanggal lahir di NIK tidak ada di kalender (mis. tanggal 32 atau bulan 13)",
    "beda_tanggal": "tanggal lahir di NIK berbeda dengan kolom tanggal lahir",
    "beda_jk": "kode jenis kelamin di NIK (tanggal + 40 untuk perempuan) tidak sesuai jenis kelamin",
}


def jenis_tabel() -> pd.DataFrame:
    """The finding types: code, short name, rule, explanation, follow-up."""
    return pd.DataFrame(
        [
            {
                "temuan": j.kode,
                "nama": j.nama,
                "aturan": j.singkat,
                "penjelasan": j.penjelasan,
                "tindak_lanjut": j.tindak_lanjut,
            }
            for j in _JENIS
        ]
    )


# --------------------------------------------------------------------------- the audit
def findings_summary(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """The command line's rows: kode_kecamatan, kecamatan, temuan, jumlah (query marts/audit_ringkasan)."""
    df = db.run(con, "marts/audit_ringkasan", election=election)
    df["jumlah"] = df["jumlah"].astype("int64")
    return df


def findings(
    con: duckdb.DuckDBPyConnection,
    election: str,
    kecamatan: str | None = None,
    desa: str | None = None,
    temuan: str | None = None,
) -> pd.DataFrame:
    """One row per voter row and finding (query marts/audit_temuan), with the finding's Indonesian
    name (`nama_temuan`) and what explains it for this voter (`keterangan`)."""
    df = db.run(con, "marts/audit_temuan", election=election, kecamatan=kecamatan, desa=desa, temuan=temuan)
    df["nama_temuan"] = df["temuan"].map({k: j.nama for k, j in JENIS.items()})
    text = pd.Series("", index=df.index, dtype="object")
    groups = df.groupby("temuan", sort=False).indices
    # Plain arrays, not DataFrame rows: tens of thousands of findings stay fast.
    arrays = (
        {c: df[c].to_numpy(dtype=object, na_value=None) for c in _KETERANGAN_KOLOM}
        if set(groups) - set(_KETERANGAN_TETAP)
        else {}
    )
    for kode, index in groups.items():
        if kode in _KETERANGAN_TETAP:
            text.iloc[index] = _KETERANGAN_TETAP[kode]
        else:
            columns = [arrays[c][index] for c in _KETERANGAN_KOLOM]
            text.iloc[index] = [keterangan(dict(zip(_KETERANGAN_KOLOM, values))) for values in zip(*columns)]
    df["keterangan"] = text
    for col in ("source_row", "asal_baris", "umur", "pemilih_tps", "kapasitas_tps"):
        df[col] = df[col].astype("Int64")
    return df


_KETERANGAN_TETAP = {"ktpel_belum_rekam": "status KTP-el B (belum rekam)"}
_KETERANGAN_KOLOM = [
    "temuan",
    "kode_kecamatan",
    "kecamatan",
    "tps",
    "umur",
    "lahir_sesudah_hari_h",
    "sts",
    "nik_numerik",
    "nik_panjang",
    "nik_digit",
    "nik_kode_wilayah",
    "nik_kecamatan",
    "nik_tanggal_masalah",
    "desa_catatan",
    "pemilih_tps",
    "kapasitas_tps",
    "asal_berkas",
    "asal_sheet",
    "asal_baris",
]
# fmt.angka is the one formatter; thousands of findings repeat a few values (an age, a TPS size).
_angka = functools.lru_cache(maxsize=4096)(fmt.angka)


def _present(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and value != value)


def keterangan(row: dict) -> str:
    """What explains one finding of one voter, in Indonesian (never an identity)."""
    kode = row["temuan"]
    if kode == "nik_format":
        if row.get("nik_numerik"):
            return "NIK tersimpan sebagai angka di Excel; angka terakhirnya hilang"
        if row.get("nik_panjang") == 0:
            return "NIK kosong"
        if row.get("nik_digit") is False or row.get("nik_digit") == 0:
            return "NIK berisi karakter selain angka"
        return f"NIK {_angka(row['nik_panjang'])} karakter, seharusnya 16 angka"
    if kode == "nik_wilayah":
        wilayah = str(row.get("nik_kode_wilayah") or "").replace(".", "")
        kode_kec = str(row.get("kode_kecamatan") or "").replace(".", "")
        if wilayah[:4] != kode_kec[:4]:
            return f"kode wilayah NIK {wilayah} bukan {jenis_kabkota(kode_kec)} ini ({kode_kec[:4]})"
        if _present(row.get("nik_kecamatan")):
            return f"kode wilayah NIK {wilayah} adalah Kecamatan {row['nik_kecamatan']}, bukan {row['kecamatan']}"
        return f"kode wilayah NIK {wilayah} bukan kode kecamatan yang dikenal"
    if kode == "nik_tanggal":
        return TANGGAL_NIK.get(row.get("nik_tanggal_masalah"), "tanggal di NIK tidak cocok")
    if kode == "nik_ganda":
        if _present(row.get("asal_baris")):
            sheet = f", sheet '{row['asal_sheet']}'" if _present(row.get("asal_sheet")) else ""
            return f"NIK sama dengan {row['asal_berkas']}{sheet}, baris {int(row['asal_baris'])}"
        return "NIK sudah ada di baris sebelumnya"
    if kode == "usia_belum_17":
        sts = STS.get(row.get("sts"), "status kawin kosong")
        return f"umur {_angka(row['umur'])} tahun pada hari pemungutan suara, {sts}"
    if kode == "usia_tidak_wajar":
        if row.get("lahir_sesudah_hari_h"):
            return "tanggal lahir sesudah hari pemungutan suara"
        return f"umur {_angka(row['umur'])} tahun pada hari pemungutan suara"
    if kode == "desa_tidak_cocok":
        return row.get("desa_catatan") or "desa/kelurahan tidak ada di kecamatan ini"
    if kode in _KETERANGAN_TETAP:
        return _KETERANGAN_TETAP[kode]
    if kode == "tps_melebihi_kapasitas":
        return f"TPS {row['tps']} berisi {_angka(row['pemilih_tps'])} pemilih, kapasitas {_angka(row['kapasitas_tps'])}"
    return ""


def groups(con: duckdb.DuckDBPyConnection, election: str) -> dict[str, pd.DataFrame]:
    """Pemilih pemula, disabilitas per category, L/P and the sex ratio, per kecamatan and per desa
    (query marts/audit_kelompok): {"kecamatan": …, "desa": …}; empty frames without a per-voter list."""
    df = db.run(con, "marts/audit_kelompok", election=election)  # counts are bigint: int64 columns
    # The stored table lists the desa rows first, then the kecamatan rows (its `urutan`); positional
    # slices are the cheapest way to split them (this runs on every page view without a cache).
    n_desa = int((df["tingkat"].to_numpy() == "desa").sum())
    desa = df.iloc[:n_desa, 1:]  # without `tingkat`, the first column
    kec = df.iloc[n_desa:, [i for i, c in enumerate(df.columns) if c not in ("tingkat", "kode_desa", "desa")]]
    kec.index = range(len(kec))
    return {"kecamatan": kec, "desa": desa}


@dataclass
class AuditDaftar:
    """The whole audit of the voter lists of one election at one data version (what the Temuan
    page shows); each part is named for its query."""

    ringkasan: pd.DataFrame  # findings_summary (marts/audit_ringkasan)
    temuan: pd.DataFrame  # findings, all of them (marts/audit_temuan)
    kelompok: dict  # groups (marts/audit_kelompok)
    ada_daftar: bool  # any active per-voter list


def lengkap(con: duckdb.DuckDBPyConnection, election: str) -> AuditDaftar:
    """Everything: the summary, the findings and the groups, from the tables stored when the data
    changed (temuan_daftar, kelompok_desa). Queries: marts/audit_ringkasan, marts/audit_temuan,
    marts/audit_kelompok."""
    cur = con.cursor()
    ada = (
        con.execute(
            "select count(*) from stg_active_upload where election_id = $e and kind = 'daftar'", {"e": election}
        ).fetchone()[0]
        > 0
    )
    return AuditDaftar(findings_summary(cur, election), findings(cur, election), groups(con, election), ada)


# --------------------------------------------------------------------------- keeping identity (admin)
def simpan_identitas(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether names, addresses and places of birth are kept from per-voter lists (default: no)."""
    row = con.execute("select value from app_settings where key = 'simpan_identitas'").fetchone()
    return bool(row) and row[0] == "ya"


def atur_simpan_identitas(con: duckdb.DuckDBPyConnection, simpan: bool) -> int:
    """Turn keeping identity on or off, inside db.writing. Turning it off deletes every kept name,
    address and place of birth (returns how many rows); `purge_identitas` also rewrites the file."""
    con.execute(
        "insert or replace into app_settings values ('simpan_identitas', $v)", {"v": "ya" if simpan else "tidak"}
    )
    return 0 if simpan else hapus_identitas(con)


def hapus_identitas(con: duckdb.DuckDBPyConnection, upload_id: int | None = None) -> int:
    """Delete kept names/addresses (of one upload, or all), inside db.writing. The rows are gone,
    but DuckDB leaves their bytes in free blocks of the file: `purge_identitas` rewrites it."""
    n = con.execute(
        "select count(*) from identitas_daftar where $u is null or upload_id = $u", {"u": upload_id}
    ).fetchone()[0]
    con.execute("delete from identitas_daftar where $u is null or upload_id = $u", {"u": upload_id})
    return n


def purge_identitas(db_path, *, matikan: bool = True, on_wait=None, pelaku=None) -> int:
    """Stop keeping identity (when `matikan`) and delete every kept name, address and place of
    birth for good: the rows are deleted, then the database file is rewritten without the free
    blocks that still held their bytes (a deleted row is otherwise still readable in the file).
    Returns how many rows were deleted. Recorded in the audit trail (as done by `pelaku`)."""
    from . import jejak

    with db.writing(db_path, on_wait=on_wait) as con:
        sebelum = dict(con.execute("select key, value from app_settings where key = 'simpan_identitas'").fetchall())
        n = atur_simpan_identitas(con, False) if matikan else hapus_identitas(con)
        sesudah = dict(con.execute("select key, value from app_settings where key = 'simpan_identitas'").fetchall())
        jejak.catat(
            con,
            pelaku,
            "pengaturan",
            "simpan identitas",
            rincian={"identitas_dihapus": n},
            sebelum=sebelum,
            sesudah=sesudah,
        )
    _rewrite(Path(db_path), on_wait)
    return n


def _rewrite(path: Path, on_wait=None) -> None:
    """Copy the whole database (tables, views, sequences) into a fresh file and put it in place,
    under the same writer lock and atomic rename as readiness.db.writing."""
    import fcntl
    import os
    import shutil

    fd = db._lock(path, 300.0, on_wait)
    work = None
    try:
        db.remove_stale(path)
        work = db.work_folder(path, "padat")
        fresh = work / path.name
        con = duckdb.connect(str(fresh))
        try:
            catatan.pasang(con, path)  # the views of the store's rows bind to it when copied
            name = con.execute("select current_database()").fetchone()[0]
            con.execute(f"attach '{_sql_text(path)}' as lama (read_only)")
            con.execute(f'copy from database lama to "{name}"')
            con.execute("detach lama")
            con.execute("checkpoint")
        finally:
            con.close()
        db.put_in_place(fresh, path)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


# --------------------------------------------------------------------------- export for KPU
KOLOM_EKSPOR = [  # (column of `findings`, header)
    ("kecamatan", "Kecamatan"),
    ("desa", "Desa/Kelurahan"),
    ("tps", "TPS"),
    ("nama_temuan", "Temuan"),
    ("keterangan", "Keterangan"),
    ("nik_mask", "NIK (tersamar)"),
    ("dpid", "DPID"),
    ("file_name", "Berkas"),
    ("source_sheet", "Sheet"),
    ("source_row", "Baris"),
]


def ekspor_xlsx(
    temuan: pd.DataFrame,
    ringkasan: pd.DataFrame,
    pemilihan: str,
    versi: str,
    dibuat: dt.datetime | None = None,
    wilayah: str | None = None,
    desa: str = teks.KOLOM["desa"],
) -> bytes:
    """The follow-up workbook for KPU: a summary sheet (findings per kecamatan and type, with each
    type explained and what to do), then one sheet per kecamatan listing its findings grouped by
    desa, TPS and type, with where to find each voter in the original file and an empty column for
    the follow-up. Masked NIK only; text is never written as a formula. Each sheet's title names
    the region (`wilayah`: 'Kota Probolinggo'); `desa` is its word for the lowest level ('Kelurahan')."""
    dibuat = dibuat or dt.datetime.now().replace(microsecond=0)
    buffer = io.BytesIO()
    wb, house = export.buku(buffer, "Temuan daftar pemilih")
    f = {
        **house,
        "kelompok": wb.add_format({"bold": True, "bg_color": "#e8eef5"}),
        "angka": wb.add_format({"num_format": "#,##0"}),
        "lipat": wb.add_format({"text_wrap": True, "valign": "top"}),
    }

    def header(ws, title: str) -> int:
        ws.write_string(0, 0, export.judul_wilayah(title, wilayah), f["judul"])
        ws.write_string(1, 0, f"Pemilihan: {pemilihan}", f["catatan"])
        ws.write_string(2, 0, f"Sumber: {versi}", f["catatan"])
        ws.write_string(3, 0, f"Dibuat: {fmt.tanggal_jam(dibuat)}", f["catatan"])
        ws.write_string(
            4,
            0,
            teks.DISCLAIMER + ". NIK tersamar; cari pemilih di berkas aslinya lewat berkas, "
            "sheet dan baris, atau DPID.",
            f["peringatan"],
        )
        return 6

    ws = wb.add_worksheet("Ringkasan")
    _lembar_ringkasan(ws, header(ws, "Temuan daftar pemilih per kecamatan"), ringkasan, f)
    used: set[str] = {"ringkasan"}
    for (_, nama), rows in temuan.groupby(["kode_kecamatan", "kecamatan"], sort=True):
        ws = wb.add_worksheet(_sheet_name(nama, used))
        _lembar_kecamatan(ws, header(ws, f"Temuan daftar pemilih Kecamatan {nama}"), rows, f, desa)
    wb.close()
    return buffer.getvalue()


def _lembar_ringkasan(ws, r: int, ringkasan: pd.DataFrame, f: dict) -> None:
    """Summary: kecamatan x type from row `r`, then the types explained."""
    types = [k for k in KODE if k in set(ringkasan["temuan"])]
    pivot = (
        ringkasan.pivot_table(
            index=["kode_kecamatan", "kecamatan"], columns="temuan", values="jumlah", aggfunc="sum", fill_value=0
        )
        .reindex(columns=types, fill_value=0)
        .reset_index()
        if len(ringkasan)
        else pd.DataFrame(columns=["kode_kecamatan", "kecamatan"])
    )
    heads = ["Kecamatan"] + [JENIS[k].nama for k in types] + ["Jumlah temuan"]
    for c, text in enumerate(heads):
        ws.write_string(r, c, text, f["kepala"])
    ws.set_column(0, 0, 22)
    ws.set_column(1, len(heads), 16)
    for i, row in enumerate(pivot.itertuples(index=False), start=r + 1):
        ws.write_string(i, 0, str(row.kecamatan))
        values = [int(getattr(row, k)) for k in types]
        for c, v in enumerate(values, start=1):
            ws.write_number(i, c, v, f["angka"])
        ws.write_number(i, len(values) + 1, sum(values), f["angka"])
    r += len(pivot) + 3
    ws.write_string(r, 0, "Jenis temuan", f["judul"])
    r += 1
    for c, text in enumerate(["Temuan", "Kode", "Aturan", "Penjelasan", "Tindak lanjut"]):
        ws.write_string(r, c, text, f["kepala"])
    for j in _JENIS:
        r += 1
        for c, text in enumerate([j.nama, j.kode, j.singkat, j.penjelasan, j.tindak_lanjut]):
            ws.write_string(r, c, text, f["lipat"])


def _lembar_kecamatan(ws, r: int, rows: pd.DataFrame, f: dict, desa_judul: str) -> None:
    """One kecamatan's findings from row `r`, grouped by desa, TPS and type."""
    columns = [(c, desa_judul if c == "desa" else t) for c, t in KOLOM_EKSPOR[1:]] + [(None, "Tindak lanjut")]
    for c, (_, text) in enumerate(columns):
        ws.write_string(r, c, text, f["kepala"])
    for c, width in enumerate([22, 8, 24, 60, 20, 14, 28, 16, 8, 30]):
        ws.set_column(c, c, width)
    ws.freeze_panes(r + 1, 0)
    first = r
    group = None
    for rec in rows.to_dict("records"):
        key = (rec["desa"], rec["tps"], rec["temuan"])
        if key != group:
            group = key
            r += 1
            desa = rec["desa"] if _present(rec["desa"]) else f"({desa_judul.lower()} kosong)"
            ws.merge_range(
                r,
                0,
                r,
                len(columns) - 1,
                f"{desa_judul} {desa} · TPS {rec['tps']} · {rec['nama_temuan']}",
                f["kelompok"],
            )
        r += 1
        for c, (col, _) in enumerate(columns):
            value = rec.get(col) if col else None
            if not _present(value):
                continue
            if col == "source_row":
                ws.write_number(r, c, int(value))
            else:
                ws.write_string(r, c, str(value))
    ws.autofilter(first, 0, max(r, first + 1), len(columns) - 1)


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in str(name) if ch not in "[]:*?/\\")[:28] or "Kecamatan"
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate, n = f"{base[:25]} {n}", n + 1
    used.add(candidate.lower())
    return candidate


def nama_berkas(election: str, bagian: str = "") -> str:
    """`temuan-dpt_pilkada-2024.xlsx`, `temuan-dpt-lumbang-nik-ganda_pilkada-2024.xlsx`."""
    slug = "".join(ch.lower() if ch.isalnum() else "-" for ch in f"temuan-dpt-{bagian}")
    slug = "-".join(part for part in slug.split("-") if part)
    return f"{slug}_{election}.xlsx"


# --------------------------------------------------------------------------- chart
WARNA = {  # one colour per finding type; identity problems warm, administrative ones cool
    "nik_format": "#b2182b",
    "nik_wilayah": "#ef8a62",
    "nik_tanggal": "#d6604d",
    "nik_ganda": "#67001f",
    "usia_belum_17": "#762a83",
    "usia_tidak_wajar": "#c2a5cf",
    "desa_tidak_cocok": "#8c510a",
    "ktpel_belum_rekam": "#2166ac",
    "tps_melebihi_kapasitas": "#5aae61",
}


def grafik(ringkasan: pd.DataFrame, jenis: list[str] | None = None):
    """Findings per kecamatan, stacked by type (Indonesian labels, id-ID separators); `jenis`
    limits the types shown (the big administrative counts would hide the NIK findings)."""
    import plotly.graph_objects as go

    from .charts import layout as _layout

    df = ringkasan if jenis is None else ringkasan[ringkasan["temuan"].isin(jenis)]
    order = df.groupby("kecamatan")["jumlah"].sum().sort_values(ascending=False).index.tolist() if len(df) else []
    fig = go.Figure()
    for kode in KODE:
        part = df[df["temuan"] == kode].set_index("kecamatan").reindex(order)
        if part["jumlah"].isna().all():
            continue
        fig.add_trace(
            go.Bar(
                y=order,
                x=part["jumlah"],
                orientation="h",
                name=JENIS[kode].nama,
                marker=dict(color=WARNA[kode]),
                hovertemplate=f"<b>%{{y}}</b><br>{JENIS[kode].nama}: %{{x:,.0f}} pemilih<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title=None, type="category")
    fig.update_xaxes(title="Jumlah pemilih dengan temuan", tickformat=",.0f", showgrid=True, gridcolor="#e5e5e5")
    return _layout(fig, height=120 + 32 * max(len(order), 1))

"""Readiness per kecamatan, korwil and kabupaten: runs the marts and words the reasons.

The indicators and their statuses are computed in SQL, per kecamatan and per desa by one set of
rules (queries/intermediate/kesiapan.sql) from thresholds stored per election; this module turns
the non-green ones into plain Indonesian reasons with their numbers, e.g. `KTP-el 94,10% (< 95%)`
or `Data TPS belum diunggah`. The reconciliation checks (queries/checks) run from here too.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import db, fmt, teks
from ._nilai import present as _present
from .pengaturan import (PENGATURAN, PENGATURAN_OPSIONAL, TARGET_KEY, PengaturanError, baca_angka,  # noqa: F401
                         periksa_pengaturan, simpan_pengaturan, simpan_target_kecamatan)

STATUS_ORDER = {"merah": 0, "kuning": 1, "hijau": 2}

REPORT_COLUMNS = {
    "kecamatan": [
        "kode_kecamatan", "kecamatan", "korwil", "koordinator", "dpt", "dpt_l", "dpt_p", "tps",
        "ktpel_wajib", "ktpel_rekam", "ktpel_persen", "target_partisipasi", "partisipasi_sebelumnya",
        "selisih_partisipasi", "pemilih_per_tps_maks", "pemilih_per_tps_rata", "tps_melebihi_kapasitas",
        "dpt_sumber", "dpt_rekap", "dpt_daftar_tps", "dpt_daftar_pemilih", "status_tps", "status_ktpel",
        "status_partisipasi", "status_kelengkapan", "status_konsistensi", "status", "alasan",
    ],
    "korwil": [
        "korwil", "koordinator", "jumlah_kecamatan", "dpt", "dpt_l", "dpt_p", "tps", "ktpel_wajib",
        "ktpel_rekam", "ktpel_persen", "tps_melebihi_kapasitas", "jumlah_hijau", "jumlah_kuning",
        "jumlah_merah", "status", "kecamatan",
    ],
    "desa": ["kode_desa", "desa", "kode_kecamatan", "kecamatan", "dpt", "dpt_l", "dpt_p", "tps",
             "pemilih_per_tps_maks"],
    "kabupaten": [
        "election_id", "pemilihan", "tanggal_pemilihan", "jumlah_kecamatan", "dpt", "dpt_l", "dpt_p",
        "tps", "tps_melebihi_kapasitas", "pemilih_per_tps_maks", "ktpel_wajib", "ktpel_rekam",
        "ktpel_persen", "target_partisipasi", "partisipasi_sebelumnya", "jumlah_hijau", "jumlah_kuning",
        "jumlah_merah", "status",
    ],
}
# Whole-number columns: DuckDB hands integer columns with gaps to pandas as floats.
COUNT_COLUMNS = {
    "dpt", "dpt_l", "dpt_p", "tps", "ktpel_wajib", "ktpel_rekam", "pemilih_per_tps_maks",
    "tps_melebihi_kapasitas", "dpt_rekap", "dpt_daftar_tps", "dpt_daftar_pemilih", "jumlah_kecamatan",
    "jumlah_hijau", "jumlah_kuning", "jumlah_merah", "kapasitas_tps",
}

_MISSING_KIND = (
    ("ada_pemilih", "Data pemilih (rekap DPT) belum diunggah"),
    ("ada_tps", "Data TPS belum diunggah"),
    ("ada_ktpel", "Data KTP-el belum diunggah"),
    ("ada_target", "Target partisipasi belum diunggah"),
)
_SOURCE_LABEL = {"dpt_rekap": "DPT rekap", "dpt_daftar_tps": "daftar TPS", "dpt_daftar_pemilih": "daftar pemilih"}


def _whole(df: pd.DataFrame) -> pd.DataFrame:
    columns = COUNT_COLUMNS & set(df.columns)
    return df.astype({col: "Int64" for col in columns}) if columns else df


def previous_label(con: duckdb.DuckDBPyConnection, election: str) -> str:
    """`Partisipasi 2018` for pilkada-2024: the year of the previous election of the same kind."""
    row = con.execute(
        "select year(p.tanggal) from elections e join elections p on p.jenis = e.jenis and p.tanggal < e.tanggal "
        "where e.election_id = $e order by p.tanggal desc limit 1", {"e": election}
    ).fetchone()
    return f"Partisipasi {row[0]}" if row else "Partisipasi sebelumnya"


def _tps_and_ktpel_reasons(row) -> list[str]:
    """The TPS-capacity and KTP-el reasons, worded the same for a kecamatan and a desa."""
    out = []
    if row["status_tps"] == "merah":
        out.append(f"{fmt.angka(row['tps_melebihi_kapasitas'])} TPS > {fmt.angka(row['kapasitas_tps'])} pemilih "
                   f"(terbanyak {fmt.angka(row['pemilih_per_tps_maks'])})")
    if row["status_ktpel"] == "kuning":
        out.append(f"KTP-el {fmt.persen(row['ktpel_persen'])} (< {fmt.ringkas(row['t_ktpel_hijau'])}%)")
    elif row["status_ktpel"] == "merah":
        out.append(f"KTP-el {fmt.persen(row['ktpel_persen'])} (< {fmt.ringkas(row['t_ktpel_kuning'])}%)")
    return out


def reasons(row, label_sebelumnya: str = "Partisipasi sebelumnya") -> list[str]:
    """Every non-green indicator of one kecamatan row, in words, with its numbers."""
    out = []
    if row["jumlah_jenis_data"] == 0:
        return ["Belum ada data diunggah"] + _masalah_reasons(row)
    for flag, text in _MISSING_KIND:
        if not row[flag]:
            out.append(text)
    out += _tps_and_ktpel_reasons(row)
    if row["status_partisipasi"] in ("kuning", "merah"):
        out.append(f"{label_sebelumnya} {fmt.ringkas(row['partisipasi_sebelumnya'])}% vs target "
                   f"{fmt.ringkas(row['target_partisipasi'])}% (selisih {fmt.ringkas(row['selisih_partisipasi'])} poin)")
    if row["status_konsistensi"] in ("kuning", "merah"):
        sources = [(label, row[col]) for col, label in _SOURCE_LABEL.items() if _present(row[col])]
        main_label, main_value = sources[0]
        pairs = [f"{main_label} {fmt.angka(main_value)} ≠ {label} {fmt.angka(value)}"
                 for label, value in sources[1:] if value != main_value]
        out.append("; ".join(pairs))
    return out + _masalah_reasons(row)


def _masalah_reasons(row) -> list[str]:
    """`2 masalah terbuka (1 tinggi)`: open problems from the inventory (readiness/masalah.py)."""
    n = row.get("masalah_terbuka")
    if not _present(n) or not n:
        return []
    tinggi = row.get("masalah_terbuka_tinggi") or 0
    return [f"{fmt.angka(n)} masalah terbuka" + (f" ({fmt.angka(tinggi)} tinggi)" if tinggi else "")]


def kecamatan(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Readiness per kecamatan (query marts/kecamatan) with `alasan` worded."""
    con = _dengan_kesiapan(con, election)
    df = db.run(con, "marts/kecamatan", election=election)
    label = previous_label(con, election)
    df["alasan"] = [", ".join(reasons(row, label)) for row in df.to_dict("records")]
    return _whole(df)


def korwil(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Readiness per koordinator wilayah (query marts/korwil)."""
    return _whole(db.run(_dengan_kesiapan(con, election), "marts/korwil", election=election))


def kabupaten(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Kabupaten totals, one row (query marts/kabupaten)."""
    df = db.run(_dengan_kesiapan(con, election), "marts/kabupaten", election=election)
    df.insert(0, "election_id", election)
    return _whole(df)


def kelengkapan(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Data completeness per kecamatan (query marts/kelengkapan)."""
    return _whole(db.run(_dengan_kesiapan(con, election), "marts/kelengkapan", election=election))


def partisipasi(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Participation per kecamatan (query marts/partisipasi)."""
    return db.run(_dengan_kesiapan(con, election), "marts/partisipasi", election=election)


def desa(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Voters and TPS per desa (query marts/desa)."""
    return _whole(db.run(con, "marts/desa", election=election))


LEVELS = dict(zip(teks.TINGKAT, (kecamatan, korwil, kabupaten, desa)))


def report(con: duckdb.DuckDBPyConnection, election: str, level: str) -> pd.DataFrame:
    df = LEVELS[level](con, election)
    return df[REPORT_COLUMNS[level]]


# =========================================================================== pages
# Everything a dashboard page shows is computed here, one function per page, so the figures can
# be tested, benchmarked (bench/bench_pages.py) and exported without Streamlit. Each returns a
# dict of DataFrames named after the query that made them.

KESIAPAN = "kesiapan_kecamatan"


def kesiapan(con: duckdb.DuckDBPyConnection, election: str):
    """The rows of the view `int_kecamatan` for one election, evaluated once (an Arrow table)."""
    return con.cursor().sql("select * from int_kecamatan where election_id = $e",
                            params={"e": election}).to_arrow_table()


def kesiapan_cursor(con: duckdb.DuckDBPyConnection, election: str, rows=None) -> duckdb.DuckDBPyConnection:
    """A cursor on which `kesiapan_kecamatan` holds `rows`, the rows of `int_kecamatan` for
    `election` (see `kesiapan`; evaluated now when not given).

    The readiness marts (kecamatan, korwil, kabupaten, kelengkapan, partisipasi) read
    `kesiapan_kecamatan`, never the view itself: the view aggregates every active upload (the
    per-voter list alone can be 870.000 rows), and a page runs several of these marts, so the rows
    are evaluated once and kept (model.Dasar). Kept under their own name, the view `int_kecamatan`
    stays what its name says on every cursor."""
    cur = con.cursor()
    cur.register(KESIAPAN, rows if rows is not None else kesiapan(con, election))
    return cur


def _dengan_kesiapan(con: duckdb.DuckDBPyConnection, election: str) -> duckdb.DuckDBPyConnection:
    """`con` when `kesiapan_kecamatan` on it holds the rows of `election`, else a cursor that does."""
    try:
        held = con.execute(f"select distinct election_id from {KESIAPAN}").fetchall()
    except duckdb.CatalogException:
        held = []
    return con if held == [(election,)] else kesiapan_cursor(con, election)


@dataclass(frozen=True)
class Dasar:
    """What every page of one election shares at one data version, computed once.

    int_kecamatan is a view over all active uploads (the per-voter list alone can be 870.000
    rows); planning and evaluating it is most of a page's cost. The app keeps one Dasar per data
    version and election (app/baca.py), so moving between pages only runs each page's own
    marts, over the kept rows (`kesiapan_kecamatan`). Treat it as read-only: it is shared by
    every session."""
    rows: object                 # int_kecamatan rows of the election (Arrow table), see `kesiapan`
    kecamatan: pd.DataFrame      # marts/kecamatan with `alasan` and `tindak_lanjut`
    kabupaten: pd.DataFrame      # marts/kabupaten
    kelengkapan: pd.DataFrame    # marts/kelengkapan
    versi: pd.DataFrame          # marts/versi_data
    pemilihan: str               # `Pemilihan … (pemungutan suara 27 November 2024)`
    label_sebelumnya: str        # `Partisipasi 2018`

    def cursor(self, con: duckdb.DuckDBPyConnection, election: str) -> duckdb.DuckDBPyConnection:
        return kesiapan_cursor(con, election, self.rows)


def dasar(con: duckdb.DuckDBPyConnection, election: str) -> Dasar:
    """Queries: int_kecamatan (once), marts/kecamatan, marts/kabupaten, marts/kelengkapan, marts/versi_data."""
    rows = kesiapan(con, election)
    cur = kesiapan_cursor(con, election, rows)
    kec = kecamatan(cur, election)
    kec["tindak_lanjut"] = [tindak_lanjut(row) for row in kec.to_dict("records")]
    return Dasar(rows, kec, kabupaten(cur, election), kelengkapan(cur, election),
                 versi(cur, election), pemilihan_label(cur, election), previous_label(cur, election))


def versi(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Active uploads per kind (query marts/versi_data)."""
    return db.run(con, "marts/versi_data", election=election)


def versi_label(versi_df: pd.DataFrame) -> str:
    """`versi data 7: rekap pemilih #1, daftar TPS #2, KTP-el #3 (data 20 November 2024), …`."""
    if versi_df.empty:
        return "belum ada data diunggah"
    parts = []
    for kind, group in versi_df.groupby("kind", sort=False):
        ids = ", ".join(f"#{u}" for u in group["upload_id"])
        dates = [d for d in group["tanggal_data"] if _present(d) and str(d) != "NaT"]
        when = f" (data {fmt.tanggal(max(dates))})" if dates else ""
        parts.append(f"{teks.JENIS_SINGKAT.get(kind, kind)} {ids}{when}")
    return f"versi data {versi_df['data_version'].iloc[0]}: unggahan " + ", ".join(parts)


def pemilihan_label(con: duckdb.DuckDBPyConnection, election: str) -> str:
    row = con.execute("select nama, tanggal from elections where election_id = $e", {"e": election}).fetchone()
    return f"{row[0]} (pemungutan suara {fmt.tanggal(row[1])})" if row else election


def _start(con, election: str, base: Dasar | None):
    """(cursor over the shared rows, the shared part of every page's data)."""
    base = base or dasar(con, election)
    shared = {"kecamatan": base.kecamatan.copy(), "kabupaten": base.kabupaten.copy(),
              "kelengkapan": base.kelengkapan.copy(), "versi": base.versi,
              "pemilihan": base.pemilihan, "label_sebelumnya": base.label_sebelumnya}
    return base.cursor(con, election), shared


def halaman_ringkasan(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/kabupaten, marts/kecamatan, marts/korwil, marts/kelengkapan, marts/versi_data."""
    cur, out = _start(con, election, base)
    return {**out, "korwil": korwil(cur, election)}


def halaman_korwil(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/korwil, marts/kecamatan, marts/versi_data."""
    cur, out = _start(con, election, base)
    return {**out, "korwil": korwil(cur, election)}


def halaman_kecamatan(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/desa_kesiapan, marts/tps, marts/kelengkapan, marts/versi_data."""
    cur, out = _start(con, election, base)
    if kecamatan_kode:
        out["desa"] = desa_kesiapan(cur, election, kecamatan_kode)
        out["tps"] = tps(cur, election, kecamatan_kode)
    return out


def halaman_pemilih(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/pemilih_desa, marts/versi_data."""
    cur, out = _start(con, election, base)
    desa_df = pemilih_desa(cur, election)
    out.update(desa=desa_df, segmen_kecamatan=pemilih_per_kecamatan(desa_df))
    if kecamatan_kode:
        out["desa_kecamatan"] = desa_df[desa_df["kode_kecamatan"] == kecamatan_kode].reset_index(drop=True)
    return out


def halaman_tps(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/tps, marts/tps_sebaran, marts/versi_data."""
    cur, out = _start(con, election, base)
    return {**out, "tps": tps(cur, election, kecamatan_kode),
            "sebaran": db.run(cur, "marts/tps_sebaran", election=election, kecamatan=kecamatan_kode)}


def halaman_ktpel(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/kabupaten, marts/ktpel_tren, marts/versi_data."""
    cur, out = _start(con, election, base)
    tren = _whole(db.run(cur, "marts/ktpel_tren", election=election))
    return {**out, "tren": tren, "tren_kabupaten": ktpel_tren_kabupaten(tren)}


def halaman_partisipasi(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/partisipasi, marts/kabupaten, marts/versi_data."""
    cur, out = _start(con, election, base)
    part = _whole(partisipasi(cur, election))
    part["pengguna_hak_pilih"] = part["pengguna_hak_pilih"].astype("Int64")
    return {**out, "partisipasi": part}


def halaman_pengaturan(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/pengaturan, marts/korwil_penugasan, marts/elections, marts/partisipasi."""
    cur, out = _start(con, election, base)
    return {**out, "pengaturan": db.run(cur, "marts/pengaturan", election=election),
            "korwil": db.run(cur, "marts/korwil_penugasan", election=election),
            "elections": db.run(cur, "marts/elections"),
            "partisipasi": partisipasi(cur, election)}


PAGES = {
    "ringkasan": halaman_ringkasan, "korwil": halaman_korwil, "kecamatan": halaman_kecamatan,
    "pemilih": halaman_pemilih, "tps": halaman_tps, "ktpel": halaman_ktpel,
    "partisipasi": halaman_partisipasi, "pengaturan": halaman_pengaturan,
}


# --------------------------------------------------------------------------- desa, TPS, voters
def desa_kesiapan(con, election: str, kecamatan_kode: str | None) -> pd.DataFrame:
    """Readiness per desa (query marts/desa_kesiapan) with `alasan` worded."""
    df = _whole(db.run(con, "marts/desa_kesiapan", election=election, kecamatan=kecamatan_kode))
    df["alasan"] = [", ".join(desa_reasons(row)) for row in df.to_dict("records")]
    return df


def desa_reasons(row) -> list[str]:
    out = [] if _present(row["dpt"]) else ["Belum ada data pemilih"]
    out += _tps_and_ktpel_reasons(row)
    if row["status_konsistensi"] in ("kuning", "merah"):
        out.append(_consistency_text(row))
    return out


def _consistency_text(row) -> str:
    sources = [(label, row[col]) for col, label in _SOURCE_LABEL.items() if _present(row[col])]
    main_label, main_value = sources[0]
    return "; ".join(f"{main_label} {fmt.angka(main_value)} ≠ {label} {fmt.angka(value)}"
                     for label, value in sources[1:] if value != main_value)


def tps(con, election: str, kecamatan_kode: str | None) -> pd.DataFrame:
    """TPS rows (query marts/tps)."""
    return _whole(db.run(con, "marts/tps", election=election, kecamatan=kecamatan_kode))


DISABILITAS = {  # KPU's codes in voter lists (PKPU 7/2024)
    "dis_fisik": "Fisik", "dis_intelektual": "Intelektual", "dis_mental": "Mental",
    "dis_wicara": "Sensorik wicara", "dis_rungu": "Sensorik rungu", "dis_netra": "Sensorik netra",
}
SEGMEN_KOLOM = ["daftar_dpt", "daftar_l", "daftar_p", "pemula", "pemula_l", "pemula_p", "tanpa_tgl_lahir",
                "disabilitas", *DISABILITAS, "ktpel_belum_rekam", "pemula_rekap", "disabilitas_rekap"]


def pemilih_desa(con, election: str) -> pd.DataFrame:
    """Per desa: voters from the per-voter list by group, and the recap's own columns (marts/pemilih_desa)."""
    counts = ["dpt", "dpt_l", "dpt_p", "tps", *SEGMEN_KOLOM]
    return db.run(con, "marts/pemilih_desa", election=election).astype({col: "Int64" for col in counts})


def pemilih_per_kecamatan(desa_df: pd.DataFrame) -> pd.DataFrame:
    """The desa rows of marts/pemilih_desa summed per kecamatan; a kecamatan without a per-voter
    list keeps empty figures (never 0)."""
    grouped = desa_df.groupby(["kode_kecamatan", "kecamatan"], sort=True)[SEGMEN_KOLOM]
    return grouped.sum(min_count=1).reset_index().astype({col: "Int64" for col in SEGMEN_KOLOM})


# --------------------------------------------------------------------------- reconciliation checks
# queries/checks/<name>.sql: each states one rule the figures must keep (in its header) and returns
# the rows that break it, so an empty result means the rule holds. tests/test_checks.py runs them all.
def pemeriksaan() -> list[str]:
    """The names of the reconciliation checks (queries/checks/*.sql)."""
    return sorted(path.stem for path in (db.QUERY_DIR / "checks").glob("*.sql"))


def periksa(con: duckdb.DuckDBPyConnection, election: str) -> dict[str, pd.DataFrame]:
    """Every reconciliation check on one election: name -> the rows that break its rule.

    The checks read the views, and what the readiness marts give for the election as the pages and
    the report show it: mart_kecamatan, mart_korwil, mart_kabupaten, mart_desa, mart_desa_kesiapan
    (every desa), mart_tps (every TPS), mart_pemilih_desa — each with its `election_id`."""
    cur = kesiapan_cursor(con, election)
    marts = {"kecamatan": kecamatan(cur, election), "korwil": korwil(cur, election),
             "kabupaten": kabupaten(cur, election), "desa": desa(cur, election),
             "desa_kesiapan": desa_kesiapan(cur, election, None), "tps": tps(cur, election, None),
             "pemilih_desa": pemilih_desa(cur, election)}
    for name, frame in marts.items():
        cur.register(f"mart_{name}", frame if "election_id" in frame else frame.assign(election_id=election))
    return {name: db.run(cur, f"checks/{name}", election=election) for name in pemeriksaan()}


# --------------------------------------------------------------------------- KTP-el trend
def ktpel_tren_kabupaten(tren: pd.DataFrame) -> pd.DataFrame:
    """Kabupaten coverage per data date from marts/ktpel_tren: summed only over the kecamatan that
    have a figure by then; `jumlah_kecamatan` says how many."""
    if tren.empty:
        return pd.DataFrame(columns=["tanggal", "jumlah_kecamatan", "ktpel_wajib", "ktpel_rekam", "ktpel_persen"])
    out = tren.groupby("tanggal", sort=True).agg(
        jumlah_kecamatan=("kode_kecamatan", "count"),
        ktpel_wajib=("ktpel_wajib", "sum"), ktpel_rekam=("ktpel_rekam", "sum")).reset_index()
    out["ktpel_persen"] = (100.0 * out["ktpel_rekam"] / out["ktpel_wajib"]).round(2)
    return out


# --------------------------------------------------------------------------- follow-up and indicators
_MINTA = {
    "ada_pemilih": "Minta rekap DPT per desa ke KPU/PPK lalu unggah",
    "ada_tps": "Minta daftar TPS ke KPU/PPK lalu unggah",
    "ada_ktpel": "Minta data perekaman KTP-el ke Dispendukcapil lalu unggah",
    "ada_target": "Tetapkan target partisipasi kecamatan (berkas target atau Pengaturan)",
}


def tindak_lanjut(row) -> list[str]:
    """What the koordinator follows up for one kecamatan, one line per non-green indicator."""
    if row["jumlah_jenis_data"] == 0:
        return ["Minta camat/PPK mengirim data pemilih, TPS, KTP-el dan target partisipasi"]
    out = [text for flag, text in _MINTA.items() if not row[flag]]
    if row["status_tps"] == "merah":
        out.append(f"Bahas dengan PPK pemecahan {fmt.angka(row['tps_melebihi_kapasitas'])} TPS yang melebihi "
                   f"{fmt.angka(row['kapasitas_tps'])} pemilih")
    if row["status_ktpel"] in ("kuning", "merah"):
        belum = row["ktpel_wajib"] - row["ktpel_rekam"]
        out.append(f"Percepat perekaman KTP-el bersama Dispendukcapil: {fmt.angka(belum)} wajib KTP-el belum rekam")
    if row["status_partisipasi"] in ("kuning", "merah"):
        out.append(f"Perkuat sosialisasi: target {fmt.ringkas(row['target_partisipasi'])}% perlu naik "
                   f"{fmt.ringkas(row['selisih_partisipasi'])} poin dari pemilihan sebelumnya")
    if row["status_konsistensi"] in ("kuning", "merah"):
        out.append(f"Cocokkan DPT antarsumber dengan PPK (selisih {fmt.angka(row['selisih_dpt'])} pemilih)")
    if _present(row.get("masalah_terbuka")) and row.get("masalah_terbuka"):
        tinggi = row.get("masalah_terbuka_tinggi") or 0
        out.append(f"Tindak lanjuti {fmt.angka(row['masalah_terbuka'])} masalah terbuka"
                   + (f", {fmt.angka(tinggi)} di antaranya tingkat tinggi" if tinggi else "") + " (halaman Permasalahan)")
    return out


def indikator(row, label_sebelumnya: str = "Partisipasi sebelumnya") -> pd.DataFrame:
    """The indicators of one kecamatan against the election's thresholds, one row each:
    Indikator, Nilai, Ambang (what is green / yellow), status."""
    kap = fmt.angka(row["kapasitas_tps"])
    if _present(row["tps_melebihi_kapasitas"]):
        tps_nilai = (f"{fmt.angka(row['tps_melebihi_kapasitas'])} TPS > {kap} pemilih "
                     f"(terbanyak {fmt.angka(row['pemilih_per_tps_maks'])}, rata-rata "
                     f"{fmt.angka(row['pemilih_per_tps_rata'], 1)})")
    else:
        tps_nilai = "Data TPS belum diunggah"
    if _present(row["ktpel_persen"]):
        ktpel_nilai = (f"{fmt.persen(row['ktpel_persen'])} ({fmt.angka(row['ktpel_rekam'])} dari "
                       f"{fmt.angka(row['ktpel_wajib'])})")
    else:
        ktpel_nilai = "Data KTP-el belum diunggah"
    if _present(row["selisih_partisipasi"]):
        part_nilai = (f"target {fmt.ringkas(row['target_partisipasi'])}% vs {label_sebelumnya} "
                      f"{fmt.ringkas(row['partisipasi_sebelumnya'])}% (selisih {fmt.ringkas(row['selisih_partisipasi'])} poin)")
    elif _present(row["target_partisipasi"]):
        part_nilai = f"target {fmt.ringkas(row['target_partisipasi'])}%, {label_sebelumnya.lower()} belum ada"
    else:
        part_nilai = "Target partisipasi belum ada"
    ada = [label for flag, label in (("ada_pemilih", "pemilih"), ("ada_tps", "TPS"), ("ada_ktpel", "KTP-el"),
                                     ("ada_target", "target")) if row[flag]]
    lengkap = f"{row['jumlah_jenis_data']} dari 4 jenis data" + (f" ({', '.join(ada)})" if ada else "")
    sources = [f"{label} {fmt.angka(row[col])}" for col, label in _SOURCE_LABEL.items() if _present(row[col])]
    if len(sources) >= 2:
        konsisten = ", ".join(sources) + (f" (selisih {fmt.persen(row['selisih_dpt_persen'])})"
                                          if _present(row["selisih_dpt"]) and row["selisih_dpt"] else "")
    else:
        konsisten = "Hanya satu sumber DPT, tidak ada pembanding" if sources else "Data pemilih belum ada"
    th = {k: fmt.ringkas(row[k]) for k in ("t_ktpel_hijau", "t_ktpel_kuning", "t_partisipasi_hijau",
                                           "t_partisipasi_kuning", "t_konsistensi_kuning")}
    rows = [
        ("Kapasitas TPS", tps_nilai, f"Siap: tidak ada TPS > {kap} pemilih; Belum siap: 1 TPS atau lebih", row["status_tps"]),
        ("Perekaman KTP-el", ktpel_nilai, f"Siap ≥ {th['t_ktpel_hijau']}%; Perlu perhatian ≥ {th['t_ktpel_kuning']}%; "
                                          f"Belum siap < {th['t_ktpel_kuning']}%", row["status_ktpel"]),
        ("Risiko partisipasi", part_nilai, f"Siap: selisih ≤ {th['t_partisipasi_hijau']} poin; Perlu perhatian ≤ "
                                           f"{th['t_partisipasi_kuning']} poin; Belum siap > {th['t_partisipasi_kuning']} poin",
         row["status_partisipasi"]),
        ("Kelengkapan data", lengkap, "Siap: 4 jenis; Perlu perhatian: sebagian; Belum siap: tidak ada",
         row["status_kelengkapan"]),
        ("Konsistensi DPT", konsisten, f"Siap: sama; Perlu perhatian: selisih ≤ {th['t_konsistensi_kuning']}%; "
                                       f"Belum siap: > {th['t_konsistensi_kuning']}%", row["status_konsistensi"]),
    ]
    return pd.DataFrame(rows, columns=["indikator", "nilai", "ambang", "status"])


def _text(value) -> str:
    return "" if not _present(value) else str(value).strip()


def periksa_korwil(rows: pd.DataFrame, ref: pd.DataFrame) -> list[str]:
    """Problems with a korwil assignment (columns kecamatan, korwil, koordinator; kecamatan by name
    or code): every kecamatan of `ref` exactly once, each with a korwil, one koordinator per korwil."""
    by_name = {n.casefold(): k for k, n in zip(ref["kode_kecamatan"], ref["kecamatan"])}
    name_of = dict(zip(ref["kode_kecamatan"], ref["kecamatan"]))
    problems, seen, unknown = [], [], []
    for _, r in rows.iterrows():
        text = _text(r.get("kecamatan"))
        if not text and not _text(r.get("korwil")):
            continue  # an empty row added in the editor
        kode = text if text in name_of else by_name.get(text.casefold())
        if kode is None:
            unknown.append(text or "(kosong)")
            continue
        seen.append(kode)
        if not _text(r.get("korwil")):
            problems.append(f"Kecamatan {name_of[kode]} belum diberi korwil")
    counts = pd.Series(seen, dtype="object").value_counts()
    missing = [name_of[k] for k in ref["kode_kecamatan"] if k not in counts.index]
    doubled = [f"{name_of[k]} ({n} kali)" for k, n in counts.items() if n > 1]
    if unknown:
        problems.insert(0, "Kecamatan tidak dikenal: " + ", ".join(unknown))
    if doubled:
        problems.insert(0, "Kecamatan tercantum lebih dari sekali: " + ", ".join(doubled))
    if missing:
        problems.insert(0, f"Kecamatan belum masuk korwil mana pun ({len(missing)}): " + ", ".join(missing))
    koordinator: dict[str, set] = {}
    for _, r in rows.iterrows():
        if _text(r.get("korwil")):
            koordinator.setdefault(_text(r.get("korwil")), set()).add(_text(r.get("koordinator")))
    for name, people in sorted(koordinator.items()):
        people.discard("")
        if len(people) > 1:
            problems.append(f"{name} punya lebih dari satu koordinator: " + ", ".join(sorted(people)))
    return problems


def simpan_korwil(con: duckdb.DuckDBPyConnection, election: str, rows: pd.DataFrame) -> None:
    """Replace the korwil assignment of one election; refused (nothing changed) unless every
    kecamatan is in exactly one korwil."""
    ref = con.execute("select kode_kecamatan, kecamatan from ref_kecamatan order by 1").df()
    problems = periksa_korwil(rows, ref)
    if problems:
        raise PengaturanError(problems)
    by_name = {n.casefold(): k for k, n in zip(ref["kode_kecamatan"], ref["kecamatan"])}
    codes = set(ref["kode_kecamatan"])
    koordinator = {}
    for _, r in rows.iterrows():
        if _text(r.get("koordinator")):
            koordinator[_text(r["korwil"])] = _text(r["koordinator"])
    records = []
    for _, r in rows.iterrows():
        text = _text(r.get("kecamatan"))
        if not text:
            continue
        kode = text if text in codes else by_name[text.casefold()]
        records.append((election, kode, _text(r["korwil"]), koordinator.get(_text(r["korwil"]))))
    con.execute("delete from korwil where election_id = $e", {"e": election})
    con.executemany("insert into korwil values (?, ?, ?, ?)", records)


def aktifkan_pemilihan(con: duckdb.DuckDBPyConnection, election: str) -> None:
    if not db.election_exists(con, election):
        raise PengaturanError([f"pemilihan '{election}' tidak dikenal"])
    con.execute("insert or replace into app_settings values ('active_election', $e)", {"e": election})

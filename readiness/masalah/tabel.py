"""The problems inventory as the pages show it: the filtered list, its table and Excel columns, one
problem's details and history, the weekly summary per korwil, and the open problems the Ringkasan,
Korwil and Kecamatan pages show. Every cell is text in the users' words (labels, id-ID dates and
numbers through fmt); user-written text is passed through as it is, for dataframes only. `desa` is
the region's header for its lowest level (readiness.wilayah.Kata.desa_judul: `Kelurahan` in a kota)."""

from __future__ import annotations

import pandas as pd

from .. import export, fmt, teks
from .isian import KATEGORI, STATUS, TINGKAT

KOSONG = "–"
DESA = teks.KOLOM["desa"]
URUTAN_TINGKAT = {"tinggi": 0, "sedang": 1, "rendah": 2}
KOLOM_EKSPOR = [
    export.Kolom("masalah_id", "No. masalah", "angka"),
    export.Kolom("kecamatan", "Kecamatan"),
    export.Kolom("korwil", "Korwil"),
    export.Kolom("desa", DESA),
    export.Kolom("no_tps", "TPS"),
    export.Kolom("kategori_label", "Kategori"),
    export.Kolom("uraian", "Uraian masalah"),
    export.Kolom("pelapor", "Pelapor"),
    export.Kolom("tanggal", "Tanggal", "tanggal"),
    export.Kolom("tingkat_label", "Tingkat"),
    export.Kolom("status_label", "Status"),
    export.Kolom("catatan_terakhir", "Tindak lanjut terakhir"),
]


def saring(
    daftar: pd.DataFrame, *, korwil=(), kecamatan=(), kategori=(), tingkat=(), status=(), cari: str = ""
) -> pd.DataFrame:
    """The problems (marts/masalah_daftar rows) matching every filter given: each list keeps the rows
    whose value is one of it (an empty list keeps all); `cari` is looked up, case ignored, in the
    description, the reporter and the latest follow-up note."""
    pilih = daftar
    for kolom, nilai in (
        ("korwil", korwil),
        ("kode_kecamatan", kecamatan),
        ("kategori", kategori),
        ("tingkat", tingkat),
        ("status", status),
    ):
        if nilai:
            pilih = pilih[pilih[kolom].isin(list(nilai))]
    if cari.strip():
        isi = (
            pilih["uraian"].fillna("") + " " + pilih["pelapor"].fillna("") + " " + pilih["catatan_terakhir"].fillna("")
        ).str.lower()
        pilih = pilih[isi.str.contains(cari.strip().lower(), regex=False)]
    return pilih


def hitungan(daftar: pd.DataFrame) -> dict[str, str]:
    """The four figures above the list: open, open and severe, being handled, closed."""
    terbuka = daftar[daftar["terbuka"]]
    return {
        "Masalah terbuka": fmt.angka(len(terbuka)),
        "Terbuka, tingkat tinggi": fmt.angka((terbuka["tingkat"] == "tinggi").sum()),
        "Sedang ditangani": fmt.angka((daftar["status"] == "ditangani").sum()),
        "Selesai": fmt.angka((daftar["status"] == "selesai").sum()),
    }


def _tanggal(t) -> str:
    return fmt.tanggal_singkat(t.date()) if pd.notna(t) else KOSONG


# The columns after the village's: in the page's full list, and in a list of open problems.
_URUT_DAFTAR = ("TPS", "Kategori", "Uraian", "Pelapor", "Tanggal", "Tingkat", "Status", "Tindak lanjut terakhir")
_URUT_TERBUKA = ("TPS", "Kategori", "Uraian", "Tingkat", "Status", "Tanggal", "Pelapor", "Tindak lanjut terakhir")


def _sel(df: pd.DataFrame, desa: str) -> dict[str, pd.Series]:
    """Each column of a list of problems as the page shows it, by its header (`desa`: the
    header of the village column)."""
    return {
        "No.": df["masalah_id"].map(lambda i: f"#{i}"),
        "Kecamatan": df.get("kecamatan"),
        "Korwil": df["korwil"].fillna(KOSONG) if "korwil" in df else None,
        desa: df["desa"].fillna(KOSONG),
        "TPS": df["no_tps"].fillna(KOSONG),
        "Kategori": df["kategori"].map(KATEGORI).fillna(df["kategori"]),
        "Uraian": df["uraian"],
        "Pelapor": df["pelapor"].fillna(KOSONG),
        "Tanggal": df["tanggal"].map(_tanggal),
        "Tingkat": df["tingkat"].map(TINGKAT),
        "Status": df["status"].map(STATUS),
        "Tindak lanjut terakhir": df["catatan_terakhir"].fillna(KOSONG),
    }


def tabel_daftar(pilih: pd.DataFrame, desa: str = DESA) -> pd.DataFrame:
    """The Permasalahan page's list, one row per problem."""
    sel = _sel(pilih, desa)
    return pd.DataFrame({judul: sel[judul] for judul in ("No.", "Kecamatan", "Korwil", desa, *_URUT_DAFTAR)})


def berkas_daftar(pilih: pd.DataFrame, desa: str = DESA) -> pd.DataFrame:
    """The list as its Excel download holds it (KOLOM_EKSPOR: numbers and dates as such)."""
    return export.ekspor(
        pilih.assign(
            kategori_label=pilih["kategori"].map(KATEGORI),
            tingkat_label=pilih["tingkat"].map(TINGKAT),
            status_label=pilih["status"].map(STATUS),
        ),
        [export.Kolom("desa", desa) if k.sumber == "desa" else k for k in KOLOM_EKSPOR],
    )


def pilihan_buka(daftar: pd.DataFrame, pilih: pd.DataFrame, dari_url: str | None) -> list[str]:
    """The problems that may be opened below the list (as text ids): those the filters keep (all
    when none is kept), with the one named in the URL first when the filters hide it."""
    semua = [str(i) for i in daftar["masalah_id"]]
    pilihan = [str(i) for i in pilih["masalah_id"]] or semua
    return [dari_url, *pilihan] if dari_url in semua and dari_url not in pilihan else pilihan


def acuan_minggu(daftar: pd.DataFrame, hari_ini):
    """The date the weekly report opens on: today, or the newest problem's date when that is earlier."""
    return hari_ini if daftar.empty else min(hari_ini, daftar["tanggal"].max().date())


def label(r) -> str:
    """`#12 · Kraksaan · Logistik · Kotak suara …` (the description cut at 70 characters)."""
    uraian = r["uraian"] if len(r["uraian"]) <= 70 else r["uraian"][:69] + "…"
    return f"#{r['masalah_id']} · {r['kecamatan']} · {KATEGORI.get(r['kategori'], r['kategori'])} · {uraian}"


def judul(r) -> str:
    return f"Masalah #{r['masalah_id']}: {STATUS[r['status']]}, tingkat {TINGKAT[r['tingkat']].lower()}"


def _isi(value, kosong: str = KOSONG) -> str:
    return value if isinstance(value, str) and value else kosong


def rincian(r, desa: str = DESA) -> pd.DataFrame:
    """One problem, field by field."""
    return pd.DataFrame(
        [
            ("Kecamatan", f"{r['kecamatan']} ({_isi(r['korwil'], 'belum masuk korwil')})"),
            (desa, _isi(r["desa"])),
            ("TPS", _isi(r["no_tps"])),
            ("Kategori", KATEGORI.get(r["kategori"], r["kategori"])),
            ("Uraian", r["uraian"]),
            ("Pelapor", _isi(r["pelapor"])),
            ("Tanggal", fmt.tanggal(r["tanggal"].date())),
            (
                "Dicatat",
                f"{fmt.tanggal_jam(r['dibuat_pada'].to_pydatetime())} oleh {_isi(teks.nama_pelaku(r['dibuat_oleh']))} ({r['sumber']})",
            ),
        ],
        columns=["Isian", "Nilai"],
    )


def _ubah(a, b, kamus: dict) -> str:
    if a is None or pd.isna(a):
        return f"dicatat: {kamus.get(b, b)}"
    return f"{kamus.get(a, a)} → {kamus.get(b, b)}" if a != b else kamus.get(b, b)


def tabel_riwayat(riwayat: pd.DataFrame) -> pd.DataFrame:
    """One problem's history (marts/masalah_riwayat): each change of status or severity and note."""
    return pd.DataFrame(
        {
            "Waktu": riwayat["waktu"].map(lambda t: fmt.tanggal_jam(t.to_pydatetime())),
            "Oleh": riwayat["pelaku"].map(teks.nama_pelaku).fillna(KOSONG),
            "Status": [_ubah(a, b, STATUS) for a, b in zip(riwayat["status_sebelum"], riwayat["status_sesudah"])],
            "Tingkat": [_ubah(a, b, TINGKAT) for a, b in zip(riwayat["tingkat_sebelum"], riwayat["tingkat_sesudah"])],
            "Catatan tindak lanjut": riwayat["catatan"].fillna(KOSONG),
            "Sumber": riwayat["sumber"],
        }
    )


def tabel_ringkasan_korwil(ringkas: pd.DataFrame) -> pd.DataFrame:
    """The weekly report's summary per korwil (masalah.ringkasan_korwil) as the page shows it."""
    return pd.DataFrame(
        {
            "Korwil": ringkas["korwil"],
            "Koordinator": ringkas["koordinator"].fillna(KOSONG),
            "Masalah dalam laporan": ringkas["jumlah"].map(fmt.angka),
            "Baru minggu ini": ringkas["baru"].map(fmt.angka),
            "Selesai minggu ini": ringkas["selesai"].map(fmt.angka),
            "Masih terbuka": ringkas["terbuka"].map(fmt.angka),
            "Terbuka, tingkat tinggi": ringkas["terbuka_tinggi"].map(fmt.angka),
        }
    )


def terbuka(daftar: pd.DataFrame) -> pd.DataFrame:
    """The problems not closed yet."""
    return daftar[daftar["terbuka"]].reset_index(drop=True)


def tabel_terbuka(df: pd.DataFrame, *, kecamatan: bool = True, desa: str = DESA) -> pd.DataFrame:
    """Open problems, most severe and newest first."""
    urut = df.assign(_t=df["tingkat"].map(URUTAN_TINGKAT))
    urut = urut.sort_values(["_t", "tanggal", "masalah_id"], ascending=[True, False, False])
    sel = _sel(urut, desa)
    judul = ("No.", *(("Kecamatan",) if kecamatan else ()), desa, *_URUT_TERBUKA)
    return pd.DataFrame({j: sel[j] for j in judul})


def _jumlah_tinggi(df: pd.DataFrame, by) -> pd.DataFrame:
    return df.groupby(by, dropna=False).agg(
        jumlah=("masalah_id", "count"), tinggi=("tingkat", lambda s: int((s == "tinggi").sum()))
    )


def per_kategori(df: pd.DataFrame) -> pd.DataFrame:
    """Open problems per category, the most first."""
    per_kat = (
        _jumlah_tinggi(df, "kategori")
        .reindex(list(KATEGORI))
        .dropna()
        .astype(int)
        .reset_index()
        .sort_values(["jumlah", "tinggi"], ascending=False)
    )
    return pd.DataFrame(
        {
            "Kategori": per_kat["kategori"].map(KATEGORI),
            "Terbuka": per_kat["jumlah"].map(fmt.angka),
            "Tingkat tinggi": per_kat["tinggi"].map(fmt.angka),
        }
    )


def per_kecamatan(df: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The `n` kecamatan with the most open problems."""
    per_kec = (
        _jumlah_tinggi(df, ["kecamatan", "korwil"])
        .reset_index()
        .sort_values(["jumlah", "tinggi", "kecamatan"], ascending=[False, False, True])
        .head(n)
    )
    return pd.DataFrame(
        {
            "Kecamatan": per_kec["kecamatan"],
            "Korwil": per_kec["korwil"].fillna(KOSONG),
            "Terbuka": per_kec["jumlah"].map(fmt.angka),
            "Tingkat tinggi": per_kec["tinggi"].map(fmt.angka),
        }
    )


def angka_ringkasan(df: pd.DataFrame) -> dict[str, str]:
    """The Ringkasan page's figures on open problems (id-ID), by name."""
    return {
        "terbuka": fmt.angka(len(df)),
        "kecamatan": fmt.angka(df["kode_kecamatan"].nunique()),
        **{f"tingkat_{t}": fmt.angka((df["tingkat"] == t).sum()) for t in TINGKAT},
        **{f"status_{s}": fmt.angka((df["status"] == s).sum()) for s in STATUS},
    }

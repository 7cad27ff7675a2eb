"""What a problem is: its categories, severities and statuses (code -> label), the other words a
sheet uses for them, the key an uploaded row is matched by, one entry (`Isian`) and its checks
(`periksa`), and the clock the store's times are read from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb

from .. import fmt

# code -> label. Incidents reported on election day (readiness/lapor/) use the same codes.
KATEGORI = {
    "logistik": "Logistik",
    "pemilih": "Pemilih/DPT",
    "ktpel": "KTP-el",
    "keamanan": "Keamanan/trantibmas",
    "netralitas": "Netralitas ASN",
    "sarana_tps": "Sarana TPS",
    "lainnya": "Lainnya",
}
TINGKAT = {"rendah": "Rendah", "sedang": "Sedang", "tinggi": "Tinggi"}
STATUS = {"baru": "Baru", "ditangani": "Ditangani", "selesai": "Selesai"}
SELESAI = "selesai"
URUTAN_STATUS = {"baru": 0, "ditangani": 1, "selesai": 2}
URAIAN_MAKS = 2000
TEKS_MAKS = 200

# Other ways a sheet writes a category, severity or status (compared lower-case, spaces squeezed).
_KATEGORI_LAIN = {
    "pemilih/dpt": "pemilih",
    "dpt": "pemilih",
    "pemilih dpt": "pemilih",
    "data pemilih": "pemilih",
    "ktp-el": "ktpel",
    "ktp el": "ktpel",
    "ktp": "ktpel",
    "e-ktp": "ktpel",
    "keamanan/trantibmas": "keamanan",
    "trantibmas": "keamanan",
    "kamtibmas": "keamanan",
    "netralitas asn": "netralitas",
    "asn": "netralitas",
    "sarana tps": "sarana_tps",
    "sarana": "sarana_tps",
    "tps": "sarana_tps",
    "sarana_tps": "sarana_tps",
    "lain-lain": "lainnya",
    "lain lain": "lainnya",
    "lain": "lainnya",
}

_TINGKAT_LAIN = {
    "ringan": "rendah",
    "sedang": "sedang",
    "menengah": "sedang",
    "berat": "tinggi",
    "tinggi": "tinggi",
    "rendah": "rendah",
    "kritis": "tinggi",
}

_STATUS_LAIN = {
    "terbuka": "baru",
    "belum ditangani": "baru",
    "proses": "ditangani",
    "dalam penanganan": "ditangani",
    "sedang ditangani": "ditangani",
    "tuntas": "selesai",
    "ditutup": "selesai",
    "sudah selesai": "selesai",
}


def _kata(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _cari(text, utama: dict, lain: dict) -> str | None:
    key = _kata(text)
    if key in utama:
        return key
    for code, label in utama.items():
        if key == label.lower():
            return code
    return lain.get(key)


def baca_kategori(text) -> str | None:
    return _cari(text, KATEGORI, _KATEGORI_LAIN)


def baca_tingkat(text) -> str | None:
    return _cari(text, TINGKAT, _TINGKAT_LAIN)


def baca_status(text) -> str | None:
    return _cari(text, STATUS, _STATUS_LAIN)


def kunci(kode_kecamatan: str, kategori: str, uraian: str, tanggal: dt.date) -> str:
    """The key an uploaded row is matched by when it carries no problem number."""
    return f"{kode_kecamatan}|{kategori}|{_kata(uraian)}|{tanggal.isoformat()}"


def nomor_tps(value) -> str | None:
    """`TPS 003`, `3`, `003` -> `3`; anything else stays as written (upper-case)."""
    if value is None or str(value).strip() == "":
        return None
    text = re.sub(r"^(TPS|NO\.?)\s*", "", str(value).strip().upper())
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return str(int(text)) if text.isdigit() else text or None


class MasalahError(ValueError):
    """Input that cannot be saved; `problems` are Indonesian sentences, one per field."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Isian:
    """One problem as typed in the form (or read from a sheet row)."""

    kode_kecamatan: str | None
    kategori: str | None
    uraian: str | None
    tanggal: dt.date | None
    tingkat: str | None = "sedang"
    pelapor: str | None = None
    kode_desa: str | None = None
    no_tps: str | None = None


def periksa(
    con: duckdb.DuckDBPyConnection, isian: Isian, *, hari_ini: dt.date | None = None, pelapor_wajib: bool = True
) -> list[str]:
    """Every problem with one entry, in Indonesian (empty list: it can be saved)."""
    out = []
    hari_ini = hari_ini or dt.date.today()
    kec = None
    if not isian.kode_kecamatan:
        out.append("Kecamatan belum dipilih")
    else:
        row = con.execute(
            "select kecamatan from ref_kecamatan where kode_kecamatan = $k", {"k": isian.kode_kecamatan}
        ).fetchall()
        if not row:
            out.append(f"Kecamatan dengan kode '{isian.kode_kecamatan}' tidak dikenal")
        else:
            kec = row[0][0]
    if isian.kode_desa and kec:
        ok = con.execute(
            "select count(*) from ref_desa where kode_desa = $d and kode_kecamatan = $k",
            {"d": isian.kode_desa, "k": isian.kode_kecamatan},
        ).fetchone()[0]
        if not ok:
            out.append(f"Desa/kelurahan dengan kode '{isian.kode_desa}' bukan desa di Kecamatan {kec}")
    if isian.no_tps:
        if not isian.kode_desa:
            out.append("Nomor TPS diisi tetapi desa/kelurahan belum dipilih")
        if not str(isian.no_tps).isdigit() or not 1 <= int(isian.no_tps) <= 999:
            out.append(f"Nomor TPS harus angka 1–999 (tertulis '{isian.no_tps}')")
    if not isian.kategori:
        out.append("Kategori belum dipilih")
    elif isian.kategori not in KATEGORI:
        out.append(f"Kategori '{isian.kategori}' tidak dikenal; pilih salah satu: {', '.join(KATEGORI.values())}")
    uraian = (isian.uraian or "").strip()
    if not uraian:
        out.append("Uraian masalah belum diisi")
    elif len(uraian) > URAIAN_MAKS:
        out.append(
            f"Uraian masalah terlalu panjang ({fmt.angka(len(uraian))} karakter; paling banyak "
            f"{fmt.angka(URAIAN_MAKS)})"
        )
    pelapor = (isian.pelapor or "").strip()
    if pelapor_wajib and not pelapor:
        out.append("Pelapor belum diisi")
    elif len(pelapor) > TEKS_MAKS:
        out.append(f"Nama pelapor terlalu panjang (paling banyak {TEKS_MAKS} karakter)")
    if isian.tanggal is None:
        out.append("Tanggal belum diisi")
    elif isian.tanggal > hari_ini:
        out.append(f"Tanggal {fmt.tanggal(isian.tanggal)} belum terjadi (hari ini {fmt.tanggal(hari_ini)})")
    if isian.tingkat not in TINGKAT:
        out.append(f"Tingkat '{isian.tingkat}' tidak dikenal; pilih salah satu: {', '.join(TINGKAT.values())}")
    return out


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def waktu_sekarang() -> str:
    """Now, as the store keeps times ('YYYY-MM-DD HH:MM:SS')."""
    return _now().isoformat(sep=" ")

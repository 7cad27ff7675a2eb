"""Per-voter lists (DPT exports) with planted audit findings of every type, exact expected counts,
clean rows that must produce no finding, and look-alikes at the eligibility boundaries.

Election day 27-11-2024, TPS capacity 600 (Pilkada 2024). NIK = 35 13 kk DDMMYY ssss, women
DD + 40. Every voter has a name, address and place of birth of its own, so a test can look for
them (and their NIK and NKK) in the database file and the logs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

HARI_H = dt.date(2024, 11, 27)
HEADER = [
    "NO",
    "DPID",
    "NKK",
    "NIK",
    "NAMA",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "STS KAWIN",
    "JENIS KELAMIN",
    "ALAMAT",
    "RT",
    "RW",
    "DISABILITAS",
    "KTP-EL",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "TPS",
]
FIRST_ROW = 6  # Excel row of the first voter: 3 title rows, a blank row, the header on row 5

_SUKU_DEPAN = ["WIRA", "SEKAR", "PRAMU", "DANU", "LARAS", "GANDA", "MAHE", "SURYA", "KIRANA", "BAYU"]
_SUKU_TENGAH = ["SENTA", "JATI", "WANGSA", "RESMI", "PADMA", "KUSUMA", "TIRTA", "ARUNA", "GENI", "BUMI"]


@dataclass
class Pemilih:
    kecamatan: str
    desa: str
    tps: int
    jk: str
    lahir: dt.date | None
    sts: str | None = "S"
    ktpel: str = "S"
    dis: int = 0
    nik: str | float | None = None  # None: a correct NIK is made for the voter
    nik_angka: bool = False  # write the NIK as an Excel number (it loses its last digit)
    kode_nik: str | None = None  # the 2-digit kecamatan code in the NIK (default: the voter's)
    catatan: str = ""  # which finding this row plants ("" = clean)
    nkk: str = ""
    nama: str = ""
    alamat: str = ""
    tempat_lahir: str = ""
    dpid: str = ""
    baris: int = 0  # Excel row, set when written


KODE_KEC = {"SUKAPURA": "01", "LUMBANG": "24"}


def nik_untuk(kode_kec: str, lahir: dt.date, jk: str, serial: int) -> str:
    day = lahir.day + (40 if jk == "P" else 0)
    return f"3513{kode_kec}{day:02d}{lahir:%m%y}{serial:04d}"


def _identitas(i: int) -> tuple[str, str, str]:
    nama = f"{_SUKU_DEPAN[i % 10]}{_SUKU_TENGAH[(i // 10) % 10]} {_SUKU_DEPAN[(i // 100) % 10]}NATA{i:04d}"
    return nama, f"DUSUN SIMPANGTIGA{i:04d}", f"KOTALAHIR{i:04d}"


def tulis(
    path: Path, voters: list[Pemilih], sheet: str, start_serial: int = 1, title: str = "", inline: bool = False
) -> Path:
    """Write a DPT-shaped workbook; fills each voter's NIK (unless planted), NKK, DPID, identity
    and Excel row. Texts go to the shared-string table as Excel saves them, or with `inline` into
    the cells themselves, as some exporting tools write them."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True} if inline else {})
    ws = wb.add_worksheet(sheet)
    ws.write_string(0, 0, "DAFTAR PEMILIH TETAP (DPT)")
    ws.write_string(1, 0, "PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024")
    ws.write_string(2, 0, title or f"KECAMATAN {voters[0].kecamatan}")
    for c, name in enumerate(HEADER):
        ws.write_string(FIRST_ROW - 2, c, name)
    for n, v in enumerate(voters):
        serial = start_serial + n
        v.baris = FIRST_ROW + n
        if v.nik is None:
            v.nik = nik_untuk(v.kode_nik or KODE_KEC[v.kecamatan], v.lahir, v.jk, serial)
        v.nkk = v.nkk or f"3513{KODE_KEC[v.kecamatan]}{700000000 + serial:010d}"
        v.dpid = v.dpid or str(880000000 + serial)
        v.nama, v.alamat, v.tempat_lahir = _identitas(serial)
        r = v.baris - 1
        cells = [
            n + 1,
            v.dpid,
            v.nkk,
            None,
            v.nama,
            v.tempat_lahir,
            v.lahir.strftime("%d-%m-%Y") if v.lahir else None,
            v.sts,
            v.jk,
            v.alamat,
            "007",
            "002",
            v.dis,
            v.ktpel,
            v.kecamatan,
            v.desa,
            v.tps,
        ]
        for c, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
        if v.nik_angka:
            ws.write_number(r, 3, float(v.nik))  # what Excel does to a NIK typed into a General cell
            v.nik = str(int(float(v.nik)))
        elif v.nik != "":
            ws.write_string(r, 3, v.nik)
    wb.close()
    return path


# --------------------------------------------------------------------------- list A: Sukapura
@dataclass
class Daftar:
    path: Path
    voters: list[Pemilih]
    expected: dict[str, int] = field(default_factory=dict)  # temuan -> jumlah

    def rows(self, catatan: str) -> list[int]:
        return [v.baris for v in self.voters if v.catatan == catatan]


def _adult(kec, desa, tps, jk="L", lahir=dt.date(1980, 5, 17), **kw) -> Pemilih:
    return Pemilih(kec, desa, tps, jk, lahir, **kw)


def daftar_sukapura(folder: Path) -> Daftar:
    """Sukapura: every finding type planted, with exact counts; 20 clean voters; look-alikes at the
    eligibility boundaries that must not be findings; 601 voters in one TPS (capacity 600)."""
    K = "SUKAPURA"
    v: list[Pemilih] = []
    # clean voters (no finding at all)
    for i in range(20):
        v.append(
            _adult(K, "NGADISARI", 1, "LP"[i % 2], dt.date(1950 + i, 1 + i % 12, 1 + i), dis=i % 7, catatan="bersih")
        )
    # nik_format: 15 digits; a letter; stored by Excel as a number; empty
    v.append(_adult(K, "NGADISARI", 1, nik="351301170580001", catatan="nik_format"))
    v.append(_adult(K, "NGADISARI", 1, nik="35130117058O0002", catatan="nik_format"))
    v.append(
        _adult(
            K,
            "NGADISARI",
            1,
            nik=nik_untuk("01", dt.date(1980, 5, 17), "L", 9003)[:15] + "0",
            nik_angka=True,
            catatan="nik_format",
        )
    )
    v.append(_adult(K, "NGADISARI", 1, nik="", catatan="nik_format"))
    # nik_wilayah: another kabupaten (35.74, Kota Probolinggo); another kecamatan (Lumbang)
    v.append(_adult(K, "NGADISARI", 1, nik="357401170580" + "0005", catatan="nik_wilayah"))
    v.append(_adult(K, "NGADISARI", 1, kode_nik="24", catatan="nik_wilayah"))
    # nik_tanggal: day 32 (impossible); another month than TANGGAL LAHIR; a woman without + 40
    v.append(_adult(K, "NGADISARI", 1, nik="351301320580" + "0007", catatan="nik_tanggal"))
    v.append(_adult(K, "NGADISARI", 1, nik="351301170680" + "0008", catatan="nik_tanggal"))
    v.append(_adult(K, "NGADISARI", 1, jk="P", nik="351301170580" + "0009", catatan="nik_tanggal"))
    # nik_ganda: one NIK three times (the first is the original: 2 counted)
    twin = nik_untuk("01", dt.date(1975, 8, 9), "L", 9010)
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(1975, 8, 9), nik=twin, catatan="nik_ganda_asli"))
    v.append(_adult(K, "WONOTORO", 1, lahir=dt.date(1975, 8, 9), nik=twin, catatan="nik_ganda"))
    v.append(_adult(K, "JETAK", 1, lahir=dt.date(1975, 8, 9), nik=twin, catatan="nik_ganda"))
    # usia_belum_17: 17th birthday one day after election day; 14 years old; 16 with STS empty
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(2007, 11, 28), sts="B", catatan="usia_belum_17"))
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(2010, 1, 1), sts="B", catatan="usia_belum_17"))
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(2008, 6, 30), sts=None, catatan="usia_belum_17"))
    # usia_tidak_wajar: born the day after election day; 111 years old on election day
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(2024, 11, 28), sts="B", catatan="usia_tidak_wajar"))
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(1913, 11, 27), catatan="usia_tidak_wajar"))
    # desa_tidak_cocok: a desa of Bantaran/Paiton; a desa that does not exist
    v.append(_adult(K, "KARANGANYAR", 1, catatan="desa_tidak_cocok"))
    v.append(_adult(K, "DESA ANTAHBERANTAH", 1, catatan="desa_tidak_cocok"))
    # ktpel_belum_rekam
    for _ in range(3):
        v.append(_adult(K, "NGADISARI", 1, ktpel="B", catatan="ktpel_belum_rekam"))
    # look-alikes that are NOT findings (eligibility boundaries)
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(2007, 11, 27), sts="B", catatan="genap_17"))
    v.append(_adult(K, "NGADISARI", 1, jk="P", lahir=dt.date(2008, 3, 3), sts="S", catatan="kawin_16"))
    v.append(_adult(K, "NGADISARI", 1, jk="P", lahir=dt.date(2008, 9, 9), sts="P", catatan="pernah_kawin_16"))
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(1913, 11, 28), catatan="umur_110"))
    v.append(_adult(K, "NGADISARI", 1, jk="P", lahir=dt.date(1990, 2, 28), catatan="perempuan_benar"))
    # pemilih pemula (17–21 on election day): 21 exactly is one, 22 exactly is not
    v.append(_adult(K, "NGADISARI", 1, lahir=dt.date(2003, 11, 27), sts="B", catatan="pemula_21"))
    v.append(_adult(K, "NGADISARI", 1, jk="P", lahir=dt.date(2002, 11, 27), sts="B", catatan="umur_22"))
    # tps_melebihi_kapasitas: 601 voters in TPS 3 of Wonotoro, otherwise clean
    for i in range(601):
        v.append(
            _adult(K, "WONOTORO", 3, "LP"[i % 2], dt.date(1960, 1, 1) + dt.timedelta(days=13 * i), catatan="tps_penuh")
        )
    path = tulis(folder / "dpt_sukapura.xlsx", v, "DPT SUKAPURA")
    expected = {
        "nik_format": 4,
        "nik_wilayah": 2,
        "nik_tanggal": 3,
        "nik_ganda": 2,
        "usia_belum_17": 3,
        "usia_tidak_wajar": 2,
        "desa_tidak_cocok": 2,
        "ktpel_belum_rekam": 3,
        "tps_melebihi_kapasitas": 601,
    }
    return Daftar(path, v, expected)


def daftar_lumbang(folder: Path, twin_nik: str) -> Daftar:
    """Lumbang, a second list: 5 clean voters and one whose NIK is already in Sukapura's list (a
    NIK of Sukapura, so also nik_wilayah here)."""
    K = "LUMBANG"
    v = [_adult(K, "SAPIH", 1, "LP"[i % 2], dt.date(1970 + i, 3, 3), catatan="bersih") for i in range(5)]
    v.append(_adult(K, "SAPIH", 1, lahir=dt.date(1975, 8, 9), nik=twin_nik, catatan="nik_ganda_antarberkas"))
    path = tulis(folder / "dpt_lumbang_tambahan.xlsx", v, "DPT LUMBANG", start_serial=5001)
    return Daftar(path, v, {"nik_ganda": 1, "nik_wilayah": 1})

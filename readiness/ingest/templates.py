"""Excel templates per kind: the header the importer knows, one example row, drop-down lists and
limits where they help, and an instruction sheet in Indonesian. The example row names the
installation's own places (`Contoh`: its first kecamatan and desa by Kemendagri code), never
another region's."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from .. import db, export, teks


@dataclass(frozen=True)
class Contoh:
    """The place the example row names: a kecamatan of the installation and one of its desa."""

    kecamatan: str
    desa: str = ""
    kode_kecamatan: str = ""  # '74.06.01': the example NIK and NKK start with its digits
    kelurahan: bool = False
    lat: float | None = None
    lon: float | None = None
    wilayah: str = "kabupaten"  # the region's kind: its word names a target's whole-region row

    @property
    def seluruh(self) -> str:
        """`KABUPATEN`, `KOTA`: what a target sheet writes for the whole region."""
        return self.wilayah.upper()

    def isian(self) -> dict[str, str]:
        """What `{…}` in an example value stands for."""
        digits = self.kode_kecamatan.replace(".", "")
        return {
            "kecamatan": self.kecamatan,
            "desa": self.desa,
            "alamat": f"{'Kantor Kelurahan' if self.kelurahan else 'Balai Desa'} {self.desa}" if self.desa else "",
            "nik": digits + "0101900001" if digits else "",
            "nkk": digits + "0101010001" if digits else "",
        }


def contoh(con) -> Contoh | None:
    """The installation's first kecamatan and desa by code (marts/tempat_contoh); None without places."""
    return contoh_dari(db.run(con, "marts/tempat_contoh"))


def contoh_dari(df: pd.DataFrame) -> Contoh | None:
    """A `Contoh` from the row of marts/tempat_contoh (None when it has none)."""
    if df.empty:
        return None
    row = df.iloc[0]

    def num(v):
        return float(v) if pd.notna(v) else None

    return Contoh(
        row["kecamatan"],
        row["desa"] if isinstance(row["desa"], str) else "",
        row["kode_kecamatan"],
        row["jenis"] == "kelurahan",
        num(row["lat"]),
        num(row["lon"]),
        row["jenis_wilayah"] if isinstance(row.get("jenis_wilayah"), str) else "kabupaten",
    )


# (header, example value, validation) per kind. Validation: ("list", [...]), ("whole", lo, hi),
# ("decimal", lo, hi), ("kecamatan",) or None. `{kecamatan}`, `{desa}`, `{alamat}`, `{nik}`,
# `{nkk}`, `{lat}` and `{lon}` in an example are the installation's own (`Contoh`).
COLUMNS = {
    "pemilih": [
        ("KECAMATAN", "{kecamatan}", ("kecamatan",)),
        ("DESA/KELURAHAN", "{desa}", None),
        ("JUMLAH TPS", 6, ("whole", 0, 10000)),
        ("L", 1450, ("whole", 0, 10**7)),
        ("P", 1530, ("whole", 0, 10**7)),
        ("L+P", 2980, ("whole", 0, 10**7)),
        ("PEMILIH PEMULA", 210, ("whole", 0, 10**7)),
        ("DISABILITAS", 12, ("whole", 0, 10**7)),
    ],
    "tps": [
        ("KECAMATAN", "{kecamatan}", ("kecamatan",)),
        ("DESA/KELURAHAN", "{desa}", None),
        ("NOMOR TPS", "001", None),
        ("L", 245, ("whole", 0, 10000)),
        ("P", 251, ("whole", 0, 10000)),
        ("L+P", 496, ("whole", 0, 10000)),
        ("ALAMAT TPS", "{alamat}", None),
        ("LATITUDE", "{lat}", ("decimal", -11, 6)),
        ("LONGITUDE", "{lon}", ("decimal", 95, 141)),
        ("STATUS LOGISTIK", "Tiba", ("list", ["Belum dikirim", "Dalam perjalanan", "Tiba", "Lengkap"])),
        ("KATEGORI RAWAN", "Tidak rawan", None),
    ],
    "ktpel": [
        ("KECAMATAN", "{kecamatan}", ("kecamatan",)),
        ("DESA/KELURAHAN", "", None),
        ("WAJIB KTP-EL", 55432, ("whole", 0, 10**7)),
        ("SUDAH REKAM", 54721, ("whole", 0, 10**7)),
        ("BELUM REKAM", 711, ("whole", 0, 10**7)),
        ("TANGGAL DATA", "20-11-2024", None),
    ],
    "target": [
        ("KECAMATAN", "{kecamatan}", ("kecamatan",)),
        ("PARTISIPASI SEBELUMNYA", 76.1, ("decimal", 0, 100)),
        ("TARGET PARTISIPASI", 82, ("decimal", 0, 100)),
    ],
    "daftar": [
        ("DPID", "100000001", None),
        ("NKK", "{nkk}", None),
        ("NIK", "{nik}", None),
        ("NAMA", "(tidak disimpan)", None),
        ("TANGGAL LAHIR", "01-01-1990", None),
        ("STS KAWIN", "S", ("list", ["B", "S", "P"])),
        ("JENIS KELAMIN", "L", ("list", ["L", "P"])),
        ("ALAMAT", "(tidak disimpan)", None),
        ("RT", "001", None),
        ("RW", "002", None),
        ("DISABILITAS", 0, ("whole", 0, 6)),
        ("KTP-EL", "S", ("list", ["S", "B"])),
        ("KECAMATAN", "{kecamatan}", ("kecamatan",)),
        ("DESA/KELURAHAN", "{desa}", None),
        ("TPS", "001", None),
    ],
    # Lists shown by their Indonesian labels; readiness/masalah/isian.py reads labels and codes alike.
    "masalah": [
        ("NO MASALAH", "", None),
        ("KECAMATAN", "{kecamatan}", ("kecamatan",)),
        ("DESA/KELURAHAN", "{desa}", None),
        ("TPS", "3", None),
        (
            "KATEGORI",
            "Logistik",
            (
                "list",
                ["Logistik", "Pemilih/DPT", "KTP-el", "Keamanan/trantibmas", "Netralitas ASN", "Sarana TPS", "Lainnya"],
            ),
        ),
        ("URAIAN MASALAH", "Kotak suara untuk TPS 3 belum diterima PPS", None),
        ("PELAPOR", "Camat {kecamatan}", None),
        ("TANGGAL", "18-11-2024", None),
        ("TINGKAT", "Sedang", ("list", ["Rendah", "Sedang", "Tinggi"])),
        ("STATUS", "Baru", ("list", ["Baru", "Ditangani", "Selesai"])),
        ("TINDAK LANJUT", "", None),
    ],
    # Paper reports of election day, uploaded on the Lapor page into the reports database.
    "lapor": [
        ("KECAMATAN", "{kecamatan}", ("kecamatan",)),
        ("DESA/KELURAHAN", "{desa}", None),
        ("NOMOR TPS", "1", None),
        (
            "TAHAP",
            "Pemungutan selesai",
            ("list", ["Logistik tiba", "TPS dibuka", "Pemungutan selesai", "Penghitungan selesai", "Kejadian saja"]),
        ),
        ("WAKTU", "27-11-2024 13.00", None),
        ("PENGGUNA HAK PILIH L", 180, ("whole", 0, 10000)),
        ("PENGGUNA HAK PILIH P", 195, ("whole", 0, 10000)),
        (
            "KATEGORI KEJADIAN",
            "",
            (
                "list",
                ["Logistik", "Pemilih/DPT", "KTP-el", "Keamanan/trantibmas", "Netralitas ASN", "Sarana TPS", "Lainnya"],
            ),
        ),
        ("URAIAN KEJADIAN", "", None),
    ],
}
JUDUL_LAIN = {"lapor": "Laporan TPS hari pemungutan suara"}  # kinds outside teks.JENIS (not Unggah Data)
EXAMPLE_MARK = "CONTOH:"
TEXT_COLUMNS = {
    "WAKTU",
    "URAIAN KEJADIAN",
    "NOMOR TPS",
    "DPID",
    "NKK",
    "NIK",
    "RT",
    "RW",
    "TPS",
    "TANGGAL DATA",
    "TANGGAL LAHIR",
    "TANGGAL",
    "URAIAN MASALAH",
    "PELAPOR",
    "TINDAK LANJUT",
}

PETUNJUK = {
    "pemilih": "Satu baris per desa/kelurahan (atau per kecamatan bila tidak ada rincian desa). Isi L dan P, "
    "atau L+P saja. Bila ketiganya diisi, L + P harus sama dengan L+P.",
    "tps": "Satu baris per TPS. Nomor TPS unik dalam satu desa. Koordinat (opsional) dalam derajat desimal.",
    "ktpel": "Satu baris per kecamatan (atau per desa). Sudah rekam tidak boleh melebihi wajib KTP-el. "
    "Isi tanggal keadaan data agar perkembangan dari waktu ke waktu terlihat.",
    "target": "Satu baris per kecamatan. Persen ditulis 0–100 (82 berarti 82%). Baris dengan kecamatan "
    "'{seluruh}' berlaku untuk seluruh {wilayah}.",
    "daftar": "Satu baris per pemilih. NIK dan NKK harus berupa TEKS 16 digit (jangan diubah menjadi angka: "
    "Excel akan menghilangkan digit terakhir). Nama dan alamat tidak disimpan oleh aplikasi.",
    "masalah": "Satu baris per masalah yang ditemukan di kecamatan (desa/kelurahan dan TPS boleh dikosongkan). "
    "Wajib: kecamatan, kategori, uraian masalah, tanggal. Tingkat: Rendah, Sedang (bila kosong) atau "
    "Tinggi. Status: Baru (bila kosong), Ditangani atau Selesai. Kosongkan NO MASALAH untuk masalah baru. "
    "Mengunggah ulang lembar yang sudah diperbarui aman: masalah yang sudah ada dikenali dari NO MASALAH "
    "(atau dari kecamatan, kategori, uraian dan tanggal yang sama) sehingga tidak tercatat dua kali; "
    "perubahan status dan isi TINDAK LANJUT ditambahkan ke riwayat masalah itu, catatan yang dibuat di "
    "aplikasi tidak hilang. Masalah yang tidak ada lagi di lembar tidak dianggap selesai: tulis Selesai "
    "pada kolom STATUS.",
    "lapor": "Satu baris per laporan TPS. TAHAP: Logistik tiba, TPS dibuka, Pemungutan selesai, Penghitungan "
    "selesai, atau Kejadian saja. WAKTU: jam (07.30) atau tanggal dan jam (27-11-2024 07.30). Pengguna hak "
    "pilih L dan P wajib pada tahap Pemungutan/Penghitungan selesai. Kejadian: pilih kategori dan tulis "
    "uraiannya. Baris untuk TPS dan tahap yang sudah dilaporkan menjadi koreksi (laporan lama tetap "
    "tercatat di riwayat). Berkas yang sama diunggah dua kali tidak dihitung dua kali.",
}
UNGGAH_DI = {"lapor": "Unggah di halaman Lapor, bagian 'Unggah laporan Excel' (analis/admin)."}


def _isi(value, contoh: Contoh):
    """An example value with the installation's place in it (a coordinate as a number)."""
    if not isinstance(value, str) or "{" not in value:
        return value
    if value in ("{lat}", "{lon}"):
        found = getattr(contoh, value[1:-1])
        return "" if found is None else found
    return value.format(**contoh.isian())


def template(kind: str, kecamatan: list[str], contoh: Contoh | None = None) -> bytes:
    """The .xlsx template of one kind; `kecamatan` fills the drop-down list, `contoh` (by default
    the first of `kecamatan`, without a desa) the example row."""
    contoh = contoh or Contoh(kecamatan[0] if kecamatan else "")
    buffer = io.BytesIO()
    wb = export.BukuAman(buffer, {"in_memory": True})
    head = wb.add_format(
        {
            "bold": True,
            "bg_color": "#0b4f8a",
            "font_color": "white",
            "border": 1,
            "text_wrap": True,
            "valign": "vcenter",
        }
    )
    example = wb.add_format({"italic": True, "font_color": "#555555"})
    text_fmt = wb.add_format({"num_format": "@"})
    sheet = wb.add_worksheet("DATA")
    ref = wb.add_worksheet("REFERENSI")
    ref.hide()
    for i, name in enumerate(kecamatan):
        ref.write_string(i, 0, name)
    for col, (header, value, rule) in enumerate(COLUMNS[kind]):
        value = _isi(value, contoh)
        sheet.write_string(0, col, header, head)
        sheet.set_column(col, col, max(12, len(header) + 4), text_fmt if header in TEXT_COLUMNS else None)
        if header == "KECAMATAN":
            value = f"{EXAMPLE_MARK} {value}"  # an example left in place is skipped, never counted
        if isinstance(value, str):
            sheet.write_string(1, col, value, example)
        else:
            sheet.write_number(1, col, value, example)
        if rule is None:
            continue
        cells = (1, col, 100000, col)
        if rule[0] == "kecamatan":
            sheet.data_validation(
                *cells,
                {
                    "validate": "list",
                    "source": f"=REFERENSI!$A$1:$A${len(kecamatan)}",
                    "error_message": "Pilih nama kecamatan dari daftar.",
                },
            )
        elif rule[0] == "list":
            sheet.data_validation(
                *cells,
                {"validate": "list", "source": rule[1], "error_message": "Pilih salah satu: " + ", ".join(rule[1])},
            )
        else:
            sheet.data_validation(
                *cells,
                {
                    "validate": "integer" if rule[0] == "whole" else "decimal",
                    "criteria": "between",
                    "minimum": rule[1],
                    "maximum": rule[2],
                    "error_message": f"Isi angka {rule[1]}–{rule[2]}.",
                },
            )
    sheet.freeze_panes(1, 0)
    sheet.write_comment(1, 0, "Baris contoh: ganti atau hapus sebelum diunggah.")
    _petunjuk(wb, kind, contoh)
    wb.close()
    return buffer.getvalue()


def _petunjuk(wb, kind: str, contoh: Contoh) -> None:
    """The PETUNJUK sheet: what the template is for and how to fill it, in the region's words."""
    notes = wb.add_worksheet("PETUNJUK")
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    bold = wb.add_format({"bold": True, "font_size": 14})
    notes.set_column(0, 0, 100)
    lines = [
        (f"Templat {teks.JENIS.get(kind) or JUDUL_LAIN[kind]}", bold),
        (PETUNJUK[kind].format(seluruh=contoh.seluruh, wilayah=contoh.wilayah), wrap),
        (
            "Baris 2 sheet DATA adalah contoh (kecamatan diawali 'CONTOH:'); baris seperti itu dilewati saat "
            "diunggah. Ganti dengan data Anda atau hapus.",
            wrap,
        ),
        ("Angka boleh ditulis 35.412 atau 35412; persen boleh 97,85 atau 97,85%.", wrap),
        ("Judul kolom tidak boleh diubah namanya; urutan kolom boleh berbeda dan kolom lain boleh ditambahkan.", wrap),
        (UNGGAH_DI.get(kind, "Unggah di halaman Unggah Data (analis/admin)."), wrap),
        (teks.DISCLAIMER, wrap),
    ]
    for row, (text, style) in enumerate(lines):
        notes.write_string(row, 0, text, style)

"""The words of an installation: what its users call their region, its head and its villages, and
the election they look at. A kota has a Wali Kota and kelurahan, a kabupaten a Bupati and mostly
desa; every page, slide and export says them from here (query marts/wilayah_kata), so no place
name, region code or kind of region is written in the code that shows them.

`Kata` is plain data (cached by data version with the page data, app/baca.py); the word tables
are in readiness/teks.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from .. import db, teks


@dataclass(frozen=True)
class Kata:
    """The words of one installation and one election."""

    nama: str  # the region's name as its users write it: 'Kabupaten Bombana', 'Kota Probolinggo'
    jenis: str  # kabupaten | kota | provinsi
    desa: str  # the lowest level: 'desa', 'kelurahan', or 'desa/kelurahan' when the region has both
    pemilihan: str = ""  # the election's name: 'Pemilihan Wali Kota dan Wakil Wali Kota Probolinggo 2024'
    pemilihan_singkat: str = ""  # 'Pilwali 2024'

    @property
    def wilayah(self) -> str:
        """`Kabupaten`, `Kota`: the kind of region, as in a title."""
        return teks.WILAYAH_JENIS.get(self.jenis, teks.WILAYAH_JENIS["kabupaten"])

    @property
    def wilayah_kecil(self) -> str:
        """`kabupaten`, `kota`: the kind of region inside a sentence."""
        return self.wilayah.lower()

    @property
    def kepala(self) -> str:
        """`Bupati`, `Wali Kota`: the region's head."""
        return teks.KEPALA.get(self.jenis, teks.KEPALA["kabupaten"])

    @property
    def pj(self) -> str:
        """`Pj Bupati`, `Pj Wali Kota`: the acting head the desk reports to."""
        return f"{teks.PJ} {self.kepala}"

    @property
    def berkabkota(self) -> bool:
        """A province or the nation: its pages and slides speak of its kab/kota."""
        return self.jenis in teks.SATUAN

    @property
    def satuan(self) -> str:
        """`kab/kota` in a province or the nation, `kecamatan` in a kab/kota: what its slides count."""
        return teks.SATUAN.get(self.jenis, "kecamatan")

    @property
    def nama_pendek(self) -> str:
        """`Probolinggo`: the region's name without its kind, as in `Wali Kota Probolinggo`."""
        awal = self.wilayah + " "
        return self.nama[len(awal) :] if self.nama.startswith(awal) else self.nama

    @property
    def pj_nama(self) -> str:
        """`Pj Wali Kota Probolinggo`, `Pj Bupati Bombana`: to whom the desk's reports go."""
        return f"{self.pj} {self.nama_pendek}".strip()

    @property
    def desa_awal(self) -> str:
        """`Desa`, `Kelurahan`, `Desa/kelurahan`: the lowest level at the start of a sentence."""
        return self.desa[:1].upper() + self.desa[1:]

    @property
    def desa_judul(self) -> str:
        """`Desa`, `Kelurahan`, `Desa/Kelurahan`: the lowest level as a column header."""
        return "/".join(part.capitalize() for part in self.desa.split("/"))

    @property
    def judul(self) -> str:
        """`Kota Probolinggo · Pilwali 2024`: the region and the election, at the top of the screen."""
        return " · ".join(part for part in (self.nama, self.pemilihan_singkat) if part)


def jenis_kabkota(kode: str) -> str:
    """`kabupaten` or `kota` of a kab/kota code (`35.13`, `3574`, or the start of a longer code):
    Kemendagri numbers a kabupaten 01–69 within its province and a kota 71–99."""
    digits = str(kode).replace(".", "")
    return "kota" if digits[2:4].isdigit() and int(digits[2:4]) >= 71 else "kabupaten"


def _desa(jumlah_desa: int, jumlah_kelurahan: int) -> str:
    if jumlah_kelurahan and not jumlah_desa:
        return teks.DESA["kelurahan"]
    if jumlah_desa and not jumlah_kelurahan:
        return teks.DESA["desa"]
    return teks.DESA["keduanya"]


def nama_singkat(jenis, tanggal, kode_wilayah, kode_instalasi) -> str:
    """An election's short name as the sidebar and the slides say it: `Pilwali 2024`, and with the
    short name of its region when the installation covers more than that region, so that the
    contests of one day in a province read apart (`Pilbup Bombana 2024` beside `Pilgub 2024`).
    Empty when the kind or the day is unknown."""
    if not isinstance(jenis, str) or tanggal is None or str(tanggal) == "NaT":
        return ""
    kind = teks.PEMILIHAN_SINGKAT.get(jenis, jenis.capitalize())
    sempit = (
        isinstance(kode_wilayah, str)
        and isinstance(kode_instalasi, str)
        and kode_wilayah != kode_instalasi
        and (kode_instalasi == "nasional" or kode_wilayah.startswith(kode_instalasi + "."))
    )
    if sempit:
        from .seed import WilayahError, region

        try:
            return f"{kind} {region(kode_wilayah)['nama_pendek']} {tanggal.year}"
        except WilayahError:
            pass
    return f"{kind} {tanggal.year}"


def kata(con: duckdb.DuckDBPyConnection, election: str) -> Kata:
    """The words of the installation on `con` for `election` (query marts/wilayah_kata). A
    database without a region row (places of several kab/kota) speaks of a kabupaten/kota."""
    df = db.run(con, "marts/wilayah_kata", election=election)
    if df.empty:
        return Kata(nama="", jenis="kabupaten", desa=teks.DESA["keduanya"], pemilihan=election)
    row = df.iloc[0]
    jenis = row["jenis"] if isinstance(row["jenis"], str) else "kabupaten"
    pemilihan = row["pemilihan"] if isinstance(row["pemilihan"], str) else election
    singkat = nama_singkat(row["jenis_pemilihan"], row["tanggal_pemilihan"], row["kode_wilayah"], row["kode"])
    return Kata(
        nama=str(row["nama"]),
        jenis=jenis,
        desa=_desa(int(row["jumlah_desa"]), int(row["jumlah_kelurahan"])),
        pemilihan=pemilihan,
        pemilihan_singkat=singkat,
    )

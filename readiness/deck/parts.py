"""The parts of a rakor deck: a `Deck` of `Slide`s holding big numbers, table rows and bar charts,
every text already worded, and the projector's status colours.

The slides module fills them from the data; the renderers (as_html, as_pptx, as_pdf) only lay them
out, so this module is all they share with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import charts, fmt, teks

# The status colours: the dashboard's one palette (readiness/charts/warna.py), here as on screen.
WARNA = charts.STATUS_WARNA
WARNA_TEKS = charts.STATUS_WARNA_TEKS
WARNA_KOSONG = charts.WARNA_KOSONG


# `■ Belum siap`, `▲ Perlu perhatian`, `● Siap`, or `Tidak ada data`: the dashboard's own labels.
status_label = charts.status_label


# --------------------------------------------------------------------------- the deck's parts
@dataclass(frozen=True)
class Angka:
    """A big number: `DPT` `872.218` `L 425.106 · P 447.112`."""

    label: str
    nilai: str
    keterangan: str = ""
    status: str | None = None


@dataclass(frozen=True)
class Baris:
    """A table row; `status` colours the first cell (which holds its label)."""

    sel: tuple[str, ...]
    status: str | None = None


@dataclass(frozen=True)
class Batang:
    """One bar: its label, length on the axis, the text written after it, its status."""

    label: str
    nilai: float
    teks: str
    status: str | None = None


@dataclass(frozen=True)
class Grafik:
    judul: str
    batang: tuple[Batang, ...]
    sumbu_min: float
    sumbu_maks: float
    ambang: tuple[tuple[float, str], ...] = ()


@dataclass(frozen=True)
class Peta:
    """A status map: each kecamatan's status, and the outlines of the region's kecamatan
    (readiness.charts.Bentuk, in code order; none when the region has no boundaries)."""

    status: tuple[tuple[str, str | None], ...] = ()  # (kode_kecamatan, status)
    bentuk: tuple = ()


@dataclass(frozen=True)
class Slide:
    kind: str  # kosong | ringkasan | peta | korwil | perhatian | ktpel | partisipasi | masalah
    kicker: str  # the topic, small above the title
    judul: str  # the finding, in words with numbers
    subjudul: str = ""
    angka: tuple[Angka, ...] = ()
    kolom: tuple[str, ...] = ()
    lebar: tuple[int, ...] = ()  # relative column widths
    baris: tuple[Baris, ...] = ()
    grafik: Grafik | None = None
    peta: Peta = Peta()  # the status map
    catatan: str = ""


@dataclass(frozen=True)
class Deck:
    election: str
    pemilihan: str
    tanggal_pemilihan: dt.date | None
    data_per: dt.datetime | None
    slides: tuple[Slide, ...] = field(default_factory=tuple)
    wilayah: str = ""  # the region's name: 'Kabupaten Bombana', 'Kota Probolinggo'
    pemilihan_singkat: str = ""  # 'Pilwali 2024'

    @property
    def data_per_teks(self) -> str:
        """`Data per 20 November 2024 14.00 WIB` (when the active data was last uploaded)."""
        if self.data_per is None:
            return "Belum ada data diunggah"
        return f"Data per {fmt.tanggal_jam(self.data_per)}"

    @property
    def disclaimer(self) -> str:
        return teks.DISCLAIMER

    @property
    def nama(self) -> str:
        """`Kota Probolinggo · Pilwali 2024`: the region and the election, as every footer begins
        (the part that gives way, shortened, when the line is too long); the election's full name
        is on the first slide. Without a region, the election's full name."""
        if not self.wilayah:
            return self.pemilihan
        return f"{self.wilayah} · {self.pemilihan_singkat or self.pemilihan}"

    def kaki(self, nomor: int) -> str:
        """The footer line of slide `nomor` (1-based), the same on screen, PPTX and PDF."""
        return f"{self.nama} · {self.data_per_teks} · {self.disclaimer} · {nomor}/{len(self.slides)}"

    @property
    def judul(self) -> list[str]:
        return [s.judul for s in self.slides]

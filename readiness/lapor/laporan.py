"""What a field report is: the stages a TPS reports, the report a form or a sheet row makes, the
server's answer to it (`HasilKirim`) and the two ways it can fail (`LaporanDitolak`, `BelumTersimpan`).
Every other module of the package builds on these."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from .. import fmt, masalah

# The stages a TPS reports on election day, in order.
TAHAP = {
    "logistik_tiba": "Logistik tiba",
    "tps_dibuka": "TPS dibuka",
    "pemungutan_selesai": "Pemungutan selesai",
    "penghitungan_selesai": "Penghitungan selesai",
}
# Stages whose report carries the number of voters who came (pengguna hak pilih, L/P).
TAHAP_HADIR = ("pemungutan_selesai", "penghitungan_selesai")
KEJADIAN = "kejadian"  # a report of an incident alone
JENIS = {**TAHAP, KEJADIAN: "Kejadian saja"}

URAIAN_MAKS = 1000


def kategori() -> dict[str, str]:
    """code -> label of incident categories: those of the problem inventory (readiness.masalah)."""
    return dict(masalah.KATEGORI)


class LaporanDitolak(ValueError):
    """A report refused before it was stored; the message is for the user (Indonesian)."""


class BelumTersimpan(RuntimeError):
    """The writer did not confirm in time: the report may or may not be stored. Sending the same
    form again is safe (its kirim_id is recognised)."""


@dataclass(frozen=True)
class Laporan:
    election: str
    kode_desa: str
    no_tps: str
    tahap: str  # a key of TAHAP, or KEJADIAN
    waktu: dt.datetime  # when it happened, as reported
    hadir_l: int | None = None
    hadir_p: int | None = None
    kategori: str | None = None  # incident category (readiness.masalah.KATEGORI)
    uraian: str | None = None  # incident text
    kirim_id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class HasilKirim:
    """What the server did with a report: `baru` (stored now) or `ganda` (already received)."""

    status: str
    seq: int
    diterima: dt.datetime
    menggantikan: int | None = None
    peringatan: tuple[str, ...] = ()

    @property
    def pesan(self) -> str:
        """`Terkirim #7 pukul 13.05.09.`: the same words for a form sent again (a double tap, a retry),
        since for the reporter it is sent; they learn that it was counted once."""
        jam = fmt.jam(self.diterima, detik=True)
        if self.status == "ganda":
            return f"Terkirim #{fmt.angka(self.seq)} pukul {jam}; dikirim lagi, tidak dicatat dua kali."
        koreksi = f", menggantikan laporan #{fmt.angka(self.menggantikan)}" if self.menggantikan else ""
        return f"Terkirim #{fmt.angka(self.seq)} pukul {jam}{koreksi}."

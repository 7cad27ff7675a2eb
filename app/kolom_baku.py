"""The columns several tables of the dashboard show alike (readiness.export.Kolom, for
layar.table): a figure has one header and kind wherever it stands."""

from __future__ import annotations

from readiness import fmt, teks
from readiness.export import Kolom

KECAMATAN = Kolom("kecamatan", "Kecamatan")
STATUS = Kolom("status", "Status", "status")
DPT = Kolom("dpt", "DPT", "angka")
TPS = Kolom("tps", "TPS", "angka")
KTPEL = Kolom("ktpel_persen", "KTP-el", "persen")
ALASAN = Kolom("alasan", "Alasan", lebar=True)
# The DPT and its voters by sex.
DPT_LP = (DPT, Kolom("dpt_l", "Laki-laki", "angka"), Kolom("dpt_p", "Perempuan", "angka"))
# A kab/kota's row begins with its name, its status, how many kecamatan it has, its DPT and TPS.
KABKOTA = (Kolom("kabkota", "Kabupaten/kota"), STATUS, Kolom("jumlah_kecamatan", "Kecamatan", "angka"), DPT, TPS)


def desa(kata) -> Kolom:
    """The desa/kelurahan column, headed as the region names them (wilayah.kata)."""
    return Kolom("desa", kata.desa_judul)


def tps_lebih(kapasitas) -> Kolom:
    """How many TPS are over capacity, the capacity in the header: `TPS > 600`."""
    return Kolom("tps_melebihi_kapasitas", f"TPS > {fmt.angka(kapasitas)}", "angka")


def daftar_tps(kata) -> list[Kolom]:
    """A list of TPS: its desa, its number, its voters by sex, and what the TPS file says of it."""
    lain = [Kolom(c, teks.KOLOM[c], opsional=True) for c in ("alamat", "status_logistik", "kategori_rawan")]
    return [desa(kata), Kolom("no_tps", "TPS"), *DPT_LP, Kolom("keterangan", "Keterangan", opsional=True), *lain]

"""The walk through the installation's places, level by level as KawalPemilu walks them: the whole
region (kabupaten/kota) → korwil → kecamatan → desa/kelurahan → its TPS. Decided here, without
Streamlit: which parent a place has, what the remembered choice becomes when one level is chosen
on any page, the breadcrumb of a place in the region's words, and the order a TPS list is read in.
app/jalan.py keeps the choice in the session and the URL and draws the breadcrumb."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import teks
from ..wilayah.kata import Kata

# The levels a page chooses, top first, after the whole region; a desa's TPS are its list.
TINGKAT = ("korwil", "kecamatan", "desa")
WILAYAH = "wilayah"  # the whole region: the first part of every breadcrumb


def induk_desa(kode_desa: str) -> str:
    """The kecamatan of a desa/kelurahan: Kemendagri numbers a desa under its kecamatan
    (`35.13.14.2001` lies in `35.13.14`)."""
    return str(kode_desa).rsplit(".", 1)[0]


def induk_kecamatan(kode_kecamatan: str) -> str:
    """The kab/kota of a kecamatan (`74.06.01` lies in `74.06`)."""
    return str(kode_kecamatan).rsplit(".", 1)[0]


@dataclass(frozen=True)
class Tempat:
    """The places of one election the walk passes: every kecamatan with its name and korwil, and
    the desa/kelurahan of the kecamatan looked at (name and kind, `desa` or `kelurahan`)."""

    kecamatan: dict[str, str]  # kode → name, in Kemendagri order
    korwil: dict[str, str | None]  # kode kecamatan → its korwil (None: not assigned)
    desa: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # kode desa → (name, kind)
    kabkota: dict[str, str] = field(default_factory=dict)  # a province's kab/kota: kode → name

    @classmethod
    def dari(cls, penugasan: pd.DataFrame, desa: pd.DataFrame | None = None, kabkota=None) -> Tempat:
        """From marts/korwil_penugasan (the kecamatan of the election), for one kecamatan
        marts/desa_daftar, and in a province marts/kabkota_daftar, of which the kab/kota of the
        election's kecamatan (a bupati or wali kota contest: its own)."""
        korwil = {
            k: (w if isinstance(w, str) and w else None)
            for k, w in zip(penugasan["kode_kecamatan"], penugasan["korwil"])
        }
        rows = [] if desa is None else zip(desa["kode_desa"], desa["desa"], desa["jenis"])
        return cls(
            kecamatan=dict(zip(penugasan["kode_kecamatan"], penugasan["kecamatan"])),
            korwil=korwil,
            desa={k: (n, j if isinstance(j, str) else None) for k, n, j in rows},
            kabkota={}
            if kabkota is None
            else {
                k: n
                for k, n in zip(kabkota["kode_kabkota"], kabkota["kabkota"])
                if any(induk_kecamatan(c) == k for c in penugasan["kode_kecamatan"])
            },
        )

    def kecamatan_korwil(self, korwil: str | None) -> list[str]:
        """The kecamatan of `korwil` (every kecamatan when None), in Kemendagri order."""
        return [k for k in self.kecamatan if korwil is None or self.korwil.get(k) == korwil]


def pilih(pilihan: dict, tingkat: str, kode: str | None, tempat: Tempat) -> dict:
    """The remembered choice ({korwil, kecamatan, desa}) after `kode` is chosen at `tingkat` on any
    page: the levels above follow the place chosen (a desa's kecamatan, a kecamatan's korwil); the
    levels below stay only while they lie inside it. A value that is not a place (`semua`) keeps
    the levels above and drops those below. In a province ({…, kabkota}) the kab/kota is the
    level above the korwil: a kecamatan brings its kab/kota, a kab/kota lets an outside kecamatan go."""
    baru = {t: pilihan.get(t) for t in TINGKAT}
    baru[tingkat] = kode
    if tingkat == "desa" and kode in tempat.desa:
        baru["kecamatan"] = induk_desa(kode)
    kecamatan = baru["kecamatan"]
    if tingkat in ("kecamatan", "desa") and tempat.korwil.get(kecamatan):
        baru["korwil"] = tempat.korwil[kecamatan]
    if tingkat == "korwil" and kecamatan and tempat.korwil.get(kecamatan) != kode:
        baru["kecamatan"] = None
    if baru["desa"] and induk_desa(baru["desa"]) != baru["kecamatan"]:
        baru["desa"] = None
    if tempat.kabkota:  # a province: the kab/kota follows the kecamatan, and holds only its own
        baru["kabkota"] = kode if tingkat == "kabkota" else pilihan.get("kabkota")
        if tingkat == "kabkota" and baru["kecamatan"] and baru["kecamatan"][:5] != kode:
            baru["kecamatan"] = baru["desa"] = None
        elif baru["kecamatan"] in tempat.kecamatan:
            baru["kabkota"] = baru["kecamatan"][:5]
    return baru


@dataclass(frozen=True)
class Remah:
    """One part of a breadcrumb: its words, its level (WILAYAH or one of TINGKAT) and the place's
    code (the korwil's name for a korwil; None for the whole region)."""

    label: str
    tingkat: str
    kode: str | None = None


def nama_desa(tempat: Tempat, kata: Kata, kode: str) -> str:
    """`Desa Asembakor`, `Kelurahan Kraksaan Wetan`: a desa/kelurahan named with its own kind."""
    nama, jenis = tempat.desa.get(kode, (kode, None))
    awal = teks.DESA.get(jenis or "", kata.desa)
    return f"{awal[:1].upper()}{awal[1:]} {nama}"


def remah(kata: Kata, tempat: Tempat, tingkat: str = WILAYAH, kode: str | None = None) -> list[Remah]:
    """The breadcrumb of a place, from the whole region down to it: `Kabupaten Probolinggo ›
    Wilayah II › Kecamatan Kraksaan › Desa Asembakor`. A kecamatan without a korwil has no korwil
    part; a place that is not in `tempat` ends the breadcrumb at its last known level. In a
    province the kab/kota comes after the region: `Provinsi Sulawesi Tenggara › Kabupaten Bombana
    › Kecamatan Rumbia`."""
    parts = [Remah(kata.nama or kata.wilayah, WILAYAH)]
    if tingkat == "korwil" and kode:
        return parts + [Remah(kode, "korwil", kode)]
    kecamatan = induk_desa(kode) if tingkat == "desa" and kode else kode
    kabkota = kode if tingkat == "kabkota" else kecamatan[:5] if isinstance(kecamatan, str) else None
    if kabkota in tempat.kabkota:
        parts.append(Remah(tempat.kabkota[kabkota], "kabkota", kabkota))
    if tingkat not in ("kecamatan", "desa") or kecamatan not in tempat.kecamatan:
        return parts
    if tempat.korwil.get(kecamatan):
        parts.append(Remah(tempat.korwil[kecamatan], "korwil", tempat.korwil[kecamatan]))
    parts.append(Remah(f"Kecamatan {tempat.kecamatan[kecamatan]}", "kecamatan", kecamatan))
    if tingkat == "desa" and kode in tempat.desa:
        parts.append(Remah(nama_desa(tempat, kata, kode), "desa", kode))
    return parts


def urut_tps(tps: pd.DataFrame) -> pd.DataFrame:
    """A TPS list (rows of marts/tps) in the order it is read: kecamatan and desa/kelurahan by
    name, then by TPS number (TPS 2 before TPS 10)."""
    nomor = pd.to_numeric(tps["no_tps"], errors="coerce")
    return (
        tps.assign(_nomor=nomor)
        .sort_values(["kecamatan", "desa", "_nomor", "no_tps"], na_position="last", kind="stable")
        .drop(columns="_nomor")
        .reset_index(drop=True)
    )

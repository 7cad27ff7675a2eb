"""The TPS a report may be for: the active TPS list of an election (from the main database), the
area a user reports for, and the server's check of a report against both (`periksa`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import akses, db, fmt
from .laporan import JENIS, KEJADIAN, TAHAP_HADIR, URAIAN_MAKS, Laporan, LaporanDitolak, kategori


@dataclass(frozen=True)
class Tps:
    kode_kecamatan: str
    kecamatan: str
    kode_desa: str
    desa: str
    no_tps: str
    dpt: int | None
    jenis_desa: str | None = None  # desa | kelurahan (marts/desa_jenis)

    @property
    def tempat(self) -> str:
        """`Desa Ngadisari`, `Kelurahan Jati`: the TPS's place, called by its own kind."""
        return tempat(self.jenis_desa, self.desa)

    @property
    def label(self) -> str:
        return f"TPS {self.no_tps} {self.tempat} (Kecamatan {self.kecamatan})"


def tempat(jenis_desa, desa) -> str:
    """`Desa Ngadisari`, `Kelurahan Jati`; the name alone when the kind is not known."""
    return f"{jenis_desa.capitalize()} {desa}" if isinstance(jenis_desa, str) and jenis_desa else str(desa)


class DaftarTps:
    """The active TPS list of one election (marts/tps of the main database), keyed by desa and TPS,
    with each place's kind (`jenis_desa`: desa or kelurahan, marts/desa_jenis)."""

    def __init__(self, election: str, frame: pd.DataFrame):
        self.election = election
        cols = ["kode_kecamatan", "kecamatan", "kode_desa", "desa", "no_tps", "dpt", "jenis_desa"]
        frame = frame if "jenis_desa" in frame.columns else frame.assign(jenis_desa=None)
        self.frame = frame[cols].copy().reset_index(drop=True) if len(frame) else pd.DataFrame(columns=cols)
        self.frame["no_tps"] = self.frame["no_tps"].astype(str)
        self._index = {
            (r.kode_desa, r.no_tps): Tps(
                r.kode_kecamatan,
                r.kecamatan,
                r.kode_desa,
                r.desa,
                r.no_tps,
                None if pd.isna(r.dpt) else int(r.dpt),
                r.jenis_desa if isinstance(r.jenis_desa, str) else None,
            )
            for r in self.frame.itertuples(index=False)
        }

    @classmethod
    def dari_db(cls, con: duckdb.DuckDBPyConnection, election: str) -> DaftarTps:
        frame = db.run(con, "marts/tps", election=election, kecamatan=None)
        jenis = db.run(con, "marts/desa_jenis").rename(columns={"jenis": "jenis_desa"})
        return cls(election, frame.merge(jenis, on="kode_desa", how="left"))

    def tempat(self, kode_desa: str) -> str | None:
        """`Desa Ngadisari`: the place of this code in the list, if it has TPS in it."""
        rows = self.frame[self.frame["kode_desa"] == kode_desa]
        return tempat(rows["jenis_desa"].iloc[0], rows["desa"].iloc[0]) if len(rows) else None

    def __len__(self) -> int:
        return len(self._index)

    def get(self, kode_desa: str, no_tps: str) -> Tps | None:
        return self._index.get((kode_desa, str(no_tps)))

    def wilayah(self, pengguna: akses.Pengguna | None) -> pd.DataFrame:
        """The TPS this user may report for."""
        if pengguna is None or (not pengguna.wilayah and pengguna.peran == "pelapor"):
            return self.frame.iloc[0:0]
        f = self.frame
        if getattr(pengguna, "kabkota", None):  # as akses.di_kabkota, for every TPS at once
            f = f[f["kode_kecamatan"].str.startswith(pengguna.kabkota + ".")]
        if not pengguna.wilayah:
            return f
        # As boleh_wilayah, for every TPS at once.
        return f[(f["kode_kecamatan"] == pengguna.wilayah) | (f["kode_desa"] == pengguna.wilayah)]


def boleh_wilayah(pengguna: akses.Pengguna | None, kode_kecamatan: str, kode_desa: str) -> bool:
    """A pelapor reports only for the kecamatan or desa/kelurahan assigned to them (`Pengguna.wilayah`);
    a pelapor without an area reports for none. Other roles: their area when one is set, else all;
    a user limited to a kab/kota only inside it (akses.di_kabkota)."""
    if pengguna is None or not akses.di_kabkota(pengguna, kode_kecamatan):
        return False
    wilayah = pengguna.wilayah
    if not wilayah:
        return pengguna.peran != "pelapor"
    return wilayah in (kode_kecamatan, kode_desa)


def periksa(pengguna: akses.Pengguna | None, lap: Laporan, daftar: DaftarTps) -> tuple[Tps, list[str]]:
    """The server's check of one report: returns its TPS and warnings, or raises LaporanDitolak.
    Called for every report before it is queued, whatever the form offered."""
    if not akses.boleh(pengguna, "lapor"):
        raise LaporanDitolak("Anda tidak memiliki akses untuk mengirim laporan.")
    if lap.election != daftar.election:
        raise LaporanDitolak("Laporan untuk pemilihan lain tidak diterima di sini.")
    tps = daftar.get(lap.kode_desa, lap.no_tps)
    if tps is None:
        di = daftar.tempat(lap.kode_desa)
        raise LaporanDitolak(f"TPS {lap.no_tps} tidak ada di daftar TPS aktif{f' {di}' if di else ''}.")
    if not boleh_wilayah(pengguna, tps.kode_kecamatan, tps.kode_desa):
        raise LaporanDitolak(f"{tps.label} bukan wilayah tugas Anda; laporan ditolak.")
    if lap.tahap not in JENIS:
        raise LaporanDitolak("Tahap laporan tidak dikenal.")
    if not isinstance(lap.kirim_id, str) or not re.fullmatch(r"[0-9A-Za-z:._-]{8,120}", lap.kirim_id):
        raise LaporanDitolak("Formulir tidak lengkap; muat ulang halaman lalu kirim lagi.")
    if lap.waktu > dt.datetime.now() + dt.timedelta(minutes=10):
        raise LaporanDitolak(f"Waktu {fmt.jam(lap.waktu)} belum terjadi; periksa jamnya.")
    peringatan = []
    if lap.tahap in TAHAP_HADIR:
        if lap.hadir_l is None or lap.hadir_p is None:
            raise LaporanDitolak("Isi jumlah pengguna hak pilih laki-laki (L) dan perempuan (P).")
        if lap.hadir_l < 0 or lap.hadir_p < 0:
            raise LaporanDitolak("Jumlah pengguna hak pilih tidak boleh negatif.")
        if tps.dpt is not None and lap.hadir_l + lap.hadir_p > tps.dpt:
            peringatan.append(
                f"L + P = {fmt.angka(lap.hadir_l + lap.hadir_p)} melebihi DPT {tps.label} "
                f"({fmt.angka(tps.dpt)}); pastikan angkanya (pemilih DPTb/DPK ikut dihitung?)."
            )
    elif lap.hadir_l is not None or lap.hadir_p is not None:
        raise LaporanDitolak("Jumlah pengguna hak pilih hanya diisi pada tahap pemungutan atau penghitungan selesai.")
    if lap.tahap == KEJADIAN and not lap.kategori:
        raise LaporanDitolak("Pilih kategori kejadian.")
    if lap.kategori is not None and lap.kategori not in kategori():
        raise LaporanDitolak("Kategori kejadian tidak dikenal.")
    if lap.uraian and len(lap.uraian) > URAIAN_MAKS:
        raise LaporanDitolak(f"Uraian kejadian terlalu panjang (maksimal {fmt.angka(URAIAN_MAKS)} huruf).")
    if lap.uraian and not lap.kategori:
        raise LaporanDitolak("Pilih kategori untuk kejadian yang diuraikan.")
    return tps, peringatan

"""The voter-list audit's results as the Temuan DPT page shows them: every cell text in id-ID
(readiness/fmt.py), the finding types by their names (readiness/audit.py)."""

from __future__ import annotations

import pandas as pd

from . import audit, fmt
from .model.kartu import Kartu

SEMUA = "semua"  # a filter of the list left open: every kecamatan, desa or finding type


def _angka(values, decimals: int = 0) -> list[str]:
    return [fmt.angka(n, decimals) for n in values]


def tabel_jenis(per_jenis) -> pd.DataFrame:
    """Each finding type with its count (`per_jenis`: type → voters), its rule and follow-up."""
    jenis_df = audit.jenis_tabel()
    return pd.DataFrame(
        {
            "Temuan": jenis_df["nama"],
            "Jumlah pemilih": _angka(int(per_jenis.get(k, 0)) for k in jenis_df["temuan"]),
            "Aturan": jenis_df["aturan"],
            "Tindak lanjut": jenis_df["tindak_lanjut"],
        }
    )


def tabel_per_kecamatan(ringkasan: pd.DataFrame, jenis: list[str]) -> pd.DataFrame:
    """Findings per kecamatan (rows) and type (columns, those in `jenis`)."""
    pivot = (
        ringkasan.pivot_table(
            index=["kode_kecamatan", "kecamatan"], columns="temuan", values="jumlah", aggfunc="sum", fill_value=0
        )
        .reindex(columns=jenis, fill_value=0)
        .reset_index()
    )
    return pd.DataFrame({"Kecamatan": pivot["kecamatan"], **{audit.JENIS[k].nama: _angka(pivot[k]) for k in jenis}})


def tabel_kelompok(kec: pd.DataFrame) -> pd.DataFrame:
    """The groups of voters per kecamatan: sex, first-time voters, disabilities, no KTP-el yet."""
    return pd.DataFrame(
        {
            "Kecamatan": kec["kecamatan"],
            "Pemilih": _angka(kec["pemilih"]),
            "Laki-laki": _angka(kec["pemilih_l"]),
            "Perempuan": _angka(kec["pemilih_p"]),
            "Rasio L/P": _angka(kec["rasio_jk"], 1),
            "Pemilih pemula": _angka(kec["pemula"]),
            "Disabilitas": _angka(kec["disabilitas"]),
            **{f"Disabilitas {nama.lower()}": _angka(kec[col]) for col, nama in audit.DISABILITAS.items()},
            "Belum rekam KTP-el": _angka(kec["ktpel_belum_rekam"]),
        }
    )


def tabel_daftar(rows: pd.DataFrame, desa: str = "Desa/Kelurahan") -> pd.DataFrame:
    """Findings one per row, with where to find the voter in the original file; `desa` heads the
    column of the lowest level (`Kelurahan` in a kota: readiness.wilayah.Kata.desa_judul)."""
    return pd.DataFrame(
        {
            "Kecamatan": rows["kecamatan"],
            desa: rows["desa"].fillna("(kosong)"),
            "TPS": rows["tps"],
            "Temuan": rows["nama_temuan"],
            "Keterangan": rows["keterangan"],
            "NIK (tersamar)": rows["nik_mask"].fillna(""),
            "DPID": rows["dpid"].fillna(""),
            "Berkas": rows["file_name"],
            "Sheet": rows["source_sheet"],
            "Baris": [str(n) for n in rows["source_row"]],  # as Excel shows it: 11926, not 11.926
        }
    )


def ringkas(pilihan: pd.DataFrame, ringkasan: pd.DataFrame) -> pd.DataFrame:
    """Counts per kecamatan and type of the findings chosen (the Excel file's summary sheet)."""
    if not len(pilihan):
        return ringkasan.iloc[0:0]
    return pilihan.groupby(["kode_kecamatan", "kecamatan", "temuan"]).size().rename("jumlah").reset_index()


def kartu(per_jenis, kecamatan: pd.DataFrame, semua_kecamatan) -> list[Kartu]:
    """The headline figures: voters checked, duplicate NIK, under 17, NIK to check (`per_jenis`:
    type → voters; `kecamatan`: the per-kecamatan groups of the lists checked; `semua_kecamatan`:
    the region's kecamatan names, so the first figure says which the lists cover)."""
    nik_lain = sum(per_jenis.get(k, 0) for k in ("nik_format", "nik_wilayah", "nik_tanggal"))
    return [
        Kartu(
            "Pemilih diperiksa",
            fmt.angka(int(kecamatan["pemilih"].sum())),
            fmt.cakupan("daftar pemilih", kecamatan["kecamatan"], semua_kecamatan),
        ),
        Kartu("NIK ganda", fmt.angka(per_jenis.get("nik_ganda", 0)), "salinan; baris pertama tiap NIK tidak dihitung"),
        Kartu(
            "Belum 17 tahun",
            fmt.angka(per_jenis.get("usia_belum_17", 0)),
            "pada hari pemungutan suara dan belum pernah kawin",
        ),
        Kartu("NIK perlu dicek", fmt.angka(nik_lain), "tidak valid, kode wilayah berbeda, atau tanggal tidak cocok"),
    ]


def bagian_nama_berkas(*pilihan: str) -> str:
    """The filters chosen, for the Excel file's name: `Kraksaan-Asembakor-nik_ganda` (open ones left out)."""
    return "-".join(p for p in pilihan if p and p != SEMUA)

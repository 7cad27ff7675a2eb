"""The Hari Pemungutan page's tables, built from `ringkasan.ringkasan`: TPS reported per stage as
`x/N`, the columns of each table and its Excel/CSV download (readiness.export.Kolom), the
follow-up list of one kecamatan, and the incidents with their status and the ones still open."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..export import Kolom
from .laporan import TAHAP

SEMUA_KECAMATAN = "Semua kecamatan"


def xn(row, tahap: str) -> str:
    """`12/1.739`: TPS that reported `tahap` out of all TPS, of a kecamatan, korwil or the kabupaten."""
    return f"{fmt.angka(row[f'lapor_{tahap}'])}/{fmt.angka(row['tps'])}"


def persen_lapor(row, tahap: str) -> str:
    """`TPS sudah lapor · 0,7%` under the x/N of the kabupaten (no share of no TPS)."""
    n = int(row["tps"])
    return f"TPS sudah lapor · {fmt.persen(100 * row[f'lapor_{tahap}'] / n, 1)}" if n else "TPS sudah lapor"


def dengan_xn(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of kecamatan or korwil with `xn_<tahap>` per stage, for the tables."""
    return frame.assign(**{f"xn_{t}": [xn(r, t) for r in frame.to_dict("records")] for t in TAHAP})


def _kolom_tahap_dan_partisipasi(label_sebelumnya: str) -> list[Kolom]:
    return [
        *(Kolom(f"xn_{t}", nama) for t, nama in TAHAP.items()),
        Kolom("hadir", "Pengguna hak pilih", "angka"),
        Kolom("dpt_hadir", "DPT TPS melapor", "angka"),
        Kolom("partisipasi", "Partisipasi sementara", "persen", fmt.PARTISIPASI_DESIMAL),
        Kolom("target_partisipasi", "Target", "persen", fmt.PARTISIPASI_DESIMAL),
        Kolom("selisih_target", "Selisih target (poin)", "desimal", 2),
        Kolom("partisipasi_sebelumnya", label_sebelumnya, "persen", fmt.PARTISIPASI_DESIMAL),
        Kolom("selisih_sebelumnya", f"Selisih {label_sebelumnya.lower()} (poin)", "desimal", 2),
        Kolom("proyeksi_hadir", "Proyeksi pemilih (laju ini)", "angka"),
        Kolom("target_hadir", "Pemilih sesuai target", "angka"),
    ]


def kolom_kecamatan(label_sebelumnya: str) -> list[Kolom]:
    """The per-kecamatan table; `label_sebelumnya` names the previous election's turnout."""
    return [
        Kolom("kecamatan", "Kecamatan"),
        Kolom("korwil", "Korwil", opsional=True),  # korwil are optional per election
        Kolom("tps", "TPS", "angka"),
        *_kolom_tahap_dan_partisipasi(label_sebelumnya),
        Kolom("kejadian_terbuka", "Kejadian terbuka", "angka"),
    ]


def kolom_korwil(label_sebelumnya: str) -> list[Kolom]:
    return [
        Kolom("korwil", "Korwil"),
        Kolom("kecamatan_n", "Kecamatan", "angka"),
        Kolom("tps", "TPS", "angka"),
        *_kolom_tahap_dan_partisipasi(label_sebelumnya),
        Kolom("kejadian_terbuka", "Kejadian terbuka", "angka"),
    ]


KOLOM_BELUM = [
    Kolom("kecamatan", "Kecamatan"),
    Kolom("korwil", "Korwil", opsional=True),
    Kolom("desa", "Desa/Kelurahan"),
    Kolom("no_tps", "TPS"),
    Kolom("dpt", "DPT", "angka"),
    Kolom("tahap_terakhir", "Laporan terakhir"),
    Kolom("tindak_lanjut", "Tindak lanjut"),
]

KOLOM_KEJADIAN = [
    Kolom("status", "Status"),
    Kolom("kecamatan", "Kecamatan"),
    Kolom("desa", "Desa/Kelurahan"),
    Kolom("no_tps", "TPS"),
    Kolom("kategori_label", "Kategori"),
    Kolom("uraian", "Uraian", lebar=True),
    Kolom("jam", "Jam"),
    Kolom("pelapor", "Pelapor"),
]


def kecamatan_belum(belum: pd.DataFrame) -> list[str]:
    """The choices above the follow-up list: every kecamatan, then those with a TPS not reported."""
    return [SEMUA_KECAMATAN, *sorted(belum["kecamatan"].dropna().unique())]


def belum_di(belum: pd.DataFrame, kecamatan: str) -> pd.DataFrame:
    """The follow-up list of one kecamatan (by name), or all of it."""
    return belum if kecamatan == SEMUA_KECAMATAN else belum[belum["kecamatan"] == kecamatan]


def kejadian_tabel(kejadian: pd.DataFrame) -> pd.DataFrame:
    """The incidents with their status (`Terbuka`/`Selesai`) and the hour they happened."""
    return kejadian.assign(
        status=kejadian["terbuka"].map({True: "Terbuka", False: "Selesai"}), jam=kejadian["waktu"].map(fmt.jam)
    )


def pilihan_selesai(kejadian: pd.DataFrame) -> dict[int, str]:
    """The open incidents one may mark handled: report number -> `Nomor 7 · TPS 3 Ngadisari · Logistik`."""
    terbuka = kejadian[kejadian["terbuka"]]
    return {
        int(s): f"Nomor {fmt.angka(s)} · TPS {t} {d} · {k}"
        for s, t, d, k in zip(terbuka["seq"], terbuka["no_tps"], terbuka["desa"], terbuka["kategori_label"])
    }

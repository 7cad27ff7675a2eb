"""What every slide module shares: the order of kecamatan (worst first), and the small wordings (a
list of names, a korwil's name, the previous year)."""

from __future__ import annotations

import pandas as pd

from .. import model

STATUS_RANK = {"merah": 0, "kuning": 1, "hijau": 2}
INDIKATOR = ("status_tps", "status_ktpel", "status_partisipasi", "status_kelengkapan", "status_konsistensi")

MASALAH_SELESAI = ("selesai", "ditutup", "tuntas", "closed", "done")


def ada(value) -> bool:
    """Whether a figure is there (not None, NaN or NA)."""
    return model.present(value)


def jumlah(kec: pd.DataFrame, status: str) -> int:
    """How many kecamatan have this status."""
    return int((kec["status"] == status).sum())


def daftar(names: list[str]) -> str:
    """`Lumbang`, `Lumbang dan Kuripan`, `Lumbang, Kuripan dan Tiris`."""
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " dan " + names[-1]


def sebut(names: list[str], maks: int = 3) -> str:
    """Up to `maks` names in full (`daftar`); more as the first `maks` and how many others."""
    return daftar(names) if len(names) <= maks else f"{', '.join(names[:maks])} dan {len(names) - maks} lainnya"


def korwil_nama(value) -> str:
    """A korwil's name as slides show it; `Tanpa korwil` for a kecamatan not assigned to one."""
    return value if isinstance(value, str) and value else "Tanpa korwil"


def alasan(row, label_sebelumnya: str) -> str:
    if row["status"] == "hijau":
        return "Semua indikator terpenuhi"
    return " · ".join(model.reasons(row, label_sebelumnya)) or "–"


def urut_terberat(kec: pd.DataFrame) -> pd.DataFrame:
    """Worst first: status, then how many indicators are red, then yellow, then the most voters."""
    data = kec.copy()
    data["_rank"] = data["status"].map(STATUS_RANK).fillna(3)
    data["_merah"] = sum((data[c] == "merah").astype(int) for c in INDIKATOR)
    data["_kuning"] = sum((data[c] == "kuning").astype(int) for c in INDIKATOR)
    data["_dpt"] = data["dpt"].astype("Float64").fillna(0)
    return data.sort_values(
        ["_rank", "_merah", "_kuning", "_dpt", "kecamatan"], ascending=[True, False, False, False, True]
    )


def tahun(label_sebelumnya: str) -> str:
    """`Partisipasi 2018` -> `partisipasi 2018`."""
    return label_sebelumnya[:1].lower() + label_sebelumnya[1:]

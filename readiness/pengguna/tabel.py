"""The users as the Pengguna page shows them (every date in id-ID through readiness/fmt.py, roles by
their names in readiness/akses.py), and what its forms refuse before anything is written. The
changes themselves are in readiness/pengguna/akun.py."""

from __future__ import annotations

import pandas as pd

from .. import akses, fmt

SANDI_BEDA = "kedua kata sandi tidak sama."
PERTAMA_ADMIN = "pengguna pertama harus berperan admin."


def alasan_tolak(sandi: str, ulang: str, *, peran: str | None = None, pertama: bool = False) -> str | None:
    """Why a form that sets a password is refused before anything is written, or None: the
    password typed twice differently; the first user not an admin (nobody could manage users in
    the app afterwards)."""
    if sandi != ulang:
        return SANDI_BEDA
    if pertama and peran != "admin":
        return PERTAMA_ADMIN
    return None


def nama_sama(a: str, b: str) -> bool:
    """Whether two user names (as stored) name one user: the store compares names without case."""
    return a.lower() == b.lower()


def status_akun(row) -> str:
    """`Aktif` or `Nonaktif`, of a row of `daftar`."""
    return "Aktif" if row["aktif"] else "Nonaktif"


def keterangan_akun(row) -> str:
    """`ana: Analis, nonaktif`: a row of `daftar` in one line."""
    return f"{row['nama']}: {akses.PERAN.get(row['peran'], row['peran'])}, {status_akun(row).lower()}"


def _saat(t) -> str:
    """`6 Des 2026 23.27`: a moment in a narrow column."""
    t = t.to_pydatetime()
    return f"{fmt.tanggal_singkat(t)} {fmt.jam(t)}"


def tabel(akun: pd.DataFrame, kabkota: dict[str, str] | None = None) -> pd.DataFrame:
    """The users (`daftar`) as the Pengguna page lists them: role names, id-ID dates, no hashes;
    in a province (`kabkota`: its kab/kota by code) the kab/kota each is limited to."""
    batas = {}
    if kabkota:
        batas["Kabupaten/kota"] = akun["kabkota"].map(
            lambda k: kabkota.get(k, k) if isinstance(k, str) else "Seluruh wilayah"
        )
    return pd.DataFrame(
        {
            "Nama": akun["nama"],
            "Peran": akun["peran"].map(lambda p: akses.PERAN.get(p, p)),
            **batas,
            "Wilayah": akun["wilayah"].fillna("–"),
            "Status": [status_akun(r) for r in akun.to_dict(orient="records")],
            "Terakhir masuk": akun["terakhir_masuk"].map(lambda t: "–" if pd.isna(t) else _saat(t)),
            "Dibuat": akun["dibuat"].map(_saat),
        }
    )

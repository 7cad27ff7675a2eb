"""What the desk reads from the reports: one TPS's history, the reports' audit trail, and the
election-day summary per TPS, kecamatan, korwil and kabupaten (`ringkasan`) that the Hari
Pemungutan page and the rakor slide show. Reads queries/lapor/*.sql."""

from __future__ import annotations

import pandas as pd

from .. import db
from .laporan import TAHAP, kategori
from .tps import DaftarTps, tempat


def riwayat(cur, election: str, kode_desa: str, no_tps: str) -> pd.DataFrame:
    """Every report of one TPS, newest first (queries/lapor/riwayat.sql)."""
    return db.run(cur, "lapor/riwayat", election=election, kode_desa=kode_desa, no_tps=str(no_tps))


def jejak(cur, batas: int = 500) -> pd.DataFrame:
    """The reports' audit trail, newest first (queries/lapor/jejak.sql)."""
    return db.run(cur, "lapor/jejak", batas=batas)


JUDUL_JEJAK = {
    "nomor": "No",
    "waktu": "Waktu",
    "pelaku": "Pelaku",
    "peran": "Peran",
    "aksi": "Aksi",
    "objek": "Objek",
    "rincian": "Rincian",
}


def jejak_tabel(cur, batas: int = 500) -> pd.DataFrame:
    """The reports' audit trail under the headers the Lapor page shows."""
    return jejak(cur, batas).rename(columns=JUDUL_JEJAK)


# Per kecamatan, korwil and kabupaten: TPS reported per stage, voters who came and the DPT of the
# TPS that reported them, open incidents (summed; targets are weighted by DPT, see _bobot).
_JUMLAH = ["tps", "hadir", "hadir_l", "hadir_p", "dpt_hadir", "tps_hadir", "dpt_tps", "kejadian_terbuka"] + [
    f"lapor_{t}" for t in TAHAP
]
_KUNCI = ["kode_desa", "no_tps"]


def ringkasan(cur, daftar: DaftarTps, kec: pd.DataFrame, tahap: str | None = "logistik_tiba", *, kabupaten) -> dict:
    """Everything the Hari Pemungutan page and the slide show, for one election:

    - `tps`: every TPS of the active list with its latest report per stage and the number of
      voters who came (from its latest pemungutan/penghitungan report);
    - `kecamatan` (rows of `kec`, i.e. marts/partisipasi): TPS reported per stage (x of N), voters
      who came at the TPS that reported them, their DPT, the turnout so far, its distance to the
      target and to the previous election, the projection for the whole kecamatan, open incidents;
    - `korwil` and `kabupaten`: the same summed; a korwil's target and previous turnout weighted
      by DPT, the region's those of `kabupaten` (its row of marts/kabupaten: the one definition
      of the region's figures that every page, slide and export shows);
    - `belum`: the TPS without a report for `tahap` (for follow-up by phone); `tahap` None: the
      stage under way (tahap_berjalan), named in the result's `tahap`;
    - `kejadian`: incidents (open ones first).
    """
    e = daftar.election
    terkini = db.run(cur, "lapor/terkini", election=e)
    kejadian = db.run(cur, "lapor/kejadian", election=e)
    tps = _per_tps(daftar, terkini, db.run(cur, "lapor/hadir", election=e))
    tahap = tahap or tahap_berjalan(tps=tps)
    buka = kejadian[kejadian["terbuka"]].groupby("kode_kecamatan").size().rename("kejadian_terbuka")
    sums = {f"lapor_{t}": (f"lapor_{t}", "sum") for t in TAHAP}
    sums.update(
        tps=("no_tps", "size"),
        hadir=("hadir", "sum"),
        hadir_l=("hadir_l", "sum"),
        hadir_p=("hadir_p", "sum"),
        dpt_hadir=("dpt_hadir", "sum"),
        tps_hadir=("ada_hadir", "sum"),
        dpt_tps=("dpt", "sum"),
    )
    per_kec = tps.groupby("kode_kecamatan").agg(**sums)
    base = kec[["kode_kecamatan", "kecamatan", "korwil", "dpt", "target_partisipasi", "partisipasi_sebelumnya"]]
    out = base.merge(per_kec.reset_index(), on="kode_kecamatan", how="left").merge(
        buka.reset_index(), on="kode_kecamatan", how="left"
    )
    out[_JUMLAH] = out[_JUMLAH].fillna(0).astype("int64")
    out = _turnout(out)

    korwil = pd.DataFrame(
        [
            {"korwil": nama, "kecamatan_n": len(group), **_gabung(group).to_dict()}
            for nama, group in out.groupby(out["korwil"].fillna("Tanpa korwil"), sort=True)
        ]
    )
    kab = _bobot(pd.DataFrame([{"korwil": "Kabupaten", "kecamatan_n": len(out), **_gabung(out).to_dict()}]), kabupaten)
    korwil = _bobot(korwil) if not korwil.empty else korwil

    belum = tps[~tps[f"lapor_{tahap}"]].copy()
    belum["tahap_terakhir"] = [_terakhir(r) for r in belum.to_dict("records")]
    belum["tindak_lanjut"] = [
        f"Hubungi PPK Kec. {k} / PPS {tempat(j, d)}"
        for k, d, j in zip(belum["kecamatan"], belum["desa"], belum["jenis_desa"])
    ]
    belum = belum.merge(kec[["kode_kecamatan", "korwil"]], on="kode_kecamatan", how="left")
    kejadian = kejadian.merge(daftar.frame[["kode_desa", "no_tps", "kecamatan", "desa"]], on=_KUNCI, how="left")
    kejadian["kategori_label"] = kejadian["kategori"].map(kategori()).fillna(kejadian["kategori"])
    return {
        "tps": tps,
        "kecamatan": out,
        "korwil": korwil,
        "kabupaten": kab.iloc[0],
        "belum": belum,
        "kejadian": kejadian,
        "tahap": tahap,
        "laporan": int(len(terkini)),
    }


def _per_tps(daftar: DaftarTps, terkini: pd.DataFrame, hadir: pd.DataFrame) -> pd.DataFrame:
    """The active TPS list with, per stage, the time of its report in force (`waktu_<tahap>`,
    `lapor_<tahap>`) and the voters who came (`hadir`, with its DPT in `dpt_hadir`)."""
    tps = daftar.frame.copy()
    for t in TAHAP:
        rows = terkini[terkini["tahap"] == t][_KUNCI + ["waktu"]].rename(columns={"waktu": f"waktu_{t}"})
        tps = tps.merge(rows, on=_KUNCI, how="left")
        tps[f"lapor_{t}"] = tps[f"waktu_{t}"].notna()
    tps = tps.merge(hadir[_KUNCI + ["hadir_l", "hadir_p", "hadir"]], on=_KUNCI, how="left")
    tps["ada_hadir"] = tps["hadir"].notna()
    tps["dpt_hadir"] = tps["dpt"].where(tps["ada_hadir"])
    return tps


def _gabung(frame: pd.DataFrame) -> pd.Series:
    """Kecamatan rows summed, with what weighting their targets by DPT needs (see _bobot)."""
    g = frame.assign(
        _t=frame["target_partisipasi"] * frame["dpt"],
        _s=frame["partisipasi_sebelumnya"] * frame["dpt"],
        _dt=frame["dpt"].where(frame["target_partisipasi"].notna()),
        _ds=frame["dpt"].where(frame["partisipasi_sebelumnya"].notna()),
    )
    return g[_JUMLAH + ["dpt", "_t", "_s", "_dt", "_ds"]].sum(min_count=1)


def _bobot(frame: pd.DataFrame, tetap=None) -> pd.DataFrame:
    # Targets and previous turnout of a korwil: weighted by DPT; the region's are given (`tetap`).
    frame = frame.assign(
        target_partisipasi=frame["_t"] / frame["_dt"], partisipasi_sebelumnya=frame["_s"] / frame["_ds"]
    )
    if tetap is not None:
        frame = frame.assign(
            **{
                c: float(tetap[c]) if pd.notna(tetap[c]) else float("nan")
                for c in ("target_partisipasi", "partisipasi_sebelumnya")
            }
        )
    return _turnout(frame.drop(columns=["_t", "_s", "_dt", "_ds"]))


def _turnout(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    dpt_hadir = frame["dpt_hadir"].astype("float64").where(frame["dpt_hadir"] > 0)
    rate = frame["hadir"] / dpt_hadir
    frame["partisipasi"] = (100.0 * rate).round(2)
    frame["selisih_target"] = (100.0 * rate - frame["target_partisipasi"]).round(2)
    frame["selisih_sebelumnya"] = (100.0 * rate - frame["partisipasi_sebelumnya"]).round(2)
    # If the TPS not yet reported turn out like those reported: voters expected in the whole area.
    frame["proyeksi_hadir"] = (rate * frame["dpt"]).round(0)
    frame["target_hadir"] = (frame["target_partisipasi"] / 100.0 * frame["dpt"]).round(0)
    return frame


def _terakhir(row: dict) -> str:
    done = [label for t, label in TAHAP.items() if row.get(f"lapor_{t}")]
    return done[-1] if done else "Belum ada laporan"


def tahap_berjalan(ringkas: dict | None = None, tps: pd.DataFrame | None = None) -> str:
    """The stage being chased: the furthest stage any TPS has reported (logistik tiba at first)."""
    frame = tps if tps is not None else ringkas["tps"]
    current = "logistik_tiba"
    for t in TAHAP:
        if frame[f"lapor_{t}"].any():
            current = t
    return current

"""The slides of problems and of election day: the open problems per kecamatan (the inventory,
readiness/masalah/) and the field reports of the day (readiness/lapor/)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from .. import db, fmt, model
from .common import MASALAH_SELESAI, ada, korwil_nama
from .parts import Angka, Baris, Batang, Grafik, Slide


def masalah_tersedia(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the inventory of problems (readiness/masalah/) exists in this database with the columns the
    slide reads; until then the slide is left out."""
    cols = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = 'masalah'"
        ).fetchall()
    }
    return {"election_id", "kode_kecamatan", "status", "tingkat"} <= cols


def slide_masalah(con, election: str, kec: pd.DataFrame, dengan_korwil: bool = True) -> Slide | None:
    if not masalah_tersedia(con):
        return None
    df = db.run(con, "marts/masalah_terbuka", election=election, selesai=list(MASALAH_SELESAI))
    df = df[df["terbuka"] > 0]
    if df.empty:
        return None
    names = dict(zip(kec["kode_kecamatan"], kec["kecamatan"]))
    korwil = dict(zip(kec["kode_kecamatan"], kec["korwil"]))
    df = df.assign(kecamatan=df["kode_kecamatan"].map(names).fillna(df["kode_kecamatan"]))
    df = df.sort_values(["terbuka", "tinggi", "kecamatan"], ascending=[False, False, True])
    total, tinggi = int(df["terbuka"].sum()), int(df["tinggi"].sum())
    top = df.iloc[0]
    judul = (
        f"{fmt.angka(total)} masalah belum selesai di {len(df)} kecamatan"
        + (f" ({fmt.angka(tinggi)} tingkat tinggi)" if tinggi else "")
        + f"; terbanyak {top['kecamatan']} ({fmt.angka(top['terbuka'])})"
    )
    baris = tuple(
        Baris(
            (
                r["kecamatan"],
                *((korwil_nama(korwil.get(r["kode_kecamatan"])),) if dengan_korwil else ()),
                fmt.angka(r["terbuka"]),
                fmt.angka(r["tinggi"]),
            )
        )
        for _, r in df.iterrows()
    )
    return Slide(
        "masalah",
        "Inventarisasi permasalahan",
        judul,
        subjudul="Masalah yang dilaporkan camat/OPD dan belum selesai, per kecamatan",
        kolom=("Kecamatan", "Korwil", "Masalah terbuka", "Tingkat tinggi")
        if dengan_korwil
        else ("Kecamatan", "Masalah terbuka", "Tingkat tinggi"),
        lebar=(4, 3, 3, 3) if dengan_korwil else (4, 3, 3),
        baris=baris,
    )


def slide_lapor(lapor_cur, con, election: str, kabupaten) -> Slide | None:
    """Election day (field reports, readiness/lapor/): TPS reported for the stage under way, the turnout so far against
    the target (`kabupaten`: the row of marts/kabupaten), open incidents, and the kecamatan lagging most. Only when
    reports exist."""
    from .. import lapor

    if lapor_cur is None or not lapor.ada_laporan(lapor_cur, election):
        return None
    daftar = lapor.DaftarTps.dari_db(con, election)
    if not len(daftar):
        return None
    kec = model.partisipasi(con, election)
    r = lapor.ringkasan(lapor_cur, daftar, kec, kabupaten=kabupaten)
    tahap = lapor.tahap_berjalan(r)
    r = lapor.ringkasan(lapor_cur, daftar, kec, tahap, kabupaten=kabupaten)
    kab, per_kec = r["kabupaten"], r["kecamatan"]
    nama = lapor.TAHAP[tahap].lower()
    n, sudah = int(kab["tps"]), int(kab[f"lapor_{tahap}"])
    judul = f"{fmt.angka(sudah)} dari {fmt.angka(n)} TPS sudah lapor {nama}"
    if ada(kab["partisipasi"]):
        judul += f"; partisipasi sementara {fmt.partisipasi(kab['partisipasi'])}"
        if ada(kab["target_partisipasi"]):
            judul += f" (target {fmt.partisipasi(kab['target_partisipasi'])})"
    terbuka = int(per_kec["kejadian_terbuka"].sum())
    angka = (
        Angka(
            f"TPS lapor {nama}",
            f"{fmt.angka(sudah)}/{fmt.angka(n)}",
            f"{fmt.persen(100 * sudah / n, 1)} TPS" if n else "",
        ),
        Angka(
            "Partisipasi sementara",
            fmt.partisipasi(kab["partisipasi"]),
            f"{fmt.angka(kab['hadir'])} pemilih di {fmt.angka(kab['tps_hadir'])} TPS yang melapor",
        ),
        Angka("Kejadian terbuka", fmt.angka(terbuka), "dilaporkan dari TPS, belum ditandai selesai"),
    )
    data = per_kec[per_kec["tps"] > 0].assign(_p=lambda d: 100.0 * d[f"lapor_{tahap}"] / d["tps"])
    data = data.sort_values(["_p", "kecamatan"])

    def teks_batang(row) -> str:
        part = f" · partisipasi {fmt.persen(row['partisipasi'], 1)}" if ada(row["partisipasi"]) else ""
        buka = f" · {fmt.angka(row['kejadian_terbuka'])} kejadian" if row["kejadian_terbuka"] else ""
        return f"{fmt.angka(row[f'lapor_{tahap}'])}/{fmt.angka(row['tps'])} TPS{part}{buka}"

    batang = tuple(
        Batang(
            r_["kecamatan"],
            float(r_["_p"]),
            teks_batang(r_),
            "hijau" if r_["_p"] >= 100 else ("kuning" if r_["_p"] >= 50 else "merah"),
        )
        for _, r_ in data.iterrows()
    )
    grafik = Grafik(
        f"TPS yang sudah lapor {nama} per kecamatan (%), paling tertinggal di atas",
        batang,
        0.0,
        100.0,
        ((50.0, "50%"), (100.0, "100%")),
    )
    lengkap = int((data["_p"] >= 100).sum())
    catatan = f"{lengkap} dari {len(data)} kecamatan sudah lengkap; daftar TPS belum lapor di halaman Hari Pemungutan"
    return Slide(
        "lapor",
        "Hari pemungutan suara",
        judul,
        subjudul=f"Laporan cepat dari TPS, per {dt.datetime.now():%H.%M} · tahap {nama}",
        angka=angka,
        grafik=grafik,
        catatan=catatan,
    )

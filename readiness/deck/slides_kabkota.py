"""The slides of a province (or the nation): its kab/kota as the regency deck has its kecamatan.
The Pj Gubernur's rakor with every bupati and wali kota reads, after the summary, one findings
slide per status (`3 dari 17 kab/kota belum siap: Bombana, Kolaka dan Muna`), the kab/kota map,
the completeness matrix (kab/kota × kind of data, with its date and sender), the participation
gap ranked worst first and the open problems per kab/kota.

Each kab/kota is rated by readiness.model.kabkota (the kecamatan rules on its sums, as the
province's Ringkasan shows it); the matrix is readiness.model.kelengkapan's."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .. import charts, db, fmt
from ..model.kelengkapan import JENIS, WAJIB, kelengkapan_kabkota, matriks
from ..wilayah.kata import Kata
from .common import MASALAH_SELESAI, daftar, sebut
from .parts import Angka, Baris, Peta, Slide, status_label
from .slides_kecamatan import slide_partisipasi
from .slides_masalah import masalah_tersedia

KATA_STATUS = {"merah": "belum siap", "kuning": "perlu perhatian", "hijau": "siap"}
_URUT = {"merah": 0, "kuning": 1, "hijau": 2}


def urut(kab: pd.DataFrame) -> pd.DataFrame:
    """Worst first: status, then how many of its kecamatan are not ready, then need attention."""
    data = kab.assign(_rank=kab["status"].map(_URUT).fillna(3))
    return data.sort_values(
        ["_rank", "jumlah_merah", "jumlah_kuning", "kode_kabkota"], ascending=[True, False, False, True]
    )


def slide_temuan(status: str, judul: str, kolom: tuple, lebar: tuple, baris: tuple) -> Slide:
    """The findings slide of one status: its kab/kota (or their provinces) as rows of a table."""
    return Slide(
        "temuan",
        f"Kab/kota {KATA_STATUS[status]}",
        judul,
        subjudul="Status kab/kota dinilai dari jumlah kecamatannya dengan ambang yang sama seperti kecamatan",
        kolom=kolom,
        lebar=lebar,
        baris=baris,
    )


def slides_temuan(kab: pd.DataFrame) -> list[Slide]:
    """One slide per status that has kab/kota: `3 dari 17 kab/kota belum siap: Bombana, …`, each
    kab/kota with its kecamatan per status and its reasons."""
    n, out = len(kab), []
    for status in ("merah", "kuning", "hijau"):
        rows = urut(kab[kab["status"] == status])
        if rows.empty:
            continue
        judul = f"{len(rows)} dari {n} kab/kota {KATA_STATUS[status]}: {sebut(rows['nama_pendek'].tolist())}"
        baris = tuple(
            Baris(
                (
                    status_label(status),
                    r["kabkota"],
                    f"{fmt.angka(r['jumlah_merah'])} belum siap, {fmt.angka(r['jumlah_kuning'])} perlu perhatian "
                    f"dari {fmt.angka(r['jumlah_kecamatan'])}",
                    r["alasan"] or "Semua indikator terpenuhi",
                ),
                status,
            )
            for _, r in rows.iterrows()
        )
        out.append(slide_temuan(status, judul, ("Status", "Kab/kota", "Kecamatan", "Alasan"), (5, 5, 5, 11), baris))
    return out


def slide_peta(kab: pd.DataFrame, bentuk: tuple) -> Slide:
    """The kab/kota map in status colours beside the count per status and the kab/kota not ready."""
    merah = urut(kab[kab["status"] == "merah"])["nama_pendek"].tolist()
    kuning = int((kab["status"] == "kuning").sum())
    if merah:
        judul = f"{len(merah)} kab/kota belum siap: {sebut(merah)}"
    elif kuning:
        judul = f"Tidak ada kab/kota belum siap; {kuning} perlu perhatian"
    else:
        judul = "Seluruh kab/kota siap"
    return Slide(
        "peta",
        "Peta status kab/kota",
        judul,
        angka=tuple(
            Angka("kab/kota", fmt.angka(int((kab["status"] == s).sum())), status=s)
            for s in ("merah", "kuning", "hijau")
        ),
        kolom=("Belum siap",) if merah else (),
        lebar=(13,) if merah else (),
        baris=(Baris((", ".join(merah),)),) if merah else (),
        peta=Peta(tuple(zip(kab["kode_kabkota"], kab["status"])), bentuk),
    )


def slide_kelengkapan(df: pd.DataFrame, pendek: dict[str, str]) -> Slide:
    """The completeness matrix: per kab/kota (`pendek`: its short name by code) each kind of data,
    covered fully, partly or not, with its date and sender; the title counts the kab/kota with the
    four required kinds complete."""
    wide = matriks(df, "sel_ringkas")
    n, lengkap = len(wide), int(wide["lengkap_wajib"].sum())
    wajib = daftar([JENIS[k].replace("Target partisipasi", "target") for k in WAJIB])
    if lengkap == n:
        judul = f"Data wajib lengkap di seluruh {n} kab/kota"
    elif lengkap:
        judul = f"Data wajib lengkap di {lengkap} dari {n} kab/kota; {n - lengkap} belum"
    else:
        judul = f"Belum ada dari {n} kab/kota yang data wajibnya lengkap"
    belum = df[df["kind"].isin(WAJIB) & (df["cakupan"] == "belum")].groupby("kind").size()
    terbanyak = max(WAJIB, key=lambda k: (int(belum.get(k, 0)), -WAJIB.index(k)))
    if int(belum.get(terbanyak, 0)):
        judul += f"; data {JENIS[terbanyak]} belum ada di {int(belum[terbanyak])} kab/kota"
    return Slide(
        "kelengkapan",
        "Kelengkapan data per kab/kota",
        judul,
        subjudul=f"● lengkap · ◐ sebagian kecamatan · ○ belum ada, dengan tanggal data dan pengirimnya · wajib: {wajib}",
        kolom=("Kab/kota", *JENIS.values()),
        lebar=(3, 4, 4, 4, 4, 4, 4),
        baris=tuple(
            Baris((pendek.get(r["kode_kabkota"], r["kabkota"]), *(r[k] for k in JENIS))) for _, r in wide.iterrows()
        ),
    )


def slide_masalah(cur, election: str, kab: pd.DataFrame) -> Slide | None:
    """Open problems per kab/kota, the most first, with the kecamatan that has the most."""
    if not masalah_tersedia(cur):
        return None
    df = db.run(cur, "marts/masalah_terbuka", election=election, selesai=list(MASALAH_SELESAI))
    df = df[df["terbuka"] > 0].assign(kode_kabkota=lambda d: d["kode_kecamatan"].str[:5])
    if df.empty:
        return None
    kec = dict(cur.execute("select kode_kecamatan, kecamatan from ref_kecamatan").fetchall())
    per = df.groupby("kode_kabkota").agg(
        terbuka=("terbuka", "sum"), tinggi=("tinggi", "sum"), kecamatan=("kode_kecamatan", "size")
    )
    per = per.join(kab.set_index("kode_kabkota")[["kabkota", "nama_pendek"]], how="left").reset_index()
    per["kabkota"] = per["kabkota"].fillna(per["kode_kabkota"])
    per["nama_pendek"] = per["nama_pendek"].fillna(per["kabkota"])
    per = per.sort_values(["terbuka", "tinggi", "kode_kabkota"], ascending=[False, False, True])
    top_kec = df.sort_values(["terbuka", "tinggi", "kode_kecamatan"], ascending=[False, False, True])
    top_kec = top_kec.groupby("kode_kabkota").head(1).set_index("kode_kabkota")
    total, tinggi, top = int(df["terbuka"].sum()), int(df["tinggi"].sum()), per.iloc[0]
    judul = (
        f"{fmt.angka(total)} masalah belum selesai di {len(per)} kab/kota"
        + (f" ({fmt.angka(tinggi)} tingkat tinggi)" if tinggi else "")
        + f"; terbanyak {top['nama_pendek']} ({fmt.angka(top['terbuka'])})"
    )
    baris = []
    for _, r in per.iterrows():
        t = top_kec.loc[r["kode_kabkota"]]
        baris.append(
            Baris(
                (
                    r["kabkota"],
                    fmt.angka(r["terbuka"]),
                    fmt.angka(r["tinggi"]),
                    f"{fmt.angka(r['kecamatan'])} kecamatan; terbanyak "
                    f"{kec.get(t['kode_kecamatan'], t['kode_kecamatan'])} ({fmt.angka(t['terbuka'])})",
                )
            )
        )
    return Slide(
        "masalah",
        "Inventarisasi permasalahan",
        judul,
        subjudul="Masalah yang dilaporkan dan belum selesai, per kab/kota",
        kolom=("Kab/kota", "Masalah terbuka", "Tingkat tinggi", "Di kecamatan"),
        lebar=(5, 3, 3, 7),
        baris=tuple(baris),
    )


def slides(cur, election: str, kab: pd.DataFrame, whole, label: str, words: Kata) -> list[Slide]:
    """The province's slides after its summary (`kab`: readiness.model.kabkota's rows with
    `nama_pendek`; `whole`: the region's row of marts/kabupaten)."""
    out = slides_temuan(kab)
    pendek = dict(zip(kab["kode_kabkota"], kab["nama_pendek"]))
    # The map names each kab/kota as the slides do (`Bombana`, `Kota Kendari`).
    bentuk = tuple(
        replace(b, kecamatan=pendek.get(b.kode, b.kecamatan))
        for b in charts.kecamatan_shapes(cur, "kabkota", election).values()
    )
    out.append(slide_peta(kab, bentuk))
    out.append(slide_kelengkapan(kelengkapan_kabkota(cur, election), pendek))
    return out + slides_partisipasi_masalah(cur, election, kab, whole, label, words)


def slides_partisipasi_masalah(cur, election: str, kab: pd.DataFrame, whole, label: str, words: Kata) -> list[Slide]:
    """The turnout-gap slide of the kab/kota and their open problems, each when it has rows."""
    gap = slide_partisipasi(whole, kab.assign(kecamatan=kab["nama_pendek"]), label, words, satuan="kab/kota")
    return [s for s in (gap, slide_masalah(cur, election, kab)) if s is not None]

"""The nation's slides: its 514 kab/kota told per province, as one slide can hold them.

A province's deck lists its 17 kab/kota row by row (slides_kabkota.py); the nation's would list
514, over hundreds of slides, and its map would draw 514 shapes too small to read. So after the
summary the nation's deck reads, per status, the provinces that have kab/kota in it (`Aceh: 3 dari
23 kab/kota: Simeulue, Pidie dan 1 lainnya`), the map of its 38 provinces (marts/provinsi_batas:
each province's outline, dissolved once from its kab/kota), each in the worst status of its
kab/kota, and the completeness of each kind of data per province (`◐ 12 dari 23 kab/kota`). The
participation gap and the open problems stay per kab/kota (only those with a target or a problem).

Each kab/kota is rated as in a province (readiness.model.kabkota); nothing is rated here."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .. import charts, fmt
from ..model.kabkota import STATUS_URUT as _URUT
from ..model.kabkota import per_provinsi
from ..model.kelengkapan import IKON, JENIS, WAJIB, kelengkapan_kabkota
from ..wilayah.kata import Kata
from .common import sebut
from .parts import Angka, Baris, Peta, Slide, status_label
from .slides_kabkota import KATA_STATUS, slide_temuan, slides_partisipasi_masalah, urut


def slides_temuan(kab: pd.DataFrame, provinsi: dict[str, str]) -> list[Slide]:
    """One slide per status that has kab/kota: `12 dari 514 kab/kota belum siap, di 5 provinsi`,
    each province with how many of its kab/kota are in it and the first of them by name."""
    per, n, out = per_provinsi(kab), len(kab), []
    for status in _URUT:
        rows = per[per[status] > 0].sort_values(status, ascending=False, kind="stable")
        if rows.empty:
            continue
        mine = urut(kab[kab["status"] == status])
        baris = tuple(
            Baris(
                (
                    status_label(status),
                    provinsi.get(kode, kode),
                    f"{fmt.angka(r[status])} dari {fmt.angka(r['jumlah'])} kab/kota",
                    sebut(mine[mine["kode_kabkota"].str[:2] == kode]["nama_pendek"].tolist()),
                ),
                status,
            )
            for kode, r in rows.iterrows()
        )
        judul = (
            f"{fmt.angka(int(rows[status].sum()))} dari {fmt.angka(n)} kab/kota {KATA_STATUS[status]}, "
            f"di {fmt.angka(len(rows))} provinsi"
        )
        out.append(
            slide_temuan(status, judul, ("Status", "Provinsi", "Kab/kota", "Di antaranya"), (5, 6, 5, 10), baris)
        )
    return out


def slide_peta(kab: pd.DataFrame, bentuk: dict) -> Slide:
    """The nation's map: each province (`bentuk`: its outline by code) in the worst status of its
    kab/kota, beside the count of provinces per status and the provinces with kab/kota not ready."""
    per = per_provinsi(kab)
    n = len(bentuk)
    names = {kode: charts.nama_provinsi(b.kecamatan) for kode, b in bentuk.items()}
    merah = per[per["merah"] > 0].sort_values("merah", ascending=False, kind="stable")
    if len(merah):
        judul = f"Kab/kota belum siap ada di {len(merah)} dari {n} provinsi"
    elif (per["kuning"] > 0).any():
        judul = f"Tidak ada kab/kota belum siap; perlu perhatian di {int((per['kuning'] > 0).sum())} dari {n} provinsi"
    else:
        judul = f"Seluruh kab/kota di {n} provinsi siap"
    disebut = [f"{names.get(k, k)} {fmt.angka(r['merah'])}" for k, r in merah.iterrows()]
    if len(disebut) > 12:
        disebut = [*disebut[:12], f"dan {len(disebut) - 12} provinsi lainnya"]
    status = {k: per["status"].get(k) for k in bentuk}
    return Slide(
        "peta",
        "Peta status provinsi",
        judul,
        subjudul=f"Warna provinsi: status terburuk kab/kotanya ({fmt.angka(len(kab))} kab/kota)",
        angka=tuple(Angka("provinsi", fmt.angka(sum(v == s for v in status.values())), status=s) for s in _URUT),
        kolom=("Kab/kota belum siap per provinsi",) if disebut else (),
        lebar=(13,) if disebut else (),
        baris=(Baris((", ".join(disebut),)),) if disebut else (),
        peta=Peta(tuple(status.items()), tuple(replace(b, kecamatan=names[k]) for k, b in bentuk.items())),
    )


def _sel(lengkap: int, ada: int, jumlah: int) -> str:
    """A province's cell for one kind: `● 23 kab/kota`, `◐ 12 dari 23 kab/kota` (those covered
    fully), `○ belum ada`."""
    if lengkap == jumlah:
        return f"{IKON['lengkap']} {fmt.angka(jumlah)} kab/kota"
    if ada:
        return f"{IKON['sebagian']} {fmt.angka(lengkap)} dari {fmt.angka(jumlah)} kab/kota"
    return f"{IKON['belum']} belum ada"


def slide_kelengkapan(df: pd.DataFrame, provinsi: dict[str, str]) -> Slide:
    """Per province and kind of data: how many of its kab/kota the active data covers fully."""
    df = df.assign(
        kode_provinsi=df["kode_kabkota"].str[:2], lengkap=df["cakupan"] == "lengkap", ada=df["cakupan"] != "belum"
    )
    wajib = df[df["kind"].isin(WAJIB)].groupby("kode_kabkota")["lengkap"].all()
    n, lengkap = len(wajib), int(wajib.sum())
    if lengkap == n:
        judul = f"Data wajib lengkap di seluruh {fmt.angka(n)} kab/kota"
    elif lengkap:
        judul = f"Data wajib lengkap di {fmt.angka(lengkap)} dari {fmt.angka(n)} kab/kota"
    else:
        judul = f"Belum ada dari {fmt.angka(n)} kab/kota yang data wajibnya lengkap"
    hitung = df.groupby(["kode_provinsi", "kind"])[["lengkap", "ada"]].sum()
    jumlah = df.groupby("kode_provinsi")["kode_kabkota"].nunique()
    baris = []
    for kode, n_kab in jumlah.items():
        cells = [
            _sel(
                *(int(hitung.loc[(kode, k)][c]) if (kode, k) in hitung.index else 0 for c in ("lengkap", "ada")), n_kab
            )
            for k in JENIS
        ]
        baris.append(Baris((provinsi.get(kode, kode), *cells)))
    return Slide(
        "kelengkapan",
        "Kelengkapan data per provinsi",
        judul,
        subjudul="● semua kab/kotanya lengkap · ◐ sebagian: kab/kota yang lengkap · ○ belum ada",
        kolom=("Provinsi", *JENIS.values()),
        lebar=(4, 4, 4, 4, 4, 4, 4),
        baris=tuple(baris),
    )


def slides(cur, election: str, kab: pd.DataFrame, whole, label: str, words: Kata) -> list[Slide]:
    """The nation's slides after its summary (`kab`: readiness.model.kabkota's rows with
    `nama_pendek`; `whole`: the nation's row of marts/kabupaten). Queries: marts/provinsi_batas,
    marts/kelengkapan_kabkota, marts/masalah_terbuka."""
    provinsi = dict(cur.execute("select distinct kode_provinsi, provinsi from stg_kabkota").fetchall())
    out = slides_temuan(kab, provinsi)
    bentuk = charts.kecamatan_shapes(cur, "provinsi")
    if bentuk:
        out.append(slide_peta(kab, bentuk))
    out.append(slide_kelengkapan(kelengkapan_kabkota(cur, election), provinsi))
    return out + slides_partisipasi_masalah(cur, election, kab, whole, label, words)

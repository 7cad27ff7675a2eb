"""The rakor deck: the current data as slides, one message each, computed once per data version.

The Presentasi page, the PPTX (as_pptx.py) and the PDF (as_pdf.py, through as_html.py) all
draw the same `Deck` (parts.py), so what leadership sees on the projector is exactly what goes into the
minutes. Every text a slide shows is worded here and in the topic modules (id-ID numbers via fmt);
the renderers only lay it out. Readiness itself comes from readiness.model; nothing is recomputed here.

This module makes the opening slides (no data yet, the summary, the map) and puts the deck together
(`build`); slides_kecamatan.py makes the slides per korwil and kecamatan (attention first, KTP-el,
participation), slides_masalah.py those of problems and election day; common.py holds what they share.

Each slide title states the finding in words with its numbers ("4 kecamatan belum siap: KTP-el di
bawah 95%"), never just the name of a chart.
"""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pandas as pd

from .. import charts, db, fmt, model, teks
from ..wilayah.kata import Kata, kata
from . import lanjutan, slides_kabkota, slides_nasional
from .common import STATUS_RANK, ada, daftar, jumlah, korwil_nama
from .parts import Angka, Baris, Deck, Peta, Slide
from .slides_kecamatan import slide_ktpel, slide_partisipasi, slide_perhatian, slides_korwil
from .slides_masalah import masalah_tersedia, slide_lapor, slide_masalah

__all__ = ["STATUS_RANK", "build", "masalah_tersedia"]


# --------------------------------------------------------------------------- the opening slides
def _slide_kosong(pemilihan: str, kata: Kata) -> Slide:
    return Slide(
        "kosong",
        _ringkasan(kata),
        "Belum ada data untuk pemilihan ini",
        subjudul=pemilihan,
        catatan=(
            "Unggah rekap DPT, daftar TPS, data KTP-el dan target partisipasi di halaman Unggah Data; "
            "slide rakor tersusun otomatis dari data itu."
        ),
    )


def _ringkasan(kata: Kata) -> str:
    """`Ringkasan Kota Probolinggo`: the topic of the first slide names the region."""
    return f"Ringkasan {kata.nama}" if kata.nama else f"Ringkasan {kata.wilayah_kecil}"


def _slide_ringkasan(kab, kec: pd.DataFrame, pemilihan: str, label_sebelumnya: str, kata: Kata) -> Slide:
    """The region's figures and its kecamatan (in a province its kab/kota: `kec` their rows) per status."""
    satuan = kata.satuan
    n = len(kec)
    merah, kuning, hijau = (jumlah(kec, s) for s in ("merah", "kuning", "hijau"))
    if merah:
        judul = f"{merah} dari {n} {satuan} belum siap, {kuning} perlu perhatian"
    elif kuning:
        judul = f"Tidak ada {satuan} belum siap; {kuning} dari {n} perlu perhatian"
    else:
        judul = f"Seluruh {n} {satuan} siap"
    over = kab["tps_melebihi_kapasitas"]
    if not ada(over):
        tps_ket = "data TPS belum lengkap"
    elif over:
        tps_ket = f"{fmt.angka(over)} TPS > {fmt.angka(kab['kapasitas_tps'])} pemilih"
    else:
        tps_ket = f"tidak ada TPS > {fmt.angka(kab['kapasitas_tps'])} pemilih"
    hijau_ktpel = kec["t_ktpel_hijau"].iloc[0]
    angka = [
        Angka("DPT (pemilih)", fmt.angka(kab["dpt"]), f"L {fmt.angka(kab['dpt_l'])} · P {fmt.angka(kab['dpt_p'])}"),
        Angka("TPS", fmt.angka(kab["tps"]), tps_ket),
        Angka("KTP-el terekam", fmt.persen(kab["ktpel_persen"]), f"target ≥ {fmt.ringkas(hijau_ktpel)}%"),
        Angka(
            "Target partisipasi",
            fmt.partisipasi(kab["target_partisipasi"]),
            f"{label_sebelumnya}: {fmt.partisipasi(kab['partisipasi_sebelumnya'])}",
        ),
        Angka(satuan, fmt.angka(merah), status="merah"),
        Angka(satuan, fmt.angka(kuning), status="kuning"),
        Angka(satuan, fmt.angka(hijau), status="hijau"),
    ]
    tanggal = kab["tanggal_pemilihan"]
    sub = pemilihan + (f" · pemungutan suara {fmt.tanggal(tanggal)}" if ada(tanggal) else "")
    if kata.berkabkota:
        sub = f"Rakor {kata.pj_nama} dengan {teks.KEPALA_KABKOTA} · {sub}"
    return Slide("ringkasan", _ringkasan(kata), judul, subjudul=sub, angka=tuple(angka))


def _slide_peta(kec: pd.DataFrame, korwil_urut: list[str], bentuk: tuple, belum_korwil: str | None = None) -> Slide:
    """The status map (`bentuk`: the region's outlines) beside the count per status (its legend);
    with korwil, the kecamatan not ready per korwil, else `belum_korwil` (the sentence saying the
    election has none) under the title and the kecamatan not ready in one row."""
    merah = kec[kec["status"] == "merah"]
    per_korwil = merah.groupby(merah["korwil"].map(korwil_nama)).size()
    per_korwil = [(k, int(per_korwil[k])) for k in korwil_urut if k in per_korwil.index]
    kuning = jumlah(kec, "kuning")
    # The legend is the count per status beside the map (one box each in its colour, with its
    # symbol and word), as every name on the map carries the symbol too.
    peta = Peta(
        tuple((k, s if isinstance(s, str) else None) for k, s in zip(kec["kode_kecamatan"], kec["status"])), bentuk
    )
    if belum_korwil:
        names = merah["kecamatan"].tolist()
        if names:
            shown = daftar(names) if len(names) <= 3 else f"{', '.join(names[:3])} dan {len(names) - 3} lainnya"
            judul = f"{len(names)} kecamatan belum siap: {shown}"
        elif kuning:
            judul = f"Tidak ada kecamatan belum siap; {kuning} perlu perhatian"
        else:
            judul = "Seluruh kecamatan siap"
        slide = Slide(
            "peta",
            "Peta status kecamatan",
            judul,
            subjudul=belum_korwil,
            angka=tuple(Angka("kecamatan", fmt.angka(jumlah(kec, s)), status=s) for s in ("merah", "kuning", "hijau")),
            kolom=("Belum siap",) if names else (),
            lebar=(13,) if names else (),
            baris=(Baris((", ".join(names),)),) if names else (),
            peta=peta,
        )
        return slide if lanjutan.peta_muat(slide) else replace(slide, baris=(Baris((_di_peta(len(names)),)),))
    if len(per_korwil) > 1:
        judul = f"Kecamatan belum siap ada di {len(per_korwil)} korwil: " + ", ".join(f"{k} {n}" for k, n in per_korwil)
    elif per_korwil:
        k, n = per_korwil[0]
        judul = f"Kecamatan belum siap hanya di {k}: {n} kecamatan"
    elif kuning:
        judul = f"Tidak ada kecamatan belum siap; {kuning} perlu perhatian"
    else:
        judul = "Seluruh kecamatan siap"
    angka = tuple(Angka("kecamatan", fmt.angka(jumlah(kec, s)), status=s) for s in ("merah", "kuning", "hijau"))
    baris = []
    for k, _ in per_korwil:
        names = merah[merah["korwil"].map(korwil_nama) == k]["kecamatan"].tolist()
        baris.append(Baris((k, ", ".join(names))))
    slide = Slide(
        "peta",
        "Peta status kecamatan",
        judul,
        angka=angka,
        kolom=("Korwil", "Belum siap"),
        lebar=(5, 8),
        baris=tuple(baris),
        peta=peta,
    )
    if lanjutan.peta_muat(slide):
        return slide
    return replace(slide, baris=tuple(Baris((k, _di_peta(n))) for k, n in per_korwil))


def _di_peta(n: int) -> str:
    """How many kecamatan are not ready, in place of their names when these do not fit beside the map
    (the map names each of them, with its icon)."""
    return f"{fmt.angka(n)} kecamatan"


# --------------------------------------------------------------------------- the deck
def _hari_h(lapor, cur, election: str, kab) -> list[Slide]:
    """The election-day slide when field reports exist (`lapor`: a cursor of their database)."""
    slide = slide_lapor(lapor, cur, election, kab)
    return [] if slide is None else [slide]


def build(con: duckdb.DuckDBPyConnection, election: str, lapor=None) -> Deck:
    """Every slide for `election` from the active data (queries: marts/kecamatan, marts/korwil,
    marts/kabupaten, marts/data_terakhir, marts/wilayah_kata, marts/kecamatan_batas (the map), marts/masalah_terbuka
    when the inventory exists, and the
    field reports of election day through `lapor` (queries/lapor/*) when reports exist). A province's
    deck speaks of its kab/kota (slides_kabkota.py: marts/kabkota_nilai, marts/kabkota_batas,
    marts/kelengkapan_kabkota); the nation's per province (slides_nasional.py: marts/provinsi_batas)."""
    cur = model.kesiapan_cursor(con, election)
    kec = model.kecamatan(cur, election)
    kw = model.korwil(cur, election)
    kab = model.kabupaten(cur, election).iloc[0]
    label = model.previous_label(cur, election)
    words = kata(cur, election)
    region = {"wilayah": words.nama, "pemilihan_singkat": words.pemilihan_singkat}
    info = db.run(cur, "marts/data_terakhir", election=election).iloc[0]
    data_per = info["terakhir_diunggah"]
    data_per = data_per.to_pydatetime() if ada(data_per) and str(data_per) != "NaT" else None
    pemilihan = kab["pemilihan"] if isinstance(kab["pemilihan"], str) else election
    tanggal = kab["tanggal_pemilihan"]
    tanggal = tanggal.date() if hasattr(tanggal, "date") and ada(tanggal) and str(tanggal) != "NaT" else None
    # A province's kab/kota known only by their totals (KPU's national recap) have data too.
    per_kabkota = model.kabkota_kesiapan(cur, election) if words.berkabkota else None
    if kec.empty or not (kec["jumlah_jenis_data"].sum() or model.kabkota_berdata(per_kabkota)):
        return Deck(election, pemilihan, tanggal, data_per, (_slide_kosong(pemilihan, words),), **region)
    # Korwil are optional: an election without them has no korwil slides, and says so on the map.
    belum_korwil = model.belum_korwil(kec["korwil"], pemilihan)
    korwil_urut = [korwil_nama(k) for k in kw["korwil"]]
    if words.berkabkota:
        # A province (or the nation) speaks of its kab/kota, each rated as the Ringkasan rates it.
        per_kabkota["nama_pendek"] = model.nama_pendek_kabkota(per_kabkota["kabkota"])
        slides = [_slide_ringkasan(kab, per_kabkota, pemilihan, label, words)]
        slides += _hari_h(lapor, cur, election, kab)
        # The nation tells its 514 kab/kota per province (its map: the 38 provinces).
        bagian = slides_nasional if words.jenis == "nasional" else slides_kabkota
        slides += bagian.slides(cur, election, per_kabkota, kab, label, words)
        slides = [part for slide in slides for part in lanjutan.bagi(slide)]
        return Deck(election, pemilihan, tanggal, data_per, tuple(slides), **region)
    slides: list[Slide] = [_slide_ringkasan(kab, kec, pemilihan, label, words)]
    # `lapor`: a cursor of the field reports' database (readiness/lapor/), when it can be read.
    slides += _hari_h(lapor, cur, election, kab)
    slides.append(
        _slide_peta(kec, korwil_urut, tuple(charts.kecamatan_shapes(cur, election=election).values()), belum_korwil)
    )
    for _, row in kw.iterrows() if not belum_korwil else ():
        mine = kec[kec["korwil"].map(korwil_nama) == korwil_nama(row["korwil"])]
        slides += slides_korwil(row, mine, label)
    for extra in (
        slide_perhatian(kec, label, dengan_korwil=not belum_korwil),
        slide_ktpel(kab, kec, words),
        slide_partisipasi(kab, kec, label, words),
        slide_masalah(cur, election, kec, dengan_korwil=not belum_korwil),
    ):
        if extra is not None:
            slides.append(extra)
    # A list longer than the smallest screen holds continues on the next slide, in every format.
    slides = [part for slide in slides for part in lanjutan.bagi(slide)]
    return Deck(election, pemilihan, tanggal, data_per, tuple(slides), **region)

"""The walk through the data on screen: region → korwil → kecamatan → desa/kelurahan → TPS, one
level per page (Ringkasan, Korwil, Kecamatan, TPS filtered to a desa). Here: the page's own
choices at the top of the main area, kept across pages (app/layar.py `url_choice`) and kept
consistent level by level (readiness.model.jenjang.pilih); the breadcrumb, each part a link; and
what a click on a map shape, a bar or a table row opens. What decides (parents, the breadcrumb's
words, the order of TPS) is in readiness/model/jenjang.py."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlencode

import streamlit as st

from app import baca, layar
from readiness.model import jenjang
from readiness.model.halaman import WILAYAH_ATAS

# The page of each level; a desa is the TPS page filtered to it.
HALAMAN = {
    jenjang.WILAYAH: "pages/ringkasan.py",
    "kabkota": "pages/ringkasan.py",  # a province's kab/kota: its kecamatan on Ringkasan
    "korwil": "pages/korwil.py",
    "kecamatan": "pages/kecamatan.py",
    "desa": "pages/tps.py",
}
SEMUA = "semua"  # every kecamatan or every desa: the level above
WILAYAH = jenjang.WILAYAH  # the whole region, the first level
KODE = {  # Kemendagri codes: a kab/kota `74.06`, a kecamatan `74.06.01`, a desa/kelurahan `74.06.01.2003`
    "kabkota": re.compile(r"\d{2}\.\d{2}"),
    "kecamatan": re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    "desa": re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
}


def atas(jumlah: int = 1):
    """The top of a page: a place for the breadcrumb, then one column per choice of the page, where
    the eye lands first at any screen size (not under the sidebar's navigation)."""
    slot = st.container()
    # One choice gets two thirds of the row: a korwil's name and its coordinator's office
    # (`Wilayah I — Asisten Pemerintahan dan Kesra`) stay whole at 1024 px.
    columns = st.columns([2, 1] if jumlah == 1 else [1] * jumlah + [max(3 - jumlah, 1)])
    return slot, columns[:jumlah]


def tempat(election: str, kecamatan: str | None = None) -> jenjang.Tempat:
    """The places of `election` (marts/korwil_penugasan) and the desa of `kecamatan` (marts/desa_daftar)."""
    ada = isinstance(kecamatan, str) and KODE["kecamatan"].fullmatch(kecamatan)
    desa = baca.query("marts/desa_daftar", kecamatan=kecamatan) if ada else None
    atas = baca.kata(election).jenis in WILAYAH_ATAS
    kabkota = baca.query("marts/kabkota_daftar") if atas else None
    return jenjang.Tempat.dari(baca.query("marts/korwil_penugasan", election=election), desa, kabkota)


def kabkota_wilayah(election: str) -> dict[str, str]:
    """Every kab/kota of a province (or the nation) installation, whatever contest is looked at
    (marts/kabkota_daftar: kode → name); none in a kab/kota installation."""
    if baca.kata(election).jenis not in WILAYAH_ATAS:
        return {}
    daftar = baca.query("marts/kabkota_daftar")
    return dict(zip(daftar["kode_kabkota"], daftar["kabkota"]))


def ingatan() -> dict:
    """The remembered choice of each level ({kabkota, korwil, kecamatan, desa}; None when none)."""
    return {t: st.session_state.get(layar.INGATAN.format(t)) for t in ("kabkota", *jenjang.TINGKAT)}


def ikut(tingkat: str, places: jenjang.Tempat):
    """The hook `url_choice` calls when a level is chosen: the other levels follow it."""

    def hook(kode) -> None:
        for t, value in jenjang.pilih(ingatan(), tingkat, kode, places).items():
            st.session_state[layar.INGATAN.format(t)] = value

    return hook


def pilih_korwil(places: jenjang.Tempat, pilihan: dict[str, str], label: str = "Pilih korwil", where=None) -> str:
    """Choose a korwil (`?korwil=Wilayah II`; `pilihan`: each korwil's words in the list); a
    remembered kecamatan outside it is let go."""
    return layar.url_choice(
        "korwil", list(pilihan), label, format_func=pilihan.get, where=where, ikut=ikut("korwil", places)
    )


def pilih_kecamatan(places: jenjang.Tempat, label: str = "Kecamatan", *, semua=False, where=None, kabkota=None):
    """Choose a kecamatan (`?kecamatan=35.13.14`; `semua`: every kecamatan, when the page has a
    view of the whole region; `kabkota`: only the kecamatan of that kab/kota of a province).
    Without a remembered one, the first kecamatan of the remembered korwil."""
    names, korwil = places.kecamatan, places.korwil
    dalam = [k for k in names if kabkota is None or k.startswith(kabkota + ".")]
    options = [*([SEMUA] if semua else []), *dalam]
    awal = SEMUA if semua else next(iter(places.kecamatan_korwil(ingatan()["korwil"])), None)
    return layar.url_choice(
        "kecamatan",
        options,
        label,
        where=where,
        default=awal,
        ikut=ikut("kecamatan", places),
        format_func=lambda k: (
            "Semua kecamatan" if k == SEMUA else f"{names[k]} ({korwil[k]})" if korwil.get(k) else names[k]
        ),
    )


def pilih_desa(places: jenjang.Tempat, kata, where=None) -> str:
    """Choose a desa/kelurahan of the chosen kecamatan (`?desa=35.13.14.2001`; `semua`: every one)."""
    names = {k: nama for k, (nama, _) in places.desa.items()}
    return layar.url_choice(
        "desa",
        [SEMUA, *names],
        kata.desa_awal,
        where=where,
        default=SEMUA,
        ikut=ikut("desa", places),
        format_func=lambda k: f"Semua {kata.desa}" if k == SEMUA else names[k],
    )


def query(election: str, tingkat: str, kode: str | None) -> dict:
    """The URL query of a place's page."""
    params = {"pemilu": election}
    if tingkat == "desa":
        params.update(kecamatan=jenjang.induk_desa(kode), desa=kode)
    elif tingkat in ("korwil", "kecamatan", "kabkota"):
        params[tingkat] = kode
    return params


def remah(
    election: str, places: jenjang.Tempat, tingkat: str, kode=None, *, halaman=None, where=None, pemilihan=False
) -> None:
    """The breadcrumb `Kabupaten Probolinggo › Wilayah II › Kecamatan Kraksaan › Desa Asembakor ›
    TPS`: each place a link to its page (the page named `halaman` ends it as plain text; without
    it the place looked at does). `pemilihan`: the election's short name follows it on the same
    line (`Kabupaten Probolinggo · Pilbup 2024`), for a page that names the region only here."""
    from app.markdown import escape_md

    kata = baca.kata(election)
    parts = jenjang.remah(kata, places, tingkat, None if kode == SEMUA else kode)
    akhir = f" · {escape_md(kata.pemilihan_singkat)}" if pemilihan and kata.pemilihan_singkat else ""
    row = (where or st).container(horizontal=True, gap="small", vertical_alignment="center", key="remah")
    for i, part in enumerate(parts):
        if i:
            row.markdown("›", width="content")
        if i == len(parts) - 1 and halaman is None:
            row.markdown(f"**{escape_md(part.label)}**{akhir}", width="content")
        else:
            row.page_link(
                HALAMAN[part.tingkat],
                label=escape_md(part.label),
                query_params=query(election, part.tingkat, part.kode),
            )
    if halaman:
        row.markdown("›", width="content")
        row.markdown(f"**{escape_md(halaman)}**{akhir}", width="content")


def buka(election: str, tingkat: str, kode: str, halaman: str | None = None) -> None:
    """Open a place on its level's page (or on `halaman`); the browser's Back returns."""
    st.switch_page(halaman or HALAMAN[tingkat], query_params=query(election, tingkat, kode))


def dari_grafik(event, election: str) -> None:
    """A click on a chart point carrying a kecamatan or desa code (customdata) opens that place."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        kode = point.get("customdata")
        if isinstance(kode, (list, tuple)):
            kode = kode[-1]
        for tingkat in ("kabkota", "kecamatan", "desa"):
            if isinstance(kode, str) and KODE[tingkat].fullmatch(kode):
                buka(election, tingkat, kode)


def grafik(fig, election: str, key: str) -> None:
    """A chart whose points carry a place's code (customdata): a click opens that place."""
    from readiness import charts

    event = st.plotly_chart(
        fig, width="stretch", config=charts.PLOT_CONFIG, on_select="rerun", selection_mode="points", key=key
    )
    dari_grafik(event, election)


def dari_tabel(event, df, election: str, tingkat: str, kolom: str, halaman: str | None = None) -> None:
    """A click on a table row (or a cell of it) opens the place of that row (`df[kolom]`), on its
    level's page or on `halaman`."""
    selection = (event or {}).get("selection", {}) if event else {}
    rows = list(selection.get("rows", [])) + [cell[0] for cell in selection.get("cells", [])]
    for row in rows:
        kode = df.iloc[row][kolom] if 0 <= row < len(df) else None
        if isinstance(kode, str) and kode:  # a row without a place (no korwil) opens nothing
            buka(election, tingkat, kode, halaman)


def tautan(election: str, tingkat: str, kode, halaman: str | None = None) -> str | None:
    """The relative link of a place's page (`kecamatan?pemilu=…&kecamatan=35.13.14`); None
    for a row without a place."""
    if not isinstance(kode, str) or not kode:
        return None
    path = PurePosixPath(halaman or HALAMAN[tingkat]).stem
    return f"{path}?{urlencode(query(election, tingkat, kode))}"


def tabel(tampil, df, election: str, arah: tuple, angka, panjang, *, key: str, height, grid=None) -> None:
    """A table whose rows open their places (`arah` = (level, code column[, page])): read whole,
    the first cell of each row a link; past layar.BARIS_BACA rows a grid where a click on a row
    (or a cell of it) opens it (the rows of `tampil` and `df` in the same order), showing only the
    columns named in `grid` when given (None: all). A phone gets, in the grid's place, the reading
    table layar.BARIS_BACA rows at a time: read row by row there, nothing to swipe sideways for."""
    tingkat, kolom, *rest = arah
    halaman = rest[0] if rest else None
    links = [tautan(election, tingkat, kode, halaman) for kode in df[kolom]]
    if len(tampil) <= layar.BARIS_BACA:
        layar.tabel_baca(tampil, angka, panjang, height=height, tautan=links)
        return
    shown = [c for c in tampil.columns if c in grid] if grid else list(tampil.columns)
    lebar, sempit = layar.menurut_lebar(key)
    with sempit:
        layar.tabel_bertahap(tampil[shown], angka, panjang, key=f"{key}_bagian", height=height, tautan=links)
    event = lebar.dataframe(
        tampil,
        hide_index=True,
        width="stretch",
        height=height,
        column_config=kolom_grid(shown, panjang),
        column_order=shown,
        on_select="rerun",
        selection_mode=["single-row", "single-cell"],
        key=key,
    )
    dari_tabel(event, df, election, tingkat, kolom, halaman)


LEBAR_PANJANG = 160  # pixels a grid's long text starts from before it takes the rest of the width


def kolom_grid(shown: list[str], panjang) -> dict:
    """The column settings of a grid that fills the page's width: a stretched grid grows every
    column that is not pinned, so the short columns (before the long texts) are pinned, the first
    (the place's name) at a medium width whatever name is longest, the others at their content's;
    the long texts (`panjang`) start narrow and take the rest. Their whole text is in the
    downloads; nothing is scrolled sideways beside the sidebar at 1024 px."""
    lang = [name for name in shown if name in panjang]
    if not lang or any(name not in panjang for name in shown[shown.index(lang[0]) :]):
        return {name: st.column_config.TextColumn(width="large") for name in lang}
    config = {name: st.column_config.TextColumn(width=LEBAR_PANJANG) for name in lang}
    for i, name in enumerate(shown[: shown.index(lang[0])]):
        config[name] = st.column_config.TextColumn(width="medium" if i == 0 else None, pinned=True)
    return config

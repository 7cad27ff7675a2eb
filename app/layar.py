"""What pages put on screen the same way: the active election and its sidebar choice, choices kept
in the URL, the headline figures, a table with its downloads, the data caption, the empty state and
the footer."""

from __future__ import annotations

import hashlib

import streamlit as st

from app import baca, ekspor, navigasi
from app.markdown import escape_md
from readiness import db, fmt, model, teks
from readiness.wilayah.kata import nama_singkat

ELECTION_KEY = "election"
HALAMAN_UNGGAH = "pages/unggah.py"
HALAMAN_PENGATURAN = "pages/pengaturan.py"


def election() -> str:
    """The election this session looks at; every page calls this first (see app/navigasi.py)."""
    navigasi.pastikan()
    return st.session_state.get(ELECTION_KEY) or db.DEFAULT_ELECTION


def kepala(where, election_id: str) -> None:
    """The region and the election at the top of the sidebar: `Kota Probolinggo · Pilwali 2024`."""
    where.markdown(f"**{escape_md(baca.kata(election_id).judul)}**")


def nama_pemilihan() -> dict[str, str]:
    """Each election's short name as the sidebar shows it: {`pilkada-2024`: `Pilbup 2024`}, the
    contests of a province's day apart (`Pilbup Bombana 2024`; readiness.wilayah.kata.nama_singkat)."""
    e = baca.query("marts/elections")
    return {
        election: nama_singkat(j, t, k, i) or election
        for election, j, t, k, i in zip(
            e["election_id"], e["jenis"], e["tanggal"], e["kode_wilayah"], e["kode_instalasi"]
        )
    }


def election_picker() -> str:
    """Sidebar choice of election, kept in the URL (`?pemilu=…`) so a link opens the same view."""
    elections = baca.query("marts/elections")
    ids = list(elections["election_id"])
    names = nama_pemilihan()
    active = next((e for e, a in zip(elections["election_id"], elections["aktif"]) if a), ids[0])
    chosen = url_choice("pemilu", ids, "Pemilihan", format_func=lambda e: names[e], default=active, where=st.sidebar)
    st.session_state[ELECTION_KEY] = chosen
    return chosen


def data_caption(election_id: str) -> str:
    info = baca.query("marts/data_terakhir", election=election_id).iloc[0]
    kab = baca.level("kabupaten", election_id).iloc[0]
    parts = [f"{kab['pemilihan']} · pemungutan suara {fmt.tanggal(kab['tanggal_pemilihan'])}"]
    if info["terakhir_diunggah"] is not None and str(info["terakhir_diunggah"]) != "NaT":
        parts.append(f"data diperbarui {fmt.tanggal_jam(info['terakhir_diunggah'].to_pydatetime())}")
    return " · ".join(parts)


# A figure's label wraps instead of being cut to `Terbuka, tingkat tin…` in a narrow column (1024 px).
# On a phone (Lapor's field reporters, a pimpinan between meetings) the page title took two or
# three lines of the first screen and pushed the headline figures below it.
GAYA_HALAMAN = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
/* A choice in a row of columns keeps room for its placeholder or value (`Semua kecamatan`, not
   `Semua kecam…`): below that width the row's columns wrap onto a second line. */
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"])) {
  flex-wrap: wrap;
}
[data-testid="stColumn"]:has(:is([data-testid="stSelectbox"], [data-testid="stMultiSelect"])) {
  min-width: min(100%, 13rem);
}
/* A date range (`07/12/2026 – 07/12/2026`) likewise. */
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stDateInput"]) { flex-wrap: wrap; }
[data-testid="stColumn"]:has([data-testid="stDateInput"]) { min-width: min(100%, 16rem); }
/* Beside the sidebar on a 1024-pixel screen the page keeps 2rem of margin, not 5rem: room for a
   table's columns and a chart's labels. */
@media (min-width: 641px) and (max-width: 1100px) {
  [data-testid="stMain"] [data-testid="stMainBlockContainer"] { padding-left: 2rem; padding-right: 2rem; }
}
@media (max-width: 640px) {
  [data-testid="stMain"] h1 { font-size: 1.875rem !important; line-height: 1.25 !important; padding-top: 0.25rem; }
  [data-testid="stMain"] h2 { font-size: 1.375rem !important; }
  [data-testid="stMain"] h3 { font-size: 1.2rem !important; }
}
</style>"""


def gaya() -> None:
    """The page styles every page shares (they take no room on screen)."""
    st.html(GAYA_HALAMAN)


def footer() -> None:
    st.divider()
    st.caption(f"{teks.DISCLAIMER}. {teks.APP_NAMA}.")


INGATAN = "_pilihan_{}"  # session key of the remembered choice of a URL parameter


def _dipilih(param: str, ikut) -> None:
    """The user changed the choice of `param`: remember it and write it into the URL before the
    page runs again (so the URL's old value is not taken for a link)."""
    value = st.session_state[f"pilih_{param}"]
    st.session_state[INGATAN.format(param)] = value
    st.query_params[param] = value
    if ikut:
        ikut(value)


def url_choice(
    param: str,
    options: list[str],
    label: str,
    *,
    format_func=str,
    default: str | None = None,
    where=None,
    help: str | None = None,
    ikut=None,
) -> str | None:
    """A selectbox whose choice lives in the URL (`?param=value`) and in the session: a shared
    link, a refresh or the browser's Back opens the same view, and the choice stays chosen on every
    page that uses `param` until the user changes it. The navigation's links carry no query, so
    the page opened writes the remembered choice back into its URL; a URL value other than the
    remembered one (a link, Back) wins. `ikut(value)` runs whenever the choice changes (the other
    levels of the walk follow it, app/jalan.py)."""
    where = where or st
    ingatan, widget_key = INGATAN.format(param), f"pilih_{param}"
    from_url = st.query_params.get(param)
    if from_url in options and from_url != st.session_state.get(ingatan):
        st.session_state[ingatan] = from_url  # a link, a refresh, Back, a click from another page
        if ikut:
            ikut(from_url)
    chosen = st.session_state.get(ingatan)
    if chosen not in options:
        chosen = default if default in options else options[0]
        st.session_state[ingatan] = chosen
        if ikut:
            ikut(chosen)
    # Set on every run: the same key on another page is another widget (label, options), which
    # would otherwise start from its first option.
    st.session_state[widget_key] = chosen
    where.selectbox(
        label, options, format_func=format_func, key=widget_key, help=help, on_change=_dipilih, args=(param, ikut)
    )
    st.query_params[param] = chosen
    return chosen


def kecamatan_choice(kecamatan, label: str = "Kecamatan", where=None) -> str:
    """Choose a kecamatan (kept in the URL as `?kecamatan=35.13.14`) of a table of kecamatan."""
    names = dict(zip(kecamatan["kode_kecamatan"], kecamatan["kecamatan"]))
    korwil = dict(zip(kecamatan["kode_kecamatan"], kecamatan["korwil"]))
    return url_choice(
        "kecamatan",
        list(names),
        label,
        where=where,
        format_func=lambda k: f"{names[k]} ({korwil[k]})" if isinstance(korwil.get(k), str) else names[k],
    )


# A table of up to this many rows is shown whole as text to read (wrapped, figures aligned); a
# longer one (every TPS of the region) as a scrolling grid with its search, at the given height.
BARIS_BACA = 300
# The reading table's style: long texts wrap, figures stay on one line, the header
# stays in view when a height is given. A table whose box is narrower than it needs
# (readiness.export.lebar_perlu: a 1024-pixel screen beside the sidebar, a phone) is read row by
# row instead (GAYA_SUSUN): each row a block, its first cell on top, then each other cell beside
# its column's name; no sideways scrolling, no text cut at the box's edge.
GAYA_TABEL = """<style>
.tabel-baca { overflow-x: auto; container-type: inline-size; }
.tabel-baca table { width: 100%; border-collapse: separate; border-spacing: 0; font-size: 0.875rem;
  line-height: 1.35; color: inherit; }
.tabel-baca th, .tabel-baca td { padding: 0.3rem 0.45rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid rgba(49, 51, 63, 0.12); overflow-wrap: break-word; background: #ffffff; }
.tabel-baca th { position: sticky; top: 0; z-index: 2; font-weight: 600; background: #f3f5f8;
  border-bottom: 1px solid rgba(49, 51, 63, 0.25); }
.tabel-baca th:first-child, .tabel-baca td:first-child { position: sticky; left: 0; z-index: 1; }
.tabel-baca th:first-child { z-index: 3; }
.tabel-baca .angka { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
@media (min-width: 641px) { .tabel-baca td.utuh { white-space: nowrap; } }
.tabel-baca th.angka { white-space: normal; }
.tabel-baca th.panjang { width: 35%; }
.tabel-baca tbody tr:hover td { background: #f6f8fb; }
@media (max-width: 1100px) { .tabel-baca table { font-size: 0.8125rem; } }
</style>"""
GAYA_SUSUN = """<style>@container (max-width: __LEBAR__px) {
.tabel-baca.susun-__LEBAR__ table, .tabel-baca.susun-__LEBAR__ tbody, .tabel-baca.susun-__LEBAR__ tr { display: block; width: auto; }
.tabel-baca.susun-__LEBAR__ thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.tabel-baca.susun-__LEBAR__ tr { padding: 0.4rem 0; border-bottom: 1px solid rgba(49, 51, 63, 0.25); }
.tabel-baca.susun-__LEBAR__ td { display: grid; grid-template-columns: minmax(6.5rem, 34%) minmax(0, 1fr); column-gap: 0.75rem;
  position: static; border: 0; padding: 0.1rem 0.45rem; text-align: left; white-space: normal; background: transparent; }
.tabel-baca.susun-__LEBAR__ td::before { content: attr(data-kolom); color: rgba(49, 51, 63, 0.7); font-weight: 600; }
.tabel-baca.susun-__LEBAR__ td:first-child { display: block; position: static; font-weight: 600; font-size: 0.9375rem; }
.tabel-baca.susun-__LEBAR__ td:first-child::before { content: none; }
.tabel-baca.susun-__LEBAR__ td:empty { display: none; }
}</style>"""


def tabel_baca(frame, angka=None, panjang=(), *, height: int | str = "auto", tautan=None) -> None:
    """A table of texts (readiness.export.tampilan) on screen: every row and the whole of every
    cell readable; `angka` names the columns of figures (aligned right; None: the columns whose
    every cell is one), `panjang` those of long texts (given the most room); `height` (pixels)
    makes a box that scrolls with its header in view; `tautan`, a link (or None) per row for its
    first cell. Past BARIS_BACA rows: a grid of that height (the caller handles a grid's clicks)."""
    from readiness import export

    if len(frame) > BARIS_BACA:
        config = {name: st.column_config.TextColumn(width="large") for name in panjang}
        st.dataframe(frame, hide_index=True, width="stretch", height=height, column_config=config)
        return
    tinggi = f' style="max-height: {int(height)}px; overflow-y: auto"' if isinstance(height, int) else ""
    body = export.to_html(frame, angka, panjang, tautan)
    lebar = export.lebar_perlu(frame, angka, panjang)
    susun = GAYA_SUSUN.replace("__LEBAR__", str(lebar))
    st.html(f'{GAYA_TABEL}{susun}<div class="tabel-baca susun-{lebar}" data-lebar="{lebar}"{tinggi}>{body}</div>')


def tabel_bertahap(frame, angka=None, panjang=(), *, key: str, height: int | str = "auto", tautan=None) -> None:
    """A reading table (tabel_baca) of any length: past BARIS_BACA rows it is read BARIS_BACA rows
    at a time, the part chosen above it (`baris 301–600 dari 1.234`); `tautan`: a link per row."""
    n = len(frame)
    if n > BARIS_BACA:
        awal = st.selectbox(
            "Tampilkan",
            list(range(0, n, BARIS_BACA)),
            format_func=lambda a: f"baris {fmt.angka(a + 1)}–{fmt.angka(min(a + BARIS_BACA, n))} dari {fmt.angka(n)}",
            key=key,
        )
        frame = frame.iloc[awal : awal + BARIS_BACA]
        tautan = tautan[awal : awal + BARIS_BACA] if tautan is not None else None
    tabel_baca(frame, angka, panjang, height=height, tautan=tautan)


# A grid draws its rows on a canvas: they cannot be laid out row by row on a phone like a
# reading table's. A page that has a grid gives a phone something else in its place: of the two
# containers of menurut_lebar, a screen up to 640 pixels wide shows only the narrow one, a wider
# screen only the wide one.
GAYA_LEBAR = """<style>
@media (max-width: 640px) { .st-key-__KUNCI___lebar { display: none !important; } }
@media (min-width: 641px) { .st-key-__KUNCI___sempit { display: none !important; } }
</style>"""


def menurut_lebar(kunci: str):
    """(wide, narrow): two containers for one part of a page, the wide one shown on a screen wider
    than a phone, the narrow one on a phone."""
    st.html(GAYA_LEBAR.replace("__KUNCI__", kunci))
    return st.container(key=f"{kunci}_lebar"), st.container(key=f"{kunci}_sempit")


def table(
    df,
    kolom,
    judul: str,
    data: dict,
    election: str,
    *,
    key: str,
    height: int | str = "auto",
    caption: str | None = None,
    tautan: tuple | None = None,
    grid: tuple | None = None,
) -> None:
    """A table on screen (id-ID text, worst status first, every row and the whole of every cell
    readable: tabel_baca) with its Excel and CSV downloads underneath in the same order (numbers
    as numbers, the election, the data version and the disclaimer in the Excel file).
    `tautan` = (level, code column[, page]): each row opens its place (app/jalan.py): the row's
    first cell is a link; in a grid (a table too long to read whole) a click on the row, and
    `grid` names the columns the grid shows (the ones that fit a 1024-pixel screen beside the
    sidebar without sideways scrolling; every column stays in the downloads)."""
    from readiness import export

    kolom = export.pilih_kolom(df, kolom)
    df = export.urut_status(df, kolom)
    kata = data.get("kata") or baca.kata(election)
    tampil = export.tampilan(df, kolom)
    angka = [k.judul for k in kolom if k.jenis in export.ANGKA]
    panjang = [k.judul for k in kolom if k.lebar]
    if tautan is None:
        tabel_baca(tampil, angka, panjang, height=height)
    else:
        from app import jalan

        jalan.tabel(tampil, df, election, tautan, angka, panjang, key=f"tabel_{key}", height=height, grid=grid)
    if caption:
        st.caption(caption)
    frame = export.ekspor(df, kolom)
    version_label = model.versi_label(data["versi"])
    row = st.container(horizontal=True)
    ekspor.unduh(
        "Unduh Excel (.xlsx)",
        lambda: export.to_xlsx(frame, judul, data["pemilihan"], version_label, wilayah=kata.nama),
        export.nama_berkas(judul, election, "xlsx"),
        key=f"xlsx_{key}",
        where=row,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )
    ekspor.unduh(
        "Unduh CSV",
        lambda: export.to_csv(frame),
        export.nama_berkas(judul, election, "csv", wilayah=kata.nama),  # CSV has no title rows
        key=f"csv_{key}",
        where=row,
        mime="text/csv",
        icon=":material/download:",
    )


# On a phone the columns of the headline figures stand one under another: the row of lines
# under the values would follow all the values, far from its own. There the two rows are laid
# out as one list, each figure followed by its line.
GAYA_KARTU = """<style>@media (max-width: 640px) {
.st-key-__KUNCI__ { display: grid !important; gap: 0.5rem; }
.st-key-__KUNCI__ div:has([data-testid="stColumn"]) { display: contents !important; }
__URUTAN__
}</style>"""


def kartu(items) -> None:
    """Headline figures side by side (readiness.model.kartu.Kartu: label, value, the line under it)."""
    if not items:
        return
    # The values stand on one line even when a label wraps in a narrow column: the labels sit on
    # the values' line (a row aligned at the bottom), the lines under them in a row of their own.
    kunci = "kartu_" + hashlib.sha1("|".join(f"{i.judul}:{i.nilai}" for i in items).encode()).hexdigest()[:10]
    ada_keterangan = any(item.keterangan for item in items)
    if ada_keterangan:
        urutan = "\n".join(
            f".st-key-{kunci}_{bagian} [data-testid='stColumn']:nth-child({n}) {{ order: {2 * n + tambah}; }}"
            for n in range(1, len(items) + 1)
            for bagian, tambah in (("nilai", 0), ("ket", 1))
        )
        st.html(GAYA_KARTU.replace("__KUNCI__", kunci).replace("__URUTAN__", urutan))
    with st.container(key=kunci):
        with st.container(key=f"{kunci}_nilai"):
            for col, item in zip(st.columns(len(items), vertical_alignment="bottom"), items):
                col.metric(item.judul, item.nilai)
        if ada_keterangan:
            with st.container(key=f"{kunci}_ket"):
                for col, item in zip(st.columns(len(items)), items):
                    if item.keterangan:
                        col.caption(item.keterangan)


def caption_from(data: dict) -> str:
    """`Kota Probolinggo · Pemilihan … (pemungutan suara 27 November 2024) · data diperbarui … · versi
    data 7: unggahan …`: the page header names the installation's region first."""
    kata = data.get("kata")
    parts = ([kata.nama] if kata is not None else []) + [data["pemilihan"]]
    if not data["versi"].empty:
        parts.append(f"data diperbarui {fmt.tanggal_jam(data['versi']['uploaded_at'].max().to_pydatetime())}")
    parts.append(model.versi_label(data["versi"]))
    return " · ".join(parts)


def sumber_data(data: dict, awal: str = "") -> None:
    """Where the page's figures come from, short enough for one line on a phone (`Data 6 Des 2026
    23.27 WIB · versi 7`: the region and the election are in the sidebar's header), the whole of
    caption_from (the election, every upload the version holds) behind "Sumber data". `awal`
    (Markdown) comes first in the line: the page's own context."""
    versi = data["versi"]
    if versi.empty:
        singkat = model.versi_label(versi)
    else:
        waktu = versi["uploaded_at"].max().to_pydatetime()
        singkat = f"Data {fmt.tanggal_singkat(waktu)} {fmt.jam(waktu)} WIB · versi {versi['data_version'].iloc[0]}"
    sumber(awal + singkat, caption_from(data))


def sumber(singkat: str, lengkap: str) -> None:
    """A short line of where the data comes from, its whole behind the expander "Sumber data"."""
    st.caption(singkat)
    with st.expander("Sumber data"):
        st.caption(lengkap)


def belum_korwil(pesan: str, where=None, *, ringkas: bool = False) -> None:
    """The election has no korwil yet (readiness.model.belum_korwil): say so where the korwil part
    would be (`ringkas`: in one line, for a field rather than a section), with a link to
    Pengaturan for a role that may open it."""
    where = where or st
    row = where.container(horizontal=True, vertical_alignment="center") if ringkas else where
    (row.caption if ringkas else row.info)(pesan)
    try:
        row.page_link(HALAMAN_PENGATURAN, label=teks.ATUR_KORWIL, icon=":material/settings:")
    except st.errors.StreamlitAPIException:
        row.caption(teks.ATUR_KORWIL_ADMIN)  # Pengaturan is not in this role's navigation


def empty_state(message: str | None = None) -> None:
    """What to do when an election has no data yet; links to the upload page when there is one."""
    st.info(message or teks.BELUM_ADA_DATA)
    _ke_unggah()


def total_kabkota(total, election: str) -> None:
    """In place of a kecamatan's empty page, the total of its kab/kota known by its total alone
    (readiness.model.kartu.TotalKabkota), named as the kab/kota's, a link to that kab/kota's
    Ringkasan and to Unggah Data; the page stops here."""
    st.info(total.pesan)
    kartu(total.kartu)
    st.page_link(
        "pages/ringkasan.py",
        label=f"Buka Ringkasan {total.nama}",
        query_params={"pemilu": election, "kabkota": total.kode},
        icon=":material/dashboard:",
    )
    _ke_unggah()


def _ke_unggah() -> None:
    """The link to Unggah Data (where this installation has it), the footer, and the page stops."""
    if (navigasi.DASHBOARD.parent / HALAMAN_UNGGAH).exists():
        try:
            st.page_link(HALAMAN_UNGGAH, label="Buka Unggah Data", icon=":material/upload:")
        except st.errors.StreamlitAPIException:
            pass  # the upload page is not in the navigation of this installation
    footer()
    st.stop()

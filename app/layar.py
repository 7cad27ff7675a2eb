"""What pages put on screen the same way: the active election and its sidebar choice, choices kept
in the URL, the headline figures, a table with its downloads, the data caption, the empty state and
the footer."""

from __future__ import annotations

import re

import streamlit as st

from app import baca, ekspor, navigasi
from app.markdown import escape_md
from readiness import db, fmt, model, teks

ELECTION_KEY = "election"
KODE_KECAMATAN = re.compile(r"\d{2}\.\d{2}\.\d{2}")  # a Kemendagri kecamatan code, `35.13.14`
HALAMAN_UNGGAH = "pages/unggah.py"
HALAMAN_PENGATURAN = "pages/pengaturan.py"
KODE_KECAMATAN = re.compile(r"\d{2}\.\d{2}\.\d{2}")  # Kemendagri, any region: 74.06.01


def election() -> str:
    """The election this session looks at; every page calls this first (see app/navigasi.py)."""
    navigasi.pastikan()
    return st.session_state.get(ELECTION_KEY) or db.DEFAULT_ELECTION


def kepala(where, election_id: str) -> None:
    """The region and the election at the top of the sidebar: `Kota Probolinggo · Pilwali 2024`."""
    where.markdown(f"**{escape_md(baca.kata(election_id).judul)}**")


def election_picker() -> str:
    """Sidebar choice of election, kept in the URL (`?pemilu=…`) so a link opens the same view."""
    elections = baca.query("marts/elections")
    ids = list(elections["election_id"])
    names = {
        e: f"{teks.PEMILIHAN_SINGKAT.get(j, str(j).capitalize())} {t.year}"
        for e, j, t in zip(elections["election_id"], elections["jenis"], elections["tanggal"])
    }
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


def footer() -> None:
    st.divider()
    st.caption(f"{teks.DISCLAIMER}. {teks.APP_NAMA}.")


def url_choice(
    param: str,
    options: list[str],
    label: str,
    *,
    format_func=str,
    default: str | None = None,
    where=None,
    help: str | None = None,
) -> str | None:
    """A selectbox whose choice lives in the URL (`?param=value`) and in the session: a shared link
    or a browser refresh opens the same view, and the choice survives moving between pages."""
    where = where or st
    sticky_key, widget_key = f"_pilihan_{param}", f"pilih_{param}"
    sticky = st.session_state.get(sticky_key)
    from_url = st.query_params.get(param)
    if from_url in options and from_url != sticky:
        st.session_state[widget_key] = from_url  # a link, a refresh or a click from another page
    elif st.session_state.get(widget_key) not in options:
        st.session_state[widget_key] = sticky if sticky in options else (default if default in options else options[0])
    chosen = where.selectbox(label, options, format_func=format_func, key=widget_key, help=help)
    st.session_state[sticky_key] = chosen
    st.query_params[param] = chosen
    return chosen


def kecamatan_choice(kecamatan, label: str = "Kecamatan", where=None) -> str:
    """Choose a kecamatan (kept in the URL as `?kecamatan=35.13.14`)."""
    names = dict(zip(kecamatan["kode_kecamatan"], kecamatan["kecamatan"]))
    korwil = dict(zip(kecamatan["kode_kecamatan"], kecamatan["korwil"]))
    return url_choice(
        "kecamatan",
        list(names),
        label,
        where=where,
        format_func=lambda k: f"{names[k]} ({korwil[k]})" if isinstance(korwil.get(k), str) else names[k],
    )


def open_kecamatan(event, election: str) -> None:
    """A click on a chart point carrying a kode_kecamatan opens the Kecamatan page for it."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        kode = point.get("customdata")
        if isinstance(kode, (list, tuple)):
            kode = kode[-1]
        if isinstance(kode, str) and KODE_KECAMATAN.fullmatch(kode):
            st.session_state["_pilihan_kecamatan"] = None
            st.switch_page("pages/kecamatan.py", query_params={"pemilu": election, "kecamatan": kode})


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
) -> None:
    """A table on screen (id-ID text) with its Excel and CSV downloads underneath (numbers as numbers,
    the election, the data version and the disclaimer in the Excel file)."""
    from readiness import export

    kolom = export.pilih_kolom(df, kolom)
    kata = data.get("kata") or baca.kata(election)
    config = {k.judul: st.column_config.TextColumn(width="large") for k in kolom if k.lebar}
    st.dataframe(export.tampilan(df, kolom), hide_index=True, width="stretch", height=height, column_config=config)
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


def kartu(items) -> None:
    """Headline figures side by side (readiness.model.kartu.Kartu: label, value, the line under it)."""
    if not items:
        return
    for col, item in zip(st.columns(len(items)), items):
        col.metric(item.judul, item.nilai)
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
    if (navigasi.DASHBOARD.parent / HALAMAN_UNGGAH).exists():
        try:
            st.page_link(HALAMAN_UNGGAH, label="Buka Unggah Data", icon=":material/upload:")
        except st.errors.StreamlitAPIException:
            pass  # the upload page is not in the navigation of this installation
    footer()
    st.stop()

"""Presentasi (rakor mode): the current data as full-screen slides for the projector, one message
each, with keyboard control, auto-advance and PPTX/PDF downloads of the same deck.

The slides come from readiness.deck.build (queries: marts/kecamatan, marts/korwil,
marts/kabupaten, marts/data_terakhir, and marts/masalah_terbuka once the inventory exists), drawn
by readiness.deck.as_html; the downloads are readiness.deck.as_pptx and readiness.deck.as_pdf of the
same deck. The URL keeps the place: `?slide=3` (1-based) and `?auto=20` (seconds, auto-advance)."""

from pathlib import Path

import streamlit as st

from app import baca, ekspor, layar
from readiness import fmt
from readiness.deck import as_html, as_pdf, as_pptx

ASSETS = Path(__file__).resolve().parent.parent / "assets"
INTERVAL = (0, 10, 20, 30, 60)
NOMOR, URL_NOMOR, AUTO, URL_AUTO = "rakor_nomor", "_rakor_url_nomor", "rakor_auto", "_rakor_url_auto"


def _angka_url(name: str, lo: int, hi: int) -> int | None:
    try:
        value = int(st.query_params.get(name, ""))
    except ValueError:
        return None
    return value if lo <= value <= hi else None


def _pindah(to: int | str) -> None:
    """Button callbacks: go to a slide (1-based), or one step; `putar` wraps around (auto-advance)."""
    n, now = st.session_state["_rakor_jumlah"], st.session_state.get(NOMOR, 1)
    if to == "berikut":
        to = min(now + 1, n)
    elif to == "sebelum":
        to = max(now - 1, 1)
    elif to == "putar":
        to = now % n + 1
    st.session_state[NOMOR] = int(to)


def _lompat() -> None:
    st.session_state[NOMOR] = st.session_state["rakor_lompat"]


election = layar.election()
deck = baca.deck(election)
n = len(deck.slides)
st.session_state["_rakor_jumlah"] = n

# The slide and the interval live in the URL: a refresh or a shared link opens the same place.
from_url = _angka_url("slide", 1, 10_000)
if from_url is not None and from_url != st.session_state.get(URL_NOMOR):
    st.session_state[NOMOR] = from_url
nomor = min(max(int(st.session_state.get(NOMOR, 1)), 1), n)
st.session_state[NOMOR] = st.session_state[URL_NOMOR] = nomor
st.query_params["slide"] = str(nomor)

auto_url = _angka_url("auto", 0, 3600)
if auto_url is not None and auto_url != st.session_state.get(URL_AUTO):
    st.session_state[AUTO] = auto_url
auto = st.session_state.get(AUTO, 0) or 0
st.session_state[URL_AUTO] = auto
if auto:
    st.query_params["auto"] = str(auto)
elif "auto" in st.query_params:
    del st.query_params["auto"]

# The font first, in an element of its own that never changes: sent once per browser session.
st.html(as_html.fonts_html())
page_css = (ASSETS / "presentasi.css").read_text(encoding="utf-8")
st.html(f"<style>{page_css}</style>{as_html.layar(deck, nomor - 1)}")

with st.container(key="rakor_kendali", horizontal=True, vertical_alignment="center", gap="small"):
    st.button(
        "◀ Sebelumnya",
        key="rakor_sebelum",
        on_click=_pindah,
        args=("sebelum",),
        disabled=nomor == 1,
        help="Slide sebelumnya (panah kiri, Page Up)",
    )
    st.button(
        "Berikutnya ▶",
        key="rakor_berikut",
        on_click=_pindah,
        args=("berikut",),
        disabled=nomor == n,
        help="Slide berikutnya (panah kanan, spasi, Page Down)",
        type="primary",
    )
    st.button("Awal", key="rakor_awal", on_click=_pindah, args=(1,))
    st.button("Akhir", key="rakor_akhir", on_click=_pindah, args=(n,))
    st.button("Putar", key="rakor_otomatis", on_click=_pindah, args=("putar",))
    st.session_state["rakor_lompat"] = nomor
    st.selectbox(
        "Lompat ke slide",
        list(range(1, n + 1)),
        key="rakor_lompat",
        on_change=_lompat,
        format_func=lambda i: f"{fmt.angka(i)}/{fmt.angka(n)} · {deck.slides[i - 1].judul}",
        label_visibility="collapsed",
    )
    options = sorted(set(INTERVAL) | {auto})
    st.session_state["rakor_pilih_auto"] = auto
    st.selectbox(
        "Ganti slide otomatis",
        options,
        key="rakor_pilih_auto",
        label_visibility="collapsed",
        on_change=lambda: st.session_state.update({AUTO: st.session_state["rakor_pilih_auto"]}),
        format_func=lambda s: f"Otomatis: {fmt.angka(s)} detik" if s else "Otomatis: mati",
        help="Ganti slide sendiri untuk layar tanpa operator; data dibaca ulang setiap ganti slide.",
    )
    stamp = deck.data_per.strftime("%Y%m%d-%H%M") if deck.data_per else "tanpa-data"
    ekspor.unduh(
        "PPTX",
        lambda: as_pptx.to_pptx(deck),
        f"rakor-{election}-{stamp}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="rakor_pptx",
        icon=":material/download:",
        help="Unduh slide ini sebagai PowerPoint (teks dan grafik dapat disunting)",
    )
    pdf_ok = as_pdf.chromium() is not None
    ekspor.unduh(
        "PDF",
        (lambda: as_pdf.to_pdf(deck)) if pdf_ok else b"",
        f"rakor-{election}-{stamp}.pdf",
        mime="application/pdf",
        key="rakor_pdf",
        icon=":material/download:",
        disabled=not pdf_ok,
        help="Unduh slide sebagai PDF, satu slide per halaman"
        if pdf_ok
        else "PDF tidak tersedia: Chromium tidak terpasang di server",
    )
    st.page_link(
        "pages/ringkasan.py",
        label="Keluar",
        icon=":material/close:",
        query_params={"pemilu": election},
        help="Kembali ke halaman Ringkasan",
    )
    # Keyboard and the auto-advance timer; re-run on every slide so the timer starts afresh.
    st.session_state["_rakor_putaran"] = st.session_state.get("_rakor_putaran", 0) + 1
    script = (
        (ASSETS / "presentasi.js")
        .read_text(encoding="utf-8")
        .replace("__DETIK__", str(int(auto)))
        .replace("__PUTARAN__", f"slide {nomor}, putaran {st.session_state['_rakor_putaran']}")
    )
    with st.container(key="rakor_skrip"):
        st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)

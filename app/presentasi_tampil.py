"""The Presentasi page's parts: the place in the deck and the auto-advance interval, kept in the
URL (`?slide=3`, `?auto=20`) and the session; the control bar under the slide (buttons, jump,
interval, PPTX/PDF downloads, exit) and the script for keys and the timer (assets/presentasi.js)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import ekspor
from readiness import fmt
from readiness.deck import as_pdf, as_pptx

ASSETS = Path(__file__).resolve().parent.parent / "assets"
INTERVAL = (0, 10, 20, 30, 60)
NOMOR, URL_NOMOR, AUTO, URL_AUTO = "rakor_nomor", "_rakor_url_nomor", "rakor_auto", "_rakor_url_auto"
JUMLAH = "_rakor_jumlah"


def _angka_url(name: str, lo: int, hi: int) -> int | None:
    try:
        value = int(st.query_params.get(name, ""))
    except ValueError:
        return None
    return value if lo <= value <= hi else None


def _pindah(to: int | str) -> None:
    """Button callbacks: go to a slide (1-based), or one step; `putar` wraps around (auto-advance)."""
    n, now = st.session_state[JUMLAH], st.session_state.get(NOMOR, 1)
    if to == "berikut":
        to = min(now + 1, n)
    elif to == "sebelum":
        to = max(now - 1, 1)
    elif to == "putar":
        to = now % n + 1
    st.session_state[NOMOR] = int(to)


def _lompat() -> None:
    st.session_state[NOMOR] = st.session_state["rakor_lompat"]


def tempat(n: int) -> tuple[int, int]:
    """The slide shown (1-based) and the auto-advance interval (seconds, 0 = off) of a deck of `n`
    slides: a link or a refresh opens the URL's; the buttons' choice goes back into the URL."""
    st.session_state[JUMLAH] = n
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
    return nomor, auto


def _tombol(nomor: int, n: int) -> None:
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


def _pilihan(deck, nomor: int, auto: int) -> None:
    n = len(deck.slides)
    st.session_state["rakor_lompat"] = nomor
    st.selectbox(
        "Lompat ke slide",
        list(range(1, n + 1)),
        key="rakor_lompat",
        on_change=_lompat,
        # The slide's topic (`Ringkasan Kabupaten Probolinggo`), short enough to be read whole in
        # the bar at 1024 pixels; its finding is on the slide itself.
        format_func=lambda i: f"{fmt.angka(i)}/{fmt.angka(n)} · {deck.slides[i - 1].kicker}",
        label_visibility="collapsed",
    )
    st.session_state["rakor_pilih_auto"] = auto
    st.selectbox(
        "Ganti slide otomatis",
        sorted(set(INTERVAL) | {auto}),
        key="rakor_pilih_auto",
        label_visibility="collapsed",
        on_change=lambda: st.session_state.update({AUTO: st.session_state["rakor_pilih_auto"]}),
        format_func=lambda s: f"Otomatis: {fmt.angka(s)} detik" if s else "Otomatis: mati",
        help="Ganti slide sendiri untuk layar tanpa operator; data dibaca ulang setiap ganti slide.",
    )


def _unduhan(deck, election: str) -> None:
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


def kendali(deck, election: str, nomor: int, auto: int) -> None:
    """The control bar under the slide, and the keys and timer; the script is given again on every
    slide so the timer starts afresh."""
    with st.container(key="rakor_kendali", horizontal=True, vertical_alignment="center", gap="small"):
        _tombol(nomor, len(deck.slides))
        _pilihan(deck, nomor, auto)
        _unduhan(deck, election)
        st.page_link(
            "pages/ringkasan.py",
            label="Keluar",
            icon=":material/close:",
            query_params={"pemilu": election},
            help="Kembali ke halaman Ringkasan",
        )
        st.session_state["_rakor_putaran"] = st.session_state.get("_rakor_putaran", 0) + 1
        script = (
            (ASSETS / "presentasi.js")
            .read_text(encoding="utf-8")
            .replace("__DETIK__", str(int(auto)))
            .replace("__PUTARAN__", f"slide {nomor}, putaran {st.session_state['_rakor_putaran']}")
        )
        with st.container(key="rakor_skrip"):
            st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)

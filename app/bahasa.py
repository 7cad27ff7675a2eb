"""Streamlit's own controls in Indonesian. Streamlit has no UI language setting: the file uploader,
the table tool bar, empty choice boxes and input hints are drawn by its browser code in English.
One small script, put on every page run by dashboard.py, replaces those words where the browser
shows or reads them (text, aria-label, title, placeholder), now and whenever Streamlit draws them
again. The words are readiness.teks.STREAMLIT and STREAMLIT_POLA; Plotly's own words go through
its locale (readiness.charts.PLOT_CONFIG)."""

from __future__ import annotations

import json

import streamlit as st

from readiness import teks

_SKRIP = """<script>
(() => {
  if (window.__bahasaIndonesia) return;  // once per browser tab: the observer keeps working
  window.__bahasaIndonesia = true;
  const KATA = new Map(Object.entries(__KATA__));
  const POLA = __POLA__.map(([p, r]) => [new RegExp(p), r]);
  const ATRIBUT = ["aria-label", "title", "data-title", "placeholder"];
  const ganti = (s) => {
    const t = s.trim();
    if (KATA.has(t)) return s.replace(t, KATA.get(t));
    for (const [p, r] of POLA) if (p.test(t)) return s.replace(t, t.replace(p, r));
    return s;
  };
  const teks = (n) => { const v = ganti(n.nodeValue); if (v !== n.nodeValue) n.nodeValue = v; };
  const atribut = (el) => {
    for (const a of ATRIBUT) {
      const v = el.getAttribute(a);
      if (v) { const b = ganti(v); if (b !== v) el.setAttribute(a, b); }
    }
  };
  const telusuri = (akar) => {
    if (akar.nodeType === Node.TEXT_NODE) return teks(akar);
    if (akar.nodeType !== Node.ELEMENT_NODE || akar.tagName === "SCRIPT" || akar.tagName === "STYLE") return;
    atribut(akar);
    const w = document.createTreeWalker(akar, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (w.nextNode()) (w.currentNode.nodeType === Node.TEXT_NODE ? teks : atribut)(w.currentNode);
  };
  new MutationObserver((catatan) => {
    for (const c of catatan) {
      if (c.type === "childList") c.addedNodes.forEach(telusuri);
      else if (c.type === "characterData") teks(c.target);
      else atribut(c.target);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ATRIBUT});
  telusuri(document.body);
})();
</script>"""


def skrip() -> str:
    """The script with its words (JSON, so no word can end the script early)."""
    kata = json.dumps(teks.STREAMLIT, ensure_ascii=True).replace("</", "<\\/")
    pola = json.dumps(teks.STREAMLIT_POLA, ensure_ascii=True).replace("</", "<\\/")
    return _SKRIP.replace("__KATA__", kata).replace("__POLA__", pola)


def pasang() -> None:
    """Put the script on this page run, at the foot of the sidebar (it takes no room on screen)."""
    st.sidebar.html(skrip(), unsafe_allow_javascript=True)

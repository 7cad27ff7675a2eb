"""The rakor deck: the active data as slides for the projector, and the same slides as PPTX and PDF
for the minutes. Imports the core's plain modules (db, fmt, model, teks, charts; lapor for the
election-day slide), never streamlit.

A newcomer reads it in the order a deck is made:

- slides.py   the data as slides, one finding each, every text worded (id-ID numbers via fmt):
              `build(con, election, lapor=…)` -> `Deck`; the opening slides (summary, map).
- slides_kecamatan.py, slides_masalah.py
              the slides per korwil and kecamatan; those of problems and election day.
- slides_kabkota.py
              a province's (or the nation's) slides: its kab/kota per status, their map, the
              completeness matrix, the participation gap and open problems per kab/kota.
- common.py   what the slide modules share: worst-first order, small wordings.
- lanjutan.py a list longer than a slide holds on the smallest screen continues on the next slide.
- parts.py    what a deck is made of (`Deck`, `Slide`, `Angka`, `Baris`, `Batang`, `Grafik`, `Peta`) and the
              projector's status colours: what the renderers below read.
- as_html.py  one slide for the Presentasi page, all slides as one document for the PDF (deck.css).
- as_pptx.py  the deck as PowerPoint: editable text, native tables and charts.
- pptx_layout.py
              the PPTX grid, colours, text boxes, and every slide's header and footer.
- as_pdf.py   the HTML document printed by headless Chromium.
- fonts.py    the shipped font (assets/fonts/): embedded in the HTML, and lines measured for the PPTX.
"""

from .as_html import dokumen, fonts_html, layar, slide_html
from .as_pdf import PdfError, chromium, to_pdf
from .as_pptx import to_pptx
from .parts import Angka, Baris, Batang, Deck, Grafik, Peta, Slide
from .slides import build, masalah_tersedia

__all__ = [
    "dokumen",
    "fonts_html",
    "layar",
    "slide_html",
    "PdfError",
    "chromium",
    "to_pdf",
    "to_pptx",
    "Angka",
    "Baris",
    "Batang",
    "Deck",
    "Grafik",
    "Peta",
    "Slide",
    "build",
    "masalah_tersedia",
]

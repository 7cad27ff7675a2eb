"""Open one dashboard page in Streamlit's AppTest against a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pandas as pd
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def buka(db_path, monkeypatch, page: str, **query) -> AppTest:
    """Run dashboard.py on `pages/<page>.py` with the URL query `query` (e.g. kecamatan="35.13.14")."""
    monkeypatch.setenv("READINESS_DB", str(db_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page(f"pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def teks_semua(at: AppTest) -> str:
    """Every markdown, caption, info, warning, error and success text on the page."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def tabel_html(body: str) -> pd.DataFrame | None:
    """The table of one st.html body (app/layar.tabel_baca) as the texts a reader sees, or None."""
    if "<table" not in body:
        return None
    table = lxml.html.fromstring(body).find(".//table")
    header = [th.text_content() for th in table.findall("./thead/tr/th")]
    rows = [[td.text_content() for td in tr.findall("./td")] for tr in table.findall("./tbody/tr")]
    return pd.DataFrame(rows, columns=header, dtype="object")


def semua_tabel(at: AppTest) -> list[pd.DataFrame]:
    """Every table on the page, in order: the reading tables (st.html) and then the grids."""
    frames = [tabel_html(h.value) for h in at.html]
    return [f for f in frames if f is not None] + [f.value for f in at.dataframe]


def tabel(at: AppTest, first_column: str):
    """The first table on the page whose first column is `first_column`."""
    for frame in semua_tabel(at):
        if len(frame.columns) and frame.columns[0] == first_column:
            return frame
    raise AssertionError(f"no table starting with {first_column!r}: {[list(f.columns)[:3] for f in semua_tabel(at)]}")


def unduhan(monkeypatch) -> dict[str, tuple[str, bytes]]:
    """Every download the next page runs offer, by the button's key (its label when it has none):
    (file name, the bytes a click gives). Filled as the page runs."""
    from app import ekspor

    got: dict[str, tuple[str, bytes]] = {}

    def unduh(label, data, file_name, **kwargs):
        got[kwargs.get("key") or label] = (file_name, data() if callable(data) else data)

    monkeypatch.setattr(ekspor, "unduh", unduh)
    return got


def markdown_semua(at: AppTest) -> list[str]:
    """The markdown source of every element that renders markdown: texts, notices, headings,
    metric, expander and tab labels."""
    parts = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader", "toast"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(m.label) for m in at.metric] + [str(t.label) for t in at.tabs]
    parts += [str(e.label) for e in at.expander]
    return parts


def tampak(markdown: str) -> str:
    """What a user reads of a markdown source: escaped characters (`\\(`, `\\.`) as themselves, the
    invisible word joiners that keep `https:` and `@` from becoming links left out."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")

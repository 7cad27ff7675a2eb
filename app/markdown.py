"""Text from a file or a user shown literally inside Streamlit's markdown."""

from __future__ import annotations

import re

# Every character Streamlit's markdown gives a meaning to, backslash-escaped (CommonMark lets any
# ASCII punctuation be escaped): links and images `[x](y)`, emphasis, HTML `<a>`, `$…$` LaTeX,
# headings (`#`, or a line of `=` or `-` under text), lists, quotes, tables, entities `&lt;`.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$=&"})
# Streamlit finds bare links (`https://…`, `www.…`, `a@b.c`), `:red[…]` directives, `:material/…:`
# icons and `:smile:` emoji in the text *after* the escapes are read, so a backslash cannot stop
# them: an invisible WORD JOINER (U+2060) after a `:` or `@` that something follows, and inside
# `www.`, does (checked in Chromium against Streamlit 1.67: no link, no colour, no icon; the text
# reads the same). A `:` before a space (`Jalankan: chmod`) needs none.
_WJ = "\u2060"
_WWW = re.compile(r"(?i)(www)(?=\\\.)")
_LEKAT = re.compile(r"([:@])(?=\S)")


def escape_md(text) -> str:
    """Text from a file or a user (a sheet or file name, a korwil name, a remark), shown literally
    inside any markdown element — st.markdown, caption, error, warning, info, success, toast, a
    subheader, a metric, expander or tab label — never as markup, a link, an icon or a colour."""
    escaped = _LEKAT.sub(r"\1" + _WJ, str(text).translate(_MD_SPECIAL))
    return _WWW.sub(r"\1" + _WJ, escaped)

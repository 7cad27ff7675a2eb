"""The korwil assignment of one election: which koordinator wilayah each kecamatan belongs to,
checked as a whole (every kecamatan exactly once, one koordinator per korwil) and saved all or
nothing."""

from __future__ import annotations

import duckdb
import pandas as pd

from .. import teks
from ._nilai import present as _present
from .pengaturan import PengaturanError


def _text(value) -> str:
    return "" if not _present(value) else str(value).strip()


def periksa_korwil(rows: pd.DataFrame, ref: pd.DataFrame) -> list[str]:
    """Problems with a korwil assignment (columns kecamatan, korwil, koordinator; kecamatan by name
    or code): every kecamatan of `ref` exactly once, each with a korwil, one koordinator per korwil."""
    by_name = {n.casefold(): k for k, n in zip(ref["kode_kecamatan"], ref["kecamatan"])}
    name_of = dict(zip(ref["kode_kecamatan"], ref["kecamatan"]))
    problems, seen, unknown = [], [], []
    for _, r in rows.iterrows():
        text = _text(r.get("kecamatan"))
        if not text and not _text(r.get("korwil")):
            continue  # an empty row added in the editor
        kode = text if text in name_of else by_name.get(text.casefold())
        if kode is None:
            unknown.append(text or "(kosong)")
            continue
        seen.append(kode)
        if not _text(r.get("korwil")):
            problems.append(f"Kecamatan {name_of[kode]} belum diberi korwil")
    counts = pd.Series(seen, dtype="object").value_counts()
    missing = [name_of[k] for k in ref["kode_kecamatan"] if k not in counts.index]
    doubled = [f"{name_of[k]} ({n} kali)" for k, n in counts.items() if n > 1]
    if unknown:
        problems.insert(0, "Kecamatan tidak dikenal: " + ", ".join(unknown))
    if doubled:
        problems.insert(0, "Kecamatan tercantum lebih dari sekali: " + ", ".join(doubled))
    if missing:
        problems.insert(0, f"Kecamatan belum masuk korwil mana pun ({len(missing)}): " + ", ".join(missing))
    koordinator: dict[str, set] = {}
    for _, r in rows.iterrows():
        if _text(r.get("korwil")):
            koordinator.setdefault(_text(r.get("korwil")), set()).add(_text(r.get("koordinator")))
    for name, people in sorted(koordinator.items()):
        people.discard("")
        if len(people) > 1:
            problems.append(f"{name} punya lebih dari satu koordinator: " + ", ".join(sorted(people)))
    return problems


def simpan_korwil(con: duckdb.DuckDBPyConnection, election: str, rows: pd.DataFrame) -> None:
    """Replace the korwil assignment of one election; refused (nothing changed) unless every
    kecamatan is in exactly one korwil."""
    ref = con.execute("select kode_kecamatan, kecamatan from ref_kecamatan order by 1").df()
    problems = periksa_korwil(rows, ref)
    if problems:
        raise PengaturanError(problems)
    by_name = {n.casefold(): k for k, n in zip(ref["kode_kecamatan"], ref["kecamatan"])}
    codes = set(ref["kode_kecamatan"])
    koordinator = {}
    for _, r in rows.iterrows():
        if _text(r.get("koordinator")):
            koordinator[_text(r["korwil"])] = _text(r["koordinator"])
    records = []
    for _, r in rows.iterrows():
        text = _text(r.get("kecamatan"))
        if not text:
            continue
        kode = text if text in codes else by_name[text.casefold()]
        records.append((election, kode, _text(r["korwil"]), koordinator.get(_text(r["korwil"]))))
    con.execute("delete from korwil where election_id = $e", {"e": election})
    con.executemany("insert into korwil values (?, ?, ?, ?)", records)


def belum_korwil(korwil: pd.Series, pemilihan: str) -> str | None:
    """`Belum ada pembagian korwil untuk <pemilihan>.` when no kecamatan of the election is in a
    korwil (`korwil`: the korwil column of its kecamatan), else None: korwil is optional."""
    if any(_present(k) and str(k).strip() for k in korwil):
        return None
    return teks.BELUM_KORWIL.format(pemilihan=pemilihan)

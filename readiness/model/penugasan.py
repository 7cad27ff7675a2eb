"""The korwil assignment of one election: which koordinator wilayah each kecamatan belongs to,
checked as a whole (every kecamatan exactly once, one koordinator per korwil) and saved all or
nothing. In a province (or the nation) korwil group kab/kota instead: each listed kab/kota in at
most one korwil, a kab/kota may stay outside every korwil, and a kab/kota's korwil is stored on
every one of its kecamatan, so the korwil figures are sums over whole kab/kota (marts/korwil)."""

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


def ubah_korwil(rows: pd.DataFrame, kecamatan: str, korwil, koordinator, kolom: str = "kecamatan") -> pd.DataFrame:
    """The assignment `rows` (columns kecamatan, korwil, koordinator) with one kecamatan moved to
    `korwil` (an existing one or a new one; None: none, which periksa_korwil refuses), and
    `koordinator` the coordinator of every kecamatan of that korwil: one korwil, one coordinator.
    `kolom="kabkota"`: a province's rows (kabkota, korwil, koordinator), one kab/kota moved (None:
    in no korwil, which a province allows)."""
    baru = rows[[kolom, "korwil", "koordinator"]].copy()
    korwil = _text(korwil) or None
    baru.loc[baru[kolom] == kecamatan, "korwil"] = korwil
    if korwil:
        baru.loc[baru["korwil"] == korwil, "koordinator"] = _text(koordinator) or None
    return baru.reset_index(drop=True)


def simpan_korwil(con: duckdb.DuckDBPyConnection, election: str, rows: pd.DataFrame) -> None:
    """Replace the korwil assignment of one election; refused (nothing changed) unless every
    kecamatan of the election (stg_kontes_kecamatan, as its editor lists them) is in exactly one korwil."""
    ref = con.execute(
        "select k.kode_kecamatan, k.kecamatan from ref_kecamatan k join stg_kontes_kecamatan kk "
        "on kk.kode_kecamatan = k.kode_kecamatan and kk.election_id = $e order by 1",
        {"e": election},
    ).df()
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


def _kabkota_kunci(ref: pd.DataFrame) -> dict[str, str]:
    """Each way a kab/kota may be written (its code, its name, its name without `Kabupaten`/`Kota`
    when no other kab/kota shares it) → its code; keys casefolded."""
    kunci = {}
    bare: dict[str, list[str]] = {}
    for kode, nama in zip(ref["kode_kabkota"], ref["kabkota"]):
        kunci[kode] = kode
        kunci[" ".join(nama.split()).casefold()] = kode
        polos = nama.split(" ", 1)[1] if nama.split(" ", 1)[0] in ("Kabupaten", "Kota") else nama
        bare.setdefault(" ".join(polos.split()).casefold(), []).append(kode)
    for name, codes in bare.items():
        if len(codes) == 1:
            kunci.setdefault(name, codes[0])
    return kunci


def _kode_kabkota(text: str, kunci: dict[str, str]) -> str | None:
    text = " ".join(text.split())
    for prefix in ("kab. ", "kab "):
        if text.casefold().startswith(prefix):
            text = "kabupaten " + text[len(prefix) :]
    return kunci.get(text) or kunci.get(text.casefold())


def periksa_korwil_kabkota(rows: pd.DataFrame, ref: pd.DataFrame) -> list[str]:
    """Problems with a province's korwil assignment (columns kabkota, korwil, koordinator; a
    kab/kota by code or name; `ref`: kode_kabkota, kabkota), each naming its row (`baris 3`, the
    table's rows from 1) and column: a kab/kota unknown or in more than one row, a koordinator
    without a korwil, a korwil with two koordinator, a korwil named like the unassigned ones.
    A kab/kota without a korwil (or not listed) is in no korwil."""
    kunci, name_of = _kabkota_kunci(ref), dict(zip(ref["kode_kabkota"], ref["kabkota"]))
    problems, seen, koordinator = [], {}, {}
    for i, r in enumerate(rows.to_dict("records"), start=1):
        text, group, person = _text(r.get("kabkota")), _text(r.get("korwil")), _text(r.get("koordinator"))
        if not text and not group and not person:
            continue  # an empty row added in the editor
        if not text:
            problems.append(f"Baris {i}, kolom Kabupaten/kota: kosong")
            continue
        kode = _kode_kabkota(text, kunci)
        if kode is None:
            problems.append(f"Baris {i}, kolom Kabupaten/kota: «{text}» tidak dikenal di wilayah ini")
            continue
        if kode in seen:
            j, other = seen[kode]
            where = f" (korwil {other})" if other else ""
            problems.append(
                f"Baris {i}, kolom Kabupaten/kota: {name_of[kode]} sudah tercantum di baris {j}{where}; "
                "satu kabupaten/kota hanya boleh masuk satu korwil"
            )
            continue
        seen[kode] = (i, group)
        if not group:
            if person:
                problems.append(f"Baris {i}, kolom Korwil: kosong, padahal koordinator {person} diisi")
            continue
        if group.casefold() == teks.TANPA_KORWIL.casefold():
            problems.append(
                f"Baris {i}, kolom Korwil: «{group}» dipakai untuk kabupaten/kota yang tidak masuk korwil; "
                "pilih nama lain"
            )
        if person:
            j, first = koordinator.setdefault(group, (i, person))
            if first != person:
                problems.append(
                    f"Baris {i}, kolom Koordinator: {group} sudah berkoordinator {first} di baris {j}; "
                    "satu korwil satu koordinator"
                )
    return problems


def simpan_korwil_kabkota(con: duckdb.DuckDBPyConnection, election: str, rows: pd.DataFrame) -> None:
    """Replace a province's korwil assignment of one election (rows as periksa_korwil_kabkota);
    refused (nothing changed) on any problem. Every kecamatan of a kab/kota with a korwil is stored
    in it; the kecamatan of the others in none."""
    ref = con.execute("select kode_kabkota, kabkota from stg_kabkota order by 1").df()
    problems = periksa_korwil_kabkota(rows, ref)
    if problems:
        raise PengaturanError(problems)
    kunci, group_of, koordinator = _kabkota_kunci(ref), {}, {}
    for r in rows.to_dict("records"):
        group = _text(r.get("korwil"))
        if group:
            group_of[_kode_kabkota(_text(r.get("kabkota")), kunci)] = group
            koordinator[group] = koordinator.get(group) or _text(r.get("koordinator")) or None
    kecamatan = con.execute("select kode_kecamatan, kode_kabkota from ref_kecamatan order by 1").fetchall()
    records = [(election, k, group_of[b], koordinator[group_of[b]]) for k, b in kecamatan if b in group_of]
    con.execute("delete from korwil where election_id = $e", {"e": election})
    if records:
        con.executemany("insert into korwil values (?, ?, ?, ?)", records)


def belum_korwil(korwil: pd.Series, pemilihan: str) -> str | None:
    """`Belum ada pembagian korwil untuk <pemilihan>.` when no kecamatan of the election is in a
    korwil (`korwil`: the korwil column of its kecamatan), else None: korwil is optional."""
    if any(_present(k) and str(k).strip() for k in korwil):
        return None
    return teks.BELUM_KORWIL.format(pemilihan=pemilihan)

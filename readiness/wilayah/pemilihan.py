"""The elections an installation follows (`python -m readiness election add|edit`).

An election has an id (`pilkada-2024`), a name as users read it, a kind (bupati, walikota,
gubernur), the region it elects for, its voting day and the TPS capacity. A kab/kota desk follows
the election of its own head and, on the same day, the gubernur election of its province: the
region of an election is the installation's region, its province (gubernur) or, in a province
installation, one of its kab/kota.

`add` and `edit` check and change one election on a connection inside `db.writing`; `tambah` and
`ubah` do it in a write of their own with its audit record, for the command line and the
Pengaturan page alike, so both check the same way and say the same words. `isian` reads the
page's form and `tabel` is the list the page shows.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pandas as pd

from .. import akses, db, fmt, jejak, teks
from . import seed
from .seed import WilayahError

JENIS = ("bupati", "walikota", "gubernur")
# The region kind each kind of election is for.
_WILAYAH_JENIS = {jenis: wilayah for wilayah, jenis in seed.JENIS_PEMILIHAN.items()}
_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,39}")
FIELDS = ("nama", "jenis", "kode_wilayah", "tanggal", "kapasitas_tps")
# The fields `add` and `edit` take, by their keyword names.
EDIT_FIELDS = ("nama", "jenis", "wilayah", "tanggal", "kapasitas_tps")


class PemilihanError(ValueError):
    """An election that cannot be added or changed; the message is for the user (Indonesian) of
    either the page or the command line, so it names neither's controls. `isian`: the field at
    fault (EDIT_FIELDS, or `kode`), which the page names by its label; `cli`: what the command
    line adds, in its own words (its flag)."""

    def __init__(self, pesan: str, *, isian: str | None = None, cli: str = ""):
        super().__init__(pesan)
        self.isian, self.cli = isian, cli


def _row(con: duckdb.DuckDBPyConnection, election: str) -> dict | None:
    row = con.execute(
        "select nama, jenis, kode_wilayah, tanggal, kapasitas_tps from elections where election_id = $e",
        {"e": election},
    ).fetchone()
    return None if row is None else dict(zip(FIELDS, row))


def _tanggal(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise PemilihanError(
            f"tanggal '{value}' tidak dikenali: tulis TTTT-BB-HH, mis. 2024-11-27", isian="tanggal"
        ) from None


def _kapasitas(value) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number < 1:
        raise PemilihanError(
            f"kapasitas TPS '{value}' harus bilangan bulat lebih dari 0, mis. 600", isian="kapasitas_tps"
        )
    return number


def _installation(con: duckdb.DuckDBPyConnection) -> dict:
    row = seed.installed(con)
    if row is None:
        raise PemilihanError("database ini belum mencatat wilayahnya", cli="; siapkan dengan `init --wilayah KODE`")
    return seed.region(row["kode"])


def jenis_boleh(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The kinds of election this installation can follow: its own region's head (a kabupaten its
    bupati, a kota its wali kota) and its province's gubernur."""
    installation = _installation(con)
    return tuple(j for j in JENIS if _WILAYAH_JENIS[j] in (installation["jenis"], "provinsi"))


def _check_region(jenis: str, kode: str, installation: dict) -> dict:
    """The region of an election of kind `jenis`: of that kind, and this installation's, its
    province or inside it."""
    try:
        target = seed.region(kode)
    except WilayahError as exc:
        raise PemilihanError(str(exc), isian="wilayah") from None
    if target["jenis"] != _WILAYAH_JENIS[jenis]:
        raise PemilihanError(
            f"{teks.PEMILIHAN_JENIS[jenis]} diadakan di {_WILAYAH_JENIS[jenis]}, sedangkan "
            f"{target['kode']} adalah {target['nama']}",
            isian="wilayah",
        )
    mine, theirs = installation["kode"] + ".", target["kode"] + "."
    if installation["tingkat"] != "nasional" and not (mine.startswith(theirs) or theirs.startswith(mine)):
        raise PemilihanError(
            f"pemilihan untuk {target['nama']} tidak dapat dicatat di dasbor {installation['nama']}", isian="wilayah"
        )
    return target


def _default_region(jenis: str, installation: dict) -> str:
    if jenis == "gubernur":
        return installation["kode_provinsi"]
    return installation["kode"]


def add(
    con: duckdb.DuckDBPyConnection,
    election: str,
    *,
    nama: str | None = None,
    jenis: str | None = None,
    wilayah: str | None = None,
    tanggal=None,
    kapasitas_tps=None,
) -> dict:
    """Add an election (refused when the id exists) with the default settings; returns its row.
    Defaults: the kind the installation's region elects, that region (the province for a
    gubernur), the name from both, and the TPS capacity of the active election."""
    election = (election or "").strip()
    if not _ID.fullmatch(election):
        raise PemilihanError(
            f"kode pemilihan '{election}' tidak dapat dipakai: huruf kecil, angka dan tanda '-', mis. pilkada-2029",
            isian="kode",
        )
    if _row(con, election) is not None:
        raise PemilihanError(
            f"pemilihan '{election}' sudah ada",
            isian="kode",
            cli=f"; ubah lewat `election edit {election}` atau di halaman Pengaturan",
        )
    if tanggal is None:
        raise PemilihanError(
            "hari pemungutan suara wajib diisi untuk pemilihan baru",
            isian="tanggal",
            cli=": tambahkan --tanggal TTTT-BB-HH",
        )
    installation = _installation(con)
    jenis = jenis or seed.JENIS_PEMILIHAN[installation["jenis"]]
    target = _check_region(jenis, wilayah or _default_region(jenis, installation), installation)
    day = _tanggal(tanggal)
    if kapasitas_tps is None:
        active = con.execute(
            "select kapasitas_tps from elections where election_id = "
            "(select value from app_settings where key = 'active_election')"
        ).fetchone()
        kapasitas_tps = active[0] if active else None
    row = {
        "nama": (nama or "").strip() or seed.election_name(jenis, target, day),
        "jenis": jenis,
        "kode_wilayah": target["kode"],
        "tanggal": day,
        "kapasitas_tps": _kapasitas(kapasitas_tps),
    }
    con.execute(
        "insert into elections (election_id, nama, jenis, kode_wilayah, tanggal, kapasitas_tps) "
        "values ($e, $nama, $jenis, $kode_wilayah, $tanggal, $kapasitas_tps)",
        {"e": election, **row},
    )
    seed.default_settings(con, election)
    return row


def edit(
    con: duckdb.DuckDBPyConnection,
    election: str,
    *,
    nama: str | None = None,
    jenis: str | None = None,
    wilayah: str | None = None,
    tanggal=None,
    kapasitas_tps=None,
) -> tuple[dict, dict]:
    """Change the given fields of an existing election (refused when the id is unknown); returns
    (before, after). A name that was the default one follows a new kind, region or year."""
    before = _row(con, election)
    if before is None:
        known = [e for (e,) in con.execute("select election_id from elections order by tanggal").fetchall()]
        raise PemilihanError(f"pemilihan '{election}' tidak dikenal; yang ada: {', '.join(known)}")
    installation = _installation(con)
    after = dict(before)
    if jenis is not None:
        after["jenis"] = jenis
        if wilayah is None and before["jenis"] != jenis:
            wilayah = _default_region(jenis, installation)
    if wilayah is not None or jenis is not None:
        target = _check_region(after["jenis"], wilayah or before["kode_wilayah"], installation)
        after["kode_wilayah"] = target["kode"]
    if tanggal is not None:
        after["tanggal"] = _tanggal(tanggal)
    if kapasitas_tps is not None:
        after["kapasitas_tps"] = _kapasitas(kapasitas_tps)
    if nama is not None and nama.strip():
        after["nama"] = nama.strip()
    elif before["jenis"] in JENIS and before["kode_wilayah"]:
        was_default = before["nama"] == seed.election_name(
            before["jenis"], seed.region(before["kode_wilayah"]), before["tanggal"]
        )
        if was_default:
            after["nama"] = seed.election_name(after["jenis"], seed.region(after["kode_wilayah"]), after["tanggal"])
    con.execute(
        "update elections set nama = $nama, jenis = $jenis, kode_wilayah = $kode_wilayah, "
        "tanggal = $tanggal, kapasitas_tps = $kapasitas_tps where election_id = $e",
        {"e": election, **after},
    )
    return before, after


def remove(con: duckdb.DuckDBPyConnection, election: str) -> dict:
    """Remove an election the installation does not follow (one `init` added for a kab/kota, say)
    with its settings and korwil; returns its row. Refused for the active election and for one
    that holds uploads or problems: those would be left without their election."""
    row = _row(con, election)
    if row is None:
        known = [e for (e,) in con.execute("select election_id from elections order by tanggal").fetchall()]
        raise PemilihanError(f"pemilihan '{election}' tidak dikenal; yang ada: {', '.join(known)}")
    if election == db.active_election(con):
        raise PemilihanError(f"pemilihan '{election}' sedang aktif; aktifkan pemilihan lain dahulu")
    (uploads,) = con.execute("select count(*) from uploads where election_id = $e", {"e": election}).fetchone()
    (masalah,) = con.execute("select count(*) from masalah where election_id = $e", {"e": election}).fetchone()
    if uploads or masalah:
        punya = " dan ".join(
            f"{fmt.angka(n)} {what}" for n, what in ((uploads, "unggahan"), (masalah, "permasalahan")) if n
        )
        raise PemilihanError(f"pemilihan '{election}' sudah mempunyai {punya}; tidak dihapus")
    for table in ("settings", "korwil", "elections"):
        con.execute(f"delete from {table} where election_id = $e", {"e": election})
    return row


def hapus(path: Path | str, pelaku, election: str, *, on_wait=None, timeout: float = 10.0) -> dict:
    """Remove an election (see `remove`) in one write of the analytical file, with its audit record."""
    if isinstance(pelaku, akses.Pengguna):
        akses.wajib(pelaku, "pengaturan")
    with db.writing(path, on_wait=on_wait, timeout=timeout) as con:
        row = remove(con, election)
        jejak.catat(con, pelaku, "pemilihan", election, rincian={"perubahan": "hapus"}, sebelum=row)
    return row


def describe(election: str, row: dict) -> str:
    """One line for the user: `pilkada-2024: Pemilihan Bupati … 2024, 27 November 2024, 600 pemilih per TPS`."""
    return (
        f"{election}: {row['nama']} ({row['kode_wilayah']}), {fmt.tanggal(row['tanggal'])}, "
        f"paling banyak {fmt.angka(row['kapasitas_tps'])} pemilih per TPS"
    )


def tambah(path: Path | str, pelaku, election: str, *, on_wait=None, timeout: float = 10.0, **fields) -> dict:
    """Add an election (see `add`) in one write of the analytical file, with its audit record;
    returns its row. `pelaku` must be allowed to change settings."""
    if isinstance(pelaku, akses.Pengguna):
        akses.wajib(pelaku, "pengaturan")
    with db.writing(path, on_wait=on_wait, timeout=timeout) as con:
        row = add(con, election, **fields)
        jejak.catat(con, pelaku, "pemilihan", election, rincian={"perubahan": "tambah"}, sesudah=row)
    return row


def ubah(
    path: Path | str, pelaku, election: str, *, on_wait=None, timeout: float = 10.0, **fields
) -> tuple[dict, dict]:
    """Change an election (see `edit`) in one write of the analytical file, with its audit record
    of the values before and after; returns (before, after)."""
    if isinstance(pelaku, akses.Pengguna):
        akses.wajib(pelaku, "pengaturan")
    with db.writing(path, on_wait=on_wait, timeout=timeout) as con:
        before, after = edit(con, election, **fields)
        jejak.catat(con, pelaku, "pemilihan", election, rincian={"perubahan": "ubah"}, sebelum=before, sesudah=after)
    return before, after


def isian(texts: dict, sekarang: dict | None = None) -> dict:
    """The fields of `add`/`edit` from a form's texts ({field: text}; `wilayah` for the region):
    an empty text is a field left to its default, and with `sekarang` (the election's row) a text
    that says what is already there is a field left unchanged, so a default name keeps following
    the kind, region and year."""
    out = {field: str(texts.get(field) or "").strip() or None for field in EDIT_FIELDS}
    if sekarang is not None:
        now = teks_isian(sekarang)
        out = {field: None if text == now[field] else text for field, text in out.items()}
    return out


def teks_isian(row: dict) -> dict:
    """An election's row ({FIELDS}) as the form shows it: the texts `isian` reads back."""

    def text(value) -> str:
        return value if isinstance(value, str) else ""

    return {
        "nama": text(row["nama"]),
        "jenis": text(row["jenis"]),
        "wilayah": text(row["kode_wilayah"]),
        "tanggal": pd.Timestamp(row["tanggal"]).date().isoformat(),
        "kapasitas_tps": str(int(row["kapasitas_tps"])),
    }


def _nama_wilayah(kode) -> str:
    if not isinstance(kode, str) or not kode:
        return ""
    try:
        return seed.region(kode)["nama"]
    except WilayahError:
        return kode


def tabel(elections: pd.DataFrame) -> pd.DataFrame:
    """The elections as the Pengaturan page lists them (marts/elections rows): id, name, kind,
    region, voting day, TPS capacity and which one is active, in words and id-ID numbers."""
    return pd.DataFrame(
        {
            "Kode": elections["election_id"],
            "Nama": elections["nama"],
            "Jenis": [teks.PEMILIHAN_JENIS.get(j, j or "") for j in elections["jenis"]],
            "Wilayah": [
                f"{_nama_wilayah(k)} ({k})" if isinstance(k, str) and k else "" for k in elections["kode_wilayah"]
            ],
            "Pemungutan suara": [fmt.tanggal(t) for t in elections["tanggal"]],
            "Kapasitas TPS": [fmt.angka(k) for k in elections["kapasitas_tps"]],
            "Aktif": ["ya" if a else "" for a in elections["aktif"]],
        }
    )

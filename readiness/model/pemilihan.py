"""The election itself: its name and date in words, the label of the previous election of the
same kind, and which election the dashboard opens with."""

from __future__ import annotations

import duckdb

from .. import db, fmt
from .pengaturan import PengaturanError


def pemilihan_label(con: duckdb.DuckDBPyConnection, election: str) -> str:
    """`Pilkada Bupati 2024 (pemungutan suara 27 November 2024)`: the election's name and voting day."""
    row = con.execute("select nama, tanggal from elections where election_id = $e", {"e": election}).fetchone()
    return f"{row[0]} (pemungutan suara {fmt.tanggal(row[1])})" if row else election


def previous_label(con: duckdb.DuckDBPyConnection, election: str) -> str:
    """`Partisipasi 2018` for pilkada-2024: the year of the previous election of the same kind."""
    row = con.execute(
        "select year(p.tanggal) from elections e join elections p on p.jenis = e.jenis and p.tanggal < e.tanggal "
        "where e.election_id = $e order by p.tanggal desc limit 1",
        {"e": election},
    ).fetchone()
    return f"Partisipasi {row[0]}" if row else "Partisipasi sebelumnya"


def aktifkan_pemilihan(con: duckdb.DuckDBPyConnection, election: str) -> None:
    """Make `election` the one the dashboard opens with; an unknown election is refused."""
    if not db.election_exists(con, election):
        raise PengaturanError([f"pemilihan '{election}' tidak dikenal"])
    con.execute("insert or replace into app_settings values ('active_election', $e)", {"e": election})

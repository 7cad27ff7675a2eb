"""The voter list's SQL, one step per file in queries/voterlist/ (header: what it returns, its inputs,
`-- params:`), run on the parse's own in-memory DuckDB connection by name."""

from __future__ import annotations

from .. import db

FOLDER = "voterlist"


def _query(name: str, params: dict) -> str:
    query = db.load_query(f"{FOLDER}/{name}")
    unknown, missing = set(params) - query.params, query.params - set(params)
    if unknown or missing:
        raise db.QueryError(f"{FOLDER}/{name}: unknown parameters {sorted(unknown)}, missing {sorted(missing)}")
    return query.sql


def run(con, name: str, **params):
    """Run queries/voterlist/<name>.sql; the connection, to fetch from."""
    sql = _query(name, params)
    return con.execute(sql, params) if params else con.execute(sql)


def relation(con, name: str, **params):
    """The result of queries/voterlist/<name>.sql as a relation, not yet fetched."""
    return con.sql(_query(name, params), params=params or None)


def create(con, name: str, *, view: bool = False, query: str | None = None, **params) -> None:
    """A temporary table (or view) `name` holding what queries/voterlist/<query or name>.sql returns."""
    kind = "view" if view else "table"
    sql = _query(query or name, params)
    run_sql = f"create temp {kind} {name} as {sql}"
    if params:
        con.execute(run_sql, params)
    else:
        con.execute(run_sql)


def macros(con) -> None:
    """The macros the steps call (queries/voterlist/macros.sql)."""
    run(con, "macros")

"""The layers of ARCHITECTURE.md, checked on the import statements of every module.

pages -> app -> readiness; the core (readiness/) never imports Streamlit, app/ or pages/; app/ imports
no page but the login form; nothing outside a core module uses its underscore names. Inside the core, the
storage layer (db, catatan) imports nothing above it except the places named in `UPWARD`, each
with its reason."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORAGE = {"readiness.db", "readiness.catatan"}
# (importer, imported): a storage module calling up, lazily inside one function, and why.
UPWARD = {
    # A write merges a problem upload whose store commit a killed process left undone.
    ("readiness.db", "readiness.masalah"),
    # A new database is seeded with its region's places (init --wilayah).
    ("readiness.db", "readiness.wilayah"),
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import statement, relative ones resolved."""
    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.append((module, [alias.name for alias in node.names]))
    return out


def _unit(module: str) -> str:
    """readiness.ingest.cells -> readiness.ingest; readiness.fmt -> readiness.fmt."""
    return ".".join(module.split(".")[:2])


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_the_core_never_imports_streamlit_the_app_or_a_page():
    wrong = [
        f"{_module(p)} imports {m}"
        for p in _files("readiness")
        for m, _ in _imports(p)
        if m.split(".")[0] in {"streamlit", "app", "pages"}
    ]
    assert wrong == []


def test_the_phones_report_path_never_imports_streamlit_the_app_or_a_page():
    # lapangan/ answers phones over plain HTTP beside the dashboard: the core only, no script runs.
    wrong = [
        f"{_module(p)} imports {m}"
        for p in _files("lapangan")
        for m, _ in _imports(p)
        if m.split(".")[0] in {"streamlit", "app", "pages"}
    ]
    assert wrong == []


def test_app_imports_no_page_but_the_login_form():
    # The login form is the one page that also runs as a callable: while nobody is logged in, every
    # URL runs it (app/halaman.py navigasi_masuk).
    found = {(_module(p), m, *names) for p in _files("app") for m, names in _imports(p) if m.startswith("pages")}
    assert found == {("app.halaman", "pages", "masuk")}


def test_no_underscore_name_of_the_core_is_used_outside_its_package():
    wrong = []
    for p in _files("pages") + _files("app") + [ROOT / "dashboard.py"]:
        for module, names in _imports(p):
            if module.startswith("readiness"):
                wrong += [f"{_module(p)}: {module}.{n}" for n in names if n.startswith("_")]
        source = p.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                if isinstance(node.value, ast.Name) and node.value.id not in {"st", "self", "cls"}:
                    wrong.append(f"{_module(p)}: {node.value.id}.{node.attr}")
    assert wrong == []


def test_storage_imports_nothing_above_it_but_the_named_exceptions():
    upward = set()
    for p in _files("readiness"):
        me = _unit(_module(p))
        if me not in STORAGE:
            continue
        for module, names in _imports(p):
            if not module.startswith("readiness"):
                continue
            targets = {_unit(module)} if module != "readiness" else {f"readiness.{n}" for n in names}
            upward |= {(me, t) for t in targets if t != me and t not in STORAGE | {"readiness.privacy"}}
    assert upward == UPWARD

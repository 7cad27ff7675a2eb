"""What the upload page says about a prepared batch, a saved one and the upload history: plain
Indonesian text and table rows, every number and date through fmt. The texts hold the file's own
words (file and sheet names), so a caller showing them as markdown escapes them first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .. import fmt, masalah, teks
from .workbook import column_letter

if TYPE_CHECKING:
    from .batch import Batch
    from .result import FileResult

PROBLEM_COLUMNS = ["Tingkat", "Berkas", "Sheet", "Baris", "Kolom", "Masalah"]
MAPPING_COLUMNS = ["Sheet", "Kolom", "Judul kolom di berkas", "Dibaca sebagai"]
SHOWN_ERRORS = 10  # per file under its verdict; all of them are in the problem table and its CSV


def problems(results: list[FileResult]) -> pd.DataFrame:
    """Every problem of every file, one row each."""
    return pd.DataFrame(
        [
            (
                "Galat" if p.level == "galat" else "Peringatan",
                p.file,
                p.sheet or "",
                p.baris,
                p.column or "",
                p.message,
            )
            for r in results
            for p in r.problems
        ],
        columns=PROBLEM_COLUMNS,
    )


def mapping(result: FileResult) -> pd.DataFrame:
    """Which column of the file was read as which field."""
    return pd.DataFrame(
        [
            (lay.sheet.name, column_letter(col), lay.names[col], teks.KOLOM.get(field, field))
            for lay in result.layouts
            for col, field in sorted(lay.columns.items())
        ],
        columns=MAPPING_COLUMNS,
    )


def kind_label(result: FileResult) -> str:
    if not result.kind:
        return "Jenis data (belum dikenali: pilih jenisnya)"
    return "Jenis data" + (" (terdeteksi otomatis)" if result.kind_detected else " (dipilih)")


def understood(result: FileResult) -> str:
    """`sheet 'REKAP' (judul kolom baris 4–5) · 6 baris data · 1 kecamatan · data per 20 November 2024`;
    a refused file keeps no rows, so its rows are not counted."""
    line = result.describe_layout()
    if not result.errors:
        line += f" · {fmt.angka(result.rows)} baris data"
    if result.coverage:
        line += f" · {result.describe_coverage()}"
    if result.tanggal_data:
        line += f" · data per {fmt.tanggal(result.tanggal_data)}"
    return line


def verdict(result: FileResult) -> tuple[str, str]:
    """What becomes of the file, as (level, text); level is error, info, warning or success."""
    if result.errors:
        return "error", (
            f"Ditolak: {fmt.angka(len(result.errors) + result.hidden_problems)} masalah. "
            "Perbaiki berkasnya lalu unggah ulang."
        )
    if result.duplicate_of:
        return "info", "Berkas ini sama persis dengan yang sudah pernah diunggah; tidak akan dihitung dua kali."
    if result.warnings:
        return "warning", f"{fmt.angka(len(result.warnings))} peringatan (data tetap dapat disimpan)."
    return "success", "Siap disimpan, tidak ada masalah."


def shown_errors(result: FileResult) -> str:
    return "\n".join(p.text() for p in result.errors[:SHOWN_ERRORS])


def hidden_note(result: FileResult) -> str | None:
    if result.hidden_problems:
        return f"… dan {fmt.angka(result.hidden_problems)} masalah lain tidak ditampilkan."
    return None


def can_save(batch: Batch) -> bool:
    """Every file readable and at least one not uploaded before."""
    return batch.ok and any(not r.duplicate_of for r in batch.results)


def can_save_rest(batch: Batch) -> bool:
    """Some files refused, and the others would make a batch that can be saved."""
    return not batch.ok and can_save(batch.without_refused())


def refused_note(batch: Batch) -> str:
    """What stands between the user and a save, and what they can do about it."""
    names = ", ".join(r.file_name for r in batch.refused)
    if not can_save_rest(batch):
        return "Tidak ada yang disimpan dari unggahan ini selama masih ada berkas yang ditolak."
    rest = len(batch.results) - len(batch.refused)
    return (
        f"Ditolak: {names}. Unggahan disimpan bersama atau tidak sama sekali, jadi belum ada yang "
        f"disimpan. Perbaiki berkas itu lalu unggah ulang, atau simpan {fmt.angka(rest)} berkas "
        "lainnya tanpa berkas yang ditolak."
    )


def save_rest_label(batch: Batch) -> str:
    rest = len(batch.results) - len(batch.refused)
    return f"Simpan {fmt.angka(rest)} berkas lainnya tanpa yang ditolak"


def saved(batch: Batch, dropped: list[FileResult] | None = None) -> str:
    """`Tersimpan: rekap.xlsx → unggahan #7; masalah.xlsx → unggahan #8 (2 masalah baru, …)`, and
    the refused files the user left out (`Tidak disimpan (ditolak): atlantis.xlsx`)."""
    if not batch.committed:
        text = "Tidak ada perubahan: semua berkas sudah pernah diunggah."
    else:
        text = "Tersimpan: " + "; ".join(
            f"{r.file_name} → unggahan #{r.upload_id}" + (f" ({masalah.ringkas_gabung(r.gabung)})" if r.gabung else "")
            for r in batch.results
            if r.upload_id
        )
    if dropped:
        text += ". Tidak disimpan (ditolak): " + ", ".join(r.file_name for r in dropped)
    return text


def history(uploads: pd.DataFrame) -> pd.DataFrame:
    """The upload history (queries/marts/uploads) as the page shows it, newest first."""
    return pd.DataFrame(
        {
            "No.": uploads["upload_id"],
            "Jenis": uploads["kind"].map(teks.JENIS_SINGKAT),
            "Berkas": uploads["file_name"],
            "Baris": uploads["rows"].map(fmt.angka),
            "Kecamatan": uploads["kecamatan_dicakup"],
            # Problem sheets are merged into the inventory, never versions (readiness/masalah/gabung.py).
            "Aktif untuk": [
                ("digabung ke daftar masalah" if k == "masalah" else f"{n} kecamatan" if n else "tidak aktif")
                for k, n in zip(uploads["kind"], uploads["kecamatan_aktif"])
            ],
            "Diunggah": uploads["uploaded_at"].map(lambda t: fmt.tanggal_jam(t.to_pydatetime())),
            "Oleh": uploads["uploaded_by"].map(teks.nama_pelaku).fillna("–"),
        }
    )


def versions(uploads: pd.DataFrame) -> dict[int, str]:
    """The uploads an admin may make active again (problem sheets are merged, not versions), each
    labelled `#3 — rekap.xlsx`."""
    kept = uploads[uploads["kind"] != "masalah"]
    return {int(i): f"#{i} — {name}" for i, name in zip(kept["upload_id"], kept["file_name"])}


def activated(upload_id: int, info: dict) -> str:
    return f"Unggahan #{upload_id} ({info['file_name']}) aktif kembali."

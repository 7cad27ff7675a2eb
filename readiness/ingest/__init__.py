"""Every step of reading an upload, from the file's bytes to a committed version, and the templates
offered for download. The steps, in the order a file goes through them:

  open → find layout → read rows → convert → check → commit

- workbook.py    open: .xlsx/.xlsm/.xls/.ods/.csv as sheets, refusing what no export needs (zip
                 bombs, far cells, millions of cells) before it is unpacked; stream.py reads an
                 .xlsx sheet's head and counts its cells without reading the sheet;
                 sheet_batches.py reads chosen columns of a large .xlsx sheet in batches of rows
                 straight from its XML (the per-voter lists: memory bounded by the rows kept;
                 shared_table.py holds the shared strings compactly meanwhile).
- layout.py      find layout: which rows are the header and which column is which field
                 (header_synonyms.csv); the kind of a file uploaded as 'auto' (kinds.py: each
                 kind's fields, their types, required sets, stored columns).
- rows.py        read rows: the data rows down to the table's end (table_end.py: the signature
                 block and notes under it are not data), merged and written-once kecamatan carried
                 down, totals rows set aside; RowReader reads one row's cells into typed values
                 (cells.py: `35.412`, `97,85%`, `17-08-1945` the way Indonesian exports write them).
- convert.py     convert: one row of each kind into stored values, names matched to Kemendagri codes.
                 Per-voter lists take their own columnar path (readiness/voterlist/); a large,
                 clean TPS list (a province's or the nation's) is read as columns and converted in
                 DuckDB, names matched once per distinct name (tps_besar.py; anything unusual in it
                 goes the row-by-row way, for that route's messages).
- checks.py      check: across rows, rows counted twice, the file's own totals reconciled.
- read.py        the steps above for one file, from bytes to a FileResult (result.py: the rows and
                 the problems, each named by file, sheet, Excel row and column).
- batch.py       commit: prepare (read and check every file, write nothing), commit_batch (all
                 files or none, in one write), activate (an earlier upload again).
- pekerja.py     the upload page's check and save in a worker process of their own (the web
                 server never reads a file), one large job at a time, progress in a small file.
- ditolak.py     a refused file in the audit trail (where and why, never a cell's value).
- summary.py     what the upload page says about a checked or saved batch and the upload history.
- templates.py   the downloadable template per kind, under headers that layout.py recognises.

Imports: the core's plain modules (db, fmt, teks, names, wilayah, privacy, export, voterlist,
masalah, jejak, akses), never streamlit, never a page or app/. cells.py, workbook.py, stream.py,
sheet_batches.py, shared_table.py and table_end.py import nothing of the package but each other, so the rest of the core may use them
for cells and sheets that are not uploads: model.py reads settings with cells.py, wilayah/berkas.py names
columns with workbook.column_letter, lapor.py reads its paper-report sheets with workbook.py and
the public layout API (find_layout, read_rows, RowReader, match_kecamatan, match_desa, tps_number).
"""

from .batch import (
    Batch,
    Dibatalkan,
    activate,
    commit,
    commit_batch,
    ingest_files,
    load_gazetteer,
    prepare,
    previous_upload,
)
from .checks import check_duplicates, reconcile
from .convert import CONVERTERS, match_desa, match_kecamatan, tps_number
from .kinds import (
    COLUMNS,
    FIELD_TYPE,
    HEADER_SEARCH_ROWS,
    KINDS,
    MAX_MESSAGES,
    OTHER_KINDS,
    RECONCILED,
    REQUIRED,
    STORED_AS,
    TYPES,
    UNIQUE,
)
from .layout import SYNONYMS, Layout, choose_layouts, find_layout, header_names, map_columns
from .read import file_sha256, parse_file
from .result import FileResult, Problem
from .rows import RawRow, RowReader, TotalRow, read_rows

__all__ = [
    "Batch",
    "Dibatalkan",
    "activate",
    "commit",
    "commit_batch",
    "ingest_files",
    "load_gazetteer",
    "prepare",
    "previous_upload",
    "check_duplicates",
    "reconcile",
    "CONVERTERS",
    "match_desa",
    "match_kecamatan",
    "tps_number",
    "COLUMNS",
    "FIELD_TYPE",
    "HEADER_SEARCH_ROWS",
    "KINDS",
    "MAX_MESSAGES",
    "OTHER_KINDS",
    "RECONCILED",
    "REQUIRED",
    "STORED_AS",
    "TYPES",
    "UNIQUE",
    "SYNONYMS",
    "Layout",
    "choose_layouts",
    "find_layout",
    "header_names",
    "map_columns",
    "file_sha256",
    "parse_file",
    "FileResult",
    "Problem",
    "RawRow",
    "RowReader",
    "TotalRow",
    "read_rows",
]

"""Reading uploads into canonical rows and committing them; imports the core's plain modules, never streamlit.

It uses db, fmt, teks, parse, names, workbook, table_end, wilayah, privacy, voterlist, masalah and jejak.

A newcomer reads it in the order a file goes through it:

- kinds.py    what each kind of upload is: fields, their types, required sets, stored columns.
- layout.py   which rows are the header and which column is which field (header_synonyms.csv);
              the kind of a file uploaded as 'auto'.
- rows.py     the data rows down to the table's end (table_end.py: the signature block and notes
              under it are not data), merged and written-once kecamatan carried down, totals rows
              set aside; RowReader reads one row's cells into typed values.
- convert.py  one row of each kind into stored values: names matched to Kemendagri codes.
- checks.py   across rows: rows counted twice, the file's own totals reconciled.
- read.py     one file from bytes to a FileResult (result.py: the rows and the problems, each
              named by file, sheet, Excel row and column).
- batch.py    prepare (read and check every file, write nothing), commit_batch (all files or
              none, in one write), activate (an earlier upload again).

readiness/lapor.py reads its paper-report sheets with the same public layout API: find_layout,
read_rows, RowReader, match_kecamatan, match_desa, tps_number.
"""
from .batch import (Batch, Dibatalkan, activate, commit, commit_batch, ingest_files, load_gazetteer,
                    prepare, previous_upload)
from .checks import check_duplicates, reconcile
from .convert import CONVERTERS, match_desa, match_kecamatan, tps_number
from .kinds import (COLUMNS, FIELD_TYPE, HEADER_SEARCH_ROWS, KINDS, MAX_MESSAGES, OTHER_KINDS, RECONCILED,
                    REQUIRED, STORED_AS, TYPES, UNIQUE)
from .layout import SYNONYMS, Layout, choose_layouts, find_layout, header_names, map_columns
from .read import file_sha256, parse_file
from .result import FileResult, Problem
from .rows import RawRow, RowReader, TotalRow, read_rows

__all__ = [
    "Batch", "Dibatalkan", "activate", "commit", "commit_batch", "ingest_files", "load_gazetteer", "prepare",
    "previous_upload", "check_duplicates", "reconcile", "CONVERTERS", "match_desa", "match_kecamatan",
    "tps_number", "COLUMNS", "FIELD_TYPE", "HEADER_SEARCH_ROWS", "KINDS", "MAX_MESSAGES", "OTHER_KINDS",
    "RECONCILED", "REQUIRED", "STORED_AS", "TYPES", "UNIQUE", "SYNONYMS", "Layout", "choose_layouts",
    "find_layout", "header_names", "map_columns", "file_sha256", "parse_file", "FileResult", "Problem",
    "RawRow", "RowReader", "TotalRow", "read_rows",
]

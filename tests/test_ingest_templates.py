"""The downloadable templates (readiness/ingest/templates.py): each is recognised as its kind when
uploaded, its example row is never counted, and a filled one loads."""

import io

from openpyxl import load_workbook

from readiness import db, ingest
from readiness.ingest import templates


def test_every_template_is_recognised_and_its_example_row_is_never_counted(empty_db):
    names = ["Sukapura", "Kraksaan", "Paiton"]
    for kind in ingest.KINDS:
        data = templates.template(kind, names)
        wb = load_workbook(io.BytesIO(data))
        assert wb.sheetnames == ["DATA", "REFERENSI", "PETUNJUK"]
        assert wb["DATA"].data_validations.dataValidation, kind
        assert "Templat" in wb["PETUNJUK"]["A1"].value
        # Uploaded as downloaded (only the example row): recognised, and nothing to save.
        result = ingest.prepare(empty_db, [(f"templat_{kind}.xlsx", data)]).results[0]
        assert result.kind == kind
        assert [p.message for p in result.errors] == ["tidak ada baris data di bawah judul kolom"]


def test_filled_template_loads(empty_db, tmp_path):
    wb = load_workbook(io.BytesIO(templates.template("pemilih", ["Kraksaan"])))
    sheet = wb["DATA"]
    sheet.append(["Kraksaan", "Asembakor", 5, 1200, 1300, 2500, None, None])
    sheet.append(["Kraksaan", "Sidopekso", 4, 1000, 1000, 2000, None, None])
    path = tmp_path / "isi.xlsx"
    wb.save(path)
    batch = ingest.ingest_files(empty_db, [(path.name, path.read_bytes())])
    assert batch.committed
    assert [p.message for p in batch.results[0].warnings] == ["baris contoh dari templat dilewati"]
    con = db.connect_read(empty_db)
    assert con.execute("select sum(dpt) from stg_pemilih").fetchall()[0][0] == 4500
    con.close()

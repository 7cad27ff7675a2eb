"""What the upload page says about a checked file, a saved batch and a file uploaded twice
(readiness/ingest/summary.py), in the words and id-ID numbers an analyst reads."""

from __future__ import annotations

from readiness import ingest
from readiness.ingest import summary
from tests import xlsx


def _files(*paths):
    return [(p.name, p.read_bytes()) for p in paths]


def test_a_good_recap_is_described_and_its_save_named(empty_db, tmp_path):
    path = xlsx.recap(
        tmp_path / "rekap kraksaan.xlsx",
        [("Kraksaan", "Asembakor", 2, 300, 300, 600), ("Kraksaan", "Sidopekso", 3, 700, 800, 1500)],
    )
    batch = ingest.prepare(empty_db, _files(path))
    result = batch.results[0]
    assert summary.understood(result) == "sheet 'REKAP' (judul kolom baris 4–5) · 2 baris data · 1 kecamatan"
    assert summary.verdict(result) == ("success", "Siap disimpan, tidak ada masalah.")
    assert summary.kind_label(result) == "Jenis data (terdeteksi otomatis)"
    mapping = summary.mapping(result)
    assert list(mapping.itertuples(index=False, name=None))[-1] == ("REKAP", "G", "JUMLAH PEMILIH / L+P", "DPT")
    assert summary.can_save(batch)
    done = ingest.commit_batch(empty_db, batch)
    assert summary.saved(done) == f"Tersimpan: rekap kraksaan.xlsx → unggahan #{result.upload_id}"

    again = ingest.prepare(empty_db, _files(path))
    assert summary.verdict(again.results[0]) == (
        "info",
        "Berkas ini sama persis dengan yang sudah pernah diunggah; tidak akan dihitung dua kali.",
    )
    assert not summary.can_save(again)


def test_a_rejected_file_names_its_row_and_column(empty_db, tmp_path):
    path = xlsx.recap(
        tmp_path / "rekap salah.xlsx",
        [("Kraksaan", "Asembakor", 2, 300, 300, 600), ("Kraksaan", "Sidopekso", 3, "3OO", 800, 1500)],
    )
    batch = ingest.prepare(empty_db, _files(path))
    result = batch.results[0]
    assert summary.verdict(result) == ("error", "Ditolak: 1 masalah. Perbaiki berkasnya lalu unggah ulang.")
    assert summary.shown_errors(result) == (
        "rekap salah.xlsx, sheet 'REKAP', baris 7, kolom E (JUMLAH PEMILIH / L): '3OO' bukan bilangan bulat"
    )
    assert summary.problems(batch.results).to_dict("records") == [
        {
            "Tingkat": "Galat",
            "Berkas": "rekap salah.xlsx",
            "Sheet": "REKAP",
            "Baris": "7",
            "Kolom": "E (JUMLAH PEMILIH / L)",
            "Masalah": "'3OO' bukan bilangan bulat",
        }
    ]
    assert summary.hidden_note(result) is None
    assert not summary.can_save(batch)


def test_over_a_thousand_problems_are_counted_in_id_format_and_ten_shown(empty_db, tmp_path):
    rows = [("Kraksaan", f"Desa {i}", 2, 300, 300, 600) for i in range(1, 1_202)]
    path = xlsx.recap(tmp_path / "rekap desa salah.xlsx", rows)
    result = ingest.prepare(empty_db, _files(path)).results[0]
    assert summary.verdict(result) == ("error", "Ditolak: 1.201 masalah. Perbaiki berkasnya lalu unggah ulang.")
    assert summary.hidden_note(result) == "… dan 1.151 masalah lain tidak ditampilkan."
    shown = summary.shown_errors(result).splitlines()
    assert len(shown) == 10
    assert shown[0] == (
        "rekap desa salah.xlsx, sheet 'REKAP', baris 6, kolom C (DESA/KELURAHAN): "
        "desa/kelurahan 'Desa 1' tidak ada di Kecamatan Kraksaan"
    )


def test_a_refused_file_can_be_left_out_and_the_rest_saved_together(empty_db, tmp_path):
    good = xlsx.recap(tmp_path / "rekap kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    bad = xlsx.recap(tmp_path / "rekap paiton.xlsx", [("Paiton", "Sumberejo", 2, 300, "3OO", 600)])
    batch = ingest.prepare(empty_db, _files(good, bad))
    refused = batch.results[1]
    assert summary.understood(refused) == "sheet 'REKAP' (judul kolom baris 4–5)"  # no "0 baris data"
    assert not summary.can_save(batch) and summary.can_save_rest(batch)
    assert summary.refused_note(batch) == (
        "Ditolak: rekap paiton.xlsx. Unggahan disimpan bersama atau tidak sama sekali, jadi belum ada yang "
        "disimpan. Perbaiki berkas itu lalu unggah ulang, atau simpan 1 berkas lainnya tanpa berkas yang ditolak."
    )
    assert summary.save_rest_label(batch) == "Simpan 1 berkas lainnya tanpa yang ditolak"
    done = ingest.commit_batch(empty_db, batch.without_refused())
    assert summary.saved(done, batch.refused) == (
        "Tersimpan: rekap kraksaan.xlsx → unggahan #1. Tidak disimpan (ditolak): rekap paiton.xlsx"
    )
    assert ingest.commit_batch(empty_db, batch).committed is False  # the whole batch is still all or nothing

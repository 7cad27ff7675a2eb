"""Ingest against files shaped like real exports: exact totals, or a clean rejection that names
file, sheet, row and column and leaves the database as it was."""

import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from readiness import db, ingest, model
from tests import xlsx

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def _files(*paths):
    return [(p.name, p.read_bytes()) for p in paths]


def _report(path, level="kecamatan"):
    con = db.connect_read(path)
    try:
        return model.report(con, "pilkada-2024", level)
    finally:
        con.close()


def test_sample_recap_loads_to_the_public_totals(empty_db):
    batch = ingest.ingest_files(empty_db, _files(SAMPLE / "pemilih_rekap_desa_pilkada2024.xlsx"))
    assert batch.ok and batch.committed
    result = batch.results[0]
    assert result.kind == "pemilih" and result.kind_detected
    assert result.rows == 330  # the JUMLAH row is dropped, not counted
    assert result.warnings == []  # the file's own JUMLAH agrees with its rows
    kab = _report(empty_db, "kabupaten").iloc[0]
    assert (kab["dpt"], kab["dpt_l"], kab["dpt_p"]) == (872218, 425106, 447112)


def test_each_sample_file_is_detected_as_its_kind(empty_db):
    expected = {
        "pemilih_rekap_desa_pilkada2024.xlsx": "pemilih",
        "tps_pilkada2024.xlsx": "tps",
        "ktpel_per_kecamatan_2024-11-20.xlsx": "ktpel",
        "target_partisipasi_pilkada2024.xlsx": "target",
        "dpt_kecamatan_lumbang.xlsx": "daftar",
    }
    batch = ingest.ingest_files(empty_db, _files(*(SAMPLE / n for n in expected)))
    assert batch.ok
    assert {r.file_name: r.kind for r in batch.results} == expected
    tps = next(r for r in batch.results if r.kind == "tps")
    over = [p.message for p in tps.warnings if "melebihi kapasitas" in p.message]
    assert len(over) == 3 and any("631 pemilih" in m and "Paiton" in m for m in over)
    ktpel = next(r for r in batch.results if r.kind == "ktpel")
    assert str(ktpel.tanggal_data) == "2024-11-20"  # read from the title row


def test_bad_count_rejects_the_file_naming_row_and_column(empty_db, tmp_path):
    bad = xlsx.recap(
        tmp_path / "rekap_salah.xlsx",
        [("Kraksaan", "Kandangjati Kulon", 3, 700, 710, 1410), ("Kraksaan", "Asembakor", 2, "35,4", 500, 535)],
    )
    before = empty_db.read_bytes()
    batch = ingest.ingest_files(empty_db, _files(bad))
    assert not batch.ok and not batch.committed
    texts = [p.text() for p in batch.results[0].errors]
    assert texts == [
        "rekap_salah.xlsx, sheet 'REKAP', baris 7, kolom E (JUMLAH PEMILIH / L): '35,4' bukan bilangan bulat"
    ]
    assert empty_db.read_bytes() == before


def test_one_bad_file_means_nothing_from_the_command_is_committed(empty_db, tmp_path):
    good = SAMPLE / "ktpel_per_kecamatan_2024-11-20.xlsx"
    bad = xlsx.recap(tmp_path / "rekap.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 601)])
    before = empty_db.read_bytes()
    batch = ingest.ingest_files(empty_db, _files(good, bad))
    assert not batch.ok
    assert "L + P = 600 tetapi L+P tertulis 601" in batch.results[1].errors[0].text()
    assert empty_db.read_bytes() == before


def test_unknown_kecamatan_and_desa_are_named_with_suggestions(empty_db, tmp_path):
    bad = xlsx.recap(
        tmp_path / "r.xlsx",
        [
            ("Kraksan", "Asembakor", 2, 300, 300, 600),
            ("Kraksaan", "Asembakorr", 2, 300, 300, 600),
            ("Sukapura", "Karanganyar", 2, 300, 300, 600),
        ],
    )
    errors = [p.text() for p in ingest.ingest_files(empty_db, _files(bad)).results[0].errors]
    assert "baris 6, kolom B (KECAMATAN): kecamatan 'Kraksan' tidak dikenal; mungkin maksudnya: Kraksaan" in errors[0]
    assert "baris 7, kolom C (DESA/KELURAHAN): desa/kelurahan 'Asembakorr' tidak ada di Kecamatan Kraksaan" in errors[1]
    assert "mungkin maksudnya: Asembakor" in errors[1]
    # A real desa name, but of other kecamatan: say where it does exist.
    assert "Karanganyar" in errors[2] and "ada di Kecamatan" in errors[2]


def test_totals_row_that_disagrees_is_a_warning_and_data_is_committed(empty_db, tmp_path):
    path = xlsx.recap(
        tmp_path / "r.xlsx",
        [("Kraksaan", "Asembakor", 2, 300, 300, 600), (None, "Sidopekso", 2, 400, 400, 800)],  # kecamatan merged: blank
        total=(4, 700, 700, 1500),
    )
    batch = ingest.ingest_files(empty_db, _files(path))
    assert batch.ok and batch.committed
    warnings = [p.text() for p in batch.results[0].warnings]
    # Only L+P disagrees (L, P and TPS add up): one warning, at the JUMLAH row, column G.
    assert warnings == [
        "r.xlsx, sheet 'REKAP', baris 8, kolom G (JUMLAH PEMILIH / L+P): baris 'JUMLAH' "
        "menulis 1.500, tetapi jumlah semua baris sheet 'REKAP' = 1.400"
    ]
    kec = _report(empty_db).set_index("kecamatan")
    assert kec.loc["Kraksaan", "dpt"] == 1400  # the merged kecamatan cell was filled down


def test_same_desa_twice_is_refused_because_it_would_double_count(empty_db, tmp_path):
    path = xlsx.recap(
        tmp_path / "r.xlsx",
        [("Kraksaan", "Asembakor", 2, 300, 300, 600), ("KEC. KRAKSAAN", "ASEMBAKOR", 2, 300, 300, 600)],
    )
    errors = [p.text() for p in ingest.ingest_files(empty_db, _files(path)).results[0].errors]
    assert errors == [
        "r.xlsx, sheet 'REKAP', baris 7: Desa Asembakor (Kecamatan Kraksaan) sudah ada di baris 6; "
        "baris ganda akan terhitung dua kali"
    ]


@pytest.mark.parametrize(
    "name,data,expected",
    [
        ("rekap.xlsx", b"%PDF-1.4\n...", "berkas ini PDF yang diberi nama Excel"),
        ("rekap.xlsx", b"PK\x03\x04\x14\x00\x00\x00garbage", "rusak atau terpotong"),
        ("rekap.xlsx", b"", "berkas kosong"),
        ("rekap.xlsx", b"hello world, not excel", "bukan berkas Excel"),
    ],
)
def test_unreadable_files_get_an_indonesian_reason(empty_db, name, data, expected):
    batch = ingest.ingest_files(empty_db, [(name, data)])
    assert not batch.ok
    assert expected in batch.results[0].errors[0].text()


def test_truncated_sample_workbook(empty_db):
    data = (SAMPLE / "tps_pilkada2024.xlsx").read_bytes()
    batch = ingest.ingest_files(empty_db, [("tps.xlsx", data[: len(data) // 2])])
    assert "rusak atau terpotong" in batch.results[0].errors[0].text()


def test_csv_with_semicolons_and_bom(empty_db, tmp_path):
    path = tmp_path / "ktpel.csv"
    path.write_bytes("\ufeffKECAMATAN;WAJIB KTP-EL;SUDAH REKAM;%\nKraksaan;1.000;980;98,00%\n".encode("utf-8"))
    batch = ingest.ingest_files(empty_db, _files(path))
    assert batch.ok, [p.text() for p in batch.results[0].problems]
    assert _report(empty_db).set_index("kecamatan").loc["Kraksaan", "ktpel_persen"] == 98.0


def test_new_file_for_one_kecamatan_replaces_only_that_kecamatan_and_can_be_undone(demo_db, tmp_path):
    before = _report(demo_db).set_index("kecamatan")
    kraksaan = xlsx.recap(tmp_path / "kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    batch = ingest.ingest_files(demo_db, _files(kraksaan))
    assert batch.ok and batch.committed
    after = _report(demo_db).set_index("kecamatan")
    assert after.loc["Kraksaan", "dpt"] == 600
    others = [k for k in after.index if k != "Kraksaan"]
    assert (after.loc[others, "dpt"] == before.loc[others, "dpt"]).all()
    assert _report(demo_db, "kabupaten").iloc[0]["dpt"] == 872218 - before.loc["Kraksaan", "dpt"] + 600
    # Undo: re-activate the original kabupaten-wide recap.
    con = db.connect_read(demo_db)
    first = int(con.execute("select min(upload_id) from uploads where kind = 'pemilih'").fetchone()[0])
    con.close()
    ingest.activate(demo_db, first)
    assert _report(demo_db, "kabupaten").iloc[0]["dpt"] == 872218


def test_same_file_twice_changes_nothing(demo_db):
    before = demo_db.read_bytes()
    batch = ingest.ingest_files(demo_db, _files(SAMPLE / "tps_pilkada2024.xlsx"))
    assert batch.ok and not batch.committed
    assert batch.results[0].duplicate_of == 2
    assert demo_db.read_bytes() == before


def test_no_raw_nik_or_name_is_stored(demo_db_master):
    sheet = CalamineWorkbook.from_path(SAMPLE / "dpt_kecamatan_lumbang.xlsx").get_sheet_by_index(0).to_python()
    header = sheet[4]
    voters = [dict(zip(header, row)) for row in sheet[5:25]]
    content = demo_db_master.read_bytes()
    for voter in voters:
        assert isinstance(voter["NIK"], str) and len(voter["NIK"]) == 16
        assert voter["NIK"].encode() not in content
        assert voter["NKK"].encode() not in content
        assert voter["NAMA"].encode() not in content
    con = db.connect_read(demo_db_master)
    masks = [r[0] for r in con.execute("select nik_mask from raw_daftar limit 5").fetchall()]
    con.close()
    assert all(m[6:12] == "******" for m in masks)


def test_decompression_bomb_is_refused_before_unpacking(empty_db, tmp_path):
    import zipfile

    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 24)
            for _ in range(6):  # 96 MB of zeros in well under 1 MB: packed ~1000:1
                member.write(block)
    assert bomb.stat().st_size < 1024**2
    batch = ingest.ingest_files(empty_db, [(bomb.name, bomb)])
    assert not batch.ok
    assert batch.results[0].errors[0].text() == (
        "bom.xlsx: berkas bom.xlsx ditolak: bagian xl/worksheets/sheet1.xml dimampatkan 1.029 kali (batas 100 kali); "
        "ini bukan ekspor Excel yang wajar. Simpan ulang hanya sheet datanya (tanpa baris/kolom kosong berformat) "
        "lalu unggah lagi"
    )


def test_nik_and_nkk_hashes_agree_however_the_text_is_stored(empty_db, tmp_path):
    """The ingest hashes the NIK/NKK texts of the shared-string table while the sheet is read, and
    every other value (inline text, a space or apostrophe around it, a number) row by row: both
    ways must give the standard keyed hash, or one voter could hide from the duplicate check."""
    import datetime as dt

    from readiness.privacy import installation_secret, keyed_hash_number
    from tests import daftar_fixture as df

    def voters():
        v = [df.Pemilih("LUMBANG", "SAPIH", 1, "LP"[i % 2], dt.date(1970 + i, 3, 3)) for i in range(6)]
        v[0].nkk = v[1].nkk = "3513240101990001"  # one household: one NKK for two voters
        v[2].nik = " 3513240303720003 "  # spaces around it: not the plain text
        v[3].nik, v[3].nkk = "'3513244303730004", "'3513240101990002"  # the apostrophe that forces text
        return v

    written = voters()  # tulis fills in the NIK/NKK it makes, the same for both files
    shared = df.tulis(tmp_path / "dpt_shared.xlsx", written, "DPT")
    inline = df.tulis(tmp_path / "dpt_inline.xlsx", voters(), "DPT", inline=True)
    assert b"<t>3513240101990001</t>" in zipfile.ZipFile(shared).read("xl/sharedStrings.xml")
    assert "xl/sharedStrings.xml" not in zipfile.ZipFile(inline).namelist()
    hashes, derived = {}, {}
    for path in (shared, inline):
        batch = ingest.ingest_files(empty_db, [(path.name, path)])
        assert batch.committed, [p.text() for r in batch.results for p in r.problems]
        con = db.connect_read(empty_db)
        hashes[path.name] = con.execute(
            "select source_row, nik_hash, nkk_hash from raw_daftar where upload_id = $u order by source_row",
            {"u": batch.results[0].upload_id},
        ).fetchall()
        # what is derived from the NIK as well: the region and mask (looked up per region for the
        # texts hashed ahead, worked out per row for the others), the 64-bit key, the date check
        derived[path.name] = con.execute(
            "select source_row, nik_mask, nik_kode_wilayah, nik_kunci, nik_tanggal_masalah, nik_panjang, nik_digit "
            "from raw_daftar where upload_id = $u order by source_row",
            {"u": batch.results[0].upload_id},
        ).fetchall()
        con.close()
    secret = installation_secret(empty_db)
    clean = lambda text: text.strip().lstrip("'")  # noqa: E731
    expected = [
        (df.FIRST_ROW + i, keyed_hash_number(secret, clean(v.nik)), keyed_hash_number(secret, clean(v.nkk)))
        for i, v in enumerate(written)
    ]
    assert hashes["dpt_shared.xlsx"] == hashes["dpt_inline.xlsx"] == expected
    assert len({h for _, h, _ in expected}) == 6 and len({h for _, _, h in expected}) == 5
    assert derived["dpt_shared.xlsx"] == derived["dpt_inline.xlsx"]
    assert [(mask, wilayah, kunci) for _, mask, wilayah, kunci, *_ in derived["dpt_shared.xlsx"]] == [
        (clean(v.nik)[:6] + "*" * 10, "35.13.24", int(h, 16) >> 64)
        for v, h in zip(written, (f"{n:032x}" for _, n, _ in expected))
    ]


def test_hashes_computed_beside_the_checks_are_the_keyed_hash_of_each_16_digit_text():
    """The shortcut itself (the ingest falls back to SQL for what it leaves out, so the test above
    alone would not notice): every NIK/NKK text of 16 digits in a chunk gets exactly
    privacy.keyed_hash in its own row; other texts are left to SQL. The regions of those texts
    come with them."""
    import pyarrow as pa

    from readiness.privacy import KeyedHasher, keyed_hash
    from readiness.voterlist import read

    chunk = pa.table(
        {
            "nik": ["3513240101990001", " 3513240303720003 ", None, "'3513244303730004", "0013240101990009"],
            "nkk": ["3513240101990002", "3513240101990002", "3513240101990001", "351324010199", None],
        }
    )
    secret = bytes(range(32))
    rows, regions = read.hashed_for(chunk, KeyedHasher(secret))

    def hashed(field):
        return [h.hex() if h is not None else None for h in rows.column(f"_{field}_h").to_pylist()]

    nik1, nik2 = keyed_hash(secret, "3513240101990001"), keyed_hash(secret, "0013240101990009")
    assert hashed("nik") == [nik1, None, None, None, nik2]
    assert hashed("nkk") == [keyed_hash(secret, "3513240101990002")] * 2 + [nik1, None, None]
    assert sorted(regions.column("awal").to_pylist()) == [1324, 351324]


def test_a_key_longer_than_a_hash_block_gives_the_standard_hmac_both_ways(
    empty_db, tmp_path, tmp_path_factory, monkeypatch
):
    """An admin may write a longer key than generated (`openssl rand -hex 80`): RFC 2104 hashes such a
    key first. The NIKs hashed in Python (written as their 16 digits) and those hashed in SQL (written
    with spaces around them) must both equal the standard HMAC, or one voter's NIK gets two hashes."""
    import datetime as dt
    import hashlib
    import hmac
    import os

    from readiness import privacy
    from tests import daftar_fixture as df

    secret = bytes(range(80))
    key = tmp_path_factory.mktemp("kunci-panjang") / "kunci"  # outside the data folder
    key.write_text(secret.hex() + "\n")
    os.chmod(key, 0o600)
    monkeypatch.setenv(privacy.ENV_KEY, str(key))

    def voters():
        v = [df.Pemilih("LUMBANG", "SAPIH", 1, "LP"[i % 2], dt.date(1970 + i, 3, 3)) for i in range(3)]
        v[1].nik = " 3513244303710002 "  # not its 16 digits as written: hashed in SQL
        return v

    for inline, shape in ((False, voters()), (True, voters())):
        path = df.tulis(tmp_path / f"dpt_{inline}.xlsx", shape, "DPT", inline=inline)
        batch = ingest.ingest_files(empty_db, [(path.name, path)])
        assert batch.committed, [p.text() for r in batch.results for p in r.problems]
        con = db.connect_read(empty_db)
        stored = [
            h
            for (h,) in con.execute(
                "select nik_hash from raw_daftar where upload_id = $u order by source_row",
                {"u": batch.results[0].upload_id},
            ).fetchall()
        ]
        con.close()
        standard = [int(hmac.new(secret, v.nik.strip().encode(), hashlib.sha256).hexdigest()[:32], 16) for v in shape]
        assert stored == standard


def test_nik_hash_in_sql_is_the_standard_hmac(demo_db_master):
    from readiness.privacy import installation_secret, keyed_hash_number

    sheet = CalamineWorkbook.from_path(SAMPLE / "dpt_kecamatan_lumbang.xlsx").get_sheet_by_index(0).to_python()
    first = dict(zip(sheet[4], sheet[5]))
    secret = installation_secret(demo_db_master)
    con = db.connect_read(demo_db_master)
    row = con.execute("select nik_hash, nik_mask from raw_daftar where source_row = 6").fetchall()[0]
    con.close()
    assert row == (keyed_hash_number(secret, first["NIK"]), first["NIK"][:6] + "*" * 10)


def test_a_cancelling_progress_callback_stops_the_parse_and_nothing_is_committed(empty_db, tmp_path, monkeypatch):
    """The upload page cancels from its progress callback when its tab was closed: the files after
    that step are never read and the database stays byte for byte as it was."""
    files = [xlsx.recap(tmp_path / f"rekap_{n}.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)]) for n in (1, 2, 3)]
    parsed, heard = [], []
    real_parse = ingest.parse_file
    monkeypatch.setattr(ingest.read, "parse_file", lambda *a, **k: parsed.append(a[1]) or real_parse(*a, **k))

    def progress(fraction, text):
        heard.append(text)
        if text.startswith("rekap_2.xlsx: membaca baris"):
            raise ingest.Dibatalkan()

    before = empty_db.read_bytes()
    with pytest.raises(ingest.Dibatalkan):
        ingest.ingest_files(empty_db, [(p.name, p) for p in files], progress=progress)
    assert parsed == ["rekap_1.xlsx", "rekap_2.xlsx"]
    assert heard[-1] == "rekap_2.xlsx: membaca baris…"
    assert empty_db.read_bytes() == before
    con = db.connect_read(empty_db)
    assert con.execute("select count(*) from uploads").fetchall()[0][0] == 0
    con.close()


def test_a_header_with_its_unit_after_the_name_is_the_same_column(demo_db, tmp_path):
    """Offices write the unit after a column's name ("PARTISIPASI SEBELUMNYA (%)"): the previous
    turnout is read, not left empty without a word."""
    path = xlsx.write(
        tmp_path / "target_kecamatan.xlsx",
        [
            ["TARGET PARTISIPASI PEMILIH PILKADA 2024"],
            [],
            ["NO", "KECAMATAN", "TARGET PARTISIPASI (%)", "PARTISIPASI SEBELUMNYA (%)", "DPT (JIWA)"],
            [1, "Lumbang", "80", "71,5", 25127],
            [2, "Kuripan", "80", "58,9", 23451],
        ],
        sheet="TARGET",
    )
    batch = ingest.ingest_files(demo_db, [(path.name, path)])
    assert batch.committed, [p.text() for r in batch.results for p in r.problems]
    con = db.connect_read(demo_db)
    rows = con.execute(
        "select r.target_partisipasi, r.partisipasi_sebelumnya from raw_target r "
        "join ref_kecamatan k using (kode_kecamatan) where upload_id = $u order by k.kecamatan",
        {"u": batch.results[0].upload_id},
    ).fetchall()
    con.close()
    assert rows == [(80.0, 58.9), (80.0, 71.5)]

"""One command sets up the dashboard for any kab/kota by its Kemendagri code.

`init --wilayah KODE`, then `ingest` of the files the desk receives, then `report`, run as a user
runs them (subprocesses), for Kabupaten Bombana (74.06) and Kota Probolinggo (35.74). The files
are built from the region's own place names in the national reference and shaped like real
exports: title rows, a two-row merged header, merged kecamatan cells, counts written with
Indonesian thousands separators, a JUMLAH row and a signature block under the table. Expected
totals are summed here from the rows written into the files.
"""

from __future__ import annotations

import io
import json
import math
import random
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from readiness import cli, db, ingest
from reference import nasional
from tests import messy, xlsx
from tests.messy import HEADER_BOTTOM, HEADER_TOP, _header_merges, _recap_block, _save_openpyxl, id_num
from tests.test_ingest_region import ktpel_file

ROOT = Path(__file__).resolve().parent.parent
E = "pilkada-2024"

REGIONS = {
    "74.06": {
        "nama": "Kabupaten Bombana",
        "jenis": "kabupaten",
        "kecamatan": 22,
        "desa": 121,
        "kelurahan": 22,
        "pemilihan": ("Pemilihan Bupati dan Wakil Bupati Bombana 2024", "bupati"),
        "judul": ["PEMILIHAN BUPATI DAN WAKIL BUPATI BOMBANA TAHUN 2024", "KABUPATEN BOMBANA"],
        "ttd": [
            "Rumbia, 20 November 2024",
            "KETUA KPU KABUPATEN BOMBANA",
            "",
            "LA ODE ABDUL",
            "NIP. 19700101 199003 1 001",
        ],
    },
    "35.74": {
        "nama": "Kota Probolinggo",
        "jenis": "kota",
        "kecamatan": 5,
        "desa": 0,
        "kelurahan": 29,
        "pemilihan": ("Pemilihan Wali Kota dan Wakil Wali Kota Probolinggo 2024", "walikota"),
        "judul": ["PEMILIHAN WALI KOTA DAN WAKIL WALI KOTA PROBOLINGGO TAHUN 2024", "KOTA PROBOLINGGO"],
        "ttd": [
            "Probolinggo, 20 November 2024",
            "KETUA KPU KOTA PROBOLINGGO",
            "",
            "SITI AMINAH",
            "NIP. 19750202 200003 2 002",
        ],
    },
}


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "readiness", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def places(kode: str) -> list[tuple[str, str]]:
    """(kecamatan, desa) of the region, in code order, as the national reference writes them."""
    kecamatan = {r["kode_kecamatan"]: r["kecamatan"] for r in nasional.rows("kecamatan", kode)}
    return [(kecamatan[r["kode_kecamatan"]], r["desa"]) for r in nasional.rows("desa", kode)]


def kode_kecamatan(kode: str) -> dict[str, str]:
    return {r["kecamatan"]: r["kode_kecamatan"] for r in nasional.rows("kecamatan", kode)}


# --------------------------------------------------------------------------- files
def recap_file(path: Path, region: dict, rows: list[tuple]) -> Path:
    """A KPU recap per desa: titles, the two-row header (JUMLAH PEMILIH over L|P|L+P), kecamatan
    merged over its desa and written `KEC. NAME`, counts as Indonesian text, JUMLAH, signature."""
    sheet = [["REKAPITULASI DAFTAR PEMILIH TETAP (DPT)"]] + [[t] for t in region["judul"]] + [[]]
    header = len(sheet) + 1
    sheet += [HEADER_TOP, HEADER_BOTTOM]
    written = [(f"KEC. {k.upper()}", d.upper(), tps, l, p) for k, d, tps, l, p in rows]
    block, merges, _ = _recap_block(written, len(sheet) + 1, merged_kecamatan=True, fmt=id_num)
    sheet += block
    sheet.append(
        [
            None,
            "JUMLAH",
            None,
            sum(r[2] for r in rows),
            id_num(sum(r[3] for r in rows)),
            id_num(sum(r[4] for r in rows)),
            id_num(sum(r[3] + r[4] for r in rows)),
        ]
    )
    sheet += [[]] + [[None, None, None, None, line] for line in region["ttd"]]
    return _save_openpyxl(
        path,
        [{"name": "REKAP DPT", "rows": sheet, "merges": _header_merges(header) + merges + ["A1:G1", "A2:G2", "A3:G3"]}],
    )


def tps_file(path: Path, region: dict, rows: list[tuple]) -> Path:
    """A TPS list: titles, NO|KECAMATAN|DESA/KELURAHAN|TPS and DPT over L|P|L+P, `TPS 001`, counts as text."""
    sheet = [["DAFTAR TEMPAT PEMUNGUTAN SUARA (TPS)"], [region["judul"][0]], []]
    header = len(sheet) + 1
    sheet += [
        ["NO", "KECAMATAN", "DESA/KELURAHAN", "TPS", "DPT", None, None],
        [None, None, None, None, "L", "P", "L+P"],
    ]
    for i, (k, d, no, l, p) in enumerate(rows, 1):
        sheet.append([i, k.upper(), d, f"TPS {no:03d}", id_num(l), id_num(p), id_num(l + p)])
    sheet += [[]] + [[None, None, line] for line in region["ttd"]]
    merges = [f"E{header}:G{header}"] + [f"{c}{header}:{c}{header + 1}" for c in "ABCD"]
    return _save_openpyxl(path, [{"name": "DAFTAR TPS", "rows": sheet, "merges": merges}])


def data_for(kode: str, seed: int):
    """Recap rows (kecamatan, desa, tps, L, P) for every desa of the region, the TPS rows that
    split each desa's voters over its TPS (at most 600 each), and KTP-el rows per kecamatan."""
    rnd = random.Random(seed)
    recap, tps = [], []
    for kec, desa in places(kode):
        l, p = rnd.randint(400, 3900), rnd.randint(420, 4100)
        count = math.ceil((l + p) / 480)
        recap.append((kec, desa, count, l, p))
        for no in range(1, count + 1):
            share_l = l // count + (1 if no <= l % count else 0)
            share_p = p // count + (1 if no <= p % count else 0)
            tps.append((kec, desa, no, share_l, share_p))
    ktpel = []
    for kec in dict.fromkeys(k for k, *_ in recap):
        wajib = rnd.randint(5_000, 30_000)
        ktpel.append((kec, wajib, wajib - rnd.randint(50, 1_500)))
    return recap, tps, ktpel


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A database just set up by `init` for each region (in-process), to be copied by tests."""
    folder = tmp_path_factory.mktemp("init")
    made = {}
    for kode in REGIONS:
        path = folder / f"{kode}.duckdb"
        assert cli.main(["init", "--wilayah", kode, "--db", str(path)]) == 0
        made[kode] = path
    return made


def copy_of(fresh, kode: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kode}.duckdb"
    shutil.copyfile(fresh[kode], path)
    return path


def region_files(folder: Path, region: dict, recap, tps, ktpel) -> list[Path]:
    """A region's recap, TPS list and KTP-el file as its offices write them, in `folder`."""
    return [
        recap_file(folder / "rekap_dpt.xlsx", region, recap),
        tps_file(folder / "daftar_tps.xlsx", region, tps),
        ktpel_file(
            folder / "ktpel.xlsx",
            ["REKAPITULASI PEREKAMAN KTP-EL " + region["judul"][1], "KEADAAN PER 20 NOVEMBER 2024"],
            [(f"KECAMATAN {k.upper()}", w, s) for k, w, s in ktpel],
            below=region["ttd"],
        ),
    ]


@pytest.fixture(scope="module", params=list(REGIONS))
def loaded(request, tmp_path_factory):
    """init, then one ingest of a recap, a TPS list and a KTP-el file, as subprocesses."""
    kode = request.param
    region = REGIONS[kode]
    folder = tmp_path_factory.mktemp(kode.replace(".", "_"))
    path = folder / "readiness.duckdb"
    done = run("init", "--wilayah", kode, "--db", path)
    assert done.returncode == 0, done.stderr
    recap, tps, ktpel = data_for(kode, seed=int(kode.replace(".", "")))
    files = region_files(folder, region, recap, tps, ktpel)
    done = run("ingest", *files, "--db", path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return kode, path, recap, tps, ktpel, done.stderr


def report(path: Path, level: str, *extra) -> pd.DataFrame:
    done = run("report", "--db", path, "--level", level, "--format", "csv", *extra)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return pd.read_csv(io.StringIO(done.stdout), dtype={"kode_kecamatan": str})


# --------------------------------------------------------------------------- init
@pytest.mark.parametrize("kode", list(REGIONS))
def test_init_sets_up_the_region_its_places_and_its_default_election(fresh, kode):
    expect = REGIONS[kode]
    con = db.connect_read(fresh[kode])
    try:
        assert con.execute("select kode, nama, jenis, tingkat from wilayah").fetchall() == [
            (kode, expect["nama"], expect["jenis"], "kabkota")
        ]
        assert con.execute(
            "select count(*) from ref_kecamatan where kode_kecamatan like $p", {"p": kode + ".%"}
        ).fetchone() == (expect["kecamatan"],)
        jenis = dict(con.execute("select jenis, count(*) from ref_desa group by jenis").fetchall())
        assert jenis == {j: expect[j] for j in ("desa", "kelurahan") if expect[j]}
        assert con.execute(
            "select count(*) from ref_desa where kode_desa not like $p", {"p": kode + ".%"}
        ).fetchone() == (0,)
        assert con.execute(
            "select count(*) from ref_kecamatan_batas b join ref_kecamatan k using (kode_kecamatan)"
        ).fetchone() == (expect["kecamatan"],)
        assert con.execute(
            "select election_id, nama, jenis, kode_wilayah, tanggal::varchar, kapasitas_tps from elections"
        ).fetchall() == [(E, *expect["pemilihan"], kode, "2024-11-27", 600)]
        assert db.active_election(con) == E
        # no korwil, no curated spellings of another region, the default settings
        assert con.execute(
            "select (select count(*) from korwil) + (select count(*) from ref_kecamatan_alias) "
            "+ (select count(*) from ref_desa_alias)"
        ).fetchone() == (0,)
        settings = dict(con.execute("select key, value from settings where election_id = $e", {"e": E}).fetchall())
        assert settings["ktpel_hijau"] == 98 and settings["target_partisipasi"] == 82
        assert settings["pemula_usia_min"] == 17 and settings["pemula_usia_max"] == 21
        assert con.execute("select count(*) from uploads").fetchone() == (0,)
    finally:
        con.close()


def test_init_of_the_sample_region_gives_the_places_and_spellings_of_the_default_database(fresh, empty_db, tmp_path):
    path = tmp_path / "35.13.duckdb"
    assert cli.main(["init", "--wilayah", "35.13", "--db", str(path)]) == 0
    tables = {
        "ref_kecamatan": "kode_kecamatan, kecamatan",
        "ref_desa": "kode_desa, desa, jenis, kode_kecamatan",
        "ref_kecamatan_alias": "alias, kode_kecamatan",
        "ref_desa_alias": "alias, kode_desa",
        "ref_kecamatan_batas": "kode_kecamatan, geometry::varchar",
        "wilayah": "*",
    }
    new, default = db.connect_read(path), db.connect_read(empty_db)
    try:
        for table, columns in tables.items():
            query = f"select {columns} from {table} order by all"
            assert new.execute(query).fetchall() == default.execute(query).fetchall(), table
        assert new.execute("select count(*), count(distinct kode_kecamatan) from ref_desa").fetchone() == (330, 24)
        assert new.execute("select nama from elections").fetchall() == [
            ("Pemilihan Bupati dan Wakil Bupati Probolinggo 2024",)
        ]
    finally:
        new.close()
        default.close()


def test_init_refuses_a_database_of_another_region_naming_both(fresh, empty_db, tmp_path):
    bombana = copy_of(fresh, "74.06", tmp_path)
    before = bombana.read_bytes()
    done = run("init", "--wilayah", "35.74", "--db", bombana)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        f"GALAT: database {bombana} sudah dipakai untuk Kabupaten Bombana (74.06); tidak dapat disiapkan untuk "
        "Kota Probolinggo (35.74). Tidak ada yang diubah"
    ) in done.stderr
    assert bombana.read_bytes() == before
    # the default database (every command creates it without init) is the sample's region
    before = empty_db.read_bytes()
    done = run("init", "--wilayah", "74.06", "--db", empty_db)
    assert done.returncode == 1
    assert (
        "sudah dipakai untuk Kabupaten Probolinggo (35.13); tidak dapat disiapkan untuk Kabupaten Bombana (74.06)"
        in done.stderr
    )
    assert empty_db.read_bytes() == before


def test_init_again_for_the_same_region_changes_nothing(fresh, tmp_path):
    path = copy_of(fresh, "35.74", tmp_path)
    before = path.read_bytes()
    done = run("init", "--wilayah", "35.74", "--db", path)
    assert done.returncode == 0
    assert "sudah disiapkan untuk Kota Probolinggo (35.74); tidak ada yang diubah" in done.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "kode,message",
    [
        ("74.06.05", "kode wilayah '74.06.05' bukan kabupaten/kota atau provinsi: tulis seperti 74.06"),
        ("74.99", "kode wilayah '74.99' tidak ada dalam daftar kabupaten/kota Kemendagri"),
        ("7406", "kode wilayah '7406' tidak dikenal: tulis seperti 74.06"),
    ],
)
def test_init_refuses_what_is_no_region_and_creates_nothing(tmp_path, kode, message):
    path = tmp_path / "x.duckdb"
    done = run("init", "--wilayah", kode, "--db", path)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert not path.exists()


# --------------------------------------------------------------------------- init, ingest, report
def test_ingest_reads_every_row_and_ignores_the_signature(loaded):
    kode, _, recap, tps, ktpel, said = loaded
    assert f"{id_num(len(recap))} baris" in said and f"{id_num(len(tps))} baris" in said
    assert said.count("di bawah tabel diabaikan") == 3
    assert "GALAT" not in said


def test_report_kecamatan_totals_are_the_rows_written(loaded):
    kode, path, recap, tps, ktpel, _ = loaded
    codes = kode_kecamatan(kode)
    rep = report(path, "kecamatan").set_index("kode_kecamatan")
    assert sorted(rep.index) == sorted(codes.values())
    for kec, kode_kec in codes.items():
        rows = [r for r in recap if r[0] == kec]
        row = rep.loc[kode_kec]
        assert row["kecamatan"] == kec
        assert (row["dpt_l"], row["dpt_p"], row["dpt"]) == (
            sum(r[3] for r in rows),
            sum(r[4] for r in rows),
            sum(r[3] + r[4] for r in rows),
        ), kec
        assert row["tps"] == sum(1 for t in tps if t[0] == kec), kec
        wajib, rekam = next((w, s) for k, w, s in ktpel if k == kec)
        assert (row["ktpel_wajib"], row["ktpel_rekam"]) == (wajib, rekam), kec
        assert row["pemilih_per_tps_maks"] <= 600


def test_report_kabupaten_is_the_whole_region(loaded):
    kode, path, recap, tps, ktpel, _ = loaded
    rows = json.loads(run("report", "--db", path, "--level", "kabupaten", "--format", "json").stdout)
    assert len(rows) == 1
    total = rows[0]
    assert total["pemilihan"] == REGIONS[kode]["pemilihan"][0]
    assert total["jumlah_kecamatan"] == REGIONS[kode]["kecamatan"]
    assert (total["dpt"], total["dpt_l"], total["dpt_p"]) == (
        sum(r[3] + r[4] for r in recap),
        sum(r[3] for r in recap),
        sum(r[4] for r in recap),
    )
    assert total["tps"] == len(tps)
    assert (total["ktpel_wajib"], total["ktpel_rekam"]) == (sum(k[1] for k in ktpel), sum(k[2] for k in ktpel))


def test_report_desa_names_every_desa_of_the_region(loaded):
    kode, path, recap, *_ = loaded
    desa = report(path, "desa")
    assert len(desa) == len(recap) and desa["dpt"].sum() == sum(r[3] + r[4] for r in recap)


def test_report_korwil_without_korwil_has_no_rows_and_says_so(loaded):
    _, path, *_ = loaded
    done = run("report", "--db", path, "--level", "korwil", "--format", "json")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert json.loads(done.stdout) == []
    assert "Belum ada pembagian korwil untuk pilkada-2024" in done.stderr


# --------------------------------------------------------------------------- other regions' files
def _refused(db_path: Path, path: Path) -> list[str]:
    before = db_path.read_bytes()
    batch = ingest.ingest_files(db_path, [(path.name, path.read_bytes())])
    assert not batch.ok and not batch.committed
    assert db_path.read_bytes() == before, "a refused file changed the database"
    return [p.text() for r in batch.results for p in r.errors]


@pytest.mark.parametrize("kode,nama", [("74.06", "Kabupaten Bombana"), ("35.74", "Kota Probolinggo")])
def test_a_kabupaten_probolinggo_recap_is_refused_naming_both_regions(fresh, tmp_path, kode, nama):
    case = messy.rekap_judul_header_gabung_kecamatan_gabung(tmp_path)
    errors = _refused(copy_of(fresh, kode, tmp_path), case.path)
    assert errors == [
        f"rekap_dpt_desa.xlsx, sheet 'REKAP DPT', baris 3, kolom A: berkas ini untuk Kabupaten "
        f"Probolinggo, sedangkan dasbor ini untuk {nama} (judul 'KABUPATEN PROBOLINGGO')"
    ]


@pytest.mark.parametrize(
    "name,elsewhere",
    [
        ("KURIPAN", "Kabupaten Probolinggo, Kabupaten Lombok Barat, Kabupaten Barito Kuala"),
        ("LUMBANG", "Kabupaten Probolinggo, Kabupaten Pasuruan"),
        ("Kec. Sumber", "Kabupaten Cirebon, Kabupaten Rembang, Kabupaten Probolinggo"),
    ],
)
def test_a_kecamatan_of_other_kabkota_only_is_refused_naming_where_it_is(fresh, tmp_path, name, elsewhere):
    path = xlsx.recap(tmp_path / "rekap.xlsx", [(name, None, 40, 9_000, 9_500, 18_500)], title=False)
    errors = _refused(copy_of(fresh, "74.06", tmp_path), path)
    assert errors == [
        f"rekap.xlsx, sheet 'REKAP', baris 3, kolom B (KECAMATAN): kecamatan '{name}' tidak ada di "
        f"Kabupaten Bombana; ada di {elsewhere}"
    ]


def test_a_desa_the_kecamatan_has_twice_names_both_and_its_code_matches(tmp_path):
    """Kecamatan Nusaniwe of Kota Ambon (81.71.01) has a kelurahan and a desa both called Nusaniwe."""
    path = tmp_path / "ambon.duckdb"
    assert cli.main(["init", "--wilayah", "81.71", "--db", str(path)]) == 0
    recap = xlsx.recap(tmp_path / "rekap.xlsx", [("NUSANIWE", "NUSANIWE", 9, 2_000, 2_100, 4_100)], title=False)
    assert _refused(path, recap) == [
        "rekap.xlsx, sheet 'REKAP', baris 3, kolom C (DESA/KELURAHAN): desa/kelurahan 'NUSANIWE' ada 2 di Kecamatan "
        "Nusaniwe: Nusaniwe (81.71.01.1006), Nusaniwe (81.71.01.2003); tulis kode desa/kelurahannya"
    ]
    by_code = xlsx.recap(
        tmp_path / "rekap_kode.xlsx", [("NUSANIWE", "81.71.01.2003", 9, 2_000, 2_100, 4_100)], title=False
    )
    batch = ingest.ingest_files(path, [(by_code.name, by_code.read_bytes())])
    assert batch.ok and batch.committed
    desa = report(path, "desa").set_index("kode_desa")
    assert desa.loc["81.71.01.2003", "dpt"] == 4_100 and pd.isna(desa.loc["81.71.01.1006", "dpt"])


# --------------------------------------------------------------------------- elections
def test_election_add_and_edit(fresh, tmp_path):
    path = copy_of(fresh, "74.06", tmp_path)
    done = run("election", "add", "pilgub-2024", "--jenis", "gubernur", "--tanggal", "2024-11-27", "--db", path)
    assert done.returncode == 0, done.stderr
    assert (
        "Pemilihan ditambahkan: pilgub-2024: Pemilihan Gubernur dan Wakil Gubernur Sulawesi Tenggara 2024 (74), "
        "27 November 2024, paling banyak 600 pemilih per TPS."
    ) in done.stderr
    done = run("election", "add", "pilkada-2024", "--tanggal", "2024-11-27", "--db", path)
    assert done.returncode == 1
    assert (
        "GALAT: pemilihan 'pilkada-2024' sudah ada; ubah lewat `election edit pilkada-2024` atau di halaman Pengaturan"
        in done.stderr
    )
    done = run("election", "add", "pilkada-2029", "--db", path)
    assert done.returncode == 1
    assert (
        "GALAT: hari pemungutan suara wajib diisi untuk pemilihan baru: tambahkan --tanggal TTTT-BB-HH. "
        "Tidak ada yang diubah." in done.stderr
    )
    done = run("election", "edit", "pilkada-2029", "--kapasitas-tps", "500", "--db", path)
    assert done.returncode == 1
    assert "GALAT: pemilihan 'pilkada-2029' tidak dikenal; yang ada: pilkada-2024, pilgub-2024" in done.stderr
    done = run("election", "add", "pilkada-2029", "--wilayah", "35.13", "--tanggal", "2029-11-28", "--db", path)
    assert done.returncode == 1
    assert "pemilihan untuk Kabupaten Probolinggo tidak dapat dicatat di dasbor Kabupaten Bombana" in done.stderr
    done = run("election", "add", "pilkada-2029", "--jenis", "walikota", "--tanggal", "2029-11-28", "--db", path)
    assert done.returncode == 1
    assert "pemilihan wali kota diadakan di kota, sedangkan 74.06 adalah Kabupaten Bombana" in done.stderr
    done = run(
        "election", "edit", "pilkada-2024", "--kapasitas-tps", "500", "--nama", "Pilkada Bombana 2024", "--db", path
    )
    assert done.returncode == 0, done.stderr
    con = db.connect_read(path)
    try:
        rows = con.execute(
            "select election_id, nama, jenis, kode_wilayah, tanggal::varchar, kapasitas_tps "
            "from elections order by election_id"
        ).fetchall()
        settings = con.execute("select count(*) from settings where election_id = 'pilgub-2024'").fetchone()[0]
        trail = con.execute(
            "select objek, rincian->>'perubahan' from jejak where aksi = 'pemilihan' order by id"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        (
            "pilgub-2024",
            "Pemilihan Gubernur dan Wakil Gubernur Sulawesi Tenggara 2024",
            "gubernur",
            "74",
            "2024-11-27",
            600,
        ),
        ("pilkada-2024", "Pilkada Bombana 2024", "bupati", "74.06", "2024-11-27", 500),
    ]
    assert settings == len(pd.read_csv(ROOT / "reference" / "pengaturan_bawaan.csv"))
    assert trail == [("pilgub-2024", "tambah"), ("pilkada-2024", "ubah")]
    kab = report(path, "kabupaten", "--election", "pilgub-2024")
    assert kab.loc[0, "pemilihan"] == "Pemilihan Gubernur dan Wakil Gubernur Sulawesi Tenggara 2024"


# --------------------------------------------------------------------------- older databases
def test_a_database_made_before_gets_the_kind_and_region_of_its_elections_by_migration(tmp_path):
    path = tmp_path / "lama.duckdb"
    db.ensure_database(path)
    con = duckdb.connect(str(path))  # as a release with migrations up to 007 left it
    con.execute(
        "drop table ref_kecamatan_batas; alter table elections drop column kode_wilayah; "
        "update elections set jenis = 'pilkada'; alter table wilayah drop column jenis; "
        "insert or replace into meta values ('schema_version', '7')"
    )
    con.close()
    db.ensure_database(path)
    con = db.connect_read(path)
    try:
        assert con.execute("select election_id, jenis, kode_wilayah from elections order by 1").fetchall() == [
            ("pilkada-2018", "bupati", "35.13"),
            ("pilkada-2024", "bupati", "35.13"),
        ]
        assert con.execute("select jenis from wilayah").fetchall() == [("kabupaten",)]
        assert con.execute("select count(*) from ref_kecamatan_batas").fetchone() == (24,)
    finally:
        con.close()


def test_the_pages_model_and_the_deck_work_without_korwil(loaded):
    from readiness import deck as rakor
    from readiness import model

    kode, path, recap, *_ = loaded
    con = db.connect_read(path)
    try:
        korwil = model.halaman_korwil(con, E)["korwil"]
        ringkasan = model.halaman_ringkasan(con, E)
        deck = rakor.build(con, E)
    finally:
        con.close()
    assert korwil["korwil"].dropna().empty  # no korwil named
    assert ringkasan["kabupaten"]["dpt"].iloc[0] == sum(r[3] + r[4] for r in recap)
    assert deck.pemilihan == REGIONS[kode]["pemilihan"][0]


def test_the_election_picker_names_the_kind_of_election(fresh, tmp_path, monkeypatch):
    from tests.pages.halaman import buka

    path = copy_of(fresh, "35.74", tmp_path)
    assert (
        run("election", "add", "pilgub-2024", "--jenis", "gubernur", "--tanggal", "2024-11-27", "--db", path).returncode
        == 0
    )
    at = buka(path, monkeypatch, "ringkasan")
    picker = next(s for s in at.sidebar.selectbox if s.label == "Pemilihan")
    assert sorted(picker.options) == ["Pilgub 2024", "Pilwali 2024"]


def test_a_default_election_name_follows_its_new_year_and_a_chosen_name_stays(fresh, tmp_path, capsys):
    path = str(copy_of(fresh, "35.74", tmp_path))
    assert (
        cli.main(["election", "add", "pilkada-2029", "--tanggal", "2029-11-28", "--kapasitas-tps", "500", "--db", path])
        == 0
    )
    assert cli.main(["election", "edit", "pilkada-2029", "--tanggal", "2030-01-15", "--db", path]) == 0
    assert cli.main(["election", "edit", "pilkada-2024", "--nama", "Pilwali Probolinggo", "--db", path]) == 0
    assert cli.main(["election", "edit", "pilkada-2024", "--tanggal", "2024-12-01", "--db", path]) == 0
    assert cli.main(["election", "edit", "pilkada-2024", "--tanggal", "27-11-2024", "--db", path]) == 1
    assert cli.main(["election", "edit", "pilkada-2024", "--db", path]) == 2
    said = capsys.readouterr().err
    assert (
        "GALAT: tanggal '27-11-2024' tidak dikenali: tulis TTTT-BB-HH, mis. 2024-11-27. Tidak ada yang diubah." in said
    )
    assert "GALAT: sebutkan yang diubah: --nama, --jenis, --wilayah, --tanggal atau --kapasitas-tps." in said
    con = db.connect_read(path)
    try:
        rows = con.execute(
            "select election_id, nama, jenis, kode_wilayah, tanggal::varchar, kapasitas_tps "
            "from elections order by election_id"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("pilkada-2024", "Pilwali Probolinggo", "walikota", "35.74", "2024-12-01", 600),
        (
            "pilkada-2029",
            "Pemilihan Wali Kota dan Wakil Wali Kota Probolinggo 2030",
            "walikota",
            "35.74",
            "2030-01-15",
            500,
        ),
    ]


def test_the_sample_database_migrated_to_the_region_schema_keeps_every_figure(demo_db):
    """The sample installation as a release before regions left it (schema 7), migrated: every
    level's report is the same, row for row, and the region row says Kabupaten Probolinggo."""
    levels = ("kabupaten", "korwil", "kecamatan", "desa")
    before = {level: report(demo_db, level) for level in levels}
    con = duckdb.connect(str(demo_db))
    con.execute(
        "drop table ref_kecamatan_batas; alter table elections drop column kode_wilayah; "
        "update elections set jenis = 'pilkada'; alter table wilayah drop column jenis; "
        "insert or replace into meta values ('schema_version', '7')"
    )
    con.close()
    db.ensure_database(demo_db)
    for level in levels:
        pd.testing.assert_frame_equal(report(demo_db, level), before[level], check_like=True)
    assert before["kabupaten"]["dpt"].iloc[0] == 872218
    con = db.connect_read(demo_db)
    try:
        assert con.execute("select nama, jenis from wilayah").fetchall() == [("Kabupaten Probolinggo", "kabupaten")]
    finally:
        con.close()

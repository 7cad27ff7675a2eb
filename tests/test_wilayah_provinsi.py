"""A province's desk: `init --wilayah 74` sets up Provinsi Sulawesi Tenggara with its seventeen
kab/kota, their kecamatan and desa/kelurahan and boundaries, and a gubernur election; `nasional`
sets up the whole country. Counts are compared with the national reference (reference/nasional/)."""

from __future__ import annotations

import contextlib
import io
import random
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from readiness import cli, db, ingest
from reference import nasional
from tests import xlsx
from tests.messy import _save_openpyxl, id_num

E = "pilkada-2024"


@pytest.fixture(scope="module")
def dibuat(tmp_path_factory):
    """A database just set up by `init --wilayah 74` (in-process), and what init said."""
    path = tmp_path_factory.mktemp("provinsi") / "sultra.duckdb"
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        assert cli.main(["init", "--wilayah", "74", "--db", str(path)]) == 0
    return path, said.getvalue()


@pytest.fixture(scope="module")
def provinsi(dibuat):
    return dibuat[0]


def test_init_of_a_province_sets_up_its_kabkota_kecamatan_desa_and_gubernur_election(dibuat):
    provinsi, said = dibuat
    assert (
        f"{provinsi}: dasbor untuk Provinsi Sulawesi Tenggara (74) disiapkan: 17 kabupaten/kota, 221 kecamatan, "
        "1.908 desa dan 377 kelurahan; pemilihan pilkada-2024: Pemilihan Gubernur dan Wakil Gubernur "
        "Sulawesi Tenggara 2024, 27 November 2024."
    ) in said
    con = db.connect_read(provinsi)
    try:
        assert con.execute("select kode, nama, jenis, tingkat, kode_provinsi, provinsi from wilayah").fetchall() == [
            ("74", "Provinsi Sulawesi Tenggara", "provinsi", "provinsi", "74", "Sulawesi Tenggara")
        ]
        kabkota = con.execute("select kode_kabkota, kabkota, jenis from stg_kabkota order by 1").fetchall()
        assert len(kabkota) == 17
        assert kabkota[5] == ("74.06", "Kabupaten Bombana", "kabupaten")
        assert kabkota[-2:] == [("74.71", "Kota Kendari", "kota"), ("74.72", "Kota Bau Bau", "kota")]
        # each kab/kota has the kecamatan the national reference gives it, and its boundary
        reference = Counter(r["kode_kabkota"] for r in nasional.rows("kecamatan", "74"))
        got = dict(con.execute("select kode_kabkota, count(*) from ref_kecamatan group by 1").fetchall())
        assert got == dict(reference) and sum(got.values()) == 221
        assert con.execute("select count(*) from ref_desa").fetchone() == (len(nasional.rows("desa", "74")),)
        assert con.execute(
            "select count(*) from ref_kabkota_batas b join stg_kabkota k using (kode_kabkota)"
        ).fetchone() == (17,)
        assert con.execute("select count(*) from ref_kecamatan_batas").fetchone() == (221,)
        elections = con.execute(
            "select election_id, nama, jenis, kode_wilayah, tanggal::varchar, kapasitas_tps from elections order by 1"
        ).fetchall()
        assert elections[0] == (
            E,
            "Pemilihan Gubernur dan Wakil Gubernur Sulawesi Tenggara 2024",
            "gubernur",
            "74",
            "2024-11-27",
            600,
        )
        # and the bupati or wali kota election of each of its 17 kab/kota on the same day (tests/test_kontes_init.py)
        assert len(elections) == 18
        assert db.active_election(con) == E
    finally:
        con.close()


def test_init_nasional_sets_up_every_place_of_the_country(nasional_master):
    con = db.connect_read(nasional_master)  # `init --wilayah nasional`, once per session (tests/conftest.py)
    try:
        assert con.execute("select kode, nama, tingkat, kode_provinsi from wilayah").fetchall() == [
            ("nasional", "Indonesia", "nasional", None)
        ]
        assert con.execute(
            "select (select count(*) from stg_kabkota), (select count(distinct kode_provinsi) from stg_kabkota), "
            "(select count(*) from ref_kecamatan), (select count(*) from ref_desa)"
        ).fetchone() == (514, 38, 7_285, 83_762)
        assert con.execute("select nama, jenis, kode_wilayah from elections").fetchall() == [
            ("Pemilihan Serentak Gubernur, Bupati dan Wali Kota 2024", "serentak", "nasional")
        ]
    finally:
        con.close()


# --------------------------------------------------------------------------- a province's files
JUDUL = [
    "REKAPITULASI DAFTAR PEMILIH TETAP (DPT)",
    "PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR SULAWESI TENGGARA TAHUN 2024",
    "PROVINSI SULAWESI TENGGARA",
]
TTD = ["Kendari, 20 November 2024", "KETUA KPU PROVINSI SULAWESI TENGGARA", "", "LA ODE MUHAMMAD", "NIP. -"]


def places(kode: str) -> list[tuple[str, str, str]]:
    """(kab/kota, kecamatan, desa) of the region, in code order, as the national reference writes
    them; a desa whose kecamatan has two of its name is written by its code."""
    kabkota = {r["kode_kabkota"]: r["kabkota"] for r in nasional.rows("kabkota", kode)}
    kecamatan = {r["kode_kecamatan"]: r["kecamatan"] for r in nasional.rows("kecamatan", kode)}
    desa = nasional.rows("desa", kode)
    twice = Counter((r["kode_kecamatan"], r["desa"].upper()) for r in desa)
    return [
        (
            kabkota[r["kode_kecamatan"][:5]],
            kecamatan[r["kode_kecamatan"]],
            r["kode_desa"] if twice[(r["kode_kecamatan"], r["desa"].upper())] > 1 else r["desa"],
        )
        for r in desa
    ]


def recap_rows(kode: str, seed: int) -> list[tuple]:
    """(kab/kota, kecamatan, desa, tps, L, P) for every desa of the region."""
    rnd = random.Random(seed)
    rows = []
    for kab, kec, desa in places(kode):
        l, p = rnd.randint(150, 3_900), rnd.randint(160, 4_100)
        rows.append((kab, kec, desa, -(-(l + p) // 480), l, p))
    return rows


def province_recap(path: Path, rows: list[tuple], judul=JUDUL) -> Path:
    """A KPU provincial DPT recap per desa: three title rows, NO | KABUPATEN/KOTA | KECAMATAN |
    DESA/KELURAHAN | JUMLAH TPS | JUMLAH PEMILIH over L, P, L+P (merged), the kab/kota merged down
    over its rows and the kecamatan over its desa, counts as Indonesian text, JUMLAH, signature."""
    sheet = [[t] for t in judul] + [[]]
    h = len(sheet) + 1
    sheet += [
        ["NO", "KABUPATEN/KOTA", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "JUMLAH PEMILIH", None, None],
        [None, None, None, None, None, "L", "P", "L+P"],
    ]
    merges = [f"F{h}:H{h}"] + [f"{c}{h}:{c}{h + 1}" for c in "ABCDE"]
    spans: dict[tuple, list[int]] = {}
    for i, (kab, kec, desa, tps, l, p) in enumerate(rows, 1):
        r = len(sheet) + 1
        first_kab = (kab,) not in spans
        first_kec = (kab, kec) not in spans
        spans.setdefault((kab,), [r, r])[1] = r
        spans.setdefault((kab, kec), [r, r])[1] = r
        sheet.append(
            [
                i,
                kab.upper() if first_kab else None,
                kec.upper() if first_kec else None,
                desa.upper(),
                tps,
                id_num(l),
                id_num(p),
                id_num(l + p),
            ]
        )
    for key, (a, b) in spans.items():
        if b > a:
            merges.append(f"{'B' if len(key) == 1 else 'C'}{a}:{'B' if len(key) == 1 else 'C'}{b}")
    total = [sum(r[k] for r in rows) for k in (3, 4, 5)]
    sheet.append(
        [None, "JUMLAH", None, None, total[0], id_num(total[1]), id_num(total[2]), id_num(total[1] + total[2])]
    )
    sheet += [[]] + [[None, None, None, None, None, line] for line in TTD]
    merges += [f"A{r}:H{r}" for r in range(1, len(judul) + 1)]
    return _save_openpyxl(path, [{"name": "REKAP DPT PROVINSI", "rows": sheet, "merges": merges}])


@pytest.fixture(scope="module")
def dimuat(provinsi, tmp_path_factory):
    """The province with its DPT recap per desa loaded (`ingest`, in-process)."""
    folder = tmp_path_factory.mktemp("dimuat")
    path = folder / "sultra.duckdb"
    shutil.copyfile(provinsi, path)
    rows = recap_rows("74", seed=74)
    recap = province_recap(folder / "rekap_dpt_sultra.xlsx", rows)
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        assert cli.main(["ingest", str(recap), "--db", str(path)]) == 0, said.getvalue()
    return path, rows, said.getvalue()


def test_a_province_dpt_recap_per_desa_loads_every_row(dimuat):
    path, rows, said = dimuat
    assert f"{id_num(len(rows))} baris" in said and "GALAT" not in said
    con = db.connect_read(path)
    try:
        got = con.execute(
            "select count(*), sum(dpt_l), sum(dpt_p), count(distinct kode_kecamatan) from stg_pemilih "
            "where election_id = 'pilkada-2024'"
        ).fetchone()
    finally:
        con.close()
    assert got == (len(rows), sum(r[4] for r in rows), sum(r[5] for r in rows), 221)


def test_a_kecamatan_two_kabkota_of_the_province_have_is_matched_by_the_kabkota_column(tmp_path):
    """Provinsi Lampung has a Kecamatan Labuhan Ratu in Kabupaten Lampung Timur and in Kota Bandar
    Lampung: without a Kabupaten/Kota column the row names both; with one it is that kab/kota's."""
    path = tmp_path / "lampung.duckdb"
    assert cli.main(["init", "--wilayah", "18", "--db", str(path)]) == 0
    tanpa = xlsx.recap(
        tmp_path / "rekap_tanpa_kabkota.xlsx", [("LABUHAN RATU", "LABUHAN RATU", 9, 2_011, 2_140, 4_151)], title=False
    )
    batch = ingest.ingest_files(path, [(tanpa.name, tanpa.read_bytes())])
    assert not batch.ok
    assert [p.text() for r in batch.results for p in r.errors] == [
        "rekap_tanpa_kabkota.xlsx, sheet 'REKAP', baris 3, kolom B (KECAMATAN): kecamatan 'LABUHAN RATU' ada 2 di "
        "Provinsi Lampung: Labuhan Ratu (Kabupaten Lampung Timur, 18.07.21), Labuhan Ratu (Kota Bandar Lampung, "
        "18.71.14); tulis kabupaten/kotanya di kolom Kabupaten/Kota, atau kode kecamatannya"
    ]
    rows = [
        ("Kota Bandar Lampung", "Labuhan Ratu", "Labuhan Ratu", 9, 2_011, 2_140),
        ("Kabupaten Lampung Timur", "Labuhan Ratu", "Labuhan Ratu", 7, 1_503, 1_498),
        ("Kabupaten Lampung Timur", "Labuhan Ratu", "Labuhan Ratu III", 4, 902, 911),
    ]
    dengan = province_recap(
        tmp_path / "rekap_dengan_kabkota.xlsx", rows, judul=["REKAPITULASI DPT", "PROVINSI LAMPUNG"]
    )
    batch = ingest.ingest_files(path, [(dengan.name, dengan.read_bytes())])
    assert batch.ok, [p.text() for r in batch.results for p in r.errors]
    con = db.connect_read(path)
    try:
        assert con.execute(
            "select kode_kecamatan, kode_desa, dpt from stg_pemilih where election_id = 'pilkada-2024' order by kode_desa"
        ).fetchall() == [
            ("18.07.21", "18.07.21.2001", 3_001),
            ("18.07.21", "18.07.21.2002", 1_813),
            ("18.71.14", "18.71.14.1001", 4_151),
        ]
    finally:
        con.close()
    # a kab/kota the province does not have is named with its row
    lain = province_recap(
        tmp_path / "rekap_kabkota_salah.xlsx",
        [("Kabupaten Lampung Tengahh", "Labuhan Ratu", "Labuhan Ratu", 9, 2_011, 2_140)],
        judul=["REKAPITULASI DPT", "PROVINSI LAMPUNG"],
    )
    batch = ingest.ingest_files(path, [(lain.name, lain.read_bytes())])
    assert [p.text() for r in batch.results for p in r.errors] == [
        "rekap_kabkota_salah.xlsx, sheet 'REKAP DPT PROVINSI', baris 6, kolom B (KABUPATEN/KOTA): kabupaten/kota "
        "'KABUPATEN LAMPUNG TENGAHH' tidak ada di Provinsi Lampung; yang mirip: Kabupaten Lampung Tengah (18.02), "
        "Kabupaten Lampung Utara (18.03), Kabupaten Lampung Selatan (18.01)"
    ]


# --------------------------------------------------------------------------- report per level
def report(path: Path, level: str) -> tuple[int, pd.DataFrame | None, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["report", "--db", str(path), "--level", level, "--format", "csv"])
    text = out.getvalue()
    kode = {c: str for c in ("kode_wilayah", "kode_provinsi", "kode_kabkota", "kode_kecamatan", "kode_desa")}
    return code, (pd.read_csv(io.StringIO(text), dtype=kode) if text.strip() else None), err.getvalue()


def test_report_of_a_province_sums_exactly_at_every_level(dimuat):
    path, rows, _ = dimuat
    levels = {level: report(path, level) for level in ("wilayah", "provinsi", "kabkota", "kecamatan", "desa")}
    assert all(code == 0 for code, _, _ in levels.values()), {k: v[2] for k, v in levels.items()}
    wilayah, provinsi, kabkota, kecamatan, desa = (levels[k][1] for k in levels)
    dpt = sum(r[4] + r[5] for r in rows)
    # one row for the whole province, one for its province, seventeen kab/kota
    assert wilayah[["kode_wilayah", "wilayah", "tingkat", "dpt", "tps"]].values.tolist() == [
        ["74", "Provinsi Sulawesi Tenggara", "provinsi", dpt, sum(r[3] for r in rows)]
    ]
    assert provinsi[["kode_provinsi", "provinsi", "jumlah_kabkota", "jumlah_kecamatan", "dpt"]].values.tolist() == [
        ["74", "Sulawesi Tenggara", 17, 221, dpt]
    ]
    assert len(kabkota) == 17 and kabkota["dpt"].sum() == dpt
    # a kab/kota's DPT (L, P, TPS) is the sum of its kecamatan, which is the sum of its desa
    for field, k in (("dpt_l", 4), ("dpt_p", 5), ("tps", 3)):
        per_kab = dict(zip(kabkota["kode_kabkota"], kabkota[field]))
        assert per_kab == kecamatan.groupby("kode_kabkota")[field].sum().to_dict(), field
        assert per_kab == desa.groupby("kode_kabkota")[field].sum().to_dict(), field
        written = Counter()
        for r in rows:
            written[r[0]] += r[k]
        assert dict(zip(kabkota["kabkota"], kabkota[field])) == dict(written), field
    assert kabkota.set_index("kode_kabkota").loc["74.06", "jumlah_kecamatan"] == 22
    # every row carries its codes; the KTP-el that was never uploaded is empty, not 0
    assert all(k.startswith(b + ".") for k, b in zip(kecamatan["kode_kecamatan"], kecamatan["kode_kabkota"]))
    assert all(d.startswith(k + ".") for d, k in zip(desa["kode_desa"], desa["kode_kecamatan"]))
    assert len(desa) == len(rows) and len(kecamatan) == 221
    for frame in (wilayah, provinsi, kabkota, kecamatan):
        assert frame["ktpel_wajib"].isna().all() and frame["ktpel_persen"].isna().all()


def test_report_kabupaten_in_a_province_suggests_kabkota_or_wilayah(provinsi):
    code, rows, said = report(provinsi, "kabupaten")
    assert code == 2 and rows is None
    assert said.strip() == (
        "GALAT: tingkat 'kabupaten' tidak ada di dasbor Provinsi Sulawesi Tenggara: pakai --level kabkota atau "
        "--level wilayah (kabkota: satu baris per kabupaten/kota; wilayah: satu baris seluruh wilayah)."
    )


def test_a_kabkota_installation_reports_as_before_and_has_its_wilayah_row(empty_db):
    code, kabupaten, _ = report(empty_db, "kabupaten")
    assert code == 0 and len(kabupaten) == 1 and kabupaten.loc[0, "jumlah_kecamatan"] == 24
    code, wilayah, _ = report(empty_db, "wilayah")
    assert code == 0
    assert wilayah[["kode_wilayah", "wilayah", "tingkat", "jumlah_kecamatan"]].values.tolist() == [
        ["35.13", "Kabupaten Probolinggo", "kabkota", 24]
    ]
    code, kecamatan, _ = report(empty_db, "kecamatan")
    assert code == 0 and "kode_kabkota" not in kecamatan.columns and len(kecamatan) == 24
    code, _, said = report(empty_db, "kabkota")
    assert code == 2 and "tingkat 'kabkota' tidak ada di dasbor Kabupaten Probolinggo" in said


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0


def test_a_province_kecamatan_map_names_its_kabkota_and_keeps_each_kecamatan_on_hover(provinsi):
    from readiness import charts, model

    con = db.connect_read(provinsi)
    try:
        shapes, kabkota = charts.kecamatan_shapes(con), charts.kecamatan_shapes(con, "kabkota")
        kecamatan = model.kecamatan(model.kesiapan_cursor(con, E), E)
    finally:
        con.close()
    fig = charts.peta_status(kecamatan, shapes, kabkota=kabkota)
    names = fig.data[-1]
    # 17 names a reader can find at a projector, not 221; a click on one opens its kab/kota
    assert len(names.text) == 17 and "Kabupaten Bombana" in names.text and "Kota Kendari" in names.text
    assert list(names.customdata) == sorted(kabkota)
    boxes = [box for _, box in charts.peta.kotak_nama_di(fig, 564)]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlap(a, b)]
    # every kecamatan keeps its marker, its name and status on hover, and opens on a click
    markers = fig.data[-2]
    assert list(markers.customdata) == list(shapes) and len(shapes) == 221
    assert "<b>Rumbia</b><br>■ Belum siap<br>Klik untuk membuka kecamatan" in markers.hovertext

    # one kab/kota's map (Bombana, 22 kecamatan) still names each kecamatan
    bombana = {k: s for k, s in shapes.items() if k.startswith("74.06.")}
    names = charts.peta_status(kecamatan, bombana, kabkota=kabkota).data[-1]
    assert len(names.text) == 22 and "Rumbia" in names.text and "Kabupaten Bombana" not in names.text


# --------------------------------------------------------------------------- korwil of kab/kota
def _korwil(path: Path, rows: list[tuple]) -> None:
    from readiness import model

    frame = pd.DataFrame(rows, columns=["kabkota", "korwil", "koordinator"])
    with db.writing(path) as con:
        model.simpan_korwil_kabkota(con, E, frame)


def test_a_province_korwil_sums_its_whole_kabkota_and_the_rest_is_tanpa_korwil(dimuat, tmp_path):
    path = tmp_path / "sultra.duckdb"
    shutil.copyfile(dimuat[0], path)
    daratan = ("74.01", "74.02", "74.71")
    kepulauan = ("74.03", "74.04", "74.72")
    _korwil(
        path,
        [
            ("Kabupaten Kolaka", "Wilayah Daratan", "Asisten Pemerintahan"),
            ("konawe", "Wilayah Daratan", ""),  # the name without «Kabupaten», any case
            ("Kendari", "Wilayah Daratan", None),
            ("Kab. Muna", "Wilayah Kepulauan", "Asisten Perekonomian"),
            ("74.04", "Wilayah Kepulauan", None),
            ("Kota Bau Bau", "Wilayah Kepulauan", None),
            ("Kabupaten Bombana", "", None),  # listed, in no korwil
        ],
    )
    code, korwil, said = report(path, "korwil")
    assert code == 0 and said == ""
    _, kabkota, _ = report(path, "kabkota")
    assert korwil["korwil"].tolist() == ["Wilayah Daratan", "Wilayah Kepulauan", "Tanpa korwil"]
    assert korwil["koordinator"].tolist()[:2] == ["Asisten Pemerintahan", "Asisten Perekonomian"]
    lain = tuple(k for k in kabkota["kode_kabkota"] if k not in daratan + kepulauan)
    assert len(lain) == 11
    per_kab = kabkota.set_index("kode_kabkota")
    for name, codes in (("Wilayah Daratan", daratan), ("Wilayah Kepulauan", kepulauan), ("Tanpa korwil", lain)):
        row = korwil.set_index("korwil").loc[name]
        for field in ("dpt", "dpt_l", "dpt_p", "tps", "jumlah_kecamatan"):
            assert row[field] == per_kab.loc[list(codes), field].sum(), (name, field)
    assert korwil["dpt"].sum() == kabkota["dpt"].sum()  # each kab/kota counted once
    # Pengaturan's editor reads the assignment back per kab/kota, Bombana in none
    from readiness import model

    con = db.connect_read(path)
    try:
        editor = model.halaman_pengaturan(con, E)["korwil_kabkota"].set_index("kabkota")
    finally:
        con.close()
    assert len(editor) == 17
    assert editor.loc["Kota Kendari", ["korwil", "koordinator"]].tolist() == ["Wilayah Daratan", "Asisten Pemerintahan"]
    assert editor["korwil"].isna().sum() == 11 and pd.isna(editor.loc["Kabupaten Bombana", "korwil"])


def test_a_kabkota_in_two_korwil_is_refused_naming_row_and_column(provinsi, tmp_path):
    from readiness import model

    path = tmp_path / "sultra.duckdb"
    shutil.copyfile(provinsi, path)
    _korwil(path, [("Kota Kendari", "Wilayah Daratan", "Asisten Pemerintahan")])
    with pytest.raises(model.PengaturanError) as refused:
        _korwil(
            path,
            [
                ("Kota Kendari", "Wilayah Daratan", "Asisten Pemerintahan"),
                ("Kabupaten Konawe", "Wilayah Daratan", "Kepala Biro Pemerintahan"),
                ("Kabupaten Kendari", "Wilayah Kepulauan", None),
                (" kota  kendari ", "Wilayah Kepulauan", None),
                ("Kabupaten Muna", "", "Asisten Perekonomian"),
                ("Kabupaten Buton", "tanpa korwil", None),
            ],
        )
    assert refused.value.problems == [
        "Baris 2, kolom Koordinator: Wilayah Daratan sudah berkoordinator Asisten Pemerintahan di baris 1; "
        "satu korwil satu koordinator",
        "Baris 3, kolom Kabupaten/kota: «Kabupaten Kendari» tidak dikenal di wilayah ini",
        "Baris 4, kolom Kabupaten/kota: Kota Kendari sudah tercantum di baris 1 (korwil Wilayah Daratan); "
        "satu kabupaten/kota hanya boleh masuk satu korwil",
        "Baris 5, kolom Korwil: kosong, padahal koordinator Asisten Perekonomian diisi",
        "Baris 6, kolom Korwil: «tanpa korwil» dipakai untuk kabupaten/kota yang tidak masuk korwil; pilih nama lain",
    ]
    con = db.connect_read(path)
    try:  # nothing changed: Kendari's kecamatan alone, all in Wilayah Daratan
        kept = con.execute("select korwil, count(*) from korwil where election_id = $e group by 1", {"e": E}).fetchall()
    finally:
        con.close()
    assert kept == [("Wilayah Daratan", 11)]

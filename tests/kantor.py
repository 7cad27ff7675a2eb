"""More files the way offices write them, beyond tests/messy.py: a recap behind a cover and an
instructions sheet, '-' and '—' for zero, a dapil subtotal and a grand total in the middle of the
table, a 'Mengetahui,' block beside the table, headers with line breaks, non-breaking and trailing
spaces, old desa spellings and a neighbouring kab/kota's rows, a Dukcapil KTP-el recap, a target
sheet and a camat's report with dates as people type them.

Each builder writes one file and returns a `messy.Case`; they register in `ALL` and
tests/test_ingest_messy.py runs them like the rest of the corpus.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from tests.messy import (
    DESA,
    FOOTER,
    HEADER_BOTTOM,
    HEADER_TOP,
    Case,
    Msg,
    _desa_rows,
    _header_merges,
    _per_desa,
    _recap_block,
    _save_openpyxl,
    _sum_by_kecamatan,
    id_num,
)

ALL: dict[str, callable] = {}


def builder(fn):
    ALL[fn.__name__] = fn
    return fn


def _totals(data) -> list[int]:
    t = _sum_by_kecamatan(data)
    return [sum(v[k] for v in t.values()) for k in ("tps", "dpt_l", "dpt_p", "dpt")]


# =========================================================================== pemilih
@builder
def rekap_sampul_petunjuk_nama_sheet_berspasi(tmp: Path) -> Case:
    data = _desa_rows(101, [("Dringu", d) for d in DESA["Dringu"][:6]])
    cover = [
        ["REKAPITULASI DPT"],
        ["PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO 2024"],
        ["KPU KABUPATEN PROBOLINGGO"],
    ]
    petunjuk = [
        ["PETUNJUK PENGISIAN"],
        ["1. Isi kolom JUMLAH PEMILIH L dan P per desa/kelurahan"],
        ["2. Kolom L+P terisi otomatis"],
        ["3. Jumlah TPS sesuai SK KPU Nomor 123 Tahun 2024"],
    ]
    rows = [["REKAP DPT KECAMATAN DRINGU"], [], HEADER_TOP, HEADER_BOTTOM]
    block, merges, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True)
    rows += block + [[None, "JUMLAH", None, *_totals(data)]]
    path = _save_openpyxl(
        tmp / "rekap_dringu_sampul.xlsx",
        [
            {"name": "COVER", "rows": cover},
            {"name": "PETUNJUK", "rows": petunjuk},
            {"name": "REKAP DPT  ", "rows": rows, "merges": _header_merges(3) + merges},
        ],
    )
    return Case(
        path,
        "the data on the 3rd sheet after a 'COVER' and a 'PETUNJUK' sheet holding only text (with a "
        "number in a sentence); the data sheet's name ends in spaces",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_strip_untuk_nol(tmp: Path) -> Case:
    data = _desa_rows(102, [("Lumbang", d) for d in DESA["Lumbang"][:5]])
    header = ["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "L", "P", "L+P", "PEMILIH PEMULA", "DISABILITAS"]
    rows = [["REKAP DPT KECAMATAN LUMBANG"], [], header]
    zeros = ["-", "—", "–", 0, " - "]
    for i, (kec, desa, tps, l, p) in enumerate(data):
        rows.append([i + 1, kec, desa, tps, id_num(l), id_num(p), id_num(l + p), 10 + i, zeros[i]])
    path = _save_openpyxl(tmp / "rekap_lumbang_strip.xlsx", [{"name": "DPT", "rows": rows}])
    return Case(
        path,
        "'-', '—', '–' and ' - ' for zero in an optional count column (DISABILITAS) as offices type them",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


@builder
def rekap_jumlah_dapil_di_tengah(tmp: Path) -> Case:
    dapil1 = _desa_rows(
        103, [("Dringu", d) for d in DESA["Dringu"][:3]] + [("Gending", "Klaseman"), ("Gending", "Pesisir")]
    )
    dapil2 = _desa_rows(104, [("Maron", d) for d in DESA["Maron"][:4]])
    rows = [["REKAPITULASI DPT PER DESA"], ["KABUPATEN PROBOLINGGO"], [], HEADER_TOP, HEADER_BOTTOM]
    merges = _header_merges(4)
    no = 1
    for label, part in (("JUMLAH DAPIL 1", dapil1), ("JUMLAH DAPIL 2", dapil2)):
        for kec in dict.fromkeys(k for k, *_ in part):
            sub = [r for r in part if r[0] == kec]
            block, m, _ = _recap_block(sub, len(rows) + 1, merged_kecamatan=True, no_start=no)
            no += len(sub)
            rows += block
            merges += m
            rows.append([None, f"JUMLAH KEC. {kec.upper()}", None, *_totals(sub)])
        rows.append([None, label, None, *_totals(part)])
        rows.append([])
        if label.endswith("1"):
            rows.append([None, "JUMLAH TOTAL S/D DAPIL 1", None, *_totals(dapil1)])
            rows.append([])
    rows.append([None, "JUMLAH KESELURUHAN", None, *_totals(dapil1 + dapil2)])
    path = _save_openpyxl(tmp / "rekap_dapil.xlsx", [{"name": "REKAP", "rows": rows, "merges": merges}])
    data = dapil1 + dapil2
    return Case(
        path,
        "subtotals per kecamatan, per dapil ('JUMLAH DAPIL 1') and a running grand total in the middle "
        "('JUMLAH TOTAL S/D DAPIL 1'), blank separator rows, the grand total at the bottom",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_mengetahui_di_samping_tabel(tmp: Path) -> Case:
    data = _desa_rows(105, [("Tongas", d) for d in DESA["Tongas"][:8]])
    rows = [["REKAP DPT KECAMATAN TONGAS"], [], HEADER_TOP + [None, None, None], HEADER_BOTTOM]
    block, merges, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True)
    side = ["Mengetahui,", "KETUA PPK TONGAS", None, None, None, "MOH. ROFIQ, S.Pd", "NIP. 19750312 200501 1 004"]
    for i, line in enumerate(side):
        block[i] = block[i] + [None, line]
    rows += block + [[None, "JUMLAH", None, *_totals(data)]]
    rows += [[], [None, "Catatan: data per 12 September 2024"], [None, "Sumber: SIDALIH"]]
    path = _save_openpyxl(
        tmp / "rekap_tongas_mengetahui.xlsx", [{"name": "TONGAS", "rows": rows, "merges": _header_merges(3) + merges}]
    )
    return Case(
        path,
        "a 'Mengetahui,' signature block in a column to the right of the table beside the data rows; "
        "'Catatan: data per …' and 'Sumber: SIDALIH' under the total",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        footer=f"baris 15–16 {FOOTER}",
    )


@builder
def rekap_judul_kolom_spasi_aneh(tmp: Path) -> Case:
    data = _desa_rows(106, [("Krejengan", d) for d in DESA["Krejengan"][:5]])
    top = ["No Urut", "Kecamatan ", "Desa /\nKelurahan", "Jumlah\nTPS", "JUMLAH\xa0PEMILIH ", None, None]
    bottom = [None, None, None, None, "L ", "\xa0P", "L + P"]
    rows = [["REKAP DPT"], [], top, bottom]
    block, merges, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=False)
    rows += block
    path = _save_openpyxl(
        tmp / "rekap_krejengan_judul.xlsx", [{"name": "Sheet1", "rows": rows, "merges": _header_merges(3)}]
    )
    return Case(
        path,
        "headers with line breaks, non-breaking and trailing spaces, 'No Urut', 'L + P' with spaces",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


@builder
def rekap_kecamatan_huruf_kecil_desa_berawalan(tmp: Path) -> Case:
    picks = [("Maron", "Maron Kidul"), ("Maron", "Brani Kulon"), ("Maron", "Wonorejo"), ("Maron", "Suko")]
    data = _desa_rows(107, picks)
    written = ["DESA MARON KIDUL", "Ds. Brani Kulon", "DESA WONOREJO", "Desa  Suko"]
    rows = [["REKAP DPT"], [], ["NO", "KECAMATAN", "DESA", "TPS", "L", "P", "L+P"]]
    for i, ((_kec, _d, tps, l, p), name) in enumerate(zip(data, written)):
        rows.append([i + 1, "maron", name, tps, l, p, l + p])
    path = _save_openpyxl(tmp / "rekap_maron_kecil.xlsx", [{"name": "maron", "rows": rows}])
    return Case(
        path,
        "the kecamatan in lower case on every row, desa written 'DESA …', 'Ds. …', 'Desa  …' (two spaces)",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_baris_kota_tetangga(tmp: Path) -> Case:
    data = _desa_rows(108, [("Sumberasih", d) for d in ("Banjarsari", "Pesisir", "Lemahkembar")])
    rows = [
        ["REKAP DPT WILAYAH BAKORWIL"],
        [],
        ["NO", "KAB/KOTA", "KECAMATAN", "DESA/KELURAHAN", "TPS", "L", "P", "L+P"],
    ]
    for i, (kec, desa, tps, l, p) in enumerate(data):
        rows.append([i + 1, "KAB. PROBOLINGGO", kec, desa, tps, l, p, l + p])
    city = [("Kademangan", "Pilang", 9, 2150, 2233), ("Mayangan", "Mangunharjo", 12, 3011, 3120)]
    for j, (kec, desa, tps, l, p) in enumerate(city, len(data) + 1):
        rows.append([j, "KOTA PROBOLINGGO", kec, desa, tps, l, p, l + p])
    path = _save_openpyxl(tmp / "rekap_bakorwil.xlsx", [{"name": "REKAP", "rows": rows}])
    return Case(
        path,
        "a KAB/KOTA column and rows of a neighbouring city (KOTA PROBOLINGGO) under the kabupaten's rows",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        warnings=[
            Msg(
                ("2 baris untuk wilayah lain tidak dipakai (Kota Probolinggo)", "3 baris Kabupaten Probolinggo"),
                sheet="REKAP",
                column="B (KAB/KOTA)",
            )
        ],
    )


@builder
def rekap_sheet_diproteksi_sampul_tersembunyi(tmp: Path) -> Case:
    data = _desa_rows(109, [("Wonomerto", d) for d in DESA["Wonomerto"][:5]])
    wb = Workbook()
    hidden = wb.active
    hidden.title = "DATA_MASTER"
    hidden.append(["kode", "nama"])
    hidden.append(["35.13.22", "WONOMERTO"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("REKAP")
    ws.append(["REKAP DPT KECAMATAN WONOMERTO"])
    ws.append([])
    ws.append(["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "L", "P", "L+P"])
    for i, (kec, desa, tps, l, p) in enumerate(data):
        ws.append([i + 1, kec.upper(), desa.upper(), tps, l, p, f"=E{4 + i}+F{4 + i}"])
    ws.protection.sheet = True
    ws.protection.password = "kpu2024"
    wb.active = 1
    path = tmp / "rekap_wonomerto_kunci.xlsx"
    wb.save(path)
    return Case(
        path,
        "a protected sheet (Review → Protect Sheet) after a hidden lookup sheet; L+P as formulas with no "
        "cached value (openpyxl writes none), so the file's L+P is empty",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


# =========================================================================== ktpel
@builder
def ktpel_dukcapil_persen_teks(tmp: Path) -> Case:
    kec = ["Sukapura", "Sumber", "Kuripan", "Bantaran", "Leces"]
    wajib = [15234, 21870, 30112, 33001, 41234]
    rekam = [15011, 21870, 29005, 32100, 40876]
    rows = [
        ["DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN PROBOLINGGO"],
        ["CAKUPAN PEREKAMAN KTP-EL PER KECAMATAN"],
        ["Data per 30 September 2024"],
        [],
        ["NO.", "NAMA KECAMATAN", "JUMLAH PENDUDUK", "WAJIB KTP-EL", "SUDAH REKAM", "BELUM REKAM", "%"],
    ]
    for i, (k, w, r) in enumerate(zip(kec, wajib, rekam)):
        belum = w - r
        pct = f"{100 * r / w:.2f}%".replace(".", ",")
        rows.append(
            [
                f"{i + 1}.",
                f"KEC. {k.upper()}",
                id_num(w * 13 // 10),
                id_num(w),
                id_num(r),
                "-" if belum == 0 else id_num(belum),
                pct,
            ]
        )
    rows.append([None, "JUMLAH", None, id_num(sum(wajib)), id_num(sum(rekam)), id_num(sum(wajib) - sum(rekam)), None])
    rows += [
        [],
        [None, "Sumber: SIAK Terpusat"],
        [None, None, None, None, "KEPALA DINAS"],
        [],
        [],
        [None, None, None, None, "Ir. HARTONO, M.M"],
        [None, None, None, None, "NIP 19680101 199303 1 005"],
    ]
    path = _save_openpyxl(tmp / "ktpel_dispenduk_sept.xlsx", [{"name": "KTP-EL", "rows": rows}])
    expected = {k: {"ktpel_wajib": w, "ktpel_rekam": r} for k, w, r in zip(kec, wajib, rekam)}
    return Case(
        path,
        "Dukcapil recap: 'NO.' numbering '1.', 'KEC. X', 'JUMLAH PENDUDUK' extra column, BELUM REKAM '-' "
        "for zero, percent as '98,53%' text, the date in a title 'Data per 30 September 2024'",
        kind="ktpel",
        rows=len(kec),
        kecamatan=expected,
        tanggal_data=dt.date(2024, 9, 30),
        footer=f"baris 13–18 {FOOTER}",
    )


# =========================================================================== target
@builder
def target_kecamatan_kecil_persen_berspasi(tmp: Path) -> Case:
    kec = ["Paiton", "Besuk", "Kraksaan", "Krejengan"]
    target = ["77,5 %", "78 %", "80,25%", " 79 "]
    sebelumnya = ["71,02 %", "69,8%", "73,15 %", "70%"]
    rows = [
        ["TARGET PARTISIPASI PEMILIH PILKADA 2024"],
        [],
        ["No", "Kecamatan", "Partisipasi Pilkada 2018 (%)", "Target Partisipasi (%)"],
    ]
    for i, (k, s, t) in enumerate(zip(kec, sebelumnya, target)):
        rows.append([i + 1, k.lower(), s, t])
    path = _save_openpyxl(tmp / "target_korwil3.xlsx", [{"name": "Target", "rows": rows}])
    values = {"Paiton": 77.5, "Besuk": 78.0, "Kraksaan": 80.25, "Krejengan": 79.0}
    return Case(
        path,
        "target percents written with a space before '%' ('77,5 %'), kecamatan in lower case, headers ending in '(%)'",
        kind="target",
        rows=len(kec),
        kecamatan={k: {"target_partisipasi": v} for k, v in values.items()},
    )


# =========================================================================== masalah
@builder
def masalah_tanggal_ragam_tulisan(tmp: Path) -> Case:
    header = [
        "NO",
        "KECAMATAN",
        "DESA/KELURAHAN",
        "TPS",
        "KATEGORI",
        "URAIAN MASALAH",
        "PELAPOR",
        "TANGGAL",
        "TINGKAT",
        "STATUS",
    ]
    dates = ["27/11/2024", "27-11-24", "27 Nov 2024", "Rabu, 27 November 2024", dt.datetime(2024, 11, 27)]
    rows = [["LAPORAN PERMASALAHAN PILKADA"], ["KECAMATAN PAITON"], [], header]
    desa = ["Sumberejo", "Randumerak", "Karanganyar", "Paiton", "Bhinor"]
    for i, (d, when) in enumerate(zip(desa, dates)):
        rows.append(
            [
                i + 1,
                "Paiton",
                d,
                i + 1,
                "Logistik",
                f"Surat suara TPS {i + 1} kurang",
                "PPS " + d,
                when,
                "Sedang",
                "Baru",
            ]
        )
    path = _save_openpyxl(tmp / "laporan_camat_paiton.xlsx", [{"name": "LAPORAN", "rows": rows}])
    return Case(
        path,
        "a camat's report whose dates are typed '27/11/2024', '27-11-24', '27 Nov 2024', "
        "'Rabu, 27 November 2024' and one real date cell",
        kind="masalah",
        rows=len(desa),
    )


@builder
def rekap_jumlah_di_atas_tabel(tmp: Path) -> Case:
    data = _desa_rows(110, [("Pajarakan", d) for d in DESA["Pajarakan"][:4]])
    rows = [["REKAP DPT KECAMATAN PAJARAKAN"], [], ["NO", "KECAMATAN", "DESA", "TPS", "L", "P", "L+P"]]
    rows.append([None, "JUMLAH", None, *_totals(data)])
    rows += [[i + 1, kec, desa, tps, l, p, l + p] for i, (kec, desa, tps, l, p) in enumerate(data)]
    path = _save_openpyxl(tmp / "rekap_pajarakan_jumlah_atas.xlsx", [{"name": "PAJARAKAN", "rows": rows}])
    return Case(
        path,
        "the JUMLAH row right under the header, above the desa rows it sums (no warning)",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


@builder
def rekap_angka_bersatuan_org(tmp: Path) -> Case:
    data = _desa_rows(111, [("Kuripan", d) for d in DESA["Kuripan"][:3]])
    rows = [["REKAP DPT"], [], ["NO", "KECAMATAN", "DESA", "TPS", "L", "P", "L+P"]]
    for i, (kec, desa, tps, l, p) in enumerate(data):
        rows.append([i + 1, kec, desa, tps, f"{id_num(l)} org", p, l + p])
    path = _save_openpyxl(tmp / "rekap_kuripan_org.xlsx", [{"name": "REKAP", "rows": rows}])
    return Case(
        path,
        "counts typed with a unit ('1.234 org')",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


def _xls_sheet(wb, name: str, rows: list[list], hidden: bool = False):
    ws = wb.add_sheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    if hidden:
        ws.visibility = 1
    return ws


@builder
def tps_xls_sampul_tersembunyi(tmp: Path) -> Case:
    import xlwt

    picks = [
        ("Bantaran", "Bantaran", 1, 231, 240),
        ("Bantaran", "Bantaran", 2, 198, 205),
        ("Bantaran", "Besuk", 1, 250, 261),
    ]
    picks += [("Bantaran", "Besuk", 2, 244, 239), ("Bantaran", "Karanganyar", 1, 210, 222)]
    rows = [
        ["DAFTAR TPS PILKADA 2024"],
        ["KECAMATAN BANTARAN"],
        [],
        ["No.", "Kecamatan", "Desa/Kel.", "No. TPS", "DPT\nL", "DPT\nP", "DPT\nL+P", "Alamat TPS"],
    ]
    for i, (kec, desa, no, l, p) in enumerate(picks):
        rows.append([i + 1, kec.upper(), desa.upper(), f"TPS {no:03d}", l, p, l + p, f"Balai Dusun {desa} {no}"])
    rows.append(
        [
            None,
            "JUMLAH",
            None,
            len(picks),
            sum(x[3] for x in picks),
            sum(x[4] for x in picks),
            sum(x[3] + x[4] for x in picks),
        ]
    )
    wb = xlwt.Workbook()
    _xls_sheet(wb, "LOOKUP", [["KODE", "DESA"], ["35.13.04.2001", "BANTARAN"]], hidden=True)
    _xls_sheet(wb, "COVER", [["DAFTAR TEMPAT PEMUNGUTAN SUARA"], ["PPK BANTARAN"], ["Tahun 2024"]])
    _xls_sheet(wb, "TPS ", rows)
    path = tmp / "tps_bantaran_97-2003.xls"
    wb.save(str(path))
    kec = {"Bantaran": {"tps": len(picks), "dpt": sum(x[3] + x[4] for x in picks)}}
    return Case(
        path,
        "TPS list saved as 'Excel 97-2003' (.xls): a hidden lookup sheet and a COVER before the data "
        "sheet 'TPS ' (trailing space), 'TPS 001', DPT headers with line breaks, a JUMLAH row",
        kind="tps",
        rows=len(picks),
        kecamatan=kec,
    )


@builder
def ktpel_xls_persen_pecahan(tmp: Path) -> Case:
    import xlwt

    kec = ["Tiris", "Krucil", "Gading"]
    wajib = [52311, 45120, 39876]
    rekam = [51280, 44010, 39876]
    pct = xlwt.easyxf(num_format_str="0.00%")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Cakupan")
    ws.write(0, 0, "CAKUPAN PEREKAMAN KTP-EL KEADAAN 31 OKTOBER 2024")
    for c, name in enumerate(["NO", "KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "BELUM REKAM", "PERSENTASE"]):
        ws.write(2, c, name)
    for i, (k, w, r) in enumerate(zip(kec, wajib, rekam)):
        ws.write(3 + i, 0, i + 1)
        ws.write(3 + i, 1, k.upper())
        ws.write(3 + i, 2, w)
        ws.write(3 + i, 3, r)
        ws.write(3 + i, 4, w - r)
        ws.write(3 + i, 5, r / w, pct)
    path = tmp / "ktpel_oktober.xls"
    wb.save(str(path))
    return Case(
        path,
        "KTP-el recap as .xls with the percent as a fraction in a '0.00%' cell and the date in the title",
        kind="ktpel",
        rows=len(kec),
        kecamatan={
            k: {"ktpel_wajib": w, "ktpel_rekam": r, "ktpel_persen": round(100 * r / w, 2)}
            for k, w, r in zip(kec, wajib, rekam)
        },
        tanggal_data=dt.date(2024, 10, 31),
    )


@builder
def rekap_provinsi_per_kabkota(tmp: Path) -> Case:
    rows = [
        ["REKAPITULASI DPT PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR JAWA TIMUR 2024"],
        ["KPU PROVINSI JAWA TIMUR"],
        [],
        ["NO", "KABUPATEN/KOTA", "JML KEC", "JML DESA/KEL", "JML TPS", "PEMILIH", None, None],
        [None, None, None, None, None, "LAKI-LAKI", "PEREMPUAN", "TOTAL"],
    ]
    kab = [("KAB. PASURUAN", 24, 365, 2950, 593120, 600230), ("KAB. PROBOLINGGO", 24, 330, 2390, 432110, 440108)]
    kab += [("KOTA PROBOLINGGO", 5, 29, 430, 86120, 89002), ("KABUPATEN LUMAJANG", 21, 205, 2010, 405001, 411020)]
    for i, (name, kec, desa, tps, l, p) in enumerate(kab):
        rows.append([i + 1, name, kec, desa, tps, id_num(l), id_num(p), id_num(l + p)])
    rows.append(
        [
            None,
            "JUMLAH",
            *[sum(k[j] for k in kab) for j in (1, 2, 3)],
            *[id_num(sum(k[j] for k in kab)) for j in (4, 5)],
            id_num(sum(k[4] + k[5] for k in kab)),
        ]
    )
    rows += [[], [None, "Sumber: Sidalih, diunduh 20 September 2024"]]
    path = _save_openpyxl(
        tmp / "rekap_dpt_jatim.xlsx",
        [{"name": "JATIM", "rows": rows, "merges": ["F4:H4"] + [f"{c}4:{c}5" for c in "ABCDE"]}],
    )
    return Case(
        path,
        "a province's KPU recap per kab/kota (no PROVINSI column, 'KAB. …', 'KABUPATEN …', 'KOTA …'), "
        "counts as Indonesian text, a JUMLAH row and a source note: only this kabupaten's row is read",
        kind="pemilih",
        rows=1,
        kabupaten={"dpt": 432110 + 440108, "dpt_l": 432110, "dpt_p": 440108},
        warnings=[
            Msg(
                "3 baris untuk wilayah lain tidak dipakai (Kabupaten Pasuruan, Kota Probolinggo, Kabupaten Lumajang)",
                sheet="JATIM",
                column="B (KABUPATEN/KOTA)",
            )
        ],
        footer=f"baris 12 {FOOTER}",
    )


@builder
def target_strip_dan_baris_kabupaten(tmp: Path) -> Case:
    rows = [["TARGET PARTISIPASI"], [], ["NO", "KECAMATAN", "PARTISIPASI 2018 (%)", "TARGET 2024 (%)"]]
    kec = [("Sumberasih", "72,10", "80"), ("Wonomerto", "-", "79,5"), ("Tongas", "—", "78")]
    for i, (k, s, t) in enumerate(kec):
        rows.append([i + 1, f"Kec. {k}", s, t])
    rows.append([None, "KABUPATEN PROBOLINGGO", "70,44", "81"])
    path = _save_openpyxl(tmp / "target_korwil1.xlsx", [{"name": "TARGET", "rows": rows}])
    return Case(
        path,
        "previous participation '-' / '—' where there is none, the kabupaten's target on a row named "
        "'KABUPATEN PROBOLINGGO', headers 'TARGET 2024 (%)'",
        kind="target",
        rows=len(kec) + 1,
        kecamatan={
            "Sumberasih": {"target_partisipasi": 80.0},
            "Wonomerto": {"target_partisipasi": 79.5},
            "Tongas": {"target_partisipasi": 78.0},
        },
        kabupaten={"target_partisipasi": 81.0},
    )


@builder
def dpt_petunjuk_jk_kata_lengkap(tmp: Path) -> Case:
    import random

    from tests.messy import DPT_HEADER

    rnd = random.Random(112)
    voters = [("Sapih", "TPS 001", rnd.choice(["LAKI-LAKI", "PEREMPUAN"])) for _ in range(6)]
    voters += [("Boto", "TPS 002", rnd.choice(["Laki-laki", "Perempuan"])) for _ in range(5)]
    header = [
        h.replace("JENIS KELAMIN", "JENIS\nKELAMIN").replace("NO", "No.", 1) if h in ("NO", "JENIS KELAMIN") else h
        for h in DPT_HEADER
    ]
    rows = [["DAFTAR PEMILIH TETAP"], ["kecamatan lumbang"], [], header]
    for i, (desa, tps, jk) in enumerate(voters, 1):
        born = dt.date(1970, 1, 1) + dt.timedelta(days=rnd.randint(0, 12000))
        day = born.day + (40 if jk.upper().startswith("P") else 0)
        rows.append(
            [
                f"{i}.",
                str(8_000_000 + i),
                f"3513240{rnd.randint(100000000, 999999999)}",
                f"351324{day:02d}{born:%m%y}{i:04d}",
                f"PEMILIH {i}",
                "PROBOLINGGO",
                born.strftime("%d/%m/%Y"),
                "S",
                jk,
                "DUSUN KRAJAN",
                "001",
                "002",
                0,
                "S",
                "lumbang",
                f"DESA {desa.upper()}",
                tps,
            ]
        )
    path = _save_openpyxl(
        tmp / "dpt_lumbang_petunjuk.xlsx",
        [
            {"name": "PETUNJUK", "rows": [["Petunjuk: jangan mengubah urutan kolom"], ["Kolom 9: L/P"]]},
            {"name": "DPT ", "rows": rows},
        ],
    )
    n_l = sum(1 for v in voters if v[2].upper().startswith("L"))
    return Case(
        path,
        "per-voter list on the 2nd sheet after a PETUNJUK sheet: sex written 'LAKI-LAKI' / 'Perempuan', "
        "'No.' numbering '1.', kecamatan in lower case, desa 'DESA X', 'TPS 001', birth dates '17/05/1980'",
        kind="daftar",
        rows=len(voters),
        kecamatan={"Lumbang": {"dpt": len(voters), "dpt_l": n_l, "dpt_p": len(voters) - n_l, "tps": 2}},
    )


@builder
def rekap_kecamatan_kota_tetangga_tanpa_kolom(tmp: Path) -> Case:
    rows = [
        ["REKAP DPT PER KECAMATAN"],
        ["KABUPATEN DAN KOTA PROBOLINGGO"],
        [],
        ["NO", "KECAMATAN", "TPS", "L", "P", "L+P"],
    ]
    kab = [("Sukapura", 45, 9810, 9902), ("Sumber", 40, 8711, 8934)]
    city = [("Kademangan", 60, 14120, 14501), ("Mayangan", 72, 17302, 17850)]
    for i, (k, tps, l, p) in enumerate(kab + city, 1):
        rows.append([i, k.upper(), tps, l, p, l + p])
    path = _save_openpyxl(tmp / "rekap_kab_kota.xlsx", [{"name": "REKAP", "rows": rows}])
    return Case(
        path,
        "the kabupaten's kecamatan followed by the neighbouring city's, without a KAB/KOTA column",
        errors=[
            Msg(
                ("kecamatan 'KADEMANGAN' tidak ada di Kabupaten Probolinggo", "Kota Probolinggo"),
                sheet="REKAP",
                row=7,
                column="B (KECAMATAN)",
            ),
            Msg(
                ("kecamatan 'MAYANGAN' tidak ada di Kabupaten Probolinggo; ada di Kota Probolinggo",),
                sheet="REKAP",
                row=8,
                column="B (KECAMATAN)",
            ),
        ],
    )

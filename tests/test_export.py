"""Exports: Excel and CSV out of every table, opened the way a user's program would open them."""

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook

from app import layar
from readiness import db, export, model
from readiness.export import Kolom

KOLOM = [
    Kolom("kecamatan", "Kecamatan"),
    Kolom("dpt", "DPT", "angka"),
    Kolom("ktpel_persen", "KTP-el", "persen"),
    Kolom("status", "Status", "status"),
    Kolom("ktpel_tanggal", "Tanggal data", "tanggal"),
    Kolom("alasan", "Alasan", lebar=True),
]


def _frame():
    return pd.DataFrame(
        {
            "kecamatan": ["Kraksaan", '=HYPERLINK("http://x","klik")', "+62 812", "-5 TPS", "@SUM(A1)"],
            "dpt": [54217, 1000, None, 25127, 7],
            "ktpel_persen": [98.72, 94.1, None, 100.0, 0.5],
            "status": ["merah", "hijau", None, "kuning", "hijau"],
            "ktpel_tanggal": [pd.Timestamp("2024-11-20"), None, None, pd.Timestamp("2024-11-01"), None],
            "alasan": ["1 TPS > 600 pemilih", "", None, "", ""],
        }
    )


def _book(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_layout_numbers_and_metadata():
    frame = export.ekspor(_frame(), KOLOM)
    ws = _book(
        export.to_xlsx(
            frame,
            "Status per kecamatan",
            "Pilkada 2024 (pemungutan suara 27 November 2024)",
            "versi data 7: unggahan rekap pemilih #1",
            dibuat=dt.datetime(2024, 11, 21, 9, 30),
        )
    )
    assert ws["A1"].value == "Status per kecamatan"
    assert ws["A2"].value == "Pemilihan: Pilkada 2024 (pemungutan suara 27 November 2024)"
    assert ws["A3"].value == "Sumber: versi data 7: unggahan rekap pemilih #1"
    assert ws["A4"].value == "Dibuat: 21 November 2024 09.30 WIB"
    assert ws["A5"].value == "Data pemantauan internal — bukan hasil resmi KPU"
    header = [c.value for c in ws[7]]
    assert header == ["Kecamatan", "DPT", "KTP-el", "Status", "Tanggal data", "Alasan"]
    assert all(c.font.bold for c in ws[7])
    assert ws.freeze_panes == "A8"
    assert ws.auto_filter.ref == "A7:F12"
    # Numbers are numbers with id-ID formats (shown 54.217 and 98,72% by an Indonesian Excel).
    assert ws["B8"].value == 54217 and ws["B8"].number_format == "#,##0"
    assert ws["C8"].value == 98.72 and ws["C8"].number_format == '#,##0.00"%"'
    assert ws["E8"].value == dt.datetime(2024, 11, 20)
    assert ws["D8"].value == "■ Belum siap"
    # Missing stays empty, never 0.
    assert ws["B10"].value is None and ws["C10"].value is None and ws["D10"].value is None
    assert sum(c.value for c in ws["B"][7:] if c.value is not None) == 54217 + 1000 + 25127 + 7


def test_xlsx_never_writes_a_formula():
    ws = _book(export.to_xlsx(export.ekspor(_frame(), KOLOM), "t", "e", "v"))
    values = [ws.cell(row=r, column=1) for r in range(8, 13)]
    assert [c.value for c in values] == [
        "Kraksaan",
        '\'=HYPERLINK("http://x","klik")',
        "'+62 812",
        "'-5 TPS",
        "'@SUM(A1)",
    ]
    assert all(c.data_type == "s" for c in values)


def test_one_rule_for_every_text_cell_and_negative_numbers_stay_numbers():
    texts = ["=1+1", "+62", "-", "@x", "\t=1+1", "\r=1+1", "Kraksaan", " =1", "", "'=1"]
    assert [export.teks_sel(t) for t in texts] == [
        "'=1+1",
        "'+62",
        "'-",
        "'@x",
        "'\t=1+1",
        "'\r=1+1",
        "Kraksaan",
        " =1",
        "",
        "'=1",
    ]
    frame = pd.DataFrame({"Nama": ["-5 TPS", "=SUM(A1)"], "Selisih": [-5, -1.5]})
    lines = export.to_csv(frame).decode("utf-8-sig").split("\r\n")
    assert lines[1:3] == ["'-5 TPS;-5", "'=SUM(A1);-1,5"]
    ws = _book(export.to_xlsx(frame, "t", "e", "v"))
    assert [ws["A8"].value, ws["B8"].value, ws["B9"].value] == ["'-5 TPS", -5, -1.5]
    assert ws["B8"].data_type == "n" and ws["A9"].data_type == "s"
    printed = export.teks_tabel(frame)
    assert list(printed["Nama"]) == ["'-5 TPS", "'=SUM(A1)"] and list(printed["Selisih"]) == [-5, -1.5]


def test_csv_for_indonesian_excel():
    text = export.to_csv(export.ekspor(_frame(), KOLOM))
    assert text.startswith("\ufeff".encode())
    lines = text.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Kecamatan;DPT;KTP-el;Status;Tanggal data;Alasan"
    assert lines[1] == "Kraksaan;54217;98,72;■ Belum siap;2024-11-20;1 TPS > 600 pemilih"
    assert lines[2].startswith("\"'=HYPERLINK(") and lines[3].startswith("'+62 812;")
    assert lines[4].startswith("'-5 TPS;25127;100;") and lines[5].startswith("'@SUM(A1);7;0,5;")
    assert lines[3] == "'+62 812;;;;;"  # missing values are empty


def test_screen_text_and_optional_columns():
    frame = _frame()
    shown = export.tampilan(frame, KOLOM)
    assert list(shown.iloc[0]) == [
        "Kraksaan",
        "54.217",
        "98,72%",
        "■ Belum siap",
        "20 November 2024",
        "1 TPS > 600 pemilih",
    ]
    assert list(shown.iloc[2][["DPT", "KTP-el", "Status"]]) == ["–", "–", "Tidak ada data"]
    optional = [Kolom("kecamatan", "Kecamatan"), Kolom("kosong", "Kosong", "angka", opsional=True)]
    assert [k.judul for k in export.pilih_kolom(frame.assign(kosong=None), optional)] == ["Kecamatan"]
    assert (
        export.nama_berkas("Status kesiapan per kecamatan", "pilkada-2024", "xlsx")
        == "status-kesiapan-per-kecamatan_pilkada-2024.xlsx"
    )


def test_kecamatan_export_totals_match_the_kabupaten(demo_db_master):
    con = db.connect_read(demo_db_master)
    try:
        data = model.halaman_ringkasan(con, "pilkada-2024")
    finally:
        con.close()
    frame = export.ekspor(
        data["kecamatan"],
        [Kolom("kecamatan", "Kecamatan"), Kolom("dpt", "DPT", "angka"), Kolom("ktpel_wajib", "Wajib KTP-el", "angka")],
    )
    ws = _book(export.to_xlsx(frame, "Status", data["pemilihan"], model.versi_label(data["versi"])))
    assert sum(c.value for c in ws["B"][7:]) == 872218
    assert sum(c.value for c in ws["C"][7:]) == 887588
    assert "unggahan rekap pemilih #1" in ws["A3"].value


def test_a_table_with_a_status_lists_the_worst_first_keeping_the_order_within_a_status():
    df = pd.DataFrame(
        {
            "kecamatan": ["Sukapura", "Sumber", "Kuripan", "Bantaran", "Leces", "Tiris"],
            "status": ["hijau", "kuning", "merah", None, "kuning", "merah"],
        }
    )
    kolom = [Kolom("kecamatan", "Kecamatan"), Kolom("status", "Status", "status")]
    urut = export.urut_status(df, kolom)
    assert list(urut["kecamatan"]) == ["Kuripan", "Tiris", "Sumber", "Leces", "Sukapura", "Bantaran"]
    assert list(export.tampilan(urut, kolom)["Status"])[-1] == "Tidak ada data"
    tanpa_status = export.urut_status(df, [Kolom("kecamatan", "Kecamatan")])
    assert list(tanpa_status["kecamatan"]) == list(df["kecamatan"])


def test_the_reading_table_shows_every_character_as_itself_and_aligns_figures():
    text = pd.DataFrame(
        {
            "Kecamatan": ["<b>Lumbang</b>", "Tiris & Krucil"],
            "DPT": ["25.127", "–"],
            "Alasan": ["KTP-el 94,60% (< 95%)", "<script>alert(1)</script>"],
        }
    )
    html = export.to_html(text, panjang=["Alasan"])
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;Lumbang&lt;/b&gt;" in html and "Tiris &amp; Krucil" in html
    assert '<th scope="col" class="angka">DPT</th>' in html and '<td class="angka" data-kolom="DPT">25.127</td>' in html
    assert '<td class="panjang" data-kolom="Alasan">KTP-el 94,60% (&lt; 95%)</td>' in html
    assert export.kolom_angka(text) == ["DPT"]


def test_a_date_and_a_korwil_stay_on_one_line_while_a_description_wraps():
    text = pd.DataFrame(
        {
            "Korwil": ["Wilayah II", "Wilayah III"],
            "Uraian": ["Distribusi formulir C pemberitahuan belum merata ke semua desa", "Kotak suara rusak"],
            "Tanggal": ["21 Nov 2024", "3 Des 2024"],
        }
    )
    html = export.to_html(text, panjang=["Uraian"])
    assert '<td class="utuh" data-kolom="Korwil">Wilayah III</td>' in html
    assert '<td class="utuh" data-kolom="Tanggal">21 Nov 2024</td>' in html
    assert '<td class="panjang" data-kolom="Uraian">Kotak suara rusak</td>' in html
    assert ".tabel-baca td.utuh { white-space: nowrap; }" in layar.GAYA_TABEL  # a phone wraps it still


def test_a_table_too_wide_for_its_box_is_read_row_by_row_each_value_beside_its_column_name():
    # A korwil's kecamatan: name, five statuses, figures and two long texts. Beside the sidebar
    # of a 1024-pixel screen (660 px) it is read row by row; on a 1920-pixel screen as a table.
    wide = pd.DataFrame(
        {
            "Kecamatan": ["Tegalsiwalan", "Sumberasih"],
            "Status": ["▲ Perlu perhatian", "● Siap"],
            "TPS": ["● Siap", "● Siap"],
            "KTP-el": ["■ Belum siap", "● Siap"],
            "Partisipasi": ["▲ Perlu perhatian", "● Siap"],
            "Kelengkapan": ["● Siap", "● Siap"],
            "Konsistensi DPT": ["● Siap", "● Siap"],
            "DPT": ["31.984", "28.759"],
            "KTP-el (%)": ["94,60%", "98,12%"],
            "Alasan": ["KTP-el 94,60% (< 95%), Partisipasi 2018 69,5% vs target 82% (selisih 12,5 poin)", "–"],
            "Tindak lanjut": ["Percepat perekaman KTP-el bersama Dispendukcapil: 1.089 wajib KTP-el belum rekam", "–"],
        }
    )
    assert 660 < export.lebar_perlu(wide, panjang=["Alasan", "Tindak lanjut"]) < 1400
    # Ringkasan's open issues per category: a table even on a phone (358 px).
    assert export.lebar_perlu(pd.DataFrame({"Kategori": ["Logistik", "Lainnya"], "Terbuka": ["3", "12"]})) < 358
    # Each cell names its column for the row-by-row reading, a hostile name as text.
    html = export.to_html(pd.DataFrame({'Nama "x"><b>': ["Budi"]}))
    assert '<td class="utuh" data-kolom="Nama &quot;x&quot;&gt;&lt;b&gt;">Budi</td>' in html


def test_a_row_link_is_on_its_first_cell_and_a_hostile_name_stays_text():
    from urllib.parse import urlencode  # as app/jalan.tautan builds a place's link

    name = 'Wilayah "I"><script>alert(1)</script>'
    link = "korwil?" + urlencode({"pemilu": "pilkada-2024", "korwil": name})
    text = pd.DataFrame({"Korwil": [name, "Tanpa korwil"], "DPT": ["1.000", "2.000"]})
    html = export.to_html(text, tautan=[link, None])
    assert "<script>" not in html
    first, second = html.split("<tr>")[2:4]
    assert first.startswith(
        '<td data-kolom="Korwil"><a href="korwil?pemilu=pilkada-2024&amp;korwil=Wilayah+%22I%22%3E%3Cscript%3E'
    )
    assert 'target="_self">Wilayah &quot;I&quot;&gt;&lt;script&gt;' in first
    assert "<a " not in second and "Tanpa korwil" in second

"""Generate deterministic, SYNTHETIC sample Excel exports for the dashboard.

Nothing here is real KPU or Dispendukcapil data: the figures are invented around
a few fixed totals, and every name, NIK, NKK and DPID is fictitious. The output
depends only on ``random.Random(2024)`` and ../../reference/*.csv, so two runs
give byte-identical files.

Files written next to this script [sheet]:
1. pemilih_rekap_desa_pilkada2024.xlsx [REKAP DPT]: DPT per desa (330 rows),
   KECAMATAN merged vertically, L+P as formulas with cached values.
2. tps_pilkada2024.xlsx [DAFTAR TPS]: one row per TPS (1739 rows).
3. ktpel_per_kecamatan_2024-11-20.xlsx [PEREKAMAN KTP-EL]: KTP-el recording per
   kecamatan (24 rows), percent as Indonesian text such as "97,85%".
4. target_partisipasi_pilkada2024.xlsx [TARGET]: 2018 turnout, 2024 target (24 rows).
5. dpt_kecamatan_lumbang.xlsx [DPT LUMBANG]: per-voter DPT of Kecamatan Lumbang
   (25127 rows; per desa, TPS, L and P equal to files 1 and 2).

Exact totals: DPT 872218 = L 425106 + P 447112; 24 kecamatan, 330 desa, 1739 TPS.
Kecamatan DPT Lumbang 25127, Kuripan 23451, Leces 42583; the other 21 sum to 781057.

Planted anomalies (see PLANTED; the script prints where each one landed):
- exactly 3 TPS above 600 voters: Kraksaan 612, Paiton 605 and 631;
- the TPS list of Gending is 17 voters (L, one TPS) short of the recap; all other
  desa match the recap exactly in L and P;
- exactly 4 kecamatan below 95% KTP-el coverage: Krucil, Tiris, Lumbang, Pakuniran;
- 2018 turnout far below the rest: Lumbang 57.2, Kuripan 58.9, Leces 61.4;
- DPT Lumbang: 4 NIK appearing twice (the later row is the copy), 3 voters under
  17 on 27-11-2024 with STS KAWIN B, 2 NIK stored by Excel as numbers, 2 NIK with
  another kecamatan's code, 2 NIK whose date differs from TANGGAL LAHIR; plus two
  look-alikes that are NOT findings: a married (S) 16-year-old and a voter who
  turns 17 exactly on election day.
"""

from __future__ import annotations

import csv
import math
import random
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).parent
REF = OUT.parent.parent / "reference"
CREATED = datetime(2024, 11, 20, 14, 0)
ELECTION = date(2024, 11, 27)
PILBUP = "PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024"

DPT_TOTAL, L_TOTAL, P_TOTAL = 872218, 425106, 447112
TPS_TOTAL, TPS_MAX = 1739, 600
FIXED_DPT = {"Lumbang": 25127, "Kuripan": 23451, "Leces": 42583}
BIG_KEC = ("Kraksaan", "Paiton", "Gending", "Maron", "Dringu", "Tongas")
TURNOUT_2018_FIXED = {"Lumbang": 57.2, "Kuripan": 58.9, "Leces": 61.4}

PLANTED = {
    "tps_over_600": {"Kraksaan": [612], "Paiton": [605, 631]},
    "tps_list_short_l": {"Gending": 17},
    "ktpel_below_95": {"Krucil": 93.4, "Tiris": 94.1, "Lumbang": 94.6, "Pakuniran": 94.8},
    "dpt_lumbang": {
        "nik_duplicate": 4,
        "under_17_belum_kawin": 3,
        "nik_as_number": 2,
        "nik_wrong_kecamatan": 2,
        "nik_date_mismatch": 2,
        # look-alikes an audit must NOT flag:
        "age_16_kawin_ok": 1,
        "turns_17_on_election_day_ok": 1,
    },
}

DUSUN = (
    "KRAJAN|KRAJAN I|KRAJAN II|TENGAH|BARAT|TIMUR|UTARA|SELATAN|KIDUL|LOR|WETAN|KULON|"
    "SUMBERSARI|GUNUNGSARI|KARANGANYAR|SUKOREJO|SIDODADI|LEDOKOMBO|DURENAN|JATIREJO|PANDEAN|"
    "KEBONAN|BLIMBING|TEGALAN"
).split("|")
LAHIR_LAIN = "LUMAJANG PASURUAN JEMBER SURABAYA SITUBONDO MALANG BONDOWOSO SAMPANG BANGKALAN".split()
# Names are assembled from common pieces, so they look local but belong to nobody.
NAMES = {  # (first names, second names)
    "L": (
        "AHMAD MOH. MUHAMMAD ABDUL SLAMET SAMSUL HASAN IMAM NUR SUGENG AGUS RUDI EKO HERI ROFIQ "
        "FAISOL SAIFUL ACH.".split(),
        "HASAN SAIFUDIN ROHIM HOLIL SALEH FAUZI HIDAYAT MAKSUM SHOLEH ARIFIN ANWAR EFENDI ZAINI "
        "MAHMUD HAMDANI WAHYUDI SYAMSUDIN".split(),
    ),
    "P": (
        "SITI NUR SRI FATIMAH AMINAH HOLIFAH ROHMAH ZAINAB KHOTIJAH UMMI LAILATUL DEWI YULI ENDANG "
        "NINIK MUNAWAROH".split(),
        "AISYAH FITRIA HASANAH KHOIRIYAH MAULIDIA NURJANNAH ROHMAWATI SAFITRI SHOLIHAH WAHYUNI "
        "ZAKIYAH KHASANAH LESTARI QOMARIYAH".split(),
    ),
}
SYLLABLES = {  # single names such as SUPRIYADI or NGATINAH: (start, middle, end)
    "L": (
        "SU SA MU PU KA WA NGA SAM MIS".split(),
        "PRI NAR MAR HAR JA DI TI".split(),
        "YADI YONO TO MAN WI RI NO".split(),
    ),
    "P": (
        "SU SA MI NGA WA KAR PAR TU MIS".split(),
        "NAR MI YA LI TI".split(),
        "TI YAH NINGSIH WATI YATI NAH NA".split(),
    ),
}
KK_SIZE_WEIGHTS = [10, 24, 26, 21, 12, 7]  # voters per KK 1..6, mean ~3.2


def apportion(total, weights):
    """Split an integer total proportionally to weights (largest remainder, exact sum)."""
    raw = [total * w / sum(weights) for w in weights]
    out = [math.floor(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))[: total - sum(out)]:
        out[i] += 1
    return out


def even_split(total, n):
    base, extra = divmod(total, n)
    return [base + 1] * extra + [base] * (n - extra)


def load_reference():
    with open(REF / "kecamatan.csv", newline="", encoding="utf-8") as f:
        kec = sorted(csv.DictReader(f), key=lambda r: r["kode_kecamatan"])
    with open(REF / "desa.csv", newline="", encoding="utf-8") as f:
        desa = sorted(csv.DictReader(f), key=lambda r: r["kode_desa"])
    for k in kec:
        k["desa"] = [d for d in desa if d["kode_kecamatan"] == k["kode_kecamatan"]]
    return kec, desa


def build_pemilih(rng, kec, desa):
    """DPT, L and P per kecamatan and desa, then TPS sizes and addresses; returns planted notes."""
    others = [k for k in kec if k["kecamatan"] not in FIXED_DPT]
    while True:  # redraw until every kecamatan lands in a believable range
        w = [
            int(k["jumlah_desa"]) * rng.uniform(0.88, 1.12) * (1.2 if k["kecamatan"] in BIG_KEC else 1.0)
            for k in others
        ]
        dpt = apportion(DPT_TOTAL - sum(FIXED_DPT.values()), w)
        if all(20000 <= d <= 60000 for d in dpt):
            break
    dpt_of = {**{k["kecamatan"]: n for k, n in zip(others, dpt)}, **FIXED_DPT}
    for k in kec:
        k["dpt"] = dpt_of[k["kecamatan"]]
    while True:  # women outnumber men on the roll almost everywhere
        ls = apportion(L_TOTAL, [k["dpt"] * rng.uniform(0.478, 0.502) for k in kec])
        if all(0.475 <= l / k["dpt"] <= 0.505 for l, k in zip(ls, kec)):
            break
    for k, l in zip(kec, ls):
        k["l"], k["p"] = l, k["dpt"] - l
        dpts = apportion(k["dpt"], [rng.uniform(0.5, 1.5) for _ in k["desa"]])
        dls = apportion(l, [n * rng.uniform(0.98, 1.02) for n in dpts])
        for d, n, dl in zip(k["desa"], dpts, dls):
            d.update(dpt=n, l=dl, p=n - dl)

    # KPU rule: at most 600 voters per TPS; spare TPS go to the most crowded desa.
    for d in desa:
        d["n_tps"] = math.ceil(d["dpt"] / TPS_MAX)
    for _ in range(TPS_TOTAL - sum(d["n_tps"] for d in desa)):
        max(desa, key=lambda d: d["dpt"] / d["n_tps"])["n_tps"] += 1
    for d in desa:
        d["tps"] = even_split(d["dpt"], d["n_tps"])

    notes, by_name = [], {k["kecamatan"]: k for k in kec}
    for name, sizes in PLANTED["tps_over_600"].items():
        crowded = sorted((d for d in by_name[name]["desa"] if d["n_tps"] > 1), key=lambda d: -d["dpt"] / d["n_tps"])
        for d, size in zip(crowded, sizes):
            i = rng.randrange(d["n_tps"])
            siblings = even_split(d["dpt"] - size, d["n_tps"] - 1)  # desa total stays exact
            assert max(siblings) <= TPS_MAX
            d["tps"] = siblings[:i] + [size] + siblings[i:]
            notes.append(f"TPS {i + 1:03d} {d['desa'].upper()} ({name.upper()}): {size} pemilih")
    for d in desa:
        d["tps_l"] = apportion(d["l"], d["tps"])
        d["tps_list_l"] = list(d["tps_l"])  # L as printed in the TPS file
    for name, short in PLANTED["tps_list_short_l"].items():
        d = rng.choice(by_name[name]["desa"])
        i = rng.randrange(d["n_tps"])
        d["tps_list_l"][i] -= short
        notes.append(f"Daftar TPS {d['desa'].upper()} ({name.upper()}) TPS {i + 1:03d}: L -{short}")

    for d in desa:  # each TPS serves one dusun (lingkungan in a kelurahan) and RW
        names = rng.sample(DUSUN, rng.randint(2, 5))
        if "KRAJAN" not in names:
            names[0] = "KRAJAN"  # nearly every desa has a Dusun Krajan
        kind = "LINGKUNGAN" if d["jenis"] == "kelurahan" else "DUSUN"
        d["tps_addr"] = [
            (f"{kind} {names[i * len(names) // d['n_tps']]}", rng.randint(1, 9), i * len(names) // d["n_tps"] + 1)
            for i in range(d["n_tps"])
        ]
    return notes


def build_ktpel(rng, kec):
    low = PLANTED["ktpel_below_95"]
    rest = [k["kecamatan"] for k in kec if k["kecamatan"] not in low]
    mid = rng.sample(rest, 7)
    best = rng.choice([n for n in rest if n not in mid])
    for k in kec:
        name = k["kecamatan"]
        k["wajib"] = round(k["dpt"] * rng.uniform(1.005, 1.03))  # some wajib KTP are not on the DPT
        cov = (
            low[name]
            if name in low
            else rng.uniform(95.3, 97.8)
            if name in mid
            else 99.47
            if name == best
            else rng.uniform(98.1, 99.3)
        )
        k["sudah"] = round(k["wajib"] * cov / 100)


def build_turnout(rng, kec):
    while True:  # keep the kabupaten 2018 turnout near ~73%
        for k in kec:
            k["t2018"] = TURNOUT_2018_FIXED.get(k["kecamatan"]) or round(rng.triangular(66, 81, 77), 1)
        avg = sum(k["dpt"] * k["t2018"] for k in kec) / DPT_TOTAL
        if 72.5 <= avg <= 73.5:
            break
    high = [k["kecamatan"] for k in sorted(kec, key=lambda k: -k["t2018"])[:2]]  # stretch targets
    for k in kec:
        name = k["kecamatan"]
        k["target"] = 80.0 if name in TURNOUT_2018_FIXED else 83.5 if name in high else 82.0
    return avg


# ------------------------------------------------------------------------ DPT Lumbang
def birth_for_age(rng, age):
    """A random birth date giving exactly `age` years on election day."""
    hi = date(ELECTION.year - age, 11, 27)
    lo = date(ELECTION.year - age - 1, 11, 28)
    if age == 17:
        hi -= timedelta(days=1)  # the exact-17th-birthday voter is planted on purpose
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def draw_voter(rng, sex):
    age = rng.randint(17, 21) if rng.random() < 0.08 else 22 + int(rng.betavariate(1.4, 2.8) * 69)
    r = rng.random()
    sts = (
        ("B" if r < 0.9 else "S")
        if age <= 21
        else ("B" if r < 0.6 else "S" if r < 0.98 else "P")
        if age <= 24
        else ("S" if r < 0.92 else "B" if r < 0.97 else "P")
        if age < 60
        else ("S" if r < 0.83 else "P" if r < 0.98 else "B")
    )
    if rng.random() < 0.4:  # many older villagers carry a single Javanese/Madurese name
        nama = "".join(rng.choice(part) for part in SYLLABLES[sex])
    else:
        nama = " ".join(rng.choice(part) for part in NAMES[sex])
    return {"age": age, "born": birth_for_age(rng, age), "sts": sts, "nama": nama, "sex": sex}


def build_dpt_lumbang(rng, k):
    kec2, serials, used, voters = k["kode_kecamatan"][-2:], {}, set(), []

    def nik(code, born, sex):  # 3513 + kec + DDMMYY (women DD+40) + serial unique per prefix
        prefix = f"3513{code}{born.day + (40 if sex == 'P' else 0):02d}{born:%m%y}"
        serials[prefix] = serials.get(prefix, 0) + 1
        return f"{prefix}{serials[prefix]:04d}"

    def unique(lo, hi):
        while (v := str(rng.randint(lo, hi))) in used:
            pass
        used.add(v)
        return v

    for d in k["desa"]:
        for t, (size, l) in enumerate(zip(d["tps"], d["tps_l"])):
            sexes = ["L"] * l + ["P"] * (size - l)
            rng.shuffle(sexes)
            dusun, rt0, rw = d["tps_addr"][t]
            i = 0
            while i < size:  # household members sit together in a real export
                n = rng.choices(range(1, 7), KK_SIZE_WEIGHTS)[0]
                nkk, rt = "3513" + kec2 + unique(10**9, 10**10 - 1), max(1, rt0 + rng.randint(-2, 2))
                for sex in sexes[i : i + n]:
                    v = draw_voter(rng, sex)
                    v.update(
                        dpid=unique(10**8, 10**10 - 1),
                        nkk=nkk,
                        nik=nik(kec2, v["born"], sex),
                        lahir="PROBOLINGGO" if rng.random() < 0.88 else rng.choice(LAHIR_LAIN),
                        alamat=dusun,
                        rt=rt,
                        rw=rw,
                        desa=d["desa"].upper(),
                        tps=t + 1,
                        dis=0 if rng.random() < 0.994 else rng.randint(1, 6),
                        ktp="S" if rng.random() < 0.97 else "B",
                    )
                    voters.append(v)
                i += n
    assert len(voters) == k["dpt"]

    # Planted findings overwrite ordinary adult rows; sex, desa and TPS stay, so counts stay exact.
    adults = [i for i, v in enumerate(voters) if v["age"] >= 22]
    picks = rng.sample(adults[len(adults) // 4 :], 15)  # late rows, so a duplicate has an earlier twin
    taken, notes = set(picks), []

    def note(i, what):
        notes.append(f"baris NO {i + 1}: {voters[i]['desa']} TPS {voters[i]['tps']:03d} - {what}")

    def rebirth(i, born, sts, ktp):
        voters[i].update(born=born, sts=sts, ktp=ktp, nik=nik(kec2, born, voters[i]["sex"]))

    for j in picks[0:4]:
        i = rng.choice(
            [
                i
                for i in adults
                if i < j
                and i not in taken
                and voters[i]["sex"] == voters[j]["sex"]
                and voters[i]["desa"] != voters[j]["desa"]
            ]
        )
        taken.add(i)
        for field in ("nik", "nama", "lahir", "born", "sts"):  # same person registered twice
            voters[j][field] = voters[i][field]
        note(j, f"NIK ganda (salinan dari baris NO {i + 1})")
    for i, age in zip(picks[4:7], (16, 16, 15)):
        rebirth(i, birth_for_age(rng, age), "B", "B")
        note(i, f"umur {age}, belum kawin (TMS)")
    rebirth(picks[7], birth_for_age(rng, 16), "S", "S")
    note(picks[7], "umur 16 sudah kawin (MS, bukan temuan)")
    rebirth(picks[8], ELECTION.replace(year=ELECTION.year - 17), "B", "B")
    note(picks[8], "genap 17 tahun pada 27-11-2024 (MS, bukan temuan)")
    for i in picks[9:11]:
        voters[i]["nik_number"] = True
        note(i, "NIK tersimpan sebagai angka")
    for i in picks[11:13]:
        code = rng.choice(["01", "05", "17", "21", "22"])
        voters[i]["nik"] = nik(code, voters[i]["born"], voters[i]["sex"])
        note(i, f"kode kecamatan NIK {code}")
    for i in picks[13:15]:
        wrong = voters[i]["born"] + timedelta(days=rng.randint(40, 400))
        voters[i]["nik"] = nik(kec2, wrong, voters[i]["sex"])
        note(i, "tanggal di NIK tidak sama dengan TANGGAL LAHIR")
    return voters, notes


# ------------------------------------------------------------------------ writing
def write_book(name, sheet, titles, columns, widths, fmts, rows, merges=(), **options):
    """Write one export: merged titles, blank row, one- or two-row header, data rows.

    columns are (title, sub-titles or None); rows are (is_total, cells) where a cell is a
    value, None (blank) or (formula, cached value); fmts name each column's format;
    merges are (row1, col1, row2, col2, value, format) with rows counted from the first data row.
    """
    wb = xlsxwriter.Workbook(str(OUT / name), options)
    wb.set_properties({"created": CREATED, "title": name})
    base = {
        "title": {"bold": True, "align": "center", "font_size": 12},
        "head": {
            "bold": True,
            "align": "center",
            "valign": "vcenter",
            "border": 1,
            "text_wrap": True,
            "bg_color": "#D9E1F2",
        },
        "cell": {"border": 1},
        "center": {"border": 1, "align": "center"},
        "right": {"border": 1, "align": "right"},
        "top": {"border": 1, "valign": "top"},
        "num": {"border": 1, "num_format": "#,##0"},
        "pct": {"border": 1, "num_format": "0.0%"},
        "dec": {"border": 1, "num_format": "0.00"},
    }
    f = {k: wb.add_format(v) for k, v in base.items()}
    f.update({"tot_" + k: wb.add_format({**v, "bold": True}) for k, v in base.items()})
    ws = wb.add_worksheet(sheet)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    two_rows = any(subs for _, subs in columns)
    width, top = sum(len(subs or [0]) for _, subs in columns), len(titles) + 1
    for r, text in enumerate(titles):  # first, because constant_memory needs rows in order
        ws.merge_range(r, 0, r, width - 1, text, f["title"])
    c = 0
    for title, subs in columns:
        if subs:
            ws.merge_range(top, c, top, c + len(subs) - 1, title, f["head"])
            for j, sub in enumerate(subs):
                ws.write_string(top + 1, c + j, sub, f["head"])
        elif two_rows:
            ws.merge_range(top, c, top + 1, c, title, f["head"])
        else:
            ws.write_string(top, c, title, f["head"])
        c += len(subs or [0])
    first = r = top + 1 + two_rows
    ws.freeze_panes(first, 0)
    for is_total, cells in rows:
        for c, v in enumerate(cells):
            fmt = f[("tot_" if is_total else "") + fmts[c]] if fmts[c] else None
            if isinstance(v, tuple):
                ws.write_formula(r, c, v[0], fmt, v[1])
            else:
                ws.write(r, c, v, fmt)
        r += 1
    for r1, c1, r2, c2, v, fmt in merges:
        ws.merge_range(first + r1, c1, first + r2, c2, v, f[fmt])
    wb.close()


def write_recap(kec):
    rows, merges = [], []
    for k in kec:  # real exports merge the KECAMATAN cell over its desa rows
        merges.append((len(rows), 1, len(rows) + len(k["desa"]) - 1, 1, k["kecamatan"].upper(), "top"))
        for d in k["desa"]:
            xr = len(rows) + 7  # Excel row number; data starts on row 7
            rows.append(
                (
                    False,
                    [len(rows) + 1, None, d["desa"].upper(), d["n_tps"], d["l"], d["p"], (f"=E{xr}+F{xr}", d["dpt"])],
                )
            )
    merges.append((len(rows), 1, len(rows), 3, "JUMLAH", "tot_cell"))
    rows.append((True, [None, "JUMLAH", None, None, *(sum(k[x] for k in kec) for x in ("l", "p", "dpt"))]))
    write_book(
        "pemilih_rekap_desa_pilkada2024.xlsx",
        "REKAP DPT",
        ["REKAPITULASI DAFTAR PEMILIH TETAP (DPT)", PILBUP, "KABUPATEN PROBOLINGGO"],
        [
            ("NO", None),
            ("KECAMATAN", None),
            ("DESA/KELURAHAN", None),
            ("JUMLAH TPS", None),
            ("JUMLAH PEMILIH", ["L", "P", "L+P"]),
        ],
        [5, 18, 24, 10, 12, 12, 12],
        ["center", "top", "cell", "num", "num", "num", "num"],
        rows,
        merges,
    )


def write_tps(kec):
    rows = []
    for k in kec:
        for d in k["desa"]:
            for t, size in enumerate(d["tps"]):
                l, p = d["tps_list_l"][t], size - d["tps_l"][t]  # the Gending shortfall hits L only
                dusun, rt, rw = d["tps_addr"][t]
                rows.append(
                    (
                        False,
                        [
                            len(rows) + 1,
                            k["kecamatan"].upper(),
                            d["desa"].upper(),
                            f"{t + 1:03d}",
                            l,
                            p,
                            l + p,
                            f"{dusun} RT {rt:03d} RW {rw:03d}",
                        ],
                    )
                )
    sums = [sum(cells[c] for _, cells in rows) for c in (4, 5, 6)]
    rows.append((True, [None, "JUMLAH", None, None, *sums, None]))
    write_book(
        "tps_pilkada2024.xlsx",
        "DAFTAR TPS",
        ["DAFTAR TEMPAT PEMUNGUTAN SUARA (TPS)", PILBUP],
        [
            ("NO", None),
            ("KECAMATAN", None),
            ("DESA/KELURAHAN", None),
            ("NOMOR TPS", None),
            ("JUMLAH PEMILIH", ["L", "P", "L+P"]),
            ("ALAMAT TPS", None),
        ],
        [6, 18, 24, 8, 10, 10, 10, 36],
        ["center", "cell", "cell", "center", "num", "num", "num", "cell"],
        rows,
    )


def pct_text(num, den):
    """Percent the way Dispendukcapil sheets show it: text, comma decimal, half-up."""
    q = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{q}%".replace(".", ",")


def write_ktpel(kec):
    rows = [
        (
            False,
            [
                no,
                k["kecamatan"].upper(),
                k["wajib"],
                k["sudah"],
                k["wajib"] - k["sudah"],
                pct_text(k["sudah"], k["wajib"]),
            ],
        )
        for no, k in enumerate(kec, 1)
    ]
    wajib, sudah = sum(k["wajib"] for k in kec), sum(k["sudah"] for k in kec)
    rows.append((True, [None, "JUMLAH", wajib, sudah, wajib - sudah, pct_text(sudah, wajib)]))
    write_book(
        "ktpel_per_kecamatan_2024-11-20.xlsx",
        "PEREKAMAN KTP-EL",
        [
            "DATA PEREKAMAN KTP ELEKTRONIK PER KECAMATAN",
            "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN PROBOLINGGO",
            "KEADAAN PER 20 NOVEMBER 2024",
        ],
        [("NO", None), ("KECAMATAN", None), ("WAJIB KTP-EL", None), ("PEREKAMAN", ["SUDAH REKAM", "BELUM REKAM", "%"])],
        [5, 18, 14, 14, 14, 10],
        ["center", "cell", "num", "num", "num", "right"],
        rows,
    )


def write_target(kec, avg2018):
    # Excel keeps "57,2%" as the fraction 0.572 with a percent format; targets are plain numbers.
    rows = [
        (False, [no, k["kecamatan"].upper(), k["dpt"], round(k["t2018"] / 100, 3), k["target"]])
        for no, k in enumerate(kec, 1)
    ]
    rows.append((True, [None, "KABUPATEN PROBOLINGGO", DPT_TOTAL, round(avg2018 / 100, 6), 82.0]))
    write_book(
        "target_partisipasi_pilkada2024.xlsx",
        "TARGET",
        ["TARGET PARTISIPASI PEMILIH PILKADA 2024", "DESK PILKADA KABUPATEN PROBOLINGGO"],
        [
            (c, None)
            for c in ("NO", "KECAMATAN", "DPT 2024", "PARTISIPASI PILKADA 2018 (%)", "TARGET PARTISIPASI 2024 (%)")
        ],
        [5, 24, 12, 16, 16],
        ["center", "cell", "num", "pct", "dec"],
        rows,
    )


def write_dpt(k, voters):
    name = k["kecamatan"].upper()
    rows = (
        (
            False,
            [
                no,
                v["dpid"],
                v["nkk"],
                # what Excel does to a NIK typed into a General cell: a 15-digit float
                float(int(v["nik"]) // 10 * 10) if v.get("nik_number") else v["nik"],
                v["nama"],
                v["lahir"],
                v["born"].strftime("%d-%m-%Y"),
                v["sts"],
                v["sex"],
                v["alamat"],
                f"{v['rt']:03d}",
                f"{v['rw']:03d}",
                v["dis"],
                v["ktp"],
                name,
                v["desa"],
                v["tps"],
                None,
            ],
        )
        for no, v in enumerate(voters, 1)
    )
    columns = [
        "NO",
        "DPID",
        "NKK",
        "NIK",
        "NAMA",
        "TEMPAT LAHIR",
        "TANGGAL LAHIR",
        "STS KAWIN",
        "JENIS KELAMIN",
        "ALAMAT",
        "RT",
        "RW",
        "DISABILITAS",
        "KTP-EL",
        "KECAMATAN",
        "DESA/KELURAHAN",
        "TPS",
        "KETERANGAN",
    ]
    # constant_memory keeps 25k rows cheap; rows must then be written strictly in order.
    write_book(
        "dpt_kecamatan_lumbang.xlsx",
        f"DPT {name}",
        ["DAFTAR PEMILIH TETAP (DPT)", PILBUP, f"KECAMATAN {name}"],
        [(c, None) for c in columns],
        [7, 12, 19, 19, 28, 14, 12, 6, 6, 22, 5, 5, 6, 6, 12, 16, 5, 12],
        [None] * len(columns),
        rows,
        constant_memory=True,
    )


# Inventarisasi permasalahan: what camat and OPD reported in the weeks before election
# day, as a desk-pilkada sheet. Open problems of severity Tinggi sit only in kecamatan that are
# already not ready for other reasons, so the sample's status counts stay 8 / 13 / 3.
MASALAH = [
    # kecamatan, desa, TPS, kategori, uraian, pelapor, tanggal, tingkat, status, tindak lanjut
    (
        "TIRIS",
        "Andungbiru",
        "",
        "Logistik",
        "Akses jalan ke Dusun Krajan longsor; kotak suara harus dipikul 3 km",
        "Camat Tiris",
        "05-11-2024",
        "Tinggi",
        "Ditangani",
        "BPBD dan Koramil menyiapkan jalur alternatif",
    ),
    (
        "TIRIS",
        "Tlogoargo",
        "4",
        "Sarana TPS",
        "Lokasi TPS 4 belum ada listrik untuk penerangan penghitungan suara",
        "PPS Tlogoargo",
        "12-11-2024",
        "Sedang",
        "Baru",
        "",
    ),
    (
        "KRUCIL",
        "Roto",
        "",
        "KTP-el",
        "Sekitar 120 warga wajib KTP-el di Dusun Roto belum merekam (perantau)",
        "Dispendukcapil",
        "04-11-2024",
        "Tinggi",
        "Ditangani",
        "Perekaman keliling dijadwalkan 16 November",
    ),
    (
        "KRUCIL",
        "",
        "",
        "Pemilih/DPT",
        "Pemilih meninggal masih tercantum di DPT beberapa desa",
        "Camat Krucil",
        "08-11-2024",
        "Sedang",
        "Selesai",
        "Sudah dicoret PPS dan dilaporkan ke PPK",
    ),
    (
        "LUMBANG",
        "Sapih",
        "2",
        "Logistik",
        "Jumlah surat suara TPS 2 Desa Sapih kurang 15 lembar dari DPT + 2,5%",
        "PPK Lumbang",
        "20-11-2024",
        "Tinggi",
        "Baru",
        "",
    ),
    (
        "LUMBANG",
        "",
        "",
        "Netralitas ASN",
        "Kepala sekolah diduga ikut kampanye salah satu pasangan calon",
        "Panwascam Lumbang",
        "11-11-2024",
        "Tinggi",
        "Ditangani",
        "Diteruskan ke BKPSDM dan Bawaslu",
    ),
    (
        "KURIPAN",
        "Jatisari",
        "",
        "Keamanan/trantibmas",
        "Baliho pasangan calon dirusak di pertigaan Jatisari",
        "Polsek Kuripan",
        "09-11-2024",
        "Sedang",
        "Selesai",
        "Pelaku dimediasi, baliho diganti",
    ),
    (
        "KURIPAN",
        "",
        "",
        "Pemilih/DPT",
        "Pemilih pindah domisili belum terdata di DPTb",
        "Camat Kuripan",
        "18-11-2024",
        "Rendah",
        "Baru",
        "",
    ),
    (
        "LECES",
        "Tigasan Wetan",
        "",
        "Keamanan/trantibmas",
        "Potensi gesekan pendukung saat kampanye akbar di lapangan Leces",
        "Bakesbangpol",
        "14-11-2024",
        "Tinggi",
        "Ditangani",
        "Pengamanan gabungan Polres dan Satpol PP",
    ),
    (
        "PAKUNIRAN",
        "Ranon",
        "7",
        "Sarana TPS",
        "TPS 7 Ranon di halaman rumah warga tanpa akses kursi roda",
        "PPS Ranon",
        "13-11-2024",
        "Sedang",
        "Ditangani",
        "TPS dipindah ke balai desa",
    ),
    (
        "KRAKSAAN",
        "Semampir",
        "",
        "Logistik",
        "Gudang logistik PPK Kraksaan bocor saat hujan",
        "Camat Kraksaan",
        "06-11-2024",
        "Tinggi",
        "Selesai",
        "Atap diperbaiki DPUPR; logistik dipindah",
    ),
    (
        "KRAKSAAN",
        "Patokan",
        "",
        "Lainnya",
        "Sosialisasi pemilih pemula di SMA belum menjangkau semua sekolah",
        "Dispendik",
        "15-11-2024",
        "Rendah",
        "Baru",
        "",
    ),
    (
        "GENDING",
        "Klaseman",
        "",
        "Pemilih/DPT",
        "Selisih DPT rekap dan daftar TPS 17 pemilih di Desa Klaseman",
        "Bagian Pemerintahan",
        "19-11-2024",
        "Sedang",
        "Ditangani",
        "Dicocokkan bersama PPK Gending",
    ),
    (
        "SUKAPURA",
        "Ngadisari",
        "",
        "Lainnya",
        "Upacara adat Kasada dekat hari pemungutan; perlu penyesuaian jam TPS",
        "Camat Sukapura",
        "07-11-2024",
        "Sedang",
        "Baru",
        "",
    ),
    (
        "BESUK",
        "Alasnyiur",
        "",
        "Sarana TPS",
        "Tenda TPS untuk dua TPS belum tersedia",
        "PPS Alasnyiur",
        "18-11-2024",
        "Rendah",
        "Ditangani",
        "Dipinjamkan kecamatan",
    ),
    (
        "TONGAS",
        "Bayeman",
        "",
        "Keamanan/trantibmas",
        "Banjir rob berpotensi menggenangi TPS di Dusun Pesisir",
        "BPBD",
        "10-11-2024",
        "Tinggi",
        "Selesai",
        "TPS dipindah ke gedung SD",
    ),
    (
        "SUMBERASIH",
        "",
        "",
        "Netralitas ASN",
        "Unggahan media sosial pegawai kecamatan mendukung pasangan calon",
        "Inspektorat",
        "12-11-2024",
        "Sedang",
        "Selesai",
        "Pegawai dipanggil dan diberi teguran",
    ),
    (
        "DRINGU",
        "",
        "",
        "Logistik",
        "Distribusi formulir C pemberitahuan belum merata ke semua desa",
        "Camat Dringu",
        "21-11-2024",
        "Sedang",
        "Baru",
        "",
    ),
    (
        "MARON",
        "Brabe",
        "",
        "KTP-el",
        "Blangko KTP-el habis di kecamatan; warga diberi Suket",
        "Camat Maron",
        "16-11-2024",
        "Sedang",
        "Ditangani",
        "Dispendukcapil mengirim 500 blangko",
    ),
    (
        "BANYUANYAR",
        "",
        "",
        "Pemilih/DPT",
        "Pemilih disabilitas belum seluruhnya terdata jenis disabilitasnya",
        "Dinsos",
        "17-11-2024",
        "Rendah",
        "Baru",
        "",
    ),
]


def write_masalah():
    rows = [(False, [no, *m]) for no, m in enumerate(MASALAH, 1)]
    write_book(
        "permasalahan_pilkada2024.xlsx",
        "PERMASALAHAN",
        ["INVENTARISASI PERMASALAHAN PILKADA 2024", "DESK PILKADA KABUPATEN PROBOLINGGO"],
        [
            (c, None)
            for c in (
                "NO",
                "KECAMATAN",
                "DESA/KELURAHAN",
                "TPS",
                "KATEGORI",
                "URAIAN PERMASALAHAN",
                "PELAPOR",
                "TANGGAL",
                "TINGKAT",
                "STATUS",
                "TINDAK LANJUT",
            )
        ],
        [5, 14, 16, 6, 18, 60, 20, 12, 9, 11, 44],
        ["center", "top", "top", "center", "top", "top", "top", "center", "top", "top", "top"],
        rows,
    )


def main():
    rng = random.Random(2024)
    kec, desa = load_reference()
    notes = build_pemilih(rng, kec, desa)
    build_ktpel(rng, kec)
    avg2018 = build_turnout(rng, kec)
    lumbang = next(k for k in kec if k["kecamatan"] == "Lumbang")
    voters, dpt_notes = build_dpt_lumbang(rng, lumbang)
    assert len(desa) == 330 and sum(d["n_tps"] for d in desa) == TPS_TOTAL
    assert [sum(d[x] for d in desa) for x in ("dpt", "l", "p")] == [DPT_TOTAL, L_TOTAL, P_TOTAL]

    write_recap(kec)
    write_tps(kec)
    write_ktpel(kec)
    write_target(kec, avg2018)
    write_dpt(lumbang, voters)
    write_masalah()
    print(f"DPT {DPT_TOTAL} (L {L_TOTAL}, P {P_TOTAL}), {TPS_TOTAL} TPS, DPT Lumbang {len(voters)} baris")
    for line in notes + dpt_notes:
        print("  planted:", line)


if __name__ == "__main__":
    main()

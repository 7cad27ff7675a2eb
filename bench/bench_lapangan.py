"""The phones' report path (/lapangan/, plain HTTP) under election-morning load: does every report
arrive once and unchanged, fast, while the desk's Hari Pemungutan page keeps answering?

One real server, started the way deploy starts it (`uvicorn server:app` on 127.0.0.1: the dashboard
and /lapangan/ in one process, one writer of the reports' file), on a fresh demo database with one
`pelapor` account per TPS (REPORTERS, the demo's 1.739 by default), each limited to its TPS's desa.
The accounts are written in bulk straight into the small-records store with one argon2id hash shared
by all (hashing 1.739 passwords one by one would take minutes and measures nothing here); the store's
own login (throttling, argon2id check, session) runs for every reporter through /lapangan/masuk.

Load generator: asyncio + httpx2 on loopback, at most CONNECTIONS requests in flight (a semaphore).
1. every reporter logs in (POST /lapangan/masuk), all at once;
2. all open the form (GET /lapangan/) within the same minute (each at a random second of it,
   `--minute 0`: all at the same instant) and send the four stages one after the other (POST /lapangan/kirim, Accept JSON; L/P on the last two); RESUBMIT % of them send one stage
   a second time with the same submission id (a retry after a lost answer), DROP % send one stage on a
   raw socket and close it right after the request is written, without reading the answer, then send
   it again; latency = one POST until its answer (after the server's commit);
3. meanwhile one Chromium (Playwright), logged in as a pimpinan on the dashboard, opens the Hari
   Pemungutan page every few seconds (sidebar click until drawn, as bench_lapor.py's reader).
4. half-way through the second wave, `python -m readiness backup` runs as a separate process against
   the running server's data, as an admin runs it (bench/lapangan_cadangan.py; `--tanpa-cadangan`:
   not).
Afterwards the server is stopped and the reports' file is read back: every report sent is compared
field by field with the row stored (lost, doubled, changed). The backup is restored into a fresh
folder and compared with the final stores (every restored report as stored, none missing before the
last one restored, every report acknowledged before the backup started in it; users, problems and
`report --level kecamatan` the same), and the comparison is shown to fail with one report deleted.

Bounded: loopback only, REPORTERS x 4 reports, every request has a timeout (60 s). Writes its section
of bench/RESULTS.md (`--no-write` for a trial). Never part of the test suite.
Usage: .venv/bin/python bench/bench_lapangan.py [--reporters 1739] [--connections 200] [--tanpa-cadangan]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_lapor  # noqa: E402  (its reader of the Hari Pemungutan page, percentiles, machine line)
import httpx2 as httpx  # noqa: E402
import lapangan_cadangan  # noqa: E402  (the backup during a wave, its restore and comparison)
import results  # noqa: E402

from readiness import catatan, cli, db, fmt, lapor, pengguna, privacy  # noqa: E402

STAGES = list(lapor.TAHAP)


def _jam_tahap() -> dict[str, str]:
    """The time each stage is reported as: the form refuses a time that has not yet come today, so
    the stages lie in the last quarter hour before the run, in order (at 00.05 they all read 00.00)."""
    now = dt.datetime.now()
    stages = ("logistik_tiba", "tps_dibuka", "pemungutan_selesai", "penghitungan_selesai")
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        t: max(midnight, now - dt.timedelta(minutes=5 * (len(stages) - 1 - i) + 1)).strftime("%H:%M")
        for i, t in enumerate(stages)
    }


JAM = _jam_tahap()
RESUBMIT, DROP = 0.10, 0.05
TIMEOUT = 60.0
# Logins in flight at once: each is an argon2id check (64 MiB, deliberately slow); the phones log in
# over the minutes before 07.00 with a 12-hour session, the peak is the reports.
LOGIN_SEKALIGUS = 16


def accounts(db_path: Path, daftar: lapor.DaftarTps, n: int) -> list[dict]:
    """n pelapor accounts, one per TPS (its desa as area), and the pimpinan reader, in one write."""
    tps = list(daftar.frame.itertuples(index=False))[:n]
    sandi_hash = pengguna.hash_sandi(bench_lapor.SANDI)
    now = catatan.sekarang()
    rows = [(f"p{i:04d}", "pelapor", t.kode_desa, sandi_hash, now, now) for i, t in enumerate(tps)]
    rows.append((bench_lapor.PEMANTAU, "pimpinan", None, sandi_hash, now, now))
    with catatan.tulis(db_path) as con:
        con.executemany(
            "insert into pengguna (nama, peran, wilayah, sandi_hash, dibuat, diubah) values (?, ?, ?, ?, ?, ?)", rows
        )
    return [
        {
            "nama": r[0],
            "tps": f"{t.kode_desa}-{t.no_tps}",
            "desa": t.kode_desa,
            "no": t.no_tps,
            "ip": f"10.8.{i // 250}.{i % 250 + 1}",
        }
        for i, (r, t) in enumerate(zip(rows, tps))
    ]


def start(db_path: Path, log: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, READINESS_DB=str(db_path))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "server:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"{url}/lapangan/sehat", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("server did not start")


def _cookie(r: dict) -> str:
    return f"lapangan_sesi={r['sesi']}; lapangan_csrf={r['csrf']}"


async def login(client, sem, r: dict, out: list) -> None:
    async with sem:
        g = await client.get("/lapangan/")
        r["csrf"] = g.cookies["lapangan_csrf"]
        t0 = time.perf_counter()
        p = await client.post(
            "/lapangan/masuk",
            data={"nama": r["nama"], "sandi": bench_lapor.SANDI, "csrf": r["csrf"]},
            # Each phone has its own address, as the proxy in front forwards it (the login throttling
            # counts failures per address; all from one address would be one very busy phone).
            headers={"Cookie": f"lapangan_csrf={r['csrf']}", "X-Forwarded-For": r["ip"]},
        )
        out.append(time.perf_counter() - t0)
        if p.status_code != 303:
            raise RuntimeError(f"login {r['nama']}: {p.status_code} {p.text[-300:]}")
        r["sesi"], r["csrf"] = p.cookies["lapangan_sesi"], p.cookies["lapangan_csrf"]


def _isi(r: dict, tahap: str) -> dict:
    data = {"csrf": r["csrf"], "tps": r["tps"], "tahap": tahap, "jam": JAM[tahap], "kirim_id": f"b-{r['nama']}-{tahap}"}
    if tahap in lapor.TAHAP_HADIR:
        data["hadir_l"], data["hadir_p"] = str(r["l"] + STAGES.index(tahap)), str(r["p"])
    return data


async def putus(url: str, r: dict, data: dict) -> None:
    """Write a whole POST on a raw connection, then close it without reading the answer."""
    host, port = url.removeprefix("http://").split(":")
    body = urllib.parse.urlencode(data).encode()
    head = (
        f"POST /lapangan/kirim HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: {_cookie(r)}\r\n\r\n"
    ).encode()
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(head + body)
    await writer.drain()
    await asyncio.sleep(0.005)
    writer.transport.abort()


async def kirim_tahap(client, sem, url: str, r: dict, tahap: str, lat: list, tally: dict, jejak: dict) -> None:
    """One stage of one reporter: the POST (after a dropped connection for DROP %), busy answers sent
    again as the phone's script does, and the resubmission with the same id for RESUBMIT %. `jejak`:
    each POST's start and end ("kapan"), each answer 'stored' with its time and id ("diakui")."""
    data = _isi(r, tahap)
    async with sem:
        if r["putus"] == tahap:
            await putus(url, r, data)
            tally["putus"] += 1
        for _ in range(5):  # as the phone's script: a busy answer (503) is sent again after a pause
            t0 = time.perf_counter()
            p = await client.post(
                "/lapangan/kirim", data=data, headers={"Cookie": _cookie(r), "Accept": "application/json"}
            )
            lat.append(time.perf_counter() - t0)
            jejak["kapan"].append((t0, t0 + lat[-1]))
            if p.status_code != 503:
                break
            tally["sibuk"] += 1
            await asyncio.sleep(2)
    if p.status_code != 200:
        tally["galat"] += 1
        print("galat", r["nama"], tahap, p.status_code, p.text[:200])
        return
    tally["baru" if p.json()["status"] == "baru" else "ganda"] += 1
    jejak["diakui"].append((time.perf_counter(), data["kirim_id"]))
    if r["ulang"] == tahap:
        async with sem:
            q = await client.post(
                "/lapangan/kirim", data=data, headers={"Cookie": _cookie(r), "Accept": "application/json"}
            )
        tally["ulang"] += 1
        tally["ulang_dikenali"] += q.status_code == 200 and q.json()["status"] == "ganda"


async def buka_formulir(client, sem, r: dict, tally: dict) -> None:
    async with sem:
        g = await client.get("/lapangan/", headers={"Cookie": _cookie(r)})
        if g.status_code != 200 or "Kirim laporan" not in g.text:
            tally["form_salah"] += 1


async def reporter(client, sem, url: str, r: dict, lat: list, tally: dict, jejak: dict) -> None:
    """--serentak: the form opened at a random second of the minute, then all four stages at once."""
    await asyncio.sleep(r["mulai"])
    await buka_formulir(client, sem, r, tally)
    for tahap in STAGES:
        await kirim_tahap(client, sem, url, r, tahap, lat, tally, jejak)


async def gelombang(
    client, sem, url: str, r: dict, tahap: str, mulai: float, lat: list, tally: dict, jejak: dict
) -> None:
    """One wave: the reporter opens the form at a random second of the wave's minute and sends that stage."""
    await asyncio.sleep(mulai)
    await buka_formulir(client, sem, r, tally)
    await kirim_tahap(client, sem, url, r, tahap, lat, tally, jejak)


async def drive(
    url: str, rs: list[dict], connections: int, serentak: bool, detik: float, cadangan: dict | None
) -> dict:
    """The run; `cadangan` (db_path, kunci, arsip), unless None: the backup command half-way through
    the second wave (--serentak: half-way through the minute)."""
    from playwright.async_api import async_playwright

    sem = asyncio.Semaphore(connections)
    # A kept connection is dropped by the client before the server's keep-alive timeout (uvicorn:
    # 5 s) closes it: between waves, a reused but already closed connection would fail a request.
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections, keepalive_expiry=3.0)
    out = {
        "login": [],
        "lat": [],
        "hari_h": [],
        "gelombang": [],
        "jejak": {"kapan": [], "diakui": []},
        "cadangan": None,
        "tally": dict.fromkeys(
            ["baru", "ganda", "galat", "ulang", "ulang_dikenali", "putus", "form_salah", "sibuk"], 0
        ),
    }
    async with async_playwright() as p, httpx.AsyncClient(base_url=url, limits=limits, timeout=TIMEOUT) as client:
        browser = await p.chromium.launch(executable_path=bench_lapor.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        stop, ready = asyncio.Event(), asyncio.Event()
        reader = asyncio.create_task(bench_lapor._reader(browser, url, stop, ready, out["hari_h"]))
        await ready.wait()
        t0 = time.perf_counter()
        masuk_sem = asyncio.Semaphore(LOGIN_SEKALIGUS)
        await asyncio.gather(*(login(client, masuk_sem, r, out["login"]) for r in rs if "sesi" not in r))
        print(f"logins: {len(out['login'])} in {time.perf_counter() - t0:.1f} s", flush=True)
        out["login_wall"] = time.perf_counter() - t0
        await asyncio.sleep(8)  # the reader logged in and on its loop
        print("reports…", flush=True)
        out["hari_h_awal"] = len(out["hari_h"])  # the reader's loads before the reports: while logins ran
        t0, jejak = time.perf_counter(), out["jejak"]
        if serentak:
            tugas = cadangan and asyncio.create_task(lapangan_cadangan.cadangkan(**cadangan, tunda=detik / 2))
            await asyncio.gather(*(reporter(client, sem, url, r, out["lat"], out["tally"], jejak) for r in rs))
            out["cadangan"] = tugas and await tugas
        else:
            rng = random.Random(11)
            for i, tahap in enumerate(STAGES):  # hours apart on the day: one after the other here
                lat, baca0, w0 = [], len(out["hari_h"]), time.perf_counter()
                tugas = (
                    cadangan
                    and i == 1
                    and asyncio.create_task(lapangan_cadangan.cadangkan(**cadangan, tunda=detik / 2))
                )
                await asyncio.gather(
                    *(
                        gelombang(client, sem, url, r, tahap, rng.uniform(0, detik), lat, out["tally"], jejak)
                        for r in rs
                    )
                )
                if tugas:
                    out["cadangan"] = await tugas
                out["lat"] += lat
                out["gelombang"].append((tahap, lat, time.perf_counter() - w0, out["hari_h"][baca0:]))
                print(f"wave {tahap}: {len(lat)} in {time.perf_counter() - w0:.1f} s", flush=True)
        out["wall"] = time.perf_counter() - t0
        out["load"] = os.getloadavg()
        stop.set()
        await reader
        await browser.close()
    return out


def compare(db_path: Path, rs: list[dict]) -> dict:
    """Every report sent against the row stored: lost, doubled, changed."""
    con = lapor.baca_saja(lapor.lapor_path(db_path))
    rows = con.execute(
        "select kirim_id, pelapor, kode_desa, no_tps, tahap, strftime(waktu, '%H:%M'), hadir_l, hadir_p, sumber "
        "from laporan"
    ).fetchall()
    con.close()
    stored: dict[str, list] = {}
    for row in rows:
        stored.setdefault((row[1], row[4]), []).append(row)
    lost = doubled = changed = 0
    per = {tahap: [0, 0, 0] for tahap in STAGES}  # lost, doubled, changed per stage (wave)
    for r in rs:
        for tahap in STAGES:
            d = _isi(r, tahap)
            want = (
                d["kirim_id"],
                r["nama"],
                r["desa"],
                r["no"],
                tahap,
                JAM[tahap],
                int(d["hadir_l"]) if "hadir_l" in d else None,
                int(d["hadir_p"]) if "hadir_p" in d else None,
                "lapangan",
            )
            got = stored.get((r["nama"], tahap), [])
            salah = (not got, max(0, len(got) - 1), bool(got) and tuple(got[0]) != want)
            lost, doubled, changed = lost + salah[0], doubled + salah[1], changed + salah[2]
            per[tahap] = [a + b for a, b in zip(per[tahap], salah)]
    return {
        "stored": len(rows),
        "expected": 4 * len(rs),
        "lost": lost,
        "doubled": doubled,
        "changed": changed,
        "per": per,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reporters", type=int, default=1739)
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument(
        "--gelombang-detik",
        "--minute",
        dest="minute",
        type=float,
        default=60.0,
        help="every reporter opens the form within these seconds (each wave; --serentak: the one minute)",
    )
    ap.add_argument(
        "--serentak",
        action="store_true",
        help="stress figure: all four stages of every reporter in one minute instead of four waves",
    )
    ap.add_argument("--logins", type=int, default=50, help="reporters who log in through /lapangan/masuk")
    ap.add_argument(
        "--tanpa-cadangan",
        action="store_true",
        help="no backup in the middle of the second wave (nor its restore and comparison)",
    )
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    t_all = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="bench-lapangan-"))
    try:
        kunci = tmp / "kunci" / "kunci"
        os.environ[privacy.ENV_KEY] = str(kunci)
        db_path = tmp / "data" / "readiness.duckdb"
        db_path.parent.mkdir()
        assert cli.main(["demo", "--db", str(db_path)]) == 0
        con = db.open_read_only(db_path)
        daftar = lapor.DaftarTps.dari_db(con, bench_lapor.E)
        con.close()
        t0 = time.perf_counter()
        rs = accounts(db_path, daftar, args.reporters)
        t_accounts = time.perf_counter() - t0
        rng = random.Random(7)
        for r in rs:
            r["l"], r["p"] = rng.randint(80, 250), rng.randint(80, 250)
            r["ulang"] = rng.choice(STAGES) if rng.random() < RESUBMIT else None
            r["putus"] = rng.choice(STAGES) if rng.random() < DROP else None
            r["mulai"] = rng.uniform(0, args.minute)
        # Phones log in once before the morning (a 12-hour session): LOGINS of them log in through
        # /lapangan/masuk during the run, the others' sessions are opened beforehand in the store
        # (pengguna.buka_sesi: the session a login opens, without 1.739 argon2id checks).
        t0 = time.perf_counter()
        for r in rs[args.logins :]:
            r["sesi"], r["csrf"] = pengguna.buka_sesi(db_path, r["nama"]), secrets.token_urlsafe(24)
        t_sesi = time.perf_counter() - t0
        proc, url = start(db_path, tmp / "server.log")
        try:
            arsip = tmp / "cadangan" / "dasbor.tar"
            arsip.parent.mkdir()
            cadangan = None if args.tanpa_cadangan else {"db_path": db_path, "kunci": kunci, "arsip": arsip}
            out = asyncio.run(drive(url, rs, args.connections, args.serentak, args.minute, cadangan))
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        cmp_ = compare(db_path, rs)
        if out["cadangan"]:
            out["cadangan"].update(lapangan_cadangan.periksa_cadangan(db_path, kunci, arsip, tmp, out))
        report(args, out, cmp_, t_accounts, t_sesi, time.perf_counter() - t_all)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def out_sesi(args) -> range:
    return range(max(0, args.reporters - args.logins))


def report(args, out: dict, c: dict, t_accounts: float, t_sesi: float, t_all: float) -> None:
    pct, ms = bench_lapor.pct, bench_lapor.ms
    lat, t = out["lat"], out["tally"]
    awal, selama = out["hari_h"][: out["hari_h_awal"]], out["hari_h"][out["hari_h_awal"] :]
    la = out["load"]
    lines = [
        f"## Lapor lapangan (/lapangan/, plain HTTP): {fmt.angka(args.reporters)} reporters x 4 stages"
        + (" at once (--serentak, stress figure)" if args.serentak else ", four waves"),
        "",
        f"`bench/bench_lapangan.py`, {dt.datetime.now():%Y-%m-%d %H:%M}; {bench_lapor._machine()}; load average at "
        f"the end of the submissions {la[0]:.1f} / {la[1]:.1f} / {la[2]:.1f}. Whole run {fmt.angka(t_all, 0)} s. "
        f"One `uvicorn server:app` process (dashboard and /lapangan/ together), loopback, asyncio + httpx2 with at "
        f"most {args.connections} requests in flight; {fmt.angka(args.reporters)} `pelapor` accounts (one per TPS, "
        f"area = its desa, each phone its own address in X-Forwarded-For as the proxy sends it) written in bulk in {fmt.angka(t_accounts, 1)} s with one shared argon2id hash.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| logins through /lapangan/masuk (argon2id check, throttling, session), {LOGIN_SEKALIGUS} at a time | "
        f"{fmt.angka(len(out['login']))} in {fmt.angka(out['login_wall'], 1)} s; p50 {ms(pct(out['login'], 50))}, "
        f"p95 {ms(pct(out['login'], 95))} |",
        f"| sessions of the other reporters opened beforehand in the store (pengguna.buka_sesi) | "
        f"{fmt.angka(len(out_sesi(args)))} in {fmt.angka(t_sesi, 1)} s |",
        f"| reports expected / stored | {fmt.angka(c['expected'])} / {fmt.angka(c['stored'])} |",
        f"| lost / doubled / stored different from what was sent | {c['lost']} / {c['doubled']} / {c['changed']} |",
        f"| resubmissions with the same id (10 %) sent / recognised, not stored | {t['ulang']} / {t['ulang_dikenali']} |",
        f"| connections dropped after the request was written (5 %), then sent again | {t['putus']} "
        f"(answered as already stored: {t['ganda']}) |",
        f"| answered 'busy' (503) and sent again 2 s later, as the phone's script does | {t['sibuk']} |",
        f"| refused or failed submissions (after those retries) | {t['galat']} |",
        f"| submissions (POST until the answer after the commit) | {fmt.angka(len(lat))} in "
        f"{fmt.angka(out['wall'], 1)} s ({fmt.angka(len(lat) / out['wall'], 0)} reports/s); "
        + (
            f"every reporter opens the form at a random second of the same {fmt.angka(args.minute, 0)} s, then "
            "sends its 4 stages one after the other |"
            if args.serentak
            else f"four waves, one per stage (hours apart on the day, one after the other here): in each, every "
            f"reporter opens the form at a random second of the same {fmt.angka(args.minute, 0)} s and sends "
            "that stage |"
        ),
        f"| submission latency p50 / p95 / p99 / max | {ms(pct(lat, 50))} / {ms(pct(lat, 95))} / {ms(pct(lat, 99))} "
        f"/ {ms(max(lat) if lat else float('nan'))} |",
        f"| Hari Pemungutan opened by a logged-in reader in Chromium while the reports came in (sidebar click "
        f"until drawn) | {len(selama)} times, p50 {ms(pct(selama, 50))}, max "
        f"{ms(max(selama) if selama else float('nan'))} |",
        f"| the same reader before the reports, while the reporters logged in (its first opening of the page on "
        f"the fresh server, beside {LOGIN_SEKALIGUS} argon2id checks at a time) | {len(awal)} times, max "
        f"{ms(max(awal) if awal else float('nan'))} |",
        "",
        "Targets: 0 lost, 0 doubled, every stored report as sent; submission p95 < 300 ms and p99 < 1 s; Hari "
        "Pemungutan < 2 s for a reader during the run. Compare the Streamlit Lapor page end to end (section "
        "above): 0,87 reports/s with 20 browser sessions.",
    ]
    for tahap, wl, wall, baca in out["gelombang"]:
        per = c["per"][tahap]
        lines.insert(
            -2,
            f"| wave `{tahap}`: {fmt.angka(len(wl))} submissions in {fmt.angka(wall, 1)} s "
            f"({fmt.angka(len(wl) / max(args.minute, 1), 0)} reports/s offered); p50 / p95 / p99; lost / doubled / "
            f"changed; Hari Pemungutan p50 / max | {ms(pct(wl, 50))} / {ms(pct(wl, 95))} / {ms(pct(wl, 99))}; "
            f"{per[0]} / {per[1]} / {per[2]}; {ms(pct(baca, 50))} / {ms(max(baca) if baca else float('nan'))} |",
        )
    for line in lapangan_cadangan.baris_cadangan(args, out, STAGES[1]):
        lines.insert(-2, line)
    p95, p99 = pct(lat, 95), pct(lat, 99)
    hh = max(selama) if selama else float("nan")
    ok = c["lost"] == c["doubled"] == c["changed"] == 0 and c["stored"] == c["expected"]
    lines += [
        "",
        f"This run: every report stored once and as sent **{'met' if ok else 'NOT met'}**; p95 < 300 ms "
        f"**{'met' if p95 < 0.3 else 'NOT met'}**, p99 < 1 s **{'met' if p99 < 1 else 'NOT met'}**; Hari Pemungutan "
        f"< 2 s **{'met' if hh < 2 else 'NOT met'}**. Latencies above a few ms are queueing: the reporters offered "
        f"{fmt.angka(len(lat) / max(args.minute, 1) / (1 if args.serentak else 4), 0)} reports/s for a minute against the "
        f"{fmt.angka(len(lat) / out['wall'], 0)} reports/s the server held here, on 2 CPU shared with the load "
        "generator, the reader's Chromium and the other users of the machine (load average above); to be re-run on "
        "a quiet machine.",
    ]
    if out["cadangan"]:
        lines[-1] += (
            f" Backup during the load restored equal to the source **{'met' if lapangan_cadangan.pulih_sama(out) else 'NOT met'}**."
        )
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        results.write_section("lapangan", text)


if __name__ == "__main__":
    main()

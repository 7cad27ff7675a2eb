"""Presentasi in Chromium against a real `streamlit run`: every slide at 1920x1080 and 1024x768 fits
the screen (no scrolling, nothing spilling out of the slide, nothing of a slide's content under its
footer or where the control bar is), a list longer than a slide continues on the next slide,
body text is at least 28 px at 1920x1080, the control bar hides itself while the slide shows and
comes back on a mouse move, the keyboard and auto-advance move the slide and the URL, a refresh
keeps the place, and the PPTX/PDF buttons give the same deck. Screenshots of every slide land in
screenshots/.

The footer's data date and disclaimer are checked whole and visible on every slide at both sizes,
with the sample's election name and with a long one and the longest date, all in the font the app
ships (assets/fonts), whatever fonts the machine has. That second installation also has smaller
TPS (500 pemilih), so every kecamatan is short of TPS and its reasons run to three lines."""

import io
import time

import pytest
from playwright.sync_api import expect
from pptx import Presentation
from pypdf import PdfReader

from readiness import db
from tests.e2e.conftest import demo_database, screenshot, start_server

SLIDES = 13  # the last: open problems of the sample inventory
DISCLAIMER = "Data pemantauan internal — bukan hasil resmi KPU"
NAMA_PANJANG = "Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati Serentak Tahun 2024"
DATA_PER_PANJANG = "Data per 30 September 2026 23.59 WIB"
# The fonts loaded and two frames drawn since the slide came: its layout is final.
SETTLED = "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
FITS = r"""() => {
  const out = {problems: []};
  const se = document.scrollingElement;
  if (se.scrollHeight > innerHeight) out.problems.push(`page scrolls down: ${se.scrollHeight} > ${innerHeight}`);
  if (se.scrollWidth > innerWidth) out.problems.push(`page scrolls sideways: ${se.scrollWidth} > ${innerWidth}`);
  for (const el of document.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (['auto', 'scroll'].includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1)
      out.problems.push('scrollbar in ' + (el.dataset.testid || el.className));
    if (['auto', 'scroll'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1)
      out.problems.push('sideways scrollbar in ' + (el.dataset.testid || el.className));
  }
  const slide = document.querySelector('.rakor-slide');
  const box = slide.getBoundingClientRect();
  const bar = document.querySelector('.st-key-rakor_kendali').getBoundingClientRect();
  if (box.top < 0 || box.left < 0 || box.right > innerWidth + 0.5 || box.bottom > bar.top + 0.5)
    out.problems.push(`slide outside the screen: ${JSON.stringify(box)}`);
  for (const el of slide.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      out.problems.push('spills out of the slide: ' + el.className + ' ' + el.textContent.slice(0, 40));
  }
  const isi = slide.querySelector('.rakor-isi');
  if (isi.scrollHeight > isi.clientHeight + 1 || isi.scrollWidth > isi.clientWidth + 1)
    out.problems.push(`content larger than its area: ${isi.scrollHeight} > ${isi.clientHeight}`);
  // Nothing of the slide but its footer lies under the footer, or where the control bar is (shown
  // or hidden: it comes back on a mouse move).
  const kaki = slide.querySelector('.rakor-kaki').getBoundingClientRect();
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  for (const el of slide.querySelectorAll('*')) {
    if (el.closest('.rakor-kaki')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const what = el.className + ' ' + el.textContent.slice(0, 40);
    if (meets(r, kaki)) out.problems.push(`under the footer: ${what} (${Math.round(r.bottom)} > ${Math.round(kaki.top)})`);
    if (meets(r, bar)) out.problems.push(`under the control bar: ${what} (${Math.round(r.bottom)} > ${Math.round(bar.top)})`);
  }
  out.teks = slide.innerText;
  // The data date and the disclaimer: whole, every line of them on the screen above the control bar,
  // inside every box that clips (overflow hidden, text-overflow: ellipsis), and on top of the page.
  const kakiEl = slide.querySelector('.rakor-kaki');
  const find = (pattern) => {
    const walker = document.createTreeWalker(kakiEl, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const m = node.textContent.match(pattern);
      if (!m) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      return [m[0], range, node.parentElement];
    }
    return [null, null, null];
  };
  for (const [name, pattern] of [['data date', /Data per \d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB/],
                                 ['disclaimer', /Data pemantauan internal — bukan hasil resmi KPU/]]) {
    const [text, range, el] = find(pattern);
    out[name] = text;
    if (!text) { out.problems.push(`${name} not in the footer`); continue; }
    for (const r of [...range.getClientRects()].filter(r => r.width > 0)) {
      if (r.left < -0.5 || r.right > innerWidth + 0.5 || r.top < -0.5 || r.bottom > bar.top + 0.5)
        out.problems.push(`${name} off the screen: ${JSON.stringify(r)}`);
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (r.left < c.left - 0.5 || r.right > c.right + 0.5 || r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5)
          out.problems.push(`${name} cut off by ${a.className || a.tagName}`);
      }
      for (const x of [r.left + 2, (r.left + r.right) / 2, r.right - 2]) {
        const hit = document.elementFromPoint(x, (r.top + r.bottom) / 2);
        if (!hit || !el.contains(hit))
          out.problems.push(`${name} covered at x=${Math.round(x)} by ${hit && hit.className}`);
      }
    }
  }
  const nama = slide.querySelector('.rakor-kaki-pemilihan');
  out.nama_terpotong = !nama || nama.scrollWidth > nama.clientWidth + 1;
  out.fonts = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Liberation Sans' && f.status === 'loaded')
    .map(f => f.weight).sort();
  // The smallest text: body (title, table, numbers, bars) and footer.
  out.body = 1e9; out.kaki = 1e9;
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (!node.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
    const zone = node.parentElement.closest('.rakor-kaki') ? 'kaki' : 'body';
    out[zone] = Math.min(out[zone], size);
  }
  out.nomor = slide.dataset.nomor;
  return out;
}"""


# The bar's controls cut at the screen's edge, and the choices whose shown text is wider than
# their box (`1/13 · 8 dari 24 kecamatan belum siap, 13 perl`).
BAR_UTUH = """() => {
    const bar = document.querySelector('.st-key-rakor_kendali');
    const out = [...bar.querySelectorAll('button, a, input')]
        .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => `lewat: ${e.innerText || e.value}`);
    const ctx = document.createElement('canvas').getContext('2d');
    for (const i of bar.querySelectorAll('[data-testid="stSelectbox"] input')) {
        const s = getComputedStyle(i);
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        if (ctx.measureText(i.value).width > room + 1) out.push(`terpotong: ${i.value}`);
    }
    return out;
}"""


def _open(page, url: str, nomor: int):
    page.goto(url)
    _on(page, nomor, timeout=60000)  # a fresh server builds the deck first


def _on(page, nomor: int, timeout: float = 15000):
    expect(page.locator(f".rakor-slide[data-nomor='{nomor}']")).to_be_visible(timeout=timeout)
    # The control bar may be hidden (it hides itself while the slide shows): there, not visible.
    expect(page.locator(".st-key-rakor_berikut button").first).to_be_attached(timeout=timeout)
    expect(page.locator(".st-key-rakor_kendali a").filter(has_text="Keluar").first).to_be_attached(timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout)
    # The page's key script has run for this slide (it marks each run): keys pressed before it is
    # there have no listener yet, as for an operator pressing while the page still loads.
    page.wait_for_function(f"String(window.__rakorPutaran || '').startsWith('slide {nomor},')", timeout=timeout)
    assert page.locator("[data-testid='stException']").count() == 0


def _kendali(page):
    """Move the mouse, as an operator does to reach the control bar, and wait for the bar."""
    page.mouse.move(500, 300)
    page.mouse.move(510, 310)
    expect(page.locator(".st-key-rakor_kendali")).to_be_visible(timeout=3000)


@pytest.fixture(scope="module")
def server_nama_panjang(demo_db_master, tmp_path_factory):
    """The demo data under a long election name, last uploaded at the longest date of the year,
    with TPS of at most 500 pemilih: every kecamatan then has TPS over it, and long reasons."""
    db_path = demo_database(tmp_path_factory.mktemp("e2e-panjang"), demo_db_master)
    with db.writing(db_path) as con:
        con.execute(
            "update elections set nama = $n, kapasitas_tps = 500 where election_id = 'pilkada-2024'",
            {"n": NAMA_PANJANG},
        )
        con.execute(
            "update uploads set uploaded_at = timestamp '2026-09-30 23:59:00' where election_id = 'pilkada-2024'"
        )
    for url in start_server(db_path, tmp_path_factory.mktemp("log-panjang")):
        yield {"url": url, "db": db_path}


SCREENS = ((1920, 1080), (1024, 768))


def _fits(page, data: str, width: int, nomor: int) -> list[str]:
    """Every check of one slide at the screen's present size; the kecamatan it lists as needing
    attention."""
    page.evaluate(SETTLED)
    result = page.evaluate(FITS)
    assert result["nomor"] == str(nomor)
    assert result["problems"] == [], (width, nomor, result["problems"])
    assert result["fonts"] == ["400", "700"], result["fonts"]  # the shipped font, both weights
    assert result["disclaimer"] == DISCLAIMER
    # A long list continues on the next slide: nothing is summed up as "+ 14 kecamatan lain".
    assert "kecamatan lain" not in result["teks"], (width, nomor)
    if data == "nama_panjang":
        assert result["data date"] == DATA_PER_PANJANG
    # The footer names the region and the election's short name (`Kabupaten Probolinggo ·
    # Pilbup 2024`), whole on both screens however long the election's full name is.
    assert not result["nama_terpotong"], (width, nomor)
    if width == 1920:
        assert result["body"] >= 27.9, (nomor, result["body"])
        assert result["kaki"] >= 23.9, (nomor, result["kaki"])
    return page.locator(".rakor-slide-perhatian .rakor-tabel td:nth-child(2)").all_inner_texts()


@pytest.mark.parametrize("data", ["contoh", "nama_panjang"])
def test_every_slide_fits_both_screens_with_large_type(data, request, page):
    """One walk through the deck, each slide measured at both sizes: the slide's HTML does not
    depend on the screen (assets/presentasi.css sizes it), so a resize lays out what a projector of
    that size opens."""
    server = request.getfixturevalue("app_server" if data == "contoh" else "server_nama_panjang")
    base = f"{server['url']}/presentasi?pemilu=pilkada-2024"
    kendali = page.locator(".st-key-rakor_kendali")
    page.set_viewport_size({"width": 1920, "height": 1080})
    _open(page, f"{base}&slide=1", 1)
    slides = int(page.locator(".rakor-kaki-nomor").inner_text().split("/")[1])
    assert slides == SLIDES or data != "contoh"
    # the kecamatan listed on the slides of those needing attention, in order, at each size
    perhatian = {width: [] for width, _ in SCREENS}
    for nomor in range(1, slides + 1):
        if nomor > 1:
            page.keyboard.press("ArrowRight")
            _on(page, nomor)
        # the size the previous slide ended at first, so that every slide is also seen as it comes
        for width, height in SCREENS if nomor % 2 else SCREENS[::-1]:
            page.set_viewport_size({"width": width, "height": height})
            if nomor == 1:
                # Streamlit's own chrome is hidden: the slide is the screen.
                for testid in ("stHeader", "stSidebar", "stToolbar"):
                    assert not page.locator(f"[data-testid='{testid}']").first.is_visible(), testid
            perhatian[width] += _fits(page, data, width, nomor)
            page.get_by_text(f"{nomor}/{slides}", exact=True).first.wait_for()
            screenshot(page, f"presentasi-{'panjang-' if data == 'nama_panjang' else ''}{nomor}-{width}")
    assert page.evaluate("document.querySelector('.rakor-slide').textContent").count(DISCLAIMER) == 1
    for width in perhatian:
        # Every kecamatan that needs attention (8 belum siap and 13 perlu perhatian in the sample;
        # all 24 with the small TPS), numbered worst first, Leces among them.
        assert len(perhatian[width]) == (21 if data == "contoh" else 24), perhatian[width]
        assert [p.split(". ", 1)[0] for p in perhatian[width]] == [str(i) for i in range(1, len(perhatian[width]) + 1)]
        assert "Leces" in [p.split(". ", 1)[1] for p in perhatian[width]]
    # The control bar has hidden itself while the slides showed (no mouse move since the page
    # opened; the keys do not bring it back) and comes back when the mouse moves.
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        expect(kendali).to_be_hidden(timeout=5000)
    _kendali(page)
    page.get_by_role("button", name="Sebelumnya").click()
    _on(page, slides - 1)
    expect(kendali).to_be_visible()  # the pointer on it keeps it
    # The bar's controls are whole at both sizes: the slide picker's text fits its box, nothing is
    # past the screen's right edge.
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        _kendali(page)
        page.evaluate(SETTLED)
        assert page.evaluate(BAR_UTUH) == [], width


def test_keyboard_moves_the_slide_and_the_url_keeps_the_place(app_server, page):
    url = f"{app_server['url']}/presentasi?pemilu=pilkada-2024&slide=4"
    _open(page, url, 4)
    for key, nomor in (
        ("ArrowRight", 5),
        ("Space", 6),
        ("PageDown", 7),
        ("ArrowLeft", 6),
        ("PageUp", 5),
        ("ArrowDown", 6),
        ("ArrowUp", 5),
        ("End", SLIDES),
        ("Home", 1),
        ("ArrowLeft", 1),
        ("ArrowRight", 2),
    ):
        page.keyboard.press(key)
        _on(page, nomor)
        page.wait_for_function(f"location.search.includes('slide={nomor}')", timeout=10000)
    page.reload()
    _on(page, 2)  # a refresh keeps the place
    _kendali(page)
    page.locator(".st-key-rakor_lompat").click()
    page.get_by_role("option", name=f"6/{SLIDES}").click()
    _on(page, 6)
    assert "slide=6" in page.url
    _kendali(page)
    page.get_by_role("button", name="Berikutnya").click()
    _on(page, 7)
    _kendali(page)
    page.get_by_role("link", name="Keluar").click()
    expect(page.locator("h1").filter(has_text="Ringkasan Kesiapan Pilkada")).to_be_visible(timeout=30000)
    page.keyboard.press("ArrowRight")  # the slide keys do nothing on other pages
    time.sleep(0.5)
    assert "/presentasi" not in page.url


def test_auto_advance_moves_on_by_itself_and_starts_again(app_server, page):
    started = time.monotonic()
    _open(page, f"{app_server['url']}/presentasi?pemilu=pilkada-2024&slide={SLIDES - 1}&auto=3", SLIDES - 1)
    shown = time.monotonic()
    _on(page, SLIDES, timeout=12000)
    assert time.monotonic() - shown >= 2.0  # it waited for its interval
    _on(page, 1, timeout=12000)  # after the last slide the cycle starts again
    assert "slide=1" in page.url and "auto=3" in page.url
    _kendali(page)
    expect(page.get_by_role("combobox", name="Ganti slide otomatis")).to_have_value("Otomatis: 3 detik")
    assert time.monotonic() - started < 60


def test_download_buttons_give_the_same_deck(app_server, page):
    _open(page, f"{app_server['url']}/presentasi?pemilu=pilkada-2024&slide=1", 1)
    title = page.locator(".rakor-judul").inner_text()
    _kendali(page)
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="PPTX").click()
    prs = Presentation(io.BytesIO(open(info.value.path(), "rb").read()))
    assert info.value.suggested_filename.startswith("rakor-pilkada-2024-")
    assert len(prs.slides) == SLIDES
    assert prs.slides[0].shapes.title.text == title  # the title placeholder PowerPoint lists the slide by
    with page.expect_download(timeout=90000) as info:
        page.get_by_role("button", name="PDF").click()
    reader = PdfReader(info.value.path())
    assert len(reader.pages) == SLIDES
    assert title in " ".join(reader.pages[0].extract_text().split())

"""The portal as Jarinu's communication officer works it, on both engines, at 320, 390 and 1366 px.

One shared build (tests/sites.py: 14 May 2026, Maio Laranja running, two of Jarinu's contacts confirmed, so its
Maio Laranja prints are final and its CRAS campaigns are proofs). Each test loads few pages and asserts much on each.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sites import ENGINES, VIEWPORTS, no_horizontal_scroll, pages, publish, serve, settle

FIRST_LOAD_LIMIT = 1_500_000
HUB = "/municipios/jarinu/"
PHONE_SCREENS = 8
"""Longest municipality page, in phone screens (390 × 844) with its sections as they open."""
TAB_STOPS = 40
COMBOS = [(e, v) for e in ENGINES for v in VIEWPORTS]
IDS = [f"{e}-{v}" for e, v in COMBOS]
WIDE = [(e, v) for e, v in COMBOS if v != "narrow"]
WIDE_IDS = [f"{e}-{v}" for e, v in WIDE]
FEED = "cimps-sp.github.io/kit-campanhas/dados/calendario-jarinu.ics"
DECEMBER = "2026-12-05"
"""A day when every approved campaign has ended and next year's are drafts: the pages must still be useful."""

LEGIBLE = """() => {
  // Every text a person can see (details opened), its size; running text in paragraphs and lists separately.
  document.querySelectorAll("details").forEach((d) => (d.open = true));
  const small = [], body = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    const skip = ".kit-sr, .md-visually-hidden, script, style, svg, dialog:not([open])";
    if (!n.nodeValue.trim() || !e || e.closest(skip)) continue;
    const box = e.getBoundingClientRect(), style = getComputedStyle(e);
    if (!box.width || !box.height || style.visibility !== "visible" || e.closest("[hidden]")) continue;
    let shown = true;
    for (let a = e; a; a = a.parentElement) if (getComputedStyle(a).opacity === "0") shown = false;
    if (!shown) continue;
    const size = parseFloat(style.fontSize);
    if (size < 14) small.push([e.tagName, e.className, size, n.nodeValue.trim().slice(0, 40)]);
    const block = e.closest("p, li");
    const notes = ".kit-page-footer, .kit-card, .kit-url, .kit-order__item";
    const running = block && block.closest(".md-content") && !block.closest(notes);
    if (running && parseFloat(getComputedStyle(block).fontSize) < 16) body.push([block.className, n.nodeValue]);
  }
  return { small, body };
}"""
"""Return the visible texts under 14 px, and running text under 16 px (cards, notes and footers may be 14 px)."""

FOCUSED = """() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  if (!e || e === document.body) return null;
  const box = e.getBoundingClientRect(), style = getComputedStyle(e);
  let shown = box.width > 0 && box.height > 0 && style.visibility === "visible";
  for (let a = e; a && a.nodeType === 1; a = a.parentElement) if (getComputedStyle(a).opacity === "0") shown = false;
  const inside = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  const name = e.getAttribute("aria-label") || e.innerText || e.value || "";
  return { name: name.trim().replace(/\\s+/g, " ").slice(0, 60), visible: shown && inside };
}"""
"""Describe the focused element (inside shadow roots too): its name and whether a person sees it."""


@contextlib.contextmanager
def _browse(browser, viewport: str, base: str):
    """Open a page at one width, with clipboard access (touch and overlay scroll bars below the laptop)."""
    width, height = VIEWPORTS[viewport]
    mobile = viewport != "laptop"  # a phone: touch, and scroll bars that take no width
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile, accept_downloads=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=urlsplit(base)._replace(path="").geturl())
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def user(browser, servers, request):
    """A browser at one width on one engine's build of 14 May; yields (page, base URL)."""
    engine, viewport = request.param
    with _browse(browser, viewport, servers[engine]) as page:
        yield page, servers[engine]


@pytest.fixture(scope="session")
def december_servers(built, rendered, tmp_path_factory):
    """The shared kit's site as it reads on 5 December 2026 (its pages made again for that day), on both engines."""
    root = tmp_path_factory.mktemp("december") / "kit"
    shutil.copytree(built.root, root, symlinks=True, ignore=shutil.ignore_patterns("site", "site-zensical"))
    for path, data in rendered(DECEMBER).items():
        (root / "docs" / path).write_bytes(data)
    with serve(publish(root, "mkdocs")) as mkdocs, serve(publish(root, "zensical")) as zensical:
        yield {"mkdocs": mkdocs, "zensical": zensical}


@pytest.fixture
def december_user(browser, december_servers, request):
    """A browser at one width on one engine's December build; yields (page, base URL)."""
    engine, viewport = request.param
    with _browse(browser, viewport, december_servers[engine]) as page:
        yield page, december_servers[engine]


def legible(page) -> dict:
    """Return the texts under 14 px and the running text under 16 px of the page as it is."""
    return page.evaluate(LEGIBLE)


def tab_stops(page, count: int = TAB_STOPS) -> list[dict]:
    """Press Tab from the top of the page; return each focused element's name and visibility."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def manifest(site: Path) -> dict:
    """Return the build's record of every piece (the build result as written), by stem."""
    data = json.loads((site.parent / "docs/downloads/.manifest.json").read_text(encoding="utf-8"))
    return data["pieces"]


class Taps:
    """Count a person's taps on the way to a task."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def tap(self, locator) -> None:
        """Tap a visible control, as a person would, and check the page still fits the screen's width."""
        locator.scroll_into_view_if_needed()
        assert locator.is_visible()
        locator.click()
        self.count += 1
        assert no_horizontal_scroll(self.page), self.page.url

    def download(self, locator):
        """Tap a download control; return the download."""
        with self.page.expect_download() as info:
            self.tap(locator)
        return info.value


@pytest.mark.parametrize("user", COMBOS, ids=IDS, indirect=True)
def test_jarinu_officer_finds_this_week_the_print_files_and_the_calendar(user, request, site):
    page, base = user
    engine, viewport = request.node.callspec.params["user"]
    page.goto(base + "/")

    # The home page opens with what runs now; the keyboard reaches the menu and search, and sees what it focuses.
    now = page.locator("#agora + .kit-now")
    assert "Em andamento: publique esta semana" in now.inner_text()
    assert now.get_by_role("link", name="Maio Laranja 2026").is_visible()
    assert now.evaluate("e => e.getBoundingClientRect().top < innerHeight")  # in the first screen
    stops = tab_stops(page)
    assert [s for s in stops if s and not s["visible"]] == []
    names = [s["name"] for s in stops if s]
    assert names[0] == "Pular para conteúdo"
    assert (
        ("Menu" in names and "Pesquisar" in names)
        if viewport != "laptop"
        else "Buscar" in names or "Pesquisar" in names
    )
    assert no_horizontal_scroll(page)
    assert legible(page) == {"small": [], "body": []}

    # This week's pieces for Jarinu: two taps from the home page.
    page.goto(base + "/")
    taps = Taps(page)
    taps.tap(page.locator(".kit-picker").get_by_role("link", name="Jarinu", exact=True))
    page.wait_for_url(f"**{HUB}")
    assert page.locator("details.kit-campaign[open]:not(.kit-orders)").evaluate_all("ds => ds.map(d => d.id)") == [
        "maio-laranja-2026"
    ]
    if viewport == "phone":
        assert page.evaluate("document.documentElement.scrollHeight") <= PHONE_SCREENS * VIEWPORTS["phone"][1]
    name = re.compile(r"^Baixar Post para Instagram e Facebook, Maio Laranja 2026 PNG, [\d,]+ kB$")
    post = taps.download(page.get_by_role("link", name=name))
    assert taps.count == 2
    stem = "maio-laranja-2026-jarinu-social-portrait"
    assert post.suggested_filename == f"{stem}.png"
    assert Path(post.path()).read_bytes() == (site / f"downloads/maio-laranja-2026/jarinu/{stem}.png").read_bytes()

    # The A3 for the print shop: final, it names its print order; a proof never says "Baixar" and says what is missing.
    final = page.locator("#peca-maio-laranja-2026-jarinu-poster-a3")
    assert "Pedido à gráfica 2026: 100 unidades (aguardando)." in final.inner_text()
    pdf = final.get_by_role(
        "link", name=re.compile("^Baixar PDF para a gráfica — Cartaz A3 para imprimir, Maio Laranja 2026")
    )
    assert re.search(
        r"maio-laranja-2026/jarinu/maio-laranja-2026-jarinu-poster-a3-v\d+\.pdf$", pdf.get_attribute("href")
    )
    assert final.get_by_role("link", name=re.compile("Prova")).count() == 0
    taps = Taps(page)
    taps.tap(page.locator("#cadastro-unico-2026 > summary"))
    proof_card = page.locator("#peca-cadastro-unico-2026-jarinu-poster-a3")
    proof = proof_card.get_by_role(
        "link", name=re.compile(r"^Prova \(não imprimir\) — Cartaz A3 para imprimir, Cadastro Único em dia PDF")
    )
    assert proof.is_visible() and taps.count == 1
    assert proof_card.get_by_role("link", name=re.compile("^Baixar")).count() == 0
    look = proof.evaluate("a => [getComputedStyle(a).backgroundColor, getComputedStyle(a).borderTopStyle]")
    assert look == ["rgb(255, 210, 63)", "dashed"]  # the brand's yellow with a dashed edge, not the blue button
    missing = page.locator("#" + proof.get_attribute("aria-describedby"))
    assert missing.inner_text().splitlines() == [
        "CRAS de Jarinu: telefone, endereço e horário",
        "Posto do Cadastro Único de Jarinu: telefone, endereço e horário",
    ]
    download = taps.download(proof)
    assert taps.count == 2 and download.suggested_filename == "cadastro-unico-2026-jarinu-poster-a3-prova.pdf"

    # The calendar in one tap: a link per calendar app, and a message when the browser opens none.
    google = page.get_by_role("link", name="Google Agenda: assinar o calendário Jarinu")
    assert parse_qs(urlsplit(google.get_attribute("href")).query) == {"cid": [f"webcal://{FEED}"]}
    outlook = page.get_by_role("link", name="Outlook: assinar o calendário Jarinu", exact=True)
    assert parse_qs(urlsplit(outlook.get_attribute("href")).query) == {
        "url": [f"https://{FEED}"],
        "name": ["CIMPS — Jarinu"],
    }
    apple = page.get_by_role("link", name="iPhone e Mac: assinar o calendário Jarinu no app Calendário")
    assert apple.get_attribute("href") == f"webcal://{FEED}"
    taps = Taps(page)
    taps.tap(apple)
    message = page.locator("[data-kit-webcal-fail]").first
    message.wait_for(state="visible")
    assert message.inner_text().startswith("Este aparelho não abriu um app de agenda. Use o botão Google Agenda")
    assert page.request.get(f"{base}/dados/calendario-jarinu.ics").body().startswith(b"BEGIN:VCALENDAR")

    # The whole page: nothing under 14 px, running text 16 px, no sideways scroll with every section open.
    assert legible(page) == {"small": [], "body": []}
    assert no_horizontal_scroll(page)


@pytest.mark.parametrize("user", COMBOS, ids=IDS, indirect=True)
def test_every_proof_and_every_final_file_is_offered_for_what_it_is(user, site):
    """On Jarinu's page, each piece's main link follows the build result: proofs as proofs, finals as downloads."""
    page, base = user
    page.goto(base + HUB)
    found = {}
    for card in page.locator("article.kit-card").all():
        link = card.locator(".kit-card__actions a[download]")
        words = link.evaluate("a => a.firstChild.textContent.trim()")  # the visible words, before name and size
        found[card.get_attribute("id").removeprefix("peca-")] = (words, link.get_attribute("class"))
    expected = {}
    for piece in manifest(site).values():
        if piece["municipality"] != "jarinu" or piece["draft"]:
            continue
        key = f"{piece['campaign']}-jarinu-{piece['format']}"
        if piece["preview"]:
            words = "Prova (não imprimir)" if piece["medium"] == "print" else "Prova (não publicar)"
            expected[key] = (words, "md-button kit-proof")
        elif piece["medium"] == "print":
            expected[key] = ("Baixar PDF para a gráfica", "md-button md-button--primary")
        else:
            expected[key] = ("Baixar", "md-button md-button--primary")
    assert found == expected
    assert {"Prova (não imprimir)", "Baixar PDF para a gráfica"} <= {words for words, _ in expected.values()}


@pytest.mark.parametrize("engine", ENGINES)
def test_the_picker_and_the_hub_work_without_javascript(browser, servers, engine):
    context = browser.new_context(
        java_script_enabled=False, viewport=dict(zip(("width", "height"), VIEWPORTS["phone"], strict=True))
    )
    page = context.new_page()
    try:
        page.goto(servers[engine] + "/")
        page.locator(".kit-picker").get_by_role("link", name="Jarinu", exact=True).click()
        page.wait_for_url(f"**{HUB}")
        assert page.get_by_role("link", name=re.compile("^Baixar tudo de Jarinu")).is_visible()
        post = page.get_by_role("link", name=re.compile("^Baixar Post para Instagram e Facebook, Maio Laranja 2026"))
        assert post.is_visible()
        assert page.locator("button.kit-copy:visible").count() == 0  # copy needs JavaScript: the text is there
        page.locator("#maio-laranja-2026 .kit-caption__more > summary").first.click()
        assert "Jarinu" in page.locator("#maio-laranja-2026 .kit-caption__text").first.inner_text()
        page.get_by_role("link", name="Pedido à gráfica", exact=True).click()
        assert page.locator("#pedido-a-grafica").is_visible()
        assert no_horizontal_scroll(page)
    finally:
        context.close()


@pytest.mark.parametrize("user", WIDE, ids=WIDE_IDS, indirect=True)
def test_gallery_is_a_real_dialog(user):
    page, base = user
    page.goto(base + HUB)
    thumb = page.locator("#maio-laranja-2026 a.kit-thumb").first
    thumb.scroll_into_view_if_needed()
    history, url, y = page.evaluate("history.length"), page.url, page.evaluate("scrollY")
    thumb.click()
    dialog = page.get_by_role("dialog", name=re.compile("^Post para Instagram e Facebook"))
    dialog.wait_for()
    assert dialog.evaluate("d => d.contains(document.activeElement)")  # focus moved in
    image = dialog.get_by_role("img")
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("i => i.naturalWidth") == 1080  # the full-size view, not the 480 px thumbnail
    assert image.get_attribute("alt") == thumb.locator("img").get_attribute("alt")
    download = dialog.get_by_role("link", name=re.compile("^Baixar"))
    own = page.locator("#peca-maio-laranja-2026-jarinu-social-portrait .kit-card__actions a[download]")
    assert download.evaluate("a => a.href") == own.evaluate("a => a.href")
    assert no_horizontal_scroll(page)

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert thumb.evaluate("t => t === document.activeElement")  # focus returned to the thumbnail
    assert (page.evaluate("history.length"), page.url) == (history, url)  # Back will not reopen it
    assert abs(page.evaluate("scrollY") - y) < 2  # closing does not jump the page

    proof = page.locator("#cadastro-unico-2026 a.kit-thumb").first
    page.locator("#cadastro-unico-2026 > summary").click()
    proof.click()
    dialog.wait_for()
    proof_link = page.locator("dialog.kit-dialog[open] .kit-dialog__actions a[download]")
    assert proof_link.inner_text().startswith("Prova (não publicar)")  # a proof stays a proof in the gallery
    assert "kit-proof" in proof_link.get_attribute("class")
    page.mouse.click(3, 3)  # the backdrop, outside the dialog
    dialog.wait_for(state="hidden")
    assert (page.evaluate("history.length"), page.url) == (history, url)


def _open_search(page, engine: str):
    """Open the engine's search from its visible control and type a query; return the control that opened it."""
    opener = page.locator("button[data-kit-for='__search']")
    if not opener.is_visible():
        opener = page.locator(".md-search__input" if engine == "mkdocs" else ".md-search__button")
    opener.focus()
    page.keyboard.press("Enter")
    if engine == "mkdocs":
        page.locator(".md-search__input").focus()
    page.keyboard.type("instagram", delay=10)
    if engine == "mkdocs":
        page.locator(".md-search-result__item").first.wait_for()
    else:
        page.wait_for_function(
            "() => [...document.querySelectorAll('body > div')].some(d => d.shadowRoot &&"
            " d.shadowRoot.querySelector('[role=listbox] [role=option]'))"
        )
    return opener


def _close_search(page, opener, engine: str) -> None:
    """Close the search with Escape: focus goes back to what opened it (at wide MkDocs, the field before it)."""
    page.keyboard.press("Escape")
    if engine == "mkdocs" and opener.evaluate("e => e.matches('.md-search__input')"):
        page.wait_for_function("() => !document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.matches('.md-search__input')") is False
        assert page.evaluate("document.activeElement !== document.body")
        return
    page.wait_for_function("e => document.activeElement === e", arg=opener.element_handle())


def _open_dialog(page) -> None:
    """Open the gallery dialog on the first thumbnail; wait until it is open, focused and done changing."""
    page.locator("a.kit-thumb").first.click()
    dialog = page.locator("dialog.kit-dialog[open]")
    dialog.wait_for()
    page.wait_for_function("() => document.querySelector('dialog.kit-dialog[open]').contains(document.activeElement)")


OVERLAYS = {"/": "search", "/municipios/bom-jesus-dos-perdoes/": "dialog", "/campanhas/maio-laranja-2026/": "dialog"}
"""Pages where axe also runs with an overlay open: the search on the home page, the gallery on a hub and a campaign."""


@pytest.mark.parametrize("user", COMBOS, ids=IDS, indirect=True)
def test_every_page_fits_reads_skips_and_passes_axe(user, request, site):
    """Every page: a skip link first, no sideways scroll, nothing under 14 px; axe 0 (with search and dialog open)
    at 390 and 1366 px; first load under 1.5 MB on the laptop (whose first screen shows the most previews)."""
    from axe_playwright_python.sync_playwright import Axe

    page, base = user
    engine, viewport = request.node.callspec.params["user"]
    weigh, audit = viewport == "laptop", viewport != "narrow"
    axe = Axe()
    urls = pages(site, citizen=False)
    assert len(urls) >= 20 and set(OVERLAYS) <= set(urls) and "/404.html" in urls
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.status == 200 else None)
    found, heavy, tight, unreadable, skips = {}, {}, [], {}, {}
    for url in urls:
        sizes.clear()
        page.goto(base + url, wait_until="networkidle" if weigh else "load")
        if weigh and sum(sizes) >= FIRST_LOAD_LIMIT:
            heavy[url] = sum(sizes)
        first = tab_stops(page, 1)[0]
        if not first or first["name"] != "Pular para conteúdo" or not first["visible"]:
            skips[url] = first
        text = legible(page)  # with every <details> open: the longest the page gets
        if text != {"small": [], "body": []}:
            unreadable[url] = text
        if not no_horizontal_scroll(page):
            tight.append(url)
        runs = {url: None} if audit else {}
        if audit and OVERLAYS.get(url) == "dialog":
            runs[f"{url} (galeria aberta)"] = lambda: _open_dialog(page)
        elif audit and OVERLAYS.get(url) == "search":
            runs[f"{url} (busca aberta)"] = "search"
        for name, action in runs.items():
            opener = _open_search(page, engine) if action == "search" else action and action()
            settle(page)  # axe reads colours as drawn: never in the middle of a fade
            results = axe.run(page)
            if results.violations_count:
                found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
            if action == "search":
                _close_search(page, opener, engine)
    assert found == {}
    assert heavy == {}
    assert skips == {}
    assert unreadable == {}
    assert tight == []


@pytest.mark.parametrize("december_user", COMBOS, ids=IDS, indirect=True)
def test_in_december_the_officer_finds_what_comes_and_what_to_send_now(december_user, request):
    """5 December: the home page and Jarinu's say what is being prepared for 2027 and what to send now, in short
    pages that fit the phone, legible, without sideways scroll and with axe 0."""
    from axe_playwright_python.sync_playwright import Axe

    page, base = december_user
    engine, viewport = request.node.callspec.params["december_user"]
    height = VIEWPORTS[viewport][1]
    page.goto(base + "/")
    agora = page.locator("#agora + .kit-now")
    assert agora.get_by_text("Em preparação para 2027", exact=True).is_visible()
    assert "Maio Laranja 2027: 1 a 31 de maio de 2027. Arte até 11 de abril." in agora.inner_text()
    assert agora.get_by_role("link", name="Pendências").is_visible()
    picker = page.locator(".kit-picker").get_by_role("link", name="Jarinu", exact=True)
    assert picker.evaluate("e => e.getBoundingClientRect().top + scrollY") < 3 * height  # within three screens
    pages_seen = {"/": page.evaluate("document.documentElement.scrollHeight")}

    taps = Taps(page)
    taps.tap(picker)
    page.wait_for_url(f"**{HUB}")
    agora = page.locator("#agora + .kit-now")
    assert "Jarinu pede Cartaz A3: 100 unidades" in agora.inner_text()
    mail = agora.get_by_role("link", name="Enviar os contatos por e-mail")
    assert mail.is_visible() and taps.count == 1
    assert mail.get_attribute("href").startswith("mailto:?subject=Contatos%20confirmados%20de%20Jarinu")
    assert agora.get_by_role("listitem").filter(has_text="CRAS de Jarinu: telefone, endereço e horário").count() == 1
    pages_seen[HUB] = page.evaluate("document.documentElement.scrollHeight")

    # The print proof that shows where those contacts go: the second tap from the home page lands on it, open.
    # (Jarinu's Maio Laranja is final in the test kit, so the latest proof is the CRAS campaign's poster.)
    taps.tap(agora.get_by_role("link", name="Cartaz A4 para imprimir de Assistência social em casa"))
    card = page.locator("#peca-atendimento-domicilio-2026-jarinu-poster-a4")
    proof = card.get_by_role("link", name=re.compile(r"^Prova \(não imprimir\) — Cartaz A4 para imprimir"))
    proof.wait_for(state="visible")
    assert taps.count == 2 and card.get_by_role("link", name=re.compile("^Baixar")).count() == 0
    assert proof.evaluate("a => a.getBoundingClientRect().bottom <= innerHeight")  # on the screen, no scrolling
    assert page.locator("#atendimento-domicilio-2026 .kit-proof-box").inner_text().startswith("Peças em prova")
    if viewport == "phone":
        assert {url: h <= PHONE_SCREENS * height for url, h in pages_seen.items()} == {"/": True, HUB: True}

    axe = Axe()
    for url in ("/", HUB):
        page.goto(base + url)
        assert no_horizontal_scroll(page), url
        if viewport != "narrow":
            settle(page)
            results = axe.run(page)
            assert results.violations_count == 0, [v["id"] for v in results.response["violations"]]
        assert legible(page) == {"small": [], "body": []}, url

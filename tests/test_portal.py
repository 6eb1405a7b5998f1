"""The portal as its users work it: Jarinu's tasks in two clicks, the gallery dialog, axe and page weight.

Every test runs on both engines (MkDocs + Material and Zensical) over one shared build, and the task and
axe tests at both viewports (390 × 844 and 1366 × 768).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sites import ENGINES, VIEWPORTS, no_horizontal_scroll, pages, settle

FIRST_LOAD_LIMIT = 1_500_000
HUB = "/municipios/jarinu/"
COMBOS = [(e, v) for e in ENGINES for v in VIEWPORTS]
IDS = [f"{e}-{v}" for e, v in COMBOS]


@pytest.fixture
def user(browser, servers, request):
    """A phone or laptop browser on one engine's build, with clipboard access; yields (page, base URL)."""
    engine, viewport = request.param
    width, height = VIEWPORTS[viewport]
    base = servers[engine]
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=urlsplit(base)._replace(path="").geturl())
    page = context.new_page()
    yield page, base
    context.close()


class Clicks:
    """Count a user's clicks on the way to a task, from the home page."""

    def __init__(self, page, base: str):
        self.page, self.count = page, 0
        page.goto(base + "/")
        assert no_horizontal_scroll(page)

    def click(self, locator) -> None:
        """Click a visible control, as a person would, and check the page still fits the screen."""
        locator.scroll_into_view_if_needed()
        assert locator.is_visible()
        locator.click()
        self.count += 1
        assert no_horizontal_scroll(self.page), self.page.url

    def download(self, locator):
        """Click a download control; return the download."""
        with self.page.expect_download() as info:
            self.click(locator)
        return info.value


def _choose_jarinu(page, base: str) -> None:
    """Choose Jarinu on the home page once; the site remembers it on this device."""
    page.goto(base + "/")
    page.locator(".kit-picker").get_by_role("link", name="Jarinu", exact=True).click()
    page.wait_for_url(f"**{HUB}")


def _open_hub(clicks: Clicks) -> None:
    """From the home page, open the remembered municipality's pieces (one click)."""
    clicks.click(clicks.page.get_by_role("link", name="Abrir as peças de Jarinu"))
    clicks.page.wait_for_url(f"**{HUB}")


@pytest.mark.parametrize("user", COMBOS, ids=IDS, indirect=True)
def test_jarinu_does_its_tasks_in_two_clicks_from_home(user, site):
    page, base = user
    _choose_jarinu(page, base)

    clicks = Clicks(page, base)
    assert page.locator("[data-kit-chosen]").inner_text().startswith("Seu município: Jarinu")
    _open_hub(clicks)
    post = clicks.download(page.get_by_role("link", name=re.compile("^Baixar Post para Instagram e Facebook")).first)
    assert clicks.count <= 2
    assert re.fullmatch(r"[a-z0-9-]+-jarinu-social-portrait\.png", post.suggested_filename)
    stem = post.suggested_filename.removesuffix(".png")
    campaign = stem.removesuffix("-jarinu-social-portrait")
    assert Path(post.path()).read_bytes() == (site / f"downloads/{campaign}/jarinu/{stem}.png").read_bytes()

    clicks = Clicks(page, base)
    _open_hub(clicks)
    clicks.click(page.get_by_role("button", name=re.compile(r"^Copiar legenda\W+Post para Instagram e Facebook")).first)
    assert clicks.count <= 2
    page.get_by_role("status").filter(has_text="Copiado.").wait_for(state="attached")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == (site / f"downloads/{campaign}/jarinu/{stem}.legenda.txt").read_text().strip()
    assert "Jarinu" in copied

    clicks = Clicks(page, base)
    _open_hub(clicks)
    poster = clicks.download(page.get_by_role("link", name=re.compile("^Baixar Cartaz A3 para imprimir")).first)
    assert clicks.count <= 2
    assert re.fullmatch(r"[a-z0-9-]+-jarinu-poster-a3\.pdf", poster.suggested_filename)
    assert Path(poster.path()).read_bytes().startswith(b"%PDF-")

    clicks = Clicks(page, base)
    _open_hub(clicks)
    clicks.click(page.locator(".kit-actions").get_by_role("link", name="Pedido à gráfica", exact=True))
    assert clicks.count <= 2
    order = page.get_by_role("heading", name=re.compile("^Pedido à gráfica"))
    assert order.is_visible() and order.evaluate("e => e.getBoundingClientRect().top < innerHeight")
    section = page.locator(".kit-order").first
    assert re.search(r"Quantidade:\s*(\d[\d.]* unidades?|pendente)", section.inner_text())
    assert "Prazos: pedido à gráfica até" in section.inner_text()
    sheet = page.get_by_role("link", name="2026 (CSV)")
    response = page.request.get(page.url.split("#")[0] + sheet.get_attribute("href"))
    assert response.status == 200 and "Campanha;Item da ata" in response.text()

    clicks = Clicks(page, base)
    _open_hub(clicks)
    subscribe = page.get_by_role("link", name="Assinar o calendário de Jarinu")
    assert subscribe.is_visible()
    feed = subscribe.get_attribute("href")
    assert feed.startswith("webcal://") and feed.endswith("/dados/calendario-jarinu.ics")
    ics = page.request.get(base + "/" + feed.split("/kit-campanhas/", 1)[1])
    assert ics.status == 200 and ics.body().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_picker_and_the_hub_work_without_javascript(browser, servers, engine):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(servers[engine] + "/")
        page.locator(".kit-picker").get_by_role("link", name="Jarinu", exact=True).click()
        page.wait_for_url(f"**{HUB}")
        assert page.get_by_role("link", name=re.compile("^Baixar tudo de Jarinu")).is_visible()
        assert page.get_by_role("link", name=re.compile("^Baixar Post para Instagram e Facebook")).first.is_visible()
        assert page.locator("button.kit-copy:visible").count() == 0  # copy needs JavaScript: the text is there
        assert "Jarinu" in page.locator(".kit-caption__text").first.inner_text()
        assert no_horizontal_scroll(page)
    finally:
        context.close()


@pytest.mark.parametrize("user", COMBOS, ids=IDS, indirect=True)
def test_gallery_is_a_real_dialog(user):
    page, base = user
    page.goto(base + HUB)
    thumb = page.locator("a.kit-thumb").first
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
    card = page.locator(".kit-card").first
    own = card.locator(".kit-card__actions a[download]")
    assert download.evaluate("a => a.href") == own.evaluate("a => a.href")
    assert no_horizontal_scroll(page)

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert thumb.evaluate("t => t === document.activeElement")  # focus returned to the thumbnail
    assert (page.evaluate("history.length"), page.url) == (history, url)  # Back will not reopen it
    assert abs(page.evaluate("scrollY") - y) < 2  # closing does not jump the page

    thumb.click()
    dialog.wait_for()
    page.mouse.click(3, 3)  # the backdrop, outside the dialog
    dialog.wait_for(state="hidden")
    assert (page.evaluate("history.length"), page.url) == (history, url)


def _open_search(page, engine: str) -> None:
    """Open the engine's search and type a query people use, so results are shown."""
    if engine == "mkdocs":
        opener = page.locator("label.md-header__button[for='__search']")
        (opener if opener.is_visible() else page.locator(".md-search__input")).click()
        page.locator(".md-search__input").click()
        page.keyboard.type("instagram", delay=10)
        page.locator(".md-search-result__item").first.wait_for()
    else:
        opener = page.locator("label.md-header__button[for='__search']")
        (opener if opener.is_visible() else page.locator(".md-search__button")).click()
        page.keyboard.type("instagram", delay=10)
        page.wait_for_function(
            "() => [...document.querySelectorAll('body > div')].some(d => d.shadowRoot &&"
            " d.shadowRoot.querySelector('[role=listbox] [role=option]'))"
        )


def _open_dialog(page) -> None:
    """Open the gallery dialog on the first thumbnail; wait until it is open, focused and done changing."""
    page.locator("a.kit-thumb").first.click()
    dialog = page.locator("dialog.kit-dialog[open]")
    dialog.wait_for()
    page.wait_for_function("() => document.querySelector('dialog.kit-dialog[open]').contains(document.activeElement)")


OVERLAYS = {"/": "search", "/municipios/bom-jesus-dos-perdoes/": "dialog", "/campanhas/maio-laranja-2026/": "dialog"}
"""Pages where axe also runs with an overlay open: the search on the home page, the gallery on a hub and a campaign."""


@pytest.mark.parametrize("user", COMBOS, ids=IDS, indirect=True)
def test_axe_and_page_weight_on_every_page(user, request, site):
    """Zero axe violations on every page (and with the dialog or the search open); first load under 1.5 MB.

    The first load is weighed on the laptop, whose first screen shows the most previews (two columns of cards);
    the phone pass only waits for the load event, to keep the suite quick.
    """
    from axe_playwright_python.sync_playwright import Axe

    page, base = user
    engine, viewport = request.node.callspec.params["user"]
    weigh = viewport == "laptop"
    axe = Axe()
    urls = pages(site, citizen=False)
    assert len(urls) >= 20 and set(OVERLAYS) <= set(urls)
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.status == 200 else None)
    found, heavy, tight = {}, {}, []
    for url in urls:
        sizes.clear()
        page.goto(base + url, wait_until="networkidle" if weigh else "load")
        if weigh and sum(sizes) >= FIRST_LOAD_LIMIT:
            heavy[url] = sum(sizes)
        if not no_horizontal_scroll(page):
            tight.append(url)
        runs = {url: None}
        if OVERLAYS.get(url) == "dialog":
            runs[f"{url} (galeria aberta)"] = lambda: _open_dialog(page)
        elif OVERLAYS.get(url) == "search":
            runs[f"{url} (busca aberta)"] = lambda: _open_search(page, engine)
        for name, action in runs.items():
            if action:
                action()  # on the page as it is: the overlay opens over what axe has just seen
            settle(page)  # axe reads colours as drawn: never in the middle of a fade
            results = axe.run(page)
            if results.violations_count:
                found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert found == {}
    assert heavy == {}
    assert tight == []

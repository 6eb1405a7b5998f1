"""The built guideline site in headless Chromium: navigation, downloads, search, axe on every page."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import REPO, make_project

from cimpskit.cli import main
from cimpskit.site import size_pt

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TYPES = {".png": "image/png", ".pdf": "application/pdf", ".zip": "application/zip", ".webp": "image/webp"}
PREFIX = "/kit-campanhas"  # the path of site_url, as on GitHub Pages
HOSTILE = "Veja <b>isto</b> e **isto** [aqui](http://exemplo.invalid)."


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Build assets and the site from a copy of the shipped data, with hostile text in one campaign."""
    root = make_project(tmp_path_factory.mktemp("site"))
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("downloads", "generated"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    path = root / "campaigns/trabalho-infantil-2026.yml"
    path.write_text(path.read_text().replace("avise a rede de proteção.", f"avise a rede de proteção. {HOSTILE}"))
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["--root", str(root), "build", "--jobs", "2"]) == 0, err.getvalue()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on a free localhost port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    httpd.shutdown()


class _Server(ThreadingHTTPServer):
    """Local server that ignores connections the browser drops (cancelled lazy loads)."""

    def handle_error(self, request, client_address):
        """Ignore dropped connections; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler serving the site under its published prefix, without logging."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".webp": "image/webp"}

    def translate_path(self, path):
        """Serve PREFIX/... from the site folder and nothing outside it."""
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path(path[len(PREFIX) :])

    def log_message(self, *args):
        """Stay quiet."""


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium through Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """Open a fresh page."""
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


def heading(page) -> str:
    """Return the page's h1 text without its permalink sign."""
    return page.locator("h1").inner_text().removesuffix("¶").strip()


def test_home_loads_and_navigation_reaches_a_campaign(page, server):
    page.goto(server + "/")
    assert heading(page) == "Kit de Campanhas do CIMPS"
    assert page.locator("html").get_attribute("lang") == "pt"  # Material's code for pt-BR
    page.get_by_role("link", name="Campanhas", exact=True).first.click()
    page.get_by_role("link", name="Maio Laranja 2026").first.click()
    page.wait_for_url("**/campanhas/maio-laranja-2026/")
    assert heading(page) == "Maio Laranja 2026"


def test_every_download_link_answers_with_the_right_file(page, server, site):
    page.goto(server + "/campanhas/maio-laranja-2026/")
    links = page.locator("a[href*='downloads/']").all()
    assert len(links) == 8 * (8 + 1)  # eight variants: eight formats and the ZIP
    for link in links:
        href = link.get_attribute("href")
        response = page.request.get(page.url + href if not href.startswith("http") else href)
        assert response.status == 200, href
        suffix = Path(href).suffix
        assert response.headers["content-type"] == TYPES[suffix], href
        body = response.body()
        assert link.inner_text() == f"{suffix[1:].upper()}, {size_pt(len(body))}", href


def test_previews_load(page, server):
    page.goto(server + "/campanhas/maio-laranja-2026/")
    images = page.locator(".kit-gallery img").all()
    assert len(images) == 9  # eight formats, the flyer with front and back
    for img in images:
        img.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
        assert img.get_attribute("alt").startswith(("Post", "Story", "Imagem", "Cartaz", "Folheto", "Banner"))


def test_search_finds_maio_laranja(page, server):
    page.goto(server + "/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Maio Laranja", delay=20)
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "Maio Laranja" in page.locator(".md-search-result__list").inner_text()


def test_copy_buttons_on_captions(page, server):
    page.goto(server + "/campanhas/maio-laranja-2026/")
    assert page.locator("button.md-code__button[data-md-type='copy']").count() >= 1
    assert "#MaioLaranja #18deMaio #Disque100 #FaçaBonito" in page.locator("pre").first.inner_text()


def test_draft_campaign_leaks_nowhere(page, server, site):
    response = page.request.get(server + "/campanhas/agosto-lilas-2026/")
    assert response.status == 404
    assert not (site / "downloads/agosto-lilas-2026").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert "agosto-lilas-2026" not in text, path
            assert "Violência contra a mulher tem saída" not in text, path


def test_campaign_text_is_rendered_as_literal_text(page, server):
    page.goto(server + "/campanhas/trabalho-infantil-2026/")
    body = page.locator("article").inner_text()
    assert HOSTILE in body
    assert page.locator("article b").count() == 0
    assert page.locator("article a[href='http://exemplo.invalid']").count() == 0


def test_campaign_page_first_load_is_light(page, server):
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.status == 200 else None)
    page.goto(server + "/campanhas/maio-laranja-2026/", wait_until="networkidle")
    assert sum(sizes) < 1_500_000, sum(sizes)


def test_procurement_and_calendar_pages_offer_their_files(page, server):
    page.goto(server + "/compras/")
    assert "2050" in page.locator("article").inner_text()
    csv_link = page.get_by_role("link", name="planilha (CSV)").first
    response = page.request.get(page.url + csv_link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith("\ufeffGrupo;Item".encode())
    page.goto(server + "/calendario/")
    assert "1 a 31 de maio de 2026" in page.locator("article").inner_text()
    ics = page.request.get(page.url + page.get_by_role("link", name="regional (CIMPS)").get_attribute("href"))
    assert ics.status == 200 and ics.body().startswith(b"BEGIN:VCALENDAR")


def _pages(site: Path) -> list[str]:
    """Return the URL path of every HTML page of the site."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        out.append("/" + re.sub(r"index\.html$", "", rel))
    return out


def test_axe_finds_no_violation_on_any_page(page, server, site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = _pages(site)
    assert len(pages) >= 16
    found = {}
    for url in pages:
        page.goto(server + url)
        results = axe.run(page)
        if results.violations_count:
            found[url] = [v["id"] for v in results.response["violations"]]
    assert found == {}

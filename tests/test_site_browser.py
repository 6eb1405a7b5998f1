"""The built guideline site in headless Chromium: navigation, downloads, search, axe on every page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from helpers import REPO, make_project
from sites import HOSTILE, pages, settle

from cimpskit.site.pages import size_pt

TYPES = {
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".webp": "image/webp",
    ".mp4": "video/mp4",
}
CITIZEN = ("/c/jarinu/maio-laranja/", "/c/maio-laranja/")  # a municipal and the regional citizen page
FIRST_LOAD_LIMIT = 50_000


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
    links = page.locator(".kit-card__actions a[download], a.kit-munis__zip, a.md-button[href$='.zip']").all()
    # The regional pieces, its series (carousel, 18 de Maio, countdown, frame) and videos, each municipality's ZIP,
    # the regional ZIP
    assert len(links) == 8 + 4 + 2 + 7 + 1
    for link in links:
        href = link.get_attribute("href")
        response = page.request.get(page.url + href)
        assert response.status == 200, href
        suffix = Path(href).suffix
        assert response.headers["content-type"] == TYPES[suffix], href
        size = link.locator("small").inner_text()
        assert size.endswith(size_pt(len(response.body()))) and suffix[1:].upper() in link.inner_text(), href


def test_previews_load(page, server):
    page.goto(server + "/campanhas/maio-laranja-2026/")
    series = page.locator(".kit-cards--series .kit-card__views img").all()
    assert len(series) == 6 + 3 + 2  # the carousel's cards, 18 de Maio, its countdown, the frame, two video posters
    for img in series:
        img.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
        assert img.get_attribute("alt"), img
    images = page.locator(".kit-cards:not(.kit-cards--series) .kit-card__views img").all()
    assert len(images) == 9  # eight formats, the flyer with front and back
    alts = []
    for img in images:
        img.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
        alts.append(img.get_attribute("alt"))
        # The illustration in one sentence, then the drawn text; a flyer's back draws no illustration.
        assert alts[-1].startswith(("Ilustração", "MAIO LARANJA. 18 DE MAIO.")), alts[-1]
    front, back = page.locator(".kit-cards:not(.kit-cards--series) .kit-card--sides img").all()
    assert front.get_attribute("alt") != back.get_attribute("alt")  # each side has its own alt text
    assert "Onde procurar ajuda na sua cidade. Ao ligar para o Disque 100." in back.get_attribute("alt")


def test_search_finds_maio_laranja(page, server):
    page.goto(server + "/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Maio Laranja", delay=20)
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "Maio Laranja" in page.locator(".md-search-result__list").inner_text()


def test_copy_buttons_on_captions(page, server):
    page.goto(server + "/campanhas/maio-laranja-2026/")
    button = page.get_by_role("button", name="Copiar legenda para Instagram")
    assert button.is_visible()
    page.locator(".kit-caption__more > summary").first.click()  # the text behind "Ver o texto"
    caption = page.locator(".kit-caption__text").first
    assert "#MaioLaranja #18deMaio #Disque100 #FaçaBonito #CIMPS" in caption.inner_text()
    assert caption.evaluate("e => e.scrollWidth <= e.clientWidth")  # wrapped, never a scrolling code block


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
    body = page.locator("article.md-content__inner").inner_text()
    assert HOSTILE in body
    assert page.locator("article.md-content__inner b").count() == 0
    assert page.locator("article.md-content__inner a[href='http://exemplo.invalid']").count() == 0


def test_campaign_page_first_load_is_light(page, server):
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.status == 200 else None)
    page.goto(server + "/campanhas/maio-laranja-2026/", wait_until="networkidle")
    assert sum(sizes) < 1_500_000, sum(sizes)


def test_procurement_and_calendar_pages_offer_their_files(page, server):
    page.goto(server + "/compras/")
    assert "2.050" in page.locator("article.md-content__inner").inner_text()
    csv_link = page.get_by_role("link", name="planilha (CSV)").first
    response = page.request.get(page.url + csv_link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith("\ufeffGrupo;Item".encode())
    page.goto(server + "/calendario/")
    assert "1 a 31 de maio de 2026" in page.locator("article.md-content__inner").inner_text()
    link = page.get_by_role("link", name="baixar o arquivo do calendário regional (CIMPS) (.ics)")
    ics = page.request.get(page.url + link.get_attribute("href"))
    assert ics.status == 200 and ics.body().startswith(b"BEGIN:VCALENDAR")


# Citizen pages (behind the QR codes) ------------------------------------------------------------------


def _identity(site: Path) -> dict:
    """Return the brand identity the site was built with (site_url, public_url)."""
    return yaml.safe_load((site.parent / "brand/brand.yml").read_text(encoding="utf-8"))["identity"]


def _qr_codes(site: Path) -> dict[str, list[str]]:
    """Decode the QR codes of every page of every print PDF of the site, by PDF path."""
    import pypdfium2 as pdfium
    import zxingcpp

    found: dict[str, list[str]] = {}
    pieces = [
        p
        for p in sorted((site / "downloads").rglob("*.pdf"))
        if not p.name.endswith((".ficha.pdf", "-sem-marcas.pdf"))
        and not re.search(r"-banner(-v\d+|-prova)?\.pdf$", p.name)  # the banner is read at 5 m, without a code
        and not {"assinaturas", "marcas", "pedidos"} & set(p.parts)
    ]
    for path in pieces:
        doc = pdfium.PdfDocument(path)
        try:
            for index in range(len(doc)):
                sheet = doc[index]
                image = sheet.render(scale=2000 / max(sheet.get_size())).to_pil()
                codes = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
                found.setdefault(path.relative_to(site).as_posix(), []).extend(codes)
        finally:
            doc.close()
    return found


def test_every_qr_code_opens_a_citizen_page_of_the_site(page, server, site):
    identity = _identity(site)
    found = _qr_codes(site)
    assert len(found) >= 56  # every print PDF but the banners, read at 5 m without a code
    assert [pdf for pdf, codes in found.items() if not codes] == []
    urls = {url for codes in found.values() for url in codes}
    assert "https://cimps-sp.github.io/kit-campanhas/c/jarinu/maio-laranja/" in urls
    for url in sorted(urls):
        assert url.startswith(identity["public_url"]), url
        rel = url.removeprefix(identity["site_url"])
        assert (site / rel / "index.html").is_file(), url
        response = page.request.get(f"{server}/{rel}")
        assert response.status == 200 and response.headers["content-type"].startswith("text/html"), url


@pytest.mark.parametrize("path", CITIZEN)
def test_citizen_page_first_load_is_under_50_kb(page, server, path):
    requests: list[str] = []
    sizes: list[int] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: sizes.append(len(r.body())))
    page.goto(server + path, wait_until="networkidle")
    assert requests == [server + path]  # no style sheet, font, script, image or favicon to fetch
    assert sum(sizes) < FIRST_LOAD_LIMIT, sum(sizes)


@pytest.mark.parametrize("viewport", [(390, 844), (1366, 768)], ids=["phone", "laptop"])
def test_citizen_pages_pass_axe_with_large_type_and_big_buttons(browser, server, viewport):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    try:
        for path in CITIZEN:
            page.goto(server + path)
            settle(page)
            results = Axe().run(page)
            assert results.violations_count == 0, (path, [v["id"] for v in results.response["violations"]])
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
            assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18, path
            call = page.locator("a.ligar")
            assert call.get_attribute("href") == "tel:100", path
            assert call.bounding_box()["height"] >= 48, path
    finally:
        context.close()


def test_citizen_page_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(server + "/c/maio-laranja/")
        assert page.locator("script").count() == 0
        page.get_by_role("link", name="Jarinu", exact=True).click()
        page.wait_for_url("**/c/jarinu/maio-laranja/")
        assert page.locator("h1").inner_text() == "Proteger crianças e adolescentes é dever de todos"
        assert page.get_by_role("link", name="Toque para ligar Disque 100").get_attribute("href") == "tel:100"
        page.get_by_role("link", name="Outras campanhas em Jarinu").click()
        page.wait_for_url("**/c/jarinu/")
        assert page.get_by_role("link", name=re.compile("^Cadastro Único em dia")).is_visible()
    finally:
        context.close()


def test_every_link_between_citizen_pages_answers(page, server, site):
    found = [p for p in pages(site) if p.startswith("/c/")]
    assert len(found) == 4 * 8 + 7 + 1  # four campaigns × (seven municipalities + regional), indexes, root
    for url in found:
        page.goto(server + url)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            if href.startswith(server):
                assert page.request.get(href).status == 200, (url, href)
            else:
                assert href.startswith(("tel:", "https://")), (url, href)


def test_campaign_text_on_a_citizen_page_is_literal(page, server):
    page.goto(server + "/c/jarinu/trabalho-infantil/")
    assert HOSTILE in page.locator("main").inner_text()
    assert page.locator("main b").count() == 0
    assert page.locator("main a[href='http://exemplo.invalid']").count() == 0


UNCONFIRMED = "        phone: null\n        address: null\n        hours: null\n        verification: null\n"
CONFIRMED = """        phone: (11) 5555-0100
        whatsapp: (11) 95555-0100
        email: atendimento.servico@exemplo.invalid
        address: Avenida Doutor Exemplo de Souza Filho, 1234, Jardim das Palmeiras
        hours: Segunda a sexta, das 8h às 17h; plantão aos sábados, das 8h às 12h
        verification: {date: 2026-11-20, source: teste}
"""


def test_citizen_page_with_every_contact_confirmed_fits_a_small_phone_and_passes_axe(browser, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    from cimpskit.inputs.validate import check_project
    from cimpskit.site import citizen

    text = (REPO / "brand/municipalities.yml").read_text(encoding="utf-8")
    project, _ = check_project(
        make_project(tmp_path, {"brand/municipalities.yml": text.replace(UNCONFIRMED, CONFIRMED)})
    )
    html = citizen.pages(project, [c.model for c in project.campaigns])["bom-jesus-dos-perdoes/maio-laranja/index.html"]
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.set_content(html.decode())
        assert page.locator("a.botao[href^='tel:+55']").count() == 2
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        settle(page)
        results = Axe().run(page)
        assert results.violations_count == 0, [v["id"] for v in results.response["violations"]]
    finally:
        context.close()


PLACEHOLDER = re.compile(r"\ba confirmar\b|\ba definir\b|\bxxx+\b|0000-0000", re.IGNORECASE)


def _final_pieces(site: Path) -> list[dict]:
    """Return the manifest entries of the final (not preview, not draft) pieces of the built site."""

    manifest = json.loads((site.parent / "docs/downloads/.manifest.json").read_text(encoding="utf-8"))
    return [p for p in manifest["pieces"].values() if not p["preview"] and not p["draft"]]


def test_no_public_artefact_of_a_final_piece_holds_a_placeholder(site):
    from pypdf import PdfReader

    final = _final_pieces(site)
    assert {p["municipality"] for p in final} >= {"regional"}
    for piece in final:
        for path, _, _ in piece["files"].values():
            file = site / "downloads" / path
            if file.suffix == ".pdf":
                text = "\n".join(page.extract_text() for page in PdfReader(file).pages)
            elif file.suffix == ".txt":
                text = file.read_text(encoding="utf-8")
            else:
                continue
            assert not PLACEHOLDER.search(text), (path, PLACEHOLDER.search(text).group(0))
            assert "PRÉVIA" not in text and "confirmar" not in text.lower(), path
        assert not any(PLACEHOLDER.search(c) for c in piece["captions"].values()), piece["stem"]
        assert not any(PLACEHOLDER.search(a) for a in piece["alts"]), piece["stem"]
    # A preview's alt text says what it draws, its PRÉVIA band included: pages may show it, nothing else.
    manifest = json.loads((site.parent / "docs/downloads/.manifest.json").read_text(encoding="utf-8"))
    marked = {a for p in manifest["pieces"].values() if p["preview"] for a in p["alts"]}
    marked |= {html.escape(a) for a in marked}
    marked |= {json.dumps(a, ensure_ascii=ascii)[1:-1] for a in marked for ascii in (True, False)}
    for path in site.rglob("*"):
        if path.suffix in (".html", ".ics", ".csv", ".json", ".xml") and "downloads" not in path.parts:
            text = path.read_text(encoding="utf-8-sig")
            for alt in sorted(marked, key=len, reverse=True):
                text = text.replace(alt, "")
            found = PLACEHOLDER.search(text)
            assert not found, (path.relative_to(site).as_posix(), found and found.group(0))


def test_citizen_pages_are_the_same_in_both_builds_and_pass_axe_on_a_phone(browser, server, site, zensical_site):
    from axe_playwright_python.sync_playwright import Axe

    found = [p for p in pages(site) if p.startswith("/c/")]
    for url in found:
        rel = url.strip("/") + "/index.html"
        assert (site / rel).read_bytes() == (zensical_site / rel).read_bytes(), url  # copied as they are
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    axe, violations = Axe(), {}
    try:
        for url in found:
            page.goto(server + url)
            settle(page)
            results = axe.run(page)
            if results.violations_count:
                violations[url] = [v["id"] for v in results.response["violations"]]
    finally:
        context.close()
    assert violations == {}

"""Citizen pages: one tiny, plain page behind every QR code, only confirmed contacts, never a draft or a placeholder."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import yaml
from helpers import REPO, make_project, make_tiny

from cimpskit.cli import main
from cimpskit.core.errors import errors_only
from cimpskit.inputs.validate import check_project
from cimpskit.layout.planned import make_plan
from cimpskit.plan.planner import public_folder
from cimpskit.site import citizen

LIMIT = 50_000
PHONE_LIKE = re.compile(r"\d[\d\s().-]{6,}\d")
"""Anything that reads like a phone number with area code (eight digits or more, with separators)."""
SERVICE_SEARCH = re.compile(r"(CRAS|CREAS|Conselho Tutelar|Cadastro Único), [^,]+, SP")
"""A map search for a service in a city (what a page offers while the service's address is not confirmed)."""
STAFF_WORDS = ("download", "hashtag", "#maiolaranja", "reunião", "aprovad", ".zip", ".pdf", "câmara técnica")

JARINU_TUTELAR = """      - kind: conselho-tutelar
        name: Conselho Tutelar de Jarinu
        phone: null
        address: null
        hours: null
        verification: null
"""
JARINU_TUTELAR_VERIFIED = """      - kind: conselho-tutelar
        name: Conselho Tutelar de Jarinu
        phone: (11) 5555-0100
        whatsapp: (11) 95555-0100
        email: conselho@exemplo.invalid
        address: Rua das Flores, 100, Centro
        hours: Segunda a sexta, das 8h às 17h
        verification:
          date: 2026-11-20
          source: E-mail da Secretaria Municipal de Assistência Social
"""


def load(root: Path):
    """Load and check a kit tree; fail on errors."""
    project, problems = check_project(root)
    assert errors_only(problems) == []
    return project


def texts(project) -> dict[str, str]:
    """Return every citizen page of a project (all its campaigns offered, drafts included) as text."""
    files = citizen.pages(project, [c.model for c in project.campaigns])
    return {path: data.decode() for path, data in files.items()}


@pytest.fixture(scope="module")
def shipped():
    """The shipped data and its citizen pages."""
    project = load(REPO)
    return project, texts(project)


def test_every_printed_address_has_a_page(shipped):
    project, pages = shipped
    public = project.brand.model.identity.public_url
    plan = make_plan(project, drafts=False, campaign=None, municipality=None)
    urls = {job.url for job in plan.jobs if job.format.medium == "print" and job.campaign != "manual"}
    assert "https://cimps-sp.github.io/kit-campanhas/c/jarinu/maio-laranja/" in urls
    assert "https://cimps-sp.github.io/kit-campanhas/c/maio-laranja/" in urls
    for url in urls:
        assert url.startswith(public)
        assert url.removeprefix(public) + "index.html" in pages, url
    assert public_folder(project) == "c/"


def test_pages_for_every_municipality_the_regional_version_and_the_indexes(shipped):
    project, pages = shipped
    slugs = [m.slug for m in project.municipalities.model.municipalities]
    names = ("maio-laranja", "trabalho-infantil", "cadastro-unico", "atendimento-domicilio")
    expected = {f"{s}/{n}/index.html" for s in slugs for n in names} | {f"{n}/index.html" for n in names}
    expected |= {f"{s}/index.html" for s in slugs} | {"index.html"}
    assert set(pages) == expected
    regional = pages["maio-laranja/index.html"]
    for muni in project.municipalities.model.municipalities:
        assert f'href="../{muni.slug}/maio-laranja/">{muni.name}</a>' in regional
    assert 'href="tel:100"' in regional


def test_drafts_never_get_a_page(shipped):
    _, pages = shipped
    for path, html in pages.items():
        assert "agosto-lilas" not in path and "agosto-lilas" not in html, path
        assert "Violência contra a mulher tem saída" not in html, path


def test_pages_are_tiny_static_html_without_script_or_outside_resources(shipped):
    _, pages = shipped
    for path, html in pages.items():
        assert len(html.encode()) < LIMIT, path
        assert html.startswith('<!doctype html>\n<html lang="pt-BR">'), path
        lowered = html.lower()
        assert "<script" not in lowered, path
        assert not re.search(r"<[^>]+\son\w+=", lowered), path
        assert "@import" not in lowered and "url(" not in lowered and " src=" not in lowered, path
        links = re.findall(r"<link [^>]*>", html)
        assert all('rel="canonical"' in x or 'href="data:,"' in x for x in links), (path, links)


def test_hotline_is_a_big_tel_button(shipped):
    _, pages = shipped
    page = pages["jarinu/maio-laranja/index.html"]
    assert '<a class="ligar" href="tel:100"><span>Toque para ligar</span>Disque 100</a>' in page
    assert "<h3>O que acontece quando você liga</h3>" in page
    assert "Você não precisa dizer o seu nome." in page
    assert "<h3>Acessibilidade</h3>" in page
    assert 'href="tel:100"' in pages["vinhedo/trabalho-infantil/index.html"]


def test_unverified_data_shows_no_placeholder_and_no_invented_number(shipped):
    project, pages = shipped
    hotlines = {citizen.tel_href(c.model.hotline.number) for c in project.campaigns if c.model.hotline}
    for path, html in pages.items():
        assert "confirmar" not in html.lower(), path
        assert PHONE_LIKE.findall(re.sub(r"<style>.*?</style>", "", html, flags=re.S)) == [], path
        assert set(re.findall(r'href="(tel:[^"]*)"', html)) <= hotlines | {"tel:100", "tel:121"}, path
        assert "wa.me" not in html and "mailto:" not in html, path
        for query in re.findall(r'href="https://www\.openstreetmap\.org/search\?query=([^"]*)"', html):
            assert SERVICE_SEARCH.fullmatch(unquote(query)), (path, unquote(query))  # a service, never an address


def test_without_confirmed_contacts_the_page_names_each_service_and_a_way_to_find_it(shipped):
    _, pages = shipped
    page = pages["jarinu/maio-laranja/index.html"]
    assert "<h2>Atendimento em Jarinu</h2>" in page
    assert (
        "<h3>Conselho Tutelar de Jarinu</h3>\n<p>Protege os direitos de crianças e adolescentes: recebe denúncias e "
        "toma providências. O telefone e o endereço ainda não foram confirmados pela prefeitura de Jarinu.</p>\n"
        '<p><a class="botao" href="https://www.openstreetmap.org/search?query=Conselho%20Tutelar%2C%20Jarinu%2C%20SP">'
        "Procurar no mapa: Conselho Tutelar de Jarinu</a></p>"
    ) in page
    assert "Procurar no mapa: CREAS de Jarinu" in page
    home = pages["itupeva/atendimento-domicilio/index.html"]
    assert "<h2>Peça a visita no CRAS</h2>\n<h3>CRAS de Itupeva</h3>\n<p>É a porta de entrada" in home
    assert "Procurar no mapa: CRAS de Itupeva" in home
    assert "tel:" not in home and "Atendimento em" not in home  # no hotline applies: the page leads to the CRAS


def test_without_a_hotline_a_service_that_takes_reports_leads_to_the_disque_100(tmp_path):
    path = "campaigns/cadastro-unico-2026.yml"
    text = (REPO / path).read_text(encoding="utf-8").replace("  - cras\n  - cadastro-unico\n", "  - creas\n")
    pages = texts(load(make_project(tmp_path, {path: text})))
    page = pages["jarinu/cadastro-unico/index.html"]
    assert '<a class="ligar" href="tel:100"><span>Toque para ligar</span>Disque 100</a>' in page
    assert "Denúncias de violação de direitos humanos: ligação gratuita e anônima, 24 horas." in page
    assert "Procurar no mapa: CREAS de Jarinu" in page


def test_without_a_hotline_or_a_confirmed_cras_the_page_leads_to_the_disque_social_121(shipped):
    page = shipped[1]["jarinu/cadastro-unico/index.html"]
    assert '<a class="ligar" href="tel:121"><span>Toque para ligar</span>Disque Social 121</a>' in page
    assert "Dúvidas sobre o Cadastro Único, o Bolsa Família e outros programas sociais do governo federal" in page
    assert "Procurar no mapa: Posto do Cadastro Único de Jarinu" in page


def test_no_staff_material_on_public_pages(shipped):
    project, pages = shipped
    purposes = [c.model.purpose for c in project.campaigns]
    for path, html in pages.items():
        lowered = html.lower()
        assert not [w for w in STAFF_WORDS if w in lowered], path
        assert not [p for p in purposes if p in html], path


def test_confirmed_contacts_appear_with_tel_map_whatsapp_and_email_links(tmp_path):
    text = (REPO / "brand/municipalities.yml").read_text(encoding="utf-8")
    assert text.count(JARINU_TUTELAR) == 1
    files = {"brand/municipalities.yml": text.replace(JARINU_TUTELAR, JARINU_TUTELAR_VERIFIED)}
    pages = texts(load(make_project(tmp_path, files)))
    page = pages["jarinu/maio-laranja/index.html"]
    assert "<h3>Conselho Tutelar de Jarinu</h3>" in page
    assert '<a class="botao" href="tel:+551155550100">Ligar: <span class="nw">(11) 5555-0100</span></a>' in page
    wa = '<a class="botao" href="https://wa.me/5511955550100">WhatsApp: <span class="nw">(11) 95555-0100</span>'
    assert wa in page
    assert '<a class="botao" href="mailto:conselho@exemplo.invalid">' in page
    query = quote("Rua das Flores, 100, Centro, Jarinu, SP", safe="")
    assert f'href="https://www.openstreetmap.org/search?query={query}">Ver no mapa</a>' in page
    assert "Horário: Segunda a sexta, das 8h às 17h" in page
    assert "<h3>CREAS de Jarinu</h3>" in page and "Procurar no mapa: CREAS de Jarinu" in page
    assert "Procure o Conselho Tutelar" not in page
    assert "5555" not in pages["vinhedo/maio-laranja/index.html"]
    assert "5555" not in pages["jarinu/cadastro-unico/index.html"]  # a campaign that does not show it


def test_the_most_recent_approved_campaign_owns_the_public_name(tmp_path):
    base = yaml.safe_load((REPO / "campaigns/maio-laranja-2026.yml").read_text(encoding="utf-8"))

    def edition(year: int, status: str, headline: str) -> str:
        data = {**base, "slug": f"maio-laranja-{year}", "title": f"Maio Laranja {year}", "status": status}
        data["period"] = {"start": f"{year}-05-01", "end": f"{year}-05-31"}
        data["key_dates"] = []
        data["texts"] = {**base["texts"], "headline": headline}
        data.pop("approval") if status == "draft" else None
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    files = {
        "campaigns/maio-laranja-2027.yml": edition(2027, "approved", "Edição de 2027"),
        "campaigns/maio-laranja-2029.yml": edition(2029, "draft", "Rascunho de 2029"),
    }
    pages = texts(load(make_project(tmp_path, files)))
    assert "Edição de 2027" in pages["maio-laranja/index.html"]
    assert "Edição de 2027" in pages["jarinu/maio-laranja/index.html"]
    assert "Maio Laranja 2026" not in pages["jarinu/index.html"]
    assert pages["jarinu/index.html"].count("Maio Laranja") == 1
    assert not any("2029" in html for html in pages.values())


def test_campaign_text_is_escaped(tmp_path):
    path = "campaigns/maio-laranja-2026.yml"
    text = (REPO / path).read_text(encoding="utf-8").replace("denuncie.", "denuncie <b>já</b> & <script>x</script>.")
    pages = texts(load(make_project(tmp_path, {path: text})))
    page = pages["jarinu/maio-laranja/index.html"]
    assert "denuncie &lt;b&gt;já&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;." in page
    assert "<b>" not in page and "<script" not in page


def test_phone_links():
    assert citizen.tel_href("100") == "tel:100"
    assert citizen.tel_href("(11) 4016-1234") == "tel:+551140161234"
    assert citizen.tel_href("+55 11 94016-1234") == "tel:+5511940161234"
    assert citizen.tel_href("0800 123 4567") == "tel:08001234567"
    assert citizen.whatsapp_href("(11) 94016-1234") == "https://wa.me/5511940161234"
    assert citizen.whatsapp_href("100") is None


def test_page_colours_keep_aa_contrast(shipped):
    from cimpskit.core.contrast import contrast

    project, _ = shipped
    for c in [None, *(c.model for c in project.campaigns)]:
        t = citizen.theme(project, c)
        assert contrast(t.band_text, t.band) >= 4.5
        assert contrast(t.button_text, t.button) >= 4.5
        assert contrast(t.text, t.background) >= 4.5
        assert contrast(t.link, t.background) >= 4.5


def test_public_name_may_not_take_a_municipality_address(tmp_path, run):
    path = "campaigns/cadastro-unico-2026.yml"
    text = (REPO / path).read_text(encoding="utf-8")
    text = text.replace("status: approved", "public_slug: jarinu\nstatus: approved")
    root = make_project(tmp_path, {path: text})
    status, _, err = run("--root", root, "check")
    assert status == 1
    assert "public_slug" in err and "seria o mesmo de um município" in err


def test_hotline_texts_are_checked_for_personal_promotion(tmp_path, run):
    path = "campaigns/maio-laranja-2026.yml"
    text = (REPO / path).read_text(encoding="utf-8").replace("Pode ligar mesmo", "O prefeito pede: pode ligar mesmo")
    root = make_project(tmp_path, {path: text})
    status, _, err = run("--root", root, "check")
    assert status == 0 and "'hotline.what_to_expect' usa o termo 'prefeito'" in err


def _build(root: Path, *args: str) -> None:
    """Run a build quietly and fail with its messages."""
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["--root", str(root), "build", "--jobs", "1", "--sem-videos", *args]) == 0, err.getvalue()


def test_full_build_writes_citizen_pages_and_removes_stale_ones(tmp_path):
    root = make_tiny(tmp_path, ("maio-laranja-2026", "cadastro-unico-2026", "agosto-lilas-2026"), ("social-square",))
    _build(root, "--drafts")
    public = root / "docs/c"
    assert (public / "jarinu/maio-laranja/index.html").is_file()
    assert (public / "maio-laranja/index.html").is_file() and (public / "index.html").is_file()
    assert not list(public.rglob("*agosto-lilas*"))  # a draft preview build still publishes no citizen page
    (public / "velho/index.html").parent.mkdir()
    (public / "velho/index.html").write_text("antigo")
    (root / "campaigns/cadastro-unico-2026.yml").unlink()
    _build(root)
    assert not (public / "velho").exists()
    assert not (public / "cadastro-unico").exists() and not (public / "jarinu/cadastro-unico").exists()
    assert (public / "jarinu/maio-laranja/index.html").is_file()
    assert "cadastro-unico" not in (public / "jarinu/index.html").read_text(encoding="utf-8")

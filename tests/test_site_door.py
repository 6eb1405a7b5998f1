"""A door without GitHub: prepared e-mails from the brand data; the developers' page out of the officers' menu."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, unquote, urlsplit

from helpers import REPO, make_project
from sites import TODAY

from cimpskit.inputs.validate import check_project
from cimpskit.site import links, pages


def mailtos(markdown: str) -> list[str]:
    """Return the mailto: links of a generated page (Markdown links and raw HTML ones)."""
    return [html.unescape(a or b) for a, b in re.findall(r"\((mailto:[^)\s]*)\)|href=\"(mailto:[^\"]*)\"", markdown)]


def test_a_municipality_page_prepares_the_contacts_e_mail(rendered):
    md = rendered(TODAY)["municipios/jarinu.md"].decode()
    found = set(mailtos(md))
    contacts = next(m for m in found if "Contatos" in unquote(m))
    parts = urlsplit(contacts)
    query = parse_qs(parts.query)
    assert parts.path == ""  # the brand names no e-mail yet: the officer writes the recipient, the page says so
    assert query["subject"] == ["Contatos confirmados de Jarinu para o kit de campanhas"]
    body = query["body"][0].splitlines()
    assert body[:3] == ["Município: Jarinu", "Quem confirma (nome, cargo e setor):", "Data da confirmação:"]
    assert "CRAS — CRAS de Jarinu" in body and "Telefone: (11) 5555-0101" in body  # known data comes filled in
    assert "escreva no destinatário o e-mail da equipe de comunicação do CIMPS" in md
    feedback = next(m for m in found if "sugest" in unquote(m))
    assert parse_qs(urlsplit(feedback).query)["body"][0].startswith(
        "Página: https://cimps-sp.github.io/kit-campanhas/municipios/jarinu/\n"
    )


def test_the_brand_e_mail_becomes_the_recipient(tmp_path):
    text = (REPO / "brand/brand.yml").read_text(encoding="utf-8")
    old = "    url: https://github.com/cimps-sp/kit-campanhas/issues/new/choose\n"
    root = make_project(tmp_path, {"brand/brand.yml": text.replace(old, old + "    email: kit@exemplo.invalid\n")})
    project, problems = check_project(root)
    assert [p for p in problems if p.severity == "error"] == []
    mail = pages.contacts_mail(project, project.municipality("jarinu"))
    assert mail.startswith("mailto:kit@exemplo.invalid?subject=Contatos%20confirmados%20de%20Jarinu")
    assert pages.feedback_mail(project, "index.md").to == "kit@exemplo.invalid"


def test_a_bad_brand_e_mail_is_refused(tmp_path, run):
    text = (REPO / "brand/brand.yml").read_text(encoding="utf-8")
    old = "    url: https://github.com/cimps-sp/kit-campanhas/issues/new/choose\n"
    root = make_project(tmp_path, {"brand/brand.yml": text.replace(old, old + "    email: kit-sem-arroba\n")})
    status, _, err = run("--root", root, "check")
    assert (status, err.splitlines()[0]) == (
        1,
        "brand/brand.yml:21:12: 'identity.feedback.email' deve ser um endereço de e-mail, como "
        "nome@dominio.gov.br (só um endereço real e conferido)",
    )


def test_mailto_links_stay_short_enough_for_mail_apps():
    assert links.mailto(None, "Assunto", "Texto") == "mailto:?subject=Assunto&body=Texto"
    try:
        links.mailto(None, "x", "y" * 2000)
    except ValueError as exc:
        assert "mailto link of" in str(exc)
    else:
        raise AssertionError("a long mailto link must be refused")


def test_how_to_contribute_left_the_officers_menu(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') : home.index("</nav>", home.index("md-nav--primary"))]
    assert "Como contribuir" not in nav
    assert 'Para quem desenvolve o kit: <a href="contribuir/">Como contribuir</a>.' in home
    assert (site / "contribuir/index.html").is_file()

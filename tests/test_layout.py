"""Layout: one standard per campaign × format, names kept whole, key visuals everywhere, and the geometric proof."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

import pikepdf
import pytest
from helpers import REPO, make_project

from cimpskit.core import fonts
from cimpskit.core.scene import QR, Page, Paint, Rect, Scene, Stamp, Text, Visual
from cimpskit.inputs.validate import check_project
from cimpskit.layout import geometry, layout
from cimpskit.layout.planned import make_plan
from cimpskit.render.pdf import render_pdf
from cimpskit.render.sheet import contact_sheet

OUTPUT = Path(__file__).parent / "output"
LONG_ADDRESS = "Rua Coronel Francisco de Paula Machado, 1234 – Jardim das Palmeiras"
VERIFIED = """\
        phone: "(11) 4016-1234"
        whatsapp: "(11) 99876-5432"
        email: atendimento@exemplo.sp.gov.br
        address: "{address}"
        hours: "Segunda a sexta, das 8h às 17h; sábados, das 8h ao meio-dia"
        verification:
          date: 2026-11-20
          source: "E-mail da Secretaria Municipal de Assistência Social"
"""


@pytest.fixture(scope="module")
def shipped():
    """Plan every shipped campaign (drafts included) once."""
    project, problems = check_project(REPO)
    assert problems == []
    return project, make_plan(project, True, None, None).jobs


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    """A project where every municipality confirmed real-length contact data."""
    root = make_project(tmp_path_factory.mktemp("verified"))
    path = root / "brand/municipalities.yml"
    text = path.read_text()
    text = text.replace(
        "        phone: null\n        address: null\n        hours: null\n        verification: null\n",
        VERIFIED.format(address=LONG_ADDRESS),
    )
    path.write_text(text)
    project, problems = check_project(root)
    assert problems == []
    return project, make_plan(project, True, None, None).jobs


def _groups(page: Page) -> dict[str, list[Text]]:
    """Return the text lines of a page grouped by block."""
    out: dict[str, list[Text]] = defaultdict(list)
    for e in page.elements:
        if isinstance(e, Text):
            out[e.group].append(e)
    return out


def test_every_shipped_variant_passes_the_geometric_proof(shipped):
    _, jobs = shipped
    found = {job.stem: geometry.violations(layout(job), job.format) for job in jobs}
    assert {stem: v for stem, v in found.items() if v} == {}


def test_real_length_contacts_and_the_longest_names_pass_everywhere(verified):
    project, jobs = verified
    assert not any(j.preview for j in jobs)
    for job in jobs:
        scene = layout(job)
        assert geometry.violations(scene, job.format) == [], job.stem
    jarinu = next(j for j in jobs if j.stem.endswith("maio-laranja-2026-jarinu-flyer-a5"))
    back = " ".join(t.text for t in layout(jarinu).pages[1].elements if isinstance(t, Text))
    assert "Telefone (11) 4016-1234" in back and "Jardim das Palmeiras" in back and "sábados" in back


def test_headline_boxes_are_identical_across_the_variants_of_a_campaign_format(shipped):
    _, jobs = shipped
    boxes: dict[tuple[str, str], set] = defaultdict(set)
    for job in jobs:
        if job.campaign == "manual":
            continue
        page = layout(job).pages[0]
        lines = [t for t in page.elements if isinstance(t, Text) and t.field == "texts.headline"]
        boxes[(job.campaign, job.format.name)].add(tuple((t.x, t.y, t.text, t.size) for t in lines))
    # Every campaign × format: four screen formats each, nine print formats in 2026; the three 2027 drafts repeat
    # their 2026 formats (Maio Laranja four print formats, the others one each).
    assert len(boxes) == 5 * 4 + 9 + 3 * 4 + 6
    assert {key: len(v) for key, v in boxes.items() if len(v) != 1} == {}


def test_the_signature_divider_is_at_the_same_x_in_every_municipal_variant(shipped):
    _, jobs = shipped
    dividers: dict[tuple[str, str], set] = defaultdict(set)
    for job in jobs:
        if job.regional is None and job.campaign != "manual":
            lines = [e for e in layout(job).pages[0].elements if type(e).__name__ == "Line"]
            dividers[(job.campaign, job.format.name)].add(tuple(round(e.x1, 6) for e in lines))
    assert all(len(v) == 1 for v in dividers.values())


def test_proper_names_are_never_broken_and_headlines_never_end_on_a_lone_word(shipped, verified):
    project, jobs = shipped
    names = [m.name for m in project.municipalities.model.municipalities] + ["Conselho Tutelar", "Disque 100"]
    for job in jobs + verified[1]:
        for page in layout(job).pages:
            for lines in _groups(page).values():
                texts = [t.text for t in lines]
                if any(t.tight for t in lines):
                    assert " ".join(texts) == job.hotline.name, job.stem  # the word over its numeral: one lockup
                    continue
                for name in names:
                    if name in " ".join(texts):
                        assert any(name in t for t in texts), (job.stem, name, texts)
                if lines[0].field == "texts.headline" and len(texts) > 1:
                    assert len(texts[-1].split()) > 1, (job.stem, texts)


def test_the_printed_url_is_one_unbroken_line_beside_its_qr(shipped):
    _, jobs = shipped
    for job in jobs:
        if job.format.medium != "print" or ("qr" not in job.format.blocks and job.format.sides == 1):
            continue  # the banner, read at 5 m, carries no code
        page = layout(job).pages[-1]  # the back of two-sided pieces carries the code
        urls = [t.text for t in page.elements if isinstance(t, Text) and t.field == "url"]
        codes = [e for e in page.elements if isinstance(e, QR)]
        assert urls == [job.short_url] and [c.url for c in codes] == [job.url], job.stem


def test_the_hotline_is_at_least_as_large_as_the_headline(shipped):
    _, jobs = shipped
    for job in jobs:
        if job.hotline is None or "hero" not in job.format.blocks or "headline" not in job.format.blocks:
            continue
        texts = [t for t in layout(job).pages[0].elements if isinstance(t, Text)]
        hero = max(t.size for t in texts if t.field == "hotline")
        headline = max(t.size for t in texts if t.field == "texts.headline")
        assert hero >= headline, job.stem


def test_every_shipped_campaign_carries_its_key_visual_in_every_format(shipped):
    project, jobs = shipped
    for job in jobs:
        if job.campaign == "manual":
            continue
        visuals = [e for e in layout(job).pages[0].elements if isinstance(e, Visual)]
        assert [v.path for v in visuals] == [job.visual], job.stem
        assert job.visual.startswith("campaigns/visuals/")


def test_key_visual_is_vector_and_cmyk_in_the_print_pdf(shipped):
    _, jobs = shipped
    job = next(j for j in jobs if j.stem.endswith("maio-laranja-2026-regional-poster-a4"))
    with pikepdf.open(io.BytesIO(render_pdf(layout(job), REPO, "test"))) as pdf:
        page = pdf.pages[0]
        assert not page.get_images(), "the key visual must not be an image"
        content = page.Contents.read_bytes().decode("latin-1")
    assert "1 .6 0 .25 k" in content  # azul, the child in the embrace, from the palette's CMYK
    assert re.search(r"\bc\b", content), "curves of the drawing"
    assert not re.search(r"\b(rg|RG)\b", content)


PAPER = Paint("branco", "#FFFFFF", (0, 0, 0, 0))
INK = Paint("grafite", "#1F2328", (70, 60, 50, 80))
DARK = Paint("laranja-escuro", "#A8430C", (0, 70, 100, 30))


def _text(x: float, y: float, field: str, size: float = 40.0, ground: Paint = PAPER) -> Text:
    """Return one line of text for a planted scene."""
    font = str(fonts.typeface("fontpkg-atkinson-hyperlegible", "Atkinson Hyperlegible").path("regular"))
    return Text(x, y, "Texto", font, "regular", size, INK, ground, 20.0, field, f"{field}@{x},{y}")


def _scene(*elements) -> Scene:
    """Return a one-page scene on white, 1080 × 1920 px."""
    page = Page("frente", (Rect(0, 0, 1080, 1920, PAPER), *elements))
    return Scene("px", 1080, 1920, 0, (page,), "teste")


@pytest.fixture(scope="module")
def story(shipped):
    """Return the story format (96 px margin, platform zone top 250 / bottom 340)."""
    project, _ = shipped
    return project.format("story")


def test_planted_overlap_is_reported(story):
    found = geometry.violations(_scene(_text(300, 600, "texts.headline"), _text(310, 610, "texts.body")), story)
    assert found == [("texts.headline", "'título' e 'texto de apoio' se sobrepõem (frente)")]


def test_planted_blocks_too_close_are_reported(story):
    found = geometry.violations(_scene(_text(300, 600, "texts.headline"), _text(300, 654, "hotline")), story)
    assert found == [("texts.headline", "'título' e 'canal de atendimento' ficam a 4,4 px (mínimo 6,4 px, frente)")]


def test_planted_text_outside_the_safe_area_is_reported(story):
    found = geometry.violations(_scene(_text(40, 600, "texts.body")), story)
    assert found == [("texts.body", "'texto de apoio' sai da área de segurança de 96,0 px (frente)")]


def test_planted_text_in_the_platform_zone_is_reported(story):
    found = geometry.violations(_scene(_text(300, 200, "title")), story)
    reason = "a barra de cima e a caixa de resposta do story e do status cobrem essas faixas"
    assert found == [("title", f"'nome da campanha' entra na faixa coberta pela plataforma: {reason} (frente)")]


def test_planted_text_on_the_wrong_ground_is_reported(story):
    band = Rect(0, 500, 1080, 200, DARK)
    found = geometry.violations(_scene(band, _text(300, 600, "texts.body", ground=PAPER)), story)
    assert found == [("texts.body", "'texto de apoio' está sobre 'laranja-escuro', não sobre 'branco'")]


def test_a_violation_is_a_check_error_located_in_the_data(tmp_path, run, monkeypatch):
    from cimpskit.layout import compositions

    monkeypatch.setattr(compositions, "ROW_GAP", -1.5)  # a layout bug: the rows of a composition collide
    root = make_project(tmp_path)
    status, _, err = run("--root", root, "check")
    assert status == 1
    assert (
        "campaigns/maio-laranja-2026.yml:17:13: 'título' e 'marca da campanha' se sobrepõem (frente) — "
        "formato(s): Post para feed 4:5, Cartaz A3, Cartaz A4, Folheto A5 (frente e verso), Banner 80 × 120 cm; "
        "versões: todas"
    ) in err.splitlines()


def test_contact_sheet_of_every_variant_is_kept_for_review(shipped):
    project, _ = shipped
    OUTPUT.mkdir(exist_ok=True)
    for campaign in ("maio-laranja-2026", "cadastro-unico-2026", "agosto-lilas-2026"):
        sheet = contact_sheet(project, campaign)
        assert sheet.width > 1200 and sheet.height > 2000
        sheet.save(OUTPUT / f"folha-{campaign}.png")


def test_final_pieces_draw_no_placeholder_and_previews_are_marked(shipped, verified):
    for job in shipped[1] + verified[1]:
        elements = [e for page in layout(job).pages for e in page.elements]
        texts = " ".join(t.text for t in elements if isinstance(t, Text))
        stamps = [e for e in elements if isinstance(e, Stamp)]
        if job.format.medium == "print":
            assert bool(stamps) == (job.draft or job.preview), job.stem
            assert all(s.lines[0].text == "PROVA — NÃO IMPRIMIR" for s in stamps), job.stem
            assert "PRÉVIA" not in texts and "RASCUNHO" not in texts, job.stem
        elif job.draft:
            assert "RASCUNHO — NÃO PUBLICAR" in texts, job.stem
        elif job.preview:
            assert "PRÉVIA — CONTATOS A CONFIRMAR" in texts, job.stem
        else:
            assert "confirmar" not in texts.lower() and "PRÉVIA" not in texts, job.stem

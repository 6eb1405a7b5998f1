"""Proofs that cannot be printed by mistake, and the reversed-text rule of print pieces."""

from __future__ import annotations

import io
import math

import pikepdf
import pytest
from helpers import REPO, make_project
from pypdf import PdfReader

from cimpskit.core.scene import Page, Paint, PrintSetup, Scene, Stamp, StampLine, Text
from cimpskit.inputs.validate import check_project
from cimpskit.layout import layout
from cimpskit.layout.knockout import knockout_problems
from cimpskit.layout.planned import make_plan
from cimpskit.layout.proof import INSET, TITLE, stamp_problems
from cimpskit.render.assets import render_job

MM = 72 / 25.4
CAMPAIGN = "maio-laranja-2026"


@pytest.fixture(scope="module")
def project():
    """The shipped project, checked once."""
    found, problems = check_project(REPO)
    assert problems == []
    return found


@pytest.fixture(scope="module")
def jarinu_flyer(project) -> tuple[object, dict[str, tuple[str, bytes]]]:
    """Render Jarinu's Maio Laranja flyer (contacts unconfirmed: a proof) once."""
    plan = make_plan(project, False, CAMPAIGN, "jarinu")
    job = next(j for j in plan.jobs if j.format.name == "flyer-a5")
    return job, render_job(job, REPO).files


def test_a_proof_is_named_as_such_and_gets_no_print_copy(jarinu_flyer):
    job, files = jarinu_flyer
    assert job.preview
    assert files["main"][0] == f"{job.stem}-prova.pdf"
    assert "trim-bleed" not in files


def test_a_proof_pdf_is_not_pdfx_and_has_no_bleed_or_crop_marks(jarinu_flyer):
    _, files = jarinu_flyer
    data = files["main"][1]
    with pikepdf.open(io.BytesIO(data)) as doc:
        assert "/OutputIntents" not in doc.Root
        assert "/GTS_PDFXVersion" not in doc.docinfo
        assert b"GTS_PDFXVersion" not in data
        for page in doc.pages:
            assert [round(float(v) / MM, 1) for v in page.MediaBox] == [0, 0, 148, 210]  # the trim, nothing more
            assert "/TrimBox" not in page and "/BleedBox" not in page
            ops = pikepdf.parse_content_stream(page)
            strokes = [list(o.operands) for o in ops if str(o.operator) == "K"]
            assert [1, 1, 1, 1] not in [[float(v) for v in s] for s in strokes]  # no registration colour
    assert str(PdfReader(io.BytesIO(data)).metadata.title).startswith("PROVA — NÃO IMPRIMIR — ")


def _stamp_runs(data: bytes) -> list[tuple[str, list[float]]]:
    """Return every text run of each page with its rotation angle in degrees (from the text and current matrices)."""
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:

        def visit(text, cm, tm, font, size, out=out):
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            if text.strip():
                out.append((text, math.degrees(math.atan2(b, a))))

        page.extract_text(visitor_text=visit)
    return out


def test_a_proof_carries_the_diagonal_mark_the_reason_and_what_is_missing_on_every_page(jarinu_flyer):
    _, files = jarinu_flyer
    reader = PdfReader(io.BytesIO(files["main"][1]))
    diagonal = math.degrees(math.atan2(210, 148))
    assert len(reader.pages) == 2
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        assert TITLE in text
        assert "Motivo: contatos de Jarinu ainda não confirmados pelo município." in text
        assert "Falta: Jarinu confirmar Conselho Tutelar de Jarinu e CREAS de Jarinu" in text
    runs = _stamp_runs(files["main"][1])
    title = [angle for text, angle in runs if TITLE in text]
    assert len(title) == 2 and all(abs(angle + diagonal) < 0.01 for angle in title)  # top left to bottom right
    assert all(abs(angle) < 0.01 for text, angle in runs if "Disque" in text)  # the piece itself stays upright


def test_every_proof_mark_of_every_shipped_print_preview_is_5_mm_inside_the_trim(project):
    plan = make_plan(project, True, None, None)
    proofs = [j for j in plan.jobs if j.format.medium == "print" and (j.preview or j.draft)]
    # 56 municipal previews of the approved campaigns; the 8 variants of the drafts (Agosto Lilás: 1 print format,
    # the three 2027 drafts: 6)
    assert len(proofs) == 7 * 8 + 8 * (1 + 6)
    for job in proofs:
        scene = layout(job)
        for page in scene.pages:
            [stamp] = [e for e in page.elements if isinstance(e, Stamp)]
            for x, y in stamp.corners():
                assert INSET <= x <= scene.width - INSET and INSET <= y <= scene.height - INSET, job.stem
            assert stamp.lines[-1].size >= job.format.min_text * 25.4 / 72 - 1e-9
        assert stamp_problems(scene) == []


def test_a_stamp_too_close_to_the_trim_is_caught():
    paint = Paint("vermelho", "#B3261E", (10, 95, 95, 15))
    line = StampLine(TITLE, "x.ttf", 10, 10)
    inside = Stamp(74, 105, 100, 20, 0, (line,), paint, paint, 0.9, 0.3)
    outside = Stamp(74, 105, 140, 20, 0, (line,), paint, paint, 0.9, 0.3)  # 4 mm from each side
    for stamp, expected in ((inside, []), (outside, ["a marca de prova sai da área a 5 mm do corte (frente)"])):
        scene = Scene("mm", 148, 210, 3, (Page("frente", (stamp,)),), "t")
        assert [m for _, m in stamp_problems(scene)] == expected


SETUP = PrintSetup(300, None, (), ("grafite",), 24, "FOGRA39", "Coated FOGRA39", 12)
WHITE = Paint("branco", "#FFFFFF", (0, 0, 0, 0))
RED = Paint("vermelho", "#B3261E", (10, 95, 95, 15))
MAGENTA = Paint("magenta", "#E4007C", (0, 100, 0, 0))
GRAPHITE = Paint("grafite", "#1F2328", (70, 60, 50, 80))
ORANGE = Paint("laranja", "#F28C28", (0, 55, 90, 0))


def _text(project, weight: str, size_pt: float, paint: Paint, ground: Paint) -> Text:
    """Return one line of text in the brand face."""
    font = str(project.typeface.path(weight))
    return Text(0, 10, "Texto", font, weight, size_pt * 25.4 / 72, paint, ground, size_pt, "texts.body", "g")


@pytest.mark.parametrize(
    ("weight", "size", "paint", "ground", "caught"),
    [
        ("regular", 10, WHITE, RED, True),  # the case: small white text on four-ink red
        ("regular", 12, WHITE, GRAPHITE, True),  # 12 pt regular on four-ink grafite
        ("bold", 11.5, WHITE, RED, True),
        ("bold", 12, WHITE, RED, False),
        ("regular", 19.5, WHITE, RED, True),
        ("regular", 20, WHITE, RED, False),  # a regular stem as thick as 12 pt bold
        ("regular", 9, WHITE, MAGENTA, False),  # one ink: nothing to lose in register
        ("regular", 9, GRAPHITE, ORANGE, False),  # small grafite prints in black ink, over the orange
    ],
)
def test_reversed_text_rule(project, weight, size, paint, ground, caught):
    text = _text(project, weight, size, paint, ground)
    scene = Scene("mm", 148, 210, 3, (Page("frente", (text,)),), "t", SETUP)
    found = knockout_problems(scene, SETUP, str(project.typeface.path("bold")))
    assert bool(found) == caught
    if caught:
        [(field, message)] = found
        assert field == "texts.body"
        assert message.startswith(f"texto vazado 'branco' sobre '{ground.name}' (")
        assert "use pelo menos 12 pt em negrito" in message


def test_reversed_text_planted_in_a_campaign_is_caught_by_check(tmp_path, run):
    brand = (REPO / "brand/brand.yml").read_text()
    brand = brand.replace("  ink_limit: 300\n", "  ink_limit: 300\n  reversed_text_min_pt: 14\n")
    root = make_project(tmp_path, {"brand/brand.yml": brand})
    status, _, err = run("--root", root, "check")
    assert status == 1
    caught = [line for line in err.splitlines() if "texto vazado" in line]
    assert (
        "campaigns/cadastro-unico-2026.yml:15:9: texto vazado 'branco' sobre 'azul' (3 tintas: C100 M60 K25) com "
        "13 pt negrito: se as chapas saírem do registro, as letras borram; use pelo menos 14 pt em negrito, ou um "
        "fundo de uma só tinta — formato(s): Folheto A5 (frente e verso); versões: todas"
    ) in caught
    assert all(line.startswith("campaigns/") for line in caught)


def test_shipped_print_pieces_keep_the_reversed_text_rule(project):
    plan = make_plan(project, True, None, None)
    for job in plan.jobs:
        if job.format.medium == "print":
            scene = layout(job)
            assert knockout_problems(scene, scene.print, job.font("headline")) == [], job.stem

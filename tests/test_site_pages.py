"""Generated site pages: draft preview, literal campaign text, live-preview change detection."""

from __future__ import annotations

import contextlib
import io
import shutil

from helpers import REPO, make_project, make_tiny

from cimpskit.cli import main
from cimpskit.intake.serve import inputs_digest
from cimpskit.site.pages import md, span_pt


def _site_project(tmp_path, campaigns: tuple[str, ...], formats: tuple[str, ...]):
    root = make_tiny(tmp_path, campaigns, formats)
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("downloads", "generated", "dados"))
    return root


def test_drafts_preview_marks_the_draft_and_public_build_removes_it(tmp_path):
    root = _site_project(tmp_path, ("maio-laranja-2026", "agosto-lilas-2026"), ("social-square", "poster-a3"))
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["--root", str(root), "build", "--drafts", "--sem-videos"]) == 0
    page = (root / "docs/campanhas/agosto-lilas-2026.md").read_text()
    assert '!!! warning "Rascunho"' in page
    assert "(rascunho)" in (root / "docs/index.md").read_text()
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["--root", str(root), "build", "--sem-videos"]) == 0
    assert not (root / "docs/campanhas/agosto-lilas-2026.md").exists()
    assert not (root / "docs/downloads/agosto-lilas-2026").exists()
    assert "agosto-lilas" not in (root / "docs/index.md").read_text()


def test_markdown_and_html_in_campaign_text_are_escaped():
    assert md("<b>oi</b> **x** [a](b)") == r"&lt;b&gt;oi&lt;/b&gt; \*\*x\*\* \[a\]\(b\)"


def test_date_ranges_read_naturally():
    import datetime as dt

    d = dt.date
    assert span_pt(d(2026, 5, 1), d(2026, 5, 31)) == "1 a 31 de maio de 2026"
    assert span_pt(d(2026, 7, 1), d(2026, 8, 31)) == "1 de julho a 31 de agosto de 2026"
    assert span_pt(d(2026, 12, 1), d(2027, 1, 31)) == "1 de dezembro de 2026 a 31 de janeiro de 2027"


def test_live_preview_notices_an_edited_campaign(tmp_path):
    root = make_project(tmp_path)
    before = inputs_digest(root)
    path = root / "campaigns/maio-laranja-2026.yml"
    path.write_text(path.read_text().replace("dever de todos", "dever de todas as pessoas"))
    assert inputs_digest(root) != before


def test_site_builds_without_maio_laranja_or_any_square_post(tmp_path):
    root = _site_project(tmp_path, ("cadastro-unico-2026", "trabalho-infantil-2026"), ("story", "poster-a3"))
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["--root", str(root), "build", "--sem-videos"]) == 0, err.getvalue()
    manual = (root / "docs/identidade-visual.md").read_text()
    assert "Errado: texto branco sobre laranja — contraste 2,45:1: o gerador recusa" in manual
    assert "Certo: texto grafite sobre laranja — contraste 6,44:1, passa" in manual
    assert (root / "docs/downloads/manual/errado-contraste/manual-errado-contraste-social-square.webp").is_file()
    assert not (root / "docs/campanhas/maio-laranja-2026.md").exists()

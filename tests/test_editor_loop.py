"""The editor's loop: the workflow and forms are valid, reviews list what changed, contact sheets match."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import REPO, assert_similar_to_reference, small_project

from cimpskit.cli import main
from cimpskit.inputs.validate import check_project
from cimpskit.render.sheet import contact_sheet

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _run(*args) -> tuple[int, str, str]:
    """Run the command line in-process; return status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", [".github/workflows/site.yml"]),
        ("vendor.github-issue-forms", [".github/ISSUE_TEMPLATE/nova-campanha.yml"]),
        ("vendor.github-issue-forms", [".github/ISSUE_TEMPLATE/atualizar-contatos.yml"]),
        ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
    ],
)
def test_workflow_and_forms_validate_against_githubs_schemas(schema, files):
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *files], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_get_a_review_job_with_summary_and_sheets():
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text())
    review = workflow["jobs"]["review"]
    assert review["if"] == "github.event_name == 'pull_request'"
    runs = " ".join(step.get("run", "") for step in review["steps"])
    assert "build_assets.py review --base build/base --out build/head" in runs
    assert '--summary "$GITHUB_STEP_SUMMARY"' in runs
    uploads = [s for s in review["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "build/sheets"
    assert "make check" in " ".join(s.get("run", "") for s in workflow["jobs"]["test"]["steps"])


def test_pre_commit_runs_check_on_input_changes():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    check = next(h for h in hooks if "check" in h["entry"])
    assert check["language"] == "system" and "campaigns" in check["files"]


def test_review_lists_the_pieces_a_change_touches(tmp_path):
    root = small_project(tmp_path / "proj")
    base, head = tmp_path / "base", tmp_path / "head"
    assert _run("--root", root, "build", "--out", base, "--jobs", "1", "--sem-videos")[0] == 0
    path = root / "campaigns/cadastro-unico-2026.yml"
    path.write_text(path.read_text().replace("formats: [social-square, poster-a4]", "formats: [social-square]"))
    path.write_text(path.read_text().replace("Atualize seu Cadastro Único", "Cadastro Único em dia"))
    assert _run("--root", root, "build", "--out", head, "--jobs", "1", "--sem-videos")[0] == 0
    summary = tmp_path / "summary.md"
    status, _, _ = _run(
        "--root", root, "review", "--base", base, "--out", head, "--sheets", tmp_path / "sheets", "--summary", summary
    )
    assert status == 0
    assert summary.read_text() == (
        "# Revisão das peças\n\n"
        "**Conferência:** texto que cabe, contraste, tamanhos, geometria e dados: tudo certo.\n\n"
        "## Cadastro Único em dia\n\n"
        "**Alteradas (6):** Moldura para foto de perfil (3 versões); Post quadrado (3 versões)\n\n"
        "**Removidas (3):** Cartaz A4 (3 versões)\n\n"
        "Folha de contato: `folha-cadastro-unico-2026.png` (nos artefatos desta execução).\n\n"
    )
    assert (tmp_path / "sheets/folha-cadastro-unico-2026.png").is_file()


def test_contact_sheet_of_a_small_project_matches_its_reference(tmp_path):
    project, problems = check_project(small_project(tmp_path))
    assert problems == []
    assert_similar_to_reference(contact_sheet(project, "cadastro-unico-2026"), "folha-cadastro-unico-pequena.png")


def test_sheet_command_writes_the_png_and_refuses_unknown_campaigns(tmp_path):
    root = small_project(tmp_path / "proj")
    out = tmp_path / "folha.png"
    assert _run("--root", root, "sheet", "--campaign", "cadastro-unico-2026", "--out", out) == (
        0,
        f"folha de contato: {out}\n",
        "",
    )
    assert out.read_bytes().startswith(b"\x89PNG")
    status, _, err = _run("--root", root, "sheet", "--campaign", "nope")
    assert (status, err) == (
        2,
        "build_assets.py sheet: erro: campanha 'nope' não existe em campaigns/ (campanhas: cadastro-unico-2026)\n",
    )

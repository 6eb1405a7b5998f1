"""`new --next-year`: next year's drafts from this year's approved recurring campaigns, and their meeting."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest
from helpers import REPO, make_project

from cimpskit.intake.nextyear import next_date, next_period, next_slug

DRAFTS = ("maio-laranja-2027", "trabalho-infantil-2027", "atendimento-domicilio-2027")
MARK = "  # Aprova os rascunhos de 2027:"
"""Where the shipped calendar's appended meeting starts (what the command added to calendar/meetings.yml)."""


@pytest.fixture
def before(tmp_path):
    """A copy of the shipped kit as it was before the 2027 round: no 2027 drafts, no meeting to approve them."""
    root = make_project(tmp_path)
    for slug in DRAFTS:
        (root / f"campaigns/{slug}.yml").unlink()
    meetings = root / "calendar/meetings.yml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(text[: text.index(MARK)], encoding="utf-8")
    return root


def test_the_shipped_2027_drafts_are_what_the_command_makes(before, run):
    status, out, err = run("--root", before, "new", "--next-year")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "criado: campaigns/maio-laranja-2027.yml (rascunho a partir de maio-laranja-2026, 2027-05-01 a 2027-05-31)",
        "criado: campaigns/trabalho-infantil-2027.yml (rascunho a partir de trabalho-infantil-2026, "
        "2027-06-01 a 2027-06-30)",
        "criado: campaigns/atendimento-domicilio-2027.yml (rascunho a partir de atendimento-domicilio-2026, "
        "2027-09-01 a 2027-09-30)",
        "reunião acrescentada em calendar/meetings.yml: ct-2027-02-09 em 2027-02-09 (data prevista, a confirmar)",
        "próximo passo: revise os textos e as quantidades, rode `make check` e, depois da reunião, mude cada "
        "rascunho para `status: approved` com `approval.meeting: ct-2027-02-09`",
    ]
    for slug in DRAFTS:
        assert (before / f"campaigns/{slug}.yml").read_bytes() == (REPO / f"campaigns/{slug}.yml").read_bytes(), slug
    assert (before / "calendar/meetings.yml").read_bytes() == (REPO / "calendar/meetings.yml").read_bytes()
    status, out, err = run("--root", before, "check")
    assert (status, out.splitlines()[0], err) == (0, "ok: 8 campanha(s) válidas", "")


def test_a_draft_changes_only_its_slug_title_status_approval_and_dates(before, run):
    assert run("--root", before, "new", "--next-year")[0] == 0
    old = (before / "campaigns/maio-laranja-2026.yml").read_text(encoding="utf-8").splitlines()
    new = (before / "campaigns/maio-laranja-2027.yml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(old, new, lineterm="", n=0) if line[:1] in "+-"][2:]
    assert changed == [
        "-slug: maio-laranja-2026",
        "-title: Maio Laranja 2026",
        "+slug: maio-laranja-2027",
        "+title: Maio Laranja 2027",
        "-status: approved",
        "-approval:",
        "-  meeting: ct-2026-02-10",
        "+status: draft",
        "+# Rascunho de Maio Laranja 2026: aguarda aprovação na reunião ct-2027-02-09 (calendar/meetings.yml).",
        "-  start: 2026-05-01",
        "-  end: 2026-05-31",
        "+  start: 2027-05-01",
        "+  end: 2027-05-31",
        "-  - date: 2026-05-18",
        "+  - date: 2027-05-18",
    ]
    meetings = (before / "calendar/meetings.yml").read_text(encoding="utf-8")
    original = (REPO / "calendar/meetings.yml").read_text(encoding="utf-8")
    assert meetings.startswith(original[: original.index(MARK)])  # every existing line untouched


def test_running_it_again_changes_nothing(tmp_path, run):
    root = make_project(tmp_path)
    status, out, err = run("--root", root, "new", "--next-year", "--year", "2026")
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "nada a fazer: as campanhas de 2027 já foram criadas"
    assert out.count("já existe:") == 3
    for folder in ("campaigns", "calendar"):
        for path in (REPO / folder).glob("*.yml"):
            assert (root / folder / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_meeting_already_in_the_calendar_before_the_deadlines_approves_them(before, run):
    meetings = before / "calendar/meetings.yml"
    text = meetings.read_text(encoding="utf-8")
    extra = "  - id: ct-2027-01-19\n    date: 2027-01-19\n    title: Reunião extraordinária\n    confirmed: true\n"
    meetings.write_text(text + extra, encoding="utf-8")
    status, out, _ = run("--root", before, "new", "--next-year")
    assert status == 0
    assert "reunião que aprova os rascunhos: ct-2027-01-19 em 2027-01-19 (já está em calendar/meetings.yml)" in out
    assert meetings.read_text(encoding="utf-8") == text + extra
    assert "aguarda aprovação na reunião ct-2027-01-19" in (before / "campaigns/maio-laranja-2027.yml").read_text()


def test_a_campaign_that_does_not_recur_gets_no_draft(before, run):
    path = before / "campaigns/atendimento-domicilio-2026.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("recurs: true", "recurs: false"), encoding="utf-8")
    assert run("--root", before, "new", "--next-year")[0] == 0
    assert not (before / "campaigns/atendimento-domicilio-2027.yml").exists()
    assert not (before / "campaigns/cadastro-unico-2027.yml").exists()  # never marked as recurring
    assert (before / "campaigns/maio-laranja-2027.yml").is_file()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--next-year", "--slug", "x"], "--next-year não se combina com nome, --start, --end, --slug ou --from-issue"),
        (["Nome", "--next-year"], "--next-year não se combina com nome, --start, --end, --slug ou --from-issue"),
        (
            ["--next-year", "--year", "2020"],
            "nenhuma campanha aprovada que se repete começa em 2020 (anos com campanhas: 2026)",
        ),
        (["--year", "2026"], "--year só vale com --next-year"),
    ],
)
def test_usage_errors_exit_2_in_portuguese(run, args, message):
    assert run("--root", REPO, "new", *args) == (2, "", f"build_assets.py new: erro: {message}\n")


def test_dates_move_to_the_same_day_or_the_same_whole_month():
    d = dt.date
    assert next_date(d(2026, 5, 18)) == d(2027, 5, 18)  # 18 de Maio stays on its date
    assert next_date(d(2028, 2, 29)) == d(2029, 2, 28)
    assert next_period(d(2026, 5, 1), d(2026, 5, 31)) == (d(2027, 5, 1), d(2027, 5, 31))
    assert next_period(d(2026, 7, 1), d(2026, 8, 31)) == (d(2027, 7, 1), d(2027, 8, 31))
    assert next_period(d(2027, 2, 1), d(2027, 2, 28)) == (d(2028, 2, 1), d(2028, 2, 29))  # a whole February
    assert next_period(d(2026, 6, 10), d(2026, 6, 20)) == (d(2027, 6, 10), d(2027, 6, 20))
    assert next_slug("maio-laranja-2026", 2026) == "maio-laranja-2027"
    assert next_slug("mutirao", 2026) == "mutirao-2027"

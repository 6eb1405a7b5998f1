"""What the home page says first, day by day: the campaigns running, the next 30 days, what comes next.

The generated Markdown of one shared build, rendered again for each day (no browser, no new pieces)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cimpskit.site import now, pages

MAIO = "Maio Laranja 2026"
JUNHO = "12 de Junho — Chega de Trabalho Infantil"
CADASTRO = "Cadastro Único em dia"
CASA = "Assistência social em casa"
MEETING = "Reunião da Câmara Técnica de Assistência Social (data prevista)"

PLANNED = [
    ("Maio Laranja 2027", "1 a 31 de maio de 2027"),
    (JUNHO, "1 a 30 de junho de 2027"),
    (CASA, "1 a 30 de setembro de 2027"),
]
"""The shipped 2027 drafts (made by `new --next-year`), as the home page lists them while nothing approved is ahead."""
DRAFT_SLUGS = ("maio-laranja-2027", "trabalho-infantil-2027", "atendimento-domicilio-2027")
"""The drafts' slugs (their pages' and files' names): no page links to a draft or names its files."""

MATRIX = {
    # Before the first campaign: nothing runs; the next one with its print deadlines; nothing in 30 days.
    "2026-03-01": {
        "running": [],
        "next": MAIO,
        "deadlines": ["11 de abril de 2026", "16 de abril de 2026", "26 de abril de 2026"],
        "soon": [],
        "ended": [],
    },
    # The day of a meeting: "hoje"; the print order and delivery of the next campaign ahead.
    "2026-04-14": {
        "running": [],
        "next": MAIO,
        "deadlines": ["11 de abril de 2026", "16 de abril de 2026", "26 de abril de 2026"],
        "soon": [
            ("14 de abril", "ter., hoje", MEETING),
            ("16 de abril", "qui., em 2 dias", f"Pedido à gráfica: {MAIO}"),
            ("26 de abril", "dom., em 12 dias", f"Entrega dos impressos: {MAIO}"),
            ("1 de maio", "sex., em 17 dias", f"começa a campanha {MAIO}"),
            ("12 de maio", "ter., em 28 dias", f"Aprovar a arte: {JUNHO}"),
        ],
        "ended": [],
    },
    # Inside Maio Laranja: its key date within the week, 12 de Junho within the month.
    "2026-05-14": {
        "running": [MAIO],
        "next": None,
        "deadlines": [],
        "soon": [
            ("17 de maio", "dom., em 3 dias", f"Pedido à gráfica: {JUNHO}"),
            (
                "18 de maio",
                "seg., em 4 dias",
                f"Dia Nacional de Combate ao Abuso e à Exploração Sexual de Crianças e Adolescentes ({MAIO})",
            ),
            ("27 de maio", "qua., em 13 dias", f"Entrega dos impressos: {JUNHO}"),
            ("1 de junho", "seg., em 18 dias", f"começa a campanha {JUNHO}"),
            ("9 de junho", "ter., em 26 dias", MEETING),
            ("11 de junho", "qui., em 28 dias", f"Aprovar a arte: {CADASTRO}"),
            ("12 de junho", "sex., em 29 dias", f"Dia Nacional de Combate ao Trabalho Infantil ({JUNHO})"),
        ],
        "ended": [],
    },
    # The last day of a campaign still counts; the first day of the next one ends the previous.
    "2026-05-31": {"running": [MAIO], "next": None, "deadlines": [], "ended": []},
    "2026-06-01": {"running": [JUNHO], "next": None, "deadlines": [], "ended": [MAIO]},
    # Two months long, between other campaigns.
    "2026-08-20": {"running": [CADASTRO], "next": None, "deadlines": [], "ended": [JUNHO, MAIO]},
    # After the year's campaigns: nothing approved ahead, so the 2027 drafts in preparation (dates and print
    # deadlines only: no page, no piece, no text of theirs), the meetings that may approve them, what to confirm now.
    "2026-10-15": {
        "running": [],
        "next": None,
        "deadlines": [],
        "preparing": PLANNED,
        "soon": [],
        "ended": [CASA, CADASTRO, JUNHO, MAIO],
    },
    "2026-12-05": {
        "running": [],
        "next": None,
        "deadlines": [],
        "preparing": PLANNED,
        "soon": [("8 de dezembro", "ter., em 3 dias", MEETING)],
        "ended": [CASA, CADASTRO, JUNHO, MAIO],
    },
}


def plain(markdown: str) -> str:
    """Drop Markdown links, emphasis and escapes from a line."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"\\(.)", r"\1", text.replace("**", ""))


def section(md: str, start: str, end: str) -> str:
    """Return the Markdown between two headings."""
    return md[md.index(start) : md.index(end)]


def read_home(md: str) -> dict:
    """Read back what the home page's 'Agora' and campaign list say, as data."""
    agora = section(md, "## Agora", "## Escolha")
    running = agora.split("Em andamento: publique esta semana", 1)[-1].split("Esta semana", 1)[0]
    following = re.search(r"\*\*A seguir:\*\* \[([^\]]+)\]", agora)
    planned = agora.split("Em preparação", 1)[1].split("Prepare agora", 1)[0] if "Em preparação" in agora else ""
    deadlines = re.findall(r"até\s+\*\*([^*]+)\*\*", agora)
    dates = section(md, "Esta semana", "## Campanhas")  # this week in 'Agora', the rest of the month after the picker
    soon = re.findall(r"^- \*\*([^*]+)\*\* \(([^)]+)\): (.+)$", dates, re.M)
    campaigns = section(md, "## Campanhas", "## Também")
    past = campaigns.split("Campanhas anteriores", 1)[1] if "Campanhas anteriores" in campaigns else ""
    return {
        "running": [plain(t) for t in re.findall(r"^- \*\*(\[[^\]]+\]\([^)]+\))\*\*", running, re.M)],
        "next": following.group(1) if following else None,
        "deadlines": deadlines,
        "soon": [(day, when, plain(text)) for day, when, text in soon],
        "preparing": re.findall(r"^- \*\*([^*]+)\*\*: ([^.]+)\.", planned, re.M),
        "ended": re.findall(r"^- \[([^\]]+)\]", past, re.M),
    }


@pytest.mark.parametrize("day", list(MATRIX))
def test_home_page_says_what_runs_now_and_what_comes_next(rendered, day):
    md = rendered(day)["index.md"].decode()
    found = read_home(md)
    expected = MATRIX[day]
    assert {key: found[key] for key in expected} == expected
    assert f'<p class="kit-now__day">{pages.date_pt(dt.date.fromisoformat(day))}</p>' in md
    assert f"Situação em {pages.date_pt(dt.date.fromisoformat(day))}, dia em que esta página foi gerada." in md
    assert "atualizados em" not in section(md, "## Agora", "## Também")
    assert found["preparing"] == expected.get("preparing", [])
    assert not any(slug in md for slug in DRAFT_SLUGS)  # drafts stay unpublished: dates, never a page or a file


def test_in_december_the_pages_say_what_is_being_prepared_and_what_to_send_now(rendered):
    files = rendered("2026-12-05")
    home = section(files["index.md"].decode(), "## Agora", "## Escolha")
    assert '<p class="kit-now__label">Em preparação para 2027</p>' in home
    assert "(próximas reuniões:\n8 de dezembro de 2026, data prevista; 9 de fevereiro de 2027, data prevista)" in home
    assert (
        "- **Maio Laranja 2027**: 1 a 31 de maio de 2027. Arte até 11 de abril.\n" in home
    )  # short: the picker is next
    assert "faltam **19**, em 7\nmunicípios" in home  # Jarinu's two test confirmations leave 19 of 21
    assert "[Pendências](pendencias.md)" in home
    jarinu = section(files["municipios/jarinu.md"].decode(), "## Agora", "## Peças")
    assert plain(jarinu.split("Datas previstas:", 1)[1].split("\n\n", 2)[1]).splitlines() == [
        "- Maio Laranja 2027: 1 a 31 de maio de 2027. Impressos: aprovar a arte até 11 de abril de 2027, pedido à "
        "gráfica até 16 de abril de 2027. Jarinu pede Cartaz A3: 100 unidades; Cartaz A4: 150 unidades; Folheto A5 "
        "(frente e verso): 4.000 unidades; Banner 80 × 120 cm: 2 unidades.",
        f"- {JUNHO}: 1 a 30 de junho de 2027. Impressos: aprovar a arte até 12 de maio de 2027, pedido à gráfica "
        "até 17 de maio de 2027. Jarinu pede Cartaz A3: 60 unidades.",
        f"- {CASA}: 1 a 30 de setembro de 2027. Impressos: aprovar a arte até 12 de agosto de 2027, pedido à gráfica "
        "até 17 de agosto de 2027. Jarinu pede Cartaz A4: 80 unidades.",
    ]
    prepare = section(jarinu, "Prepare agora", "Próximos 30 dias")
    assert re.findall(r"^- (.+)$", prepare, re.M) == ["CRAS de Jarinu: telefone, endereço e horário"]
    assert "Onde eles entram: veja a prova do [Cartaz A4 para imprimir de Assistência social em casa]" in prepare
    assert (
        "(#peca-atendimento-domicilio-2026-jarinu-poster-a4)" in prepare
    )  # its latest proof (Maio Laranja's is final)
    assert re.search(
        r"^\[Enviar os contatos por e-mail\]\(mailto:\?subject=Contatos%20confirmados%20de%20Jarinu", prepare, re.M
    )


def test_a_municipality_page_opens_the_running_campaign_and_folds_the_ended_ones(rendered):
    md = rendered("2026-06-15")["municipios/jarinu.md"].decode()
    pieces = section(md, "## Peças das campanhas", "## Campanhas anteriores")
    past = section(md, "## Campanhas anteriores", "## Pedido à gráfica")
    opened = re.findall(r'<details class="kit-campaign" id="([^"]+)"( open)?', pieces)
    assert opened == [
        ("trabalho-infantil-2026", " open"),
        ("cadastro-unico-2026", ""),
        ("atendimento-domicilio-2026", ""),
    ]
    assert re.findall(r'<details class="kit-campaign" id="([^"]+)"( open)?', past) == [("maio-laranja-2026", "")]
    nothing = rendered("2026-10-15")["municipios/jarinu.md"].decode()
    assert (
        "Nenhuma campanha aprovada em andamento ou à frente (as próximas estão em preparação, no\ninício da página)."
    ) in section(nothing, "## Peças", "## Campanhas anteriores")


def test_when_nothing_runs_the_municipality_page_opens_the_next_campaign_with_its_own_deadlines(rendered):
    md = rendered("2026-03-01")["municipios/jarinu.md"].decode()
    agora = section(md, "## Agora", "## Peças")
    assert "**A seguir:** [Maio Laranja 2026](#maio-laranja-2026), de 1 a 31 de maio de 2026." in agora
    assert "aprovar a arte até **11 de abril de 2026**" in agora
    assert re.search(r'<details class="kit-campaign" id="maio-laranja-2026" open', md)


def test_relative_days_read_naturally():
    event = now.calendar.Event(dt.date(2026, 5, 18), dt.date(2026, 5, 18), "data", "x", "x")
    assert [now.Soon(event, d).when for d in (0, 1, 4)] == ["hoje", "amanhã", "em 4 dias"]
    assert now.Soon(event, 4).weekday == "seg."


def test_the_home_page_shows_this_week_first_and_the_rest_of_the_month_after_the_picker(rendered):
    md = rendered("2026-05-14")["index.md"].decode()
    agora, month = section(md, "## Agora", "## Escolha"), section(md, "## Próximos 30 dias", "## Campanhas")
    assert "**18 de maio** (seg., em 4 dias)" in agora and "12 de junho" not in agora
    assert "**12 de junho** (sex., em 29 dias)" in month and "18 de maio" not in month
    assert md.index("## Escolha o seu município") < md.index("## Próximos 30 dias")

"""The `new --next-year` command: next year's round of campaigns as drafts, from this year's approved ones.

Every recurring approved campaign of a year gets a copy for the next year: the same file, byte for byte, except
its slug and title (the year moved), its status (draft), its approval (cleared, with a comment naming the meeting
that must approve it) and its dates (fixed-date days keep their day, month campaigns their month). The Technical
Chamber meeting that must approve them is appended to calendar/meetings.yml as a date still to confirm, unless
the calendar already has one before the first production deadline.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
import re
from dataclasses import dataclass, replace

from cimpskit.core.errors import KitError, UsageError
from cimpskit.core.writer import write_tree
from cimpskit.inputs import sources
from cimpskit.inputs.model import Campaign, Meeting
from cimpskit.inputs.project import CAMPAIGNS_DIR, MEETINGS_FILE, Loaded, Project
from cimpskit.inputs.validate import check_project
from cimpskit.plan.planner import public_name
from cimpskit.produce import calendar

MEETING_TITLE = "Reunião da Câmara Técnica de Assistência Social"
WEEK = dt.timedelta(days=7)
SCALAR = re.compile(r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#][^#]*?)(?P<rest>\s+#.*)?$""")
"""A one-line YAML scalar from its column to the end of the line, and the comment after it."""


@dataclass(frozen=True)
class Draft:
    """One campaign of next year's round: where it comes from and the file it becomes."""

    source: Campaign
    slug: str
    title: str
    start: dt.date
    end: dt.date
    key_dates: tuple[dt.date, ...]
    text: str


@dataclass(frozen=True)
class Round:
    """Next year's round: the drafts to write, the ones already there, and the meeting that approves them."""

    year: int
    drafts: tuple[Draft, ...]
    kept: tuple[str, ...]
    """Campaigns of the year that already have their copy (by slug of the source)."""
    meeting: Meeting | None
    """The meeting that must approve the drafts (None when there is nothing to draft)."""
    new_meeting: bool
    """Whether the meeting is added to the calendar (else it already is there)."""
    meetings_text: str


def next_date(day: dt.date) -> dt.date:
    """Return the same day and month one year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def next_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Move a period to next year: whole months stay whole months, other dates keep their day."""
    last = months.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last:
        year = end.year + 1
        return start.replace(year=start.year + 1), end.replace(year=year, day=months.monthrange(year, end.month)[1])
    return next_date(start), next_date(end)


def next_name(text: str, year: int) -> str:
    """Replace the year in a slug or title by the next one."""
    return re.sub(rf"(?<!\d){year}(?!\d)", str(year + 1), text)


def next_slug(slug: str, year: int) -> str:
    """Return a campaign's slug for next year: the year replaced, or added at the end."""
    moved = next_name(slug, year)
    return moved if moved != slug else f"{slug}-{year + 1}"


def _set_scalar(lines: list[str], doc: sources.Document, loc: tuple, value: str) -> None:
    """Replace the one-line scalar at loc by value (already YAML), keeping the line's comment."""
    line, col = doc.value_marks[loc]
    text = lines[line - 1]
    head, tail = text[: col - 1], text[col - 1 :]
    match = SCALAR.match(tail.rstrip("\r\n"))
    eol = tail[len(tail.rstrip("\r\n")) :]
    if match is None:
        raise KitError([doc.problem(loc, "valor em mais de uma linha: não dá para mudar para o próximo ano")])
    lines[line - 1] = head + value + (match.group("rest") or "") + eol


def _move_year(lines: list[str], doc: sources.Document, loc: tuple, year: int) -> None:
    """Write next year in place of the year inside the one-line scalar at loc, in its own quoting."""
    line, col = doc.value_marks[loc]
    text = lines[line - 1]
    match = SCALAR.match(text[col - 1 :].rstrip("\r\n"))
    if match is None:
        raise KitError([doc.problem(loc, "valor em mais de uma linha: não dá para mudar para o próximo ano")])
    _set_scalar(lines, doc, loc, next_name(match.group("value"), year))


def _block_end(lines: list[str], first: int) -> int:
    """Return the index after the block whose key is on line index first (deeper lines and blank lines)."""
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    end = first + 1
    while end < len(lines):
        stripped = lines[end].strip()
        deeper = len(lines[end]) - len(lines[end].lstrip(" ")) > indent
        if stripped and not deeper:
            break
        end += 1
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def draft_text(text: str, loaded: Loaded[Campaign], draft: Draft, meeting: Meeting) -> str:
    """Rewrite a campaign file's text for next year, every other line kept byte for byte."""
    doc, c = loaded.doc, loaded.model
    lines = text.splitlines(keepends=True)
    _set_scalar(lines, doc, ("slug",), draft.slug)
    if draft.title != c.title:
        _move_year(lines, doc, ("title",), c.period.start.year)
    _set_scalar(lines, doc, ("status",), "draft")
    _set_scalar(lines, doc, ("period", "start"), draft.start.isoformat())
    _set_scalar(lines, doc, ("period", "end"), draft.end.isoformat())
    for index, day in enumerate(draft.key_dates):
        _set_scalar(lines, doc, ("key_dates", index, "date"), day.isoformat())
    if c.approval is not None:
        first = doc.key_marks[("approval",)][0] - 1
        note = f"# Rascunho de {c.title}: aguarda aprovação na reunião {meeting.id} (calendar/meetings.yml).\n"
        lines[first : _block_end(lines, first)] = [note]
    return "".join(lines)


def _meeting(project: Project, drafts: list[Draft], sources_: list[Campaign], year: int) -> tuple[Meeting, bool]:
    """Return the meeting that must approve the drafts: one already in the calendar, or a new one to confirm."""
    deadlines = [calendar.print_deadlines(project, _as_campaign(d), None) for d in drafts]
    due = min([d.artwork for d in deadlines if d] + [d.start for d in drafts])
    meetings = project.meetings.model.meetings if project.meetings else []
    ahead = [m for m in meetings if m.date.year == year and m.date <= due]
    if ahead:
        return min(ahead, key=lambda m: m.date), False
    by_id = {m.id: m for m in meetings}
    approving = [by_id[c.approval.meeting].date for c in sources_ if c.approval and c.approval.meeting in by_id]
    date = _same_weekday(min(approving), year) if approving else due - WEEK
    while date > due:
        date -= WEEK
    return Meeting(id=f"ct-{date.isoformat()}", date=date, title=MEETING_TITLE, confirmed=False), True


def _same_weekday(day: dt.date, year: int) -> dt.date:
    """Return the same weekday of the same week of the month in another year (2nd Tuesday of February)."""
    nth = (day.day - 1) // 7
    first = dt.date(year, day.month, 1)
    offset = (day.weekday() - first.weekday()) % 7
    return first + dt.timedelta(days=offset) + nth * WEEK


def _as_campaign(d: Draft) -> Campaign:
    """Return the source campaign with the draft's dates (for its production deadlines)."""
    period = d.source.period.model_copy(update={"start": d.start, "end": d.end})
    return d.source.model_copy(update={"period": period, "slug": d.slug, "title": d.title})


def meetings_text(project: Project, meeting: Meeting, drafts: list[Draft]) -> str:
    """Append the new meeting to calendar/meetings.yml, every existing line kept byte for byte."""
    path = project.root / MEETINGS_FILE
    text = path.read_bytes().decode("utf-8")
    lines = text.splitlines()
    items = [line for line in lines if re.match(r"^\s*-\s+id:", line)]
    dash = items[-1][: items[-1].index("-")] if items else "  "
    if not items:
        text = re.sub(r"(?m)^meetings:\s*\[\]\s*$", "meetings:", text)
    if text and not text.endswith("\n"):
        text += "\n"
    names = ", ".join(d.slug for d in drafts)
    pad = dash + "  "
    return text + "".join(
        [
            f"{dash}# Aprova os rascunhos de {meeting.date.year}: {names}.\n",
            f"{dash}# Data prevista (a mesma semana do mês da reunião do ano anterior): confirme a data.\n",
            f"{dash}- id: {meeting.id}\n",
            f"{pad}date: {meeting.date.isoformat()}\n",
            f"{pad}title: {meeting.title}\n",
            f"{pad}confirmed: false\n",
        ]
    )


def plan_round(project: Project, year: int | None) -> Round:
    """Work out next year's drafts from the approved recurring campaigns of a year (default: the latest one)."""
    recurring = [c for c in project.campaigns if c.model.status == "approved" and c.model.recurs]
    if not recurring:
        raise UsageError("nenhuma campanha aprovada com `recurs: true` em campaigns/: nada para repetir")
    years = sorted({c.model.period.start.year for c in recurring})
    year = years[-1] if year is None else year
    chosen = [c for c in recurring if c.model.period.start.year == year]
    if not chosen:
        known = ", ".join(str(y) for y in years)
        raise UsageError(f"nenhuma campanha aprovada que se repete começa em {year} (anos com campanhas: {known})")
    taken = {(public_name(c.model), c.model.period.start.year) for c in project.campaigns}
    slugs = {c.model.slug for c in project.campaigns}
    drafts, kept = [], []
    for loaded in sorted(chosen, key=lambda c: (c.model.period.start, c.model.slug)):
        c = loaded.model
        slug = next_slug(c.slug, year)
        if slug in slugs or (public_name(c), year + 1) in taken:
            kept.append(c.slug)
            continue
        start, end = next_period(c.period.start, c.period.end)
        days = tuple(next_date(k.date) for k in c.key_dates)
        drafts.append(Draft(c, slug, next_name(c.title, year), start, end, days, ""))
    meeting: Meeting | None = None
    new = False
    if drafts:
        meeting, new = _meeting(project, drafts, [c.model for c in chosen], year + 1)
        by_slug = {c.model.slug: c for c in chosen}
        drafts = [replace(d, text=_rewrite(project, by_slug[d.source.slug], d, meeting)) for d in drafts]
    text = meetings_text(project, meeting, drafts) if meeting and new else ""
    return Round(year + 1, tuple(drafts), tuple(kept), meeting, new, text)


def _rewrite(project: Project, loaded: Loaded[Campaign], draft: Draft, meeting: Meeting) -> str:
    """Return a draft's file: its source file's exact text, rewritten for next year."""
    text = (project.root / loaded.doc.path).read_bytes().decode("utf-8")
    return draft_text(text, loaded, draft, meeting)


def files(r: Round) -> dict[str, bytes]:
    """Return the files a round writes: one per draft, and the calendar when a meeting is added."""
    out = {f"{CAMPAIGNS_DIR}/{d.slug}.yml": d.text.encode("utf-8") for d in r.drafts}
    if r.new_meeting:
        out[MEETINGS_FILE] = r.meetings_text.encode("utf-8")
    return out


def _span(start: dt.date, end: dt.date) -> str:
    """Write a period as '2027-05-01 a 2027-05-31'."""
    return f"{start.isoformat()} a {end.isoformat()}"


def new_round(root, year: int | None) -> int:
    """Write next year's drafts and the approving meeting; say what was done and what to do next."""
    project, problems = check_project(root)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise KitError(errors)
    r = plan_round(project, year)
    for slug in r.kept:
        print(f"já existe: a campanha de {r.year} feita a partir de {slug} (mantida como está)")
    if not r.drafts:
        print(f"nada a fazer: as campanhas de {r.year} já foram criadas")
        return 0
    write_tree(project.root, files(r))
    for d in r.drafts:
        print(f"criado: {CAMPAIGNS_DIR}/{d.slug}.yml (rascunho a partir de {d.source.slug}, {_span(d.start, d.end)})")
    m = r.meeting
    if m and r.new_meeting:
        print(f"reunião acrescentada em {MEETINGS_FILE}: {m.id} em {m.date.isoformat()} (data prevista, a confirmar)")
    elif m:
        print(f"reunião que aprova os rascunhos: {m.id} em {m.date.isoformat()} (já está em {MEETINGS_FILE})")
    print(
        "próximo passo: revise os textos e as quantidades, rode `make check` e, depois da reunião, mude cada "
        f"rascunho para `status: approved` com `approval.meeting: {m.id if m else '...'}`"
    )
    _, after = check_project(root)
    after = [p for p in after if p.severity == "error"]
    if after:
        raise KitError(after)
    return 0

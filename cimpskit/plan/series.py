"""The series of a campaign × municipality: carousel, date, countdown, event and frame jobs, and the motion jobs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from cimpskit.core.paths import PieceFiles
from cimpskit.core.scene import Overflow
from cimpskit.inputs.model import Campaign, Event, Format
from cimpskit.inputs.project import Project
from cimpskit.plan.jobs import Job
from cimpskit.plan.planner import jobs_for

FEED = "social-portrait"
"""The catalogue format the series' posts are laid out on (the feed's 4:5, 1080 × 1350)."""
FRAME = "profile-frame"
"""The catalogue format of the profile-picture frame (1080 × 1080, shown cropped to a circle)."""
MOTION = {"video-story": "story", "video-feed": "social-portrait"}
"""Each video of a variant and the format of the still piece it animates."""
MOTION_LABELS = {
    "video-story": "Vídeo para Reels e status (9:16)",
    "video-feed": "Vídeo para o feed (4:5)",
}
MONTHS = "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split()
WEEKDAYS = "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo".split()
SERIES_KINDS = ("carrossel", "data", "contagem", "evento", "moldura")
"""The series' kinds of piece, in the order the hub shows them."""


@dataclass(frozen=True)
class Slide:
    """One card of the carousel: the cover, a card the campaign file writes, or the contacts card."""

    kind: str
    """'capa', 'cartao' or 'contatos'."""
    title: str
    text: str = ""
    field: str = ""
    """Where the card's texts come from in the campaign file ('carousel.2'), for fit messages."""


@dataclass(frozen=True)
class Day:
    """A key date as the date and countdown pieces say it."""

    date: dt.date
    name: str
    """The day's name, like '18 de Maio' (a commemorative day is a proper name)."""
    label: str
    """What the day marks."""
    days: int = 0
    """Days before the date (0: the day itself)."""
    index: int = 0
    """The key date's position in the campaign file."""


@dataclass(frozen=True)
class Happening:
    """An event as its piece says it: title, day, hours and place."""

    title: str
    date: dt.date
    weekday: str
    day: str
    """Like '15 de julho'."""
    hours: str
    """Like 'das 9h às 16h' or 'às 9h'."""
    place: str
    index: int


@dataclass(frozen=True)
class SeriesStandard:
    """The standard of one series piece, shared by every variant: type scale and the zones that vary by variant."""

    scale: float
    name_column: float
    """Width of the municipality column of the signature (the longest name's): the divider never moves."""
    signature: float
    """Height of the signature lockup (the tallest variant's)."""
    zone: float = 0.0
    """Height of the contacts on the carousel's contacts card (the tallest variant's)."""
    label_column: float = 0.0
    """Width of the contacts' label column (the longest service name among the variants)."""
    band: float = 0.0
    """Height of the title row of the carousel's text cards (the tallest title's): the panel starts at one y."""
    text: float = 0.0
    """Size of the text cards' text (the largest at which the longest card fits)."""
    title: float = 0.0
    """Size of the text cards' titles (the largest at which every title takes at most two lines)."""
    last: float = 0.0
    """The type scale of the carousel's last card (0: the carousel's): it holds the contacts, so it may need a
    smaller one than the cover and the text cards."""
    beside: bool = True
    """The carousel's last card sets its title beside the key visual where the composition keys its key line there;
    False: in the headline's place, for every variant, when a place's name is too long for that column."""
    day: float = 0.2
    """The share of the base dimension up to which a post's day (or countdown) fills its line: the hero, as large
    as the post's room allows."""
    overflows: tuple[Overflow, ...] = ()


@dataclass(frozen=True)
class SeriesJob:
    """One piece of the series: a variant's job on a series format, with what that piece says."""

    job: Job
    kind: str
    """One of SERIES_KINDS."""
    name: str
    """The piece's name in paths and in the build result, like 'carrossel' or 'faltam-7-dias-18-de-maio'."""
    label: str
    """The piece's name for people, like 'Carrossel (6 imagens)'."""
    slides: tuple[Slide, ...] = ()
    day: Day | None = None
    event: Happening | None = None
    standard: SeriesStandard | None = None
    """The standard shared by every variant of this piece (set by layout.series.standardize)."""

    @property
    def campaign(self) -> str:
        """Return the campaign's slug."""
        return self.job.campaign

    @property
    def municipality(self) -> str:
        """Return the variant's slug."""
        return self.job.municipality

    @property
    def municipality_name(self) -> str:
        """Return the variant's name."""
        return self.job.municipality_name

    @property
    def format(self) -> Format:
        """Return the catalogue format the piece is laid out on."""
        return self.job.format

    @property
    def preview(self) -> bool:
        """Tell whether the piece shows unconfirmed contacts (marked PRÉVIA)."""
        return self.job.preview

    @property
    def draft(self) -> bool:
        """Tell whether the campaign is a draft."""
        return self.job.draft

    @property
    def checks(self) -> bool:
        """Series pieces always obey every rule."""
        return True

    @property
    def files(self) -> PieceFiles:
        """Return where this piece's files live, by role."""
        return PieceFiles(self.campaign, self.municipality, self.name)

    @property
    def stem(self) -> str:
        """Return the output path without extension."""
        return self.files.stem


@dataclass(frozen=True)
class MotionJob:
    """A video of a variant: its still piece (on its standard), animated."""

    still: Job
    name: str
    """'video-story' or 'video-feed'."""
    label: str

    @property
    def campaign(self) -> str:
        """Return the campaign's slug."""
        return self.still.campaign

    @property
    def municipality(self) -> str:
        """Return the variant's slug."""
        return self.still.municipality

    @property
    def municipality_name(self) -> str:
        """Return the variant's name."""
        return self.still.municipality_name

    @property
    def format(self) -> Format:
        """Return the still piece's format."""
        return self.still.format

    @property
    def preview(self) -> bool:
        """Tell whether the still shows unconfirmed contacts."""
        return self.still.preview

    @property
    def draft(self) -> bool:
        """Tell whether the campaign is a draft."""
        return self.still.draft

    @property
    def checks(self) -> bool:
        """Videos always obey every rule."""
        return True

    @property
    def files(self) -> PieceFiles:
        """Return where this video's files live, by role (its main file is the MP4)."""
        return PieceFiles(self.campaign, self.municipality, self.name, "video")

    @property
    def stem(self) -> str:
        """Return the output path without extension."""
        return self.files.stem


AnyJob = Job | SeriesJob | MotionJob
"""Any job of a plan."""


def day_name(date: dt.date) -> str:
    """Return a commemorative day's name, like '18 de Maio'."""
    return f"{date.day} de {MONTHS[date.month - 1].capitalize()}"


def _slug(date: dt.date) -> str:
    """Return a date as a path word, like '18-de-maio'."""
    return f"{date.day}-de-{MONTHS[date.month - 1]}"


def hours(start: str, end: str | None) -> str:
    """Say an event's hours the way a poster does: 'das 9h às 16h30', or 'às 9h' without an end."""

    def said(clock: str) -> str:
        h, m = clock.split(":")
        return f"{int(h)}h" + (m if m != "00" else "")

    return f"das {said(start)} às {said(end)}" if end else f"às {said(start)}"


def happening(event: Event, index: int) -> Happening:
    """Return what an event's piece says."""
    d = event.date
    day = f"{d.day} de {MONTHS[d.month - 1]}"
    return Happening(event.title, d, WEEKDAYS[d.weekday()], day, hours(event.start, event.end), event.place, index)


def slides(campaign: Campaign, job: Job) -> tuple[Slide, ...]:
    """Return the carousel's cards: the cover, the campaign file's cards, the contacts card (empty without cards)."""
    if not campaign.carousel:
        return ()
    cards = [Slide("capa", job.headline, field="texts.headline")]
    cards += [Slide("cartao", c.title, c.text, f"carousel.{i}") for i, c in enumerate(campaign.carousel)]
    # The place is named at layout, by its full or its short name (what fits).
    cards.append(Slide("contatos", job.where, field="contatos.titulo"))
    return tuple(cards)


def _variant_series(campaign: Campaign, job: Job, frame: Job | None, ring: str) -> list[SeriesJob]:
    """Return one variant's series: carousel, a piece per key date and its countdown, its events, the frame.

    Only the carousel shows local contacts (its last card): the other pieces are final even while a municipality's
    contacts wait for confirmation.
    """
    out = []
    cards = slides(campaign, job)
    if cards:
        out.append(SeriesJob(job, "carrossel", "carrossel", f"Carrossel ({len(cards)} imagens)", slides=cards))
    job = dataclasses.replace(job, preview=False)
    for i, kd in enumerate(campaign.key_dates):
        name = day_name(kd.date)
        day = Day(kd.date, name, kd.label, 0, i)
        out.append(SeriesJob(job, "data", f"dia-{_slug(kd.date)}", f"Post do dia: {name}", day=day))
        n = campaign.countdown
        count = dataclasses.replace(day, days=n)
        label = f"Contagem regressiva: {countdown_lead(n)} {countdown_hero(n)} para o {name}"
        out.append(SeriesJob(job, "contagem", f"faltam-{n}-dias-{_slug(kd.date)}", label, day=count))
    for i, event in enumerate(campaign.events):
        if event.municipality in (None, job.municipality):
            what = happening(event, i)
            label = f"Evento: {event.title} ({what.day})"
            out.append(SeriesJob(job, "evento", f"evento-{i + 1}", label, event=what))
    if frame is not None:
        first = campaign.key_dates[0] if campaign.key_dates else None
        worn = Day(first.date, day_name(first.date), first.label) if first else None
        ringed = f"Moldura redonda em {ring}, com o centro transparente para a foto."
        frame = dataclasses.replace(frame, preview=False, visual_alt=ringed)
        out.append(SeriesJob(frame, "moldura", "moldura", "Moldura para foto de perfil", day=worn))
    return out


def countdown_lead(days: int) -> str:
    """Return the word before a countdown's number: 'Faltam', or 'Falta' for one day."""
    return "Falta" if days == 1 else "Faltam"


def countdown_hero(days: int) -> str:
    """Return a countdown's number with its unit, like '7 dias'."""
    return "1 dia" if days == 1 else f"{days} dias"


def series_jobs(project: Project, campaign: Campaign) -> list[SeriesJob]:
    """Return the series of one campaign for every variant (without standards yet); none without the formats."""
    catalogue = project.formats
    names = {f.name for f in catalogue.model.formats} if catalogue else set()
    if FEED not in names:
        return []
    frames = {j.municipality: j for j in jobs_for(project, campaign, [FRAME])} if FRAME in names else {}
    ring = project.colour(campaign.colors.background).label.lower()
    out = []
    for job in jobs_for(project, campaign, [FEED]):
        out += _variant_series(campaign, job, frames.get(job.municipality), ring)
    return out


def motion_jobs(jobs: list[Job]) -> list[MotionJob]:
    """Return a video for each standardized still that has one: the story for Reels and status, the feed post."""
    by_format = {fmt: name for name, fmt in MOTION.items()}
    return [
        MotionJob(j, by_format[j.format.name], MOTION_LABELS[by_format[j.format.name]])
        for j in jobs
        if j.format.name in by_format and j.checks
    ]

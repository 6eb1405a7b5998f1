"""What every producer of the site's generated files reads, built once per build: the data, the result, the day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cimpskit.inputs.model import Campaign
from cimpskit.inputs.project import Project
from cimpskit.produce.result import BuildResult, Piece


@dataclass(frozen=True)
class Context:
    """The one input of every generated-file producer (`files(ctx) -> {path under docs/: bytes}`)."""

    project: Project
    result: BuildResult
    today: dt.date
    campaigns: list[Campaign] = field(init=False)
    """The campaigns of the build result, in calendar order (what the site publishes)."""
    pieces: dict[tuple[str, str], list[Piece]] = field(init=False)
    """The build result's pieces by campaign × variant, in plan order."""

    def __post_init__(self) -> None:
        """Derive the shared views once."""
        models = [c.model for c in self.project.campaigns]
        published = sorted(
            (c for c in models if c.slug in self.result.campaigns), key=lambda c: (c.period.start, c.slug)
        )
        grouped: dict[tuple[str, str], list[Piece]] = {}
        for p in self.result.pieces:
            grouped.setdefault((p.campaign, p.municipality), []).append(p)
        object.__setattr__(self, "campaigns", published)
        object.__setattr__(self, "pieces", grouped)

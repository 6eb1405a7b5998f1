"""The pending-items board: what each municipality still owes, by when, from the production calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from cimpskit.core import paths
from cimpskit.inputs.model import CONTACT_LABELS, Campaign, Municipality
from cimpskit.inputs.project import Project
from cimpskit.produce import calendar
from cimpskit.produce.context import Context

KINDS = {
    "contato": "Confirmar contato",
    "reconfirmar": "Confirmar de novo",
    "decisao": "Decidir a publicação",
    "quantidade": "Informar quantidade",
    "logo": "Enviar brasão",
}


@dataclass(frozen=True, order=True)
class Item:
    """One thing a municipality still owes, with the date by which it is needed (None: no campaign needs it yet)."""

    municipality: str
    deadline: dt.date | None
    kind: str
    what: str
    campaign: str = ""
    overdue: bool = False

    @property
    def sort_key(self) -> tuple:
        """Order by deadline (undated last), then kind."""
        return (self.deadline is None, self.deadline or dt.date.max, self.kind, self.what)


def _months_ago(today: dt.date, months: int) -> dt.date:
    """Return the date the given number of months before today (day clamped to the month's end)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _needs(project: Project, campaigns: list[Campaign], today: dt.date) -> list[tuple[Campaign, dt.date]]:
    """Return the approved campaigns still ahead, each with the date its local data is needed (artwork approval)."""
    out = []
    for c in campaigns:
        if c.status != "approved" or c.period.end < today:
            continue
        found = calendar.print_deadlines(project, c, None)
        out.append((c, found.artwork if found else c.period.start))
    return sorted(out, key=lambda item: item[1])


def _contact_items(project: Project, muni: Municipality, ahead, today: dt.date) -> list[Item]:
    """Contacts to confirm (the first campaign showing them sets the date) and confirmations grown old."""
    out = []
    limit = _months_ago(today, project.brand.model.contacts.reverify_months)
    for contact in muni.contacts:
        users = [(c, when) for c, when in ahead if contact.kind in c.contacts]
        campaign, deadline = users[0] if users else (None, None)
        title = campaign.title if campaign else ""
        label = CONTACT_LABELS[contact.kind]
        if not contact.verified:
            what = f"{label}: telefone, endereço e horário, e quem confirmou ({contact.name})"
            out.append(Item(muni.slug, deadline, "contato", what, title))
        elif contact.verification is not None and contact.verification.date < limit:
            what = f"{label}: dados confirmados em {contact.verification.date:%d/%m/%Y}, há mais de {_months(project)}"
            out.append(Item(muni.slug, deadline, "reconfirmar", what, title))
    return out


def _months(project: Project) -> str:
    """Say the re-verification period in words."""
    months = project.brand.model.contacts.reverify_months
    return f"{months} meses" if months != 1 else "1 mês"


def _quantity_items(project: Project, muni: Municipality, ahead) -> list[Item]:
    """Print quantities not yet given, due on the print order date."""
    out = []
    for campaign, _ in ahead:
        found = calendar.print_deadlines(project, campaign, None)
        for name in campaign.formats:
            fmt = project.format(name)
            if fmt.print and muni.slug not in campaign.print_quantities.get(name, {}):
                what = f"quantidade de {fmt.label} ({fmt.print.item})"
                out.append(Item(muni.slug, found.order if found else None, "quantidade", what, campaign.title))
    return out


def _other_items(project: Project, muni: Municipality, ahead) -> list[Item]:
    """The publication choice for unconfirmed contacts, and the optional coat of arms."""
    out = []
    first = ahead[0] if ahead else (None, None)
    title = first[0].title if first[0] else ""
    if not muni.publish_verified_only and any(not c.verified for c in muni.contacts):
        what = (
            "confirmar os contatos ou escolher publicar só com os confirmados e os canais nacionais "
            "(publish_verified_only: true); sem isso, as peças do município saem como prévia e não são impressas"
        )
        out.append(Item(muni.slug, first[1], "decisao", what, title))
    if not muni.logo:
        what = "brasão em PNG (opcional: sem ele, as peças usam a assinatura tipográfica)"
        out.append(Item(muni.slug, first[1], "logo", what, title))
    return out


def items(project: Project, campaigns: list[Campaign], today: dt.date) -> list[Item]:
    """Return every pending item of every municipality, overdue ones marked, in deadline order per municipality."""
    ahead = _needs(project, campaigns, today)
    out = []
    for muni in project.municipalities.model.municipalities:
        found = _contact_items(project, muni, ahead, today) + _quantity_items(project, muni, ahead)
        found += _other_items(project, muni, ahead)
        found = [
            Item(i.municipality, i.deadline, i.kind, i.what, i.campaign, bool(i.deadline and i.deadline < today))
            for i in found
        ]
        out += sorted(found, key=lambda i: i.sort_key)
    return out


def board(project: Project, today: dt.date) -> list[Item]:
    """Return the board of the approved campaigns (drafts owe nothing yet)."""
    return items(project, [c.model for c in project.campaigns if c.model.status == "approved"], today)


def to_csv(project: Project, found: list[Item]) -> bytes:
    """Return the board as a CSV for LibreOffice and Excel in Brazilian Portuguese (';', UTF-8 with BOM)."""
    names = {m.slug: m.name for m in project.municipalities.model.municipalities}
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Município", "Prazo", "Atrasado", "Tipo", "O que falta", "Campanha"])
    for i in found:
        deadline = i.deadline.strftime("%d/%m/%Y") if i.deadline else ""
        writer.writerow(
            [names[i.municipality], deadline, "sim" if i.overdue else "não", KINDS[i.kind], i.what, i.campaign]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def summary(found: list[Item]) -> str:
    """Return the build summary's line about the board."""
    if not found:
        return "pendências dos municípios: nenhuma"
    munis = len({i.municipality for i in found})
    late = sum(i.overdue for i in found)
    return (
        f"pendências dos municípios: {len(found)} item(ns) em {munis} município(s), {late} atrasado(s) (pendencias.md)"
    )


def files(ctx: Context) -> dict[str, bytes]:
    """Return the board's CSV under the site's data folder."""
    return {paths.data_file("pendencias.csv"): to_csv(ctx.project, board(ctx.project, ctx.today))}

"""The pending-items board: what each municipality still owes, by when, from the production calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from cimpskit.core import paths
from cimpskit.core.paths import REGIONAL
from cimpskit.inputs.model import CONTACT_LABELS, Campaign, Municipality
from cimpskit.inputs.project import Project
from cimpskit.produce import calendar, purchase
from cimpskit.produce.context import Context

KINDS = {
    "contato": "Confirmar contato",
    "reconfirmar": "Confirmar de novo",
    "decisao": "Decidir a publicação",
    "quantidade": "Informar quantidade",
    "logo": "Enviar brasão",
    "comprador": "Informar o comprador",
    "entrega": "Informar a entrega",
    "empenho": "Informar o empenho",
    "ata": "Completar a ata",
    "email": "Informar o e-mail do kit",
}
CONSORTIUM = "CIMPS (consórcio)"
"""The board's name for the consortium's own items (its regional print runs and the ata)."""


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


def _quantity_items(project: Project, slug: str, ahead) -> list[Item]:
    """Print quantities not yet given (by a municipality, or by the consortium for its regional run), due on the
    print order date."""
    out = []
    for campaign, _ in ahead:
        found = calendar.print_deadlines(project, campaign, None)
        for name in campaign.formats:
            fmt = project.format(name)
            if fmt.print and slug not in campaign.print_quantities.get(name, {}):
                what = f"quantidade de {fmt.label} ({fmt.print.item})"
                out.append(Item(slug, found.order if found else None, "quantidade", what, campaign.title))
    return out


def _first_order(project: Project, ahead) -> tuple[dt.date | None, str, int | None]:
    """Return the first print order date ahead, its campaign's title and year (None when nothing is printed)."""
    for campaign, _ in ahead:
        found = calendar.print_deadlines(project, campaign, None)
        if found:
            return found.order, campaign.title, campaign.period.start.year
    return None, "", None


def _purchase_items(project: Project, slug: str, ahead) -> list[Item]:
    """Buyer name and CNPJ, delivery data and empenho of a buyer, due on the first print order date ahead."""
    deadline, title, year = _first_order(project, ahead)
    if deadline is None or year is None:
        return []
    ata = purchase.print_ata(project, year)
    r = purchase.recipients(project, ata.model if ata else None)[slug]
    needs = purchase.recipient_needs(r, ata.doc.path if ata else None)
    if slug == REGIONAL:
        needs += purchase.ata_needs(project, year)
    return [Item(slug, deadline, n.kind, n.what, title) for n in needs]


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


def _kit_items(project: Project, ahead) -> list[Item]:
    """The kit team's e-mail, which the site's prepared e-mails (contacts, suggestions) need as recipient."""
    feedback = project.brand.model.identity.feedback
    if feedback is not None and feedback.email:
        return []
    first = ahead[0] if ahead else (None, None)
    what = (
        "e-mail da equipe do kit em brand/brand.yml (identity.feedback.email): sem ele, os e-mails "
        "preparados do site (contatos confirmados, sugestões) abrem sem destinatário"
    )
    return [Item(REGIONAL, first[1], "email", what, first[0].title if first[0] else "")]


def items(project: Project, campaigns: list[Campaign], today: dt.date) -> list[Item]:
    """Return every pending item of every municipality, overdue ones marked, in deadline order per municipality."""
    ahead = _needs(project, campaigns, today)
    out = []
    owners = [(m.slug, m) for m in project.municipalities.model.municipalities] + [(REGIONAL, None)]
    for slug, muni in owners:
        found = _quantity_items(project, slug, ahead) + _purchase_items(project, slug, ahead)
        if muni is not None:
            found = _contact_items(project, muni, ahead, today) + found + _other_items(project, muni, ahead)
        else:
            found += _kit_items(project, ahead)
        found = [
            Item(i.municipality, i.deadline, i.kind, i.what, i.campaign, bool(i.deadline and i.deadline < today))
            for i in found
        ]
        out += sorted(found, key=lambda i: i.sort_key)
    return out


def board(project: Project, today: dt.date) -> list[Item]:
    """Return the board of the approved campaigns (drafts owe nothing yet)."""
    return items(project, [c.model for c in project.campaigns if c.model.status == "approved"], today)


def board_names(project: Project) -> dict[str, str]:
    """Return the board's name of every owner of items: the municipalities and the consortium."""
    return {m.slug: m.name for m in project.municipalities.model.municipalities} | {REGIONAL: CONSORTIUM}


def to_csv(project: Project, found: list[Item]) -> bytes:
    """Return the board as a CSV for LibreOffice and Excel in Brazilian Portuguese (';', UTF-8 with BOM)."""
    names = board_names(project)
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
    munis = len({i.municipality for i in found if i.municipality != REGIONAL})
    own = sum(i.municipality == REGIONAL for i in found)
    late = sum(i.overdue for i in found)
    return (
        f"pendências: {len(found) - own} item(ns) em {munis} município(s) e {own} do consórcio, "
        f"{late} atrasado(s) (pendencias.md)"
    )


def files(ctx: Context) -> dict[str, bytes]:
    """Return the board's CSV under the site's data folder."""
    return {paths.data_file("pendencias.csv"): to_csv(ctx.project, board(ctx.project, ctx.today))}

"""Who buys and receives each print run, how a quantity splits among delivery addresses, and what is missing.

Every datum a public purchase needs and the data do not have yet is a Need: who must send it, what, and where
it is registered (file and key, so `check` can point at the line). Nothing here is ever filled in by the kit.
"""

from __future__ import annotations

from dataclasses import dataclass

from cimpskit.core.paths import REGIONAL
from cimpskit.inputs.model import Ata, Delivery, Party
from cimpskit.inputs.project import BRAND_FILE, MUNICIPALITIES_FILE, Loaded, Project

CONSORTIUM_WHO = "CIMPS (consórcio)"
KINDS = {
    "contato": "Confirmar contato",
    "quantidade": "Informar quantidade",
    "entrega": "Informar a entrega",
    "comprador": "Informar o comprador",
    "empenho": "Informar o empenho",
    "ata": "Completar a ata",
    "rascunho": "Aprovar a campanha",
}
"""Kinds of purchase data still missing, as the pending-items board names them."""


@dataclass(frozen=True)
class Need:
    """One datum missing before an order can go out: who must send it, what, and where it is registered."""

    who: str
    what: str
    kind: str
    path: str
    loc: tuple = ()
    owner: str = REGIONAL
    """The municipality slug (or 'regional' for the consortium) whose board lists it."""

    def text(self) -> str:
        """Say it as a sentence: '<who>: <what>'."""
        return f"{self.who}: {self.what}"


@dataclass(frozen=True)
class Recipient:
    """A buyer of print runs: a municipality or the consortium, with its buyer data and delivery addresses."""

    slug: str
    name: str
    """Name on the order, like 'Jarinu' or 'CIMPS (versão regional)'."""
    who: str
    """Who acts for it, like 'Jarinu (Secretaria Municipal de Assistência Social)' or 'CIMPS (consórcio)'."""
    buyer: Party
    deliveries: tuple[Delivery, ...]
    empenho: str | None
    source: str
    """The file that holds its buyer and delivery data."""
    loc: tuple
    """Its key path in that file."""


@dataclass(frozen=True)
class Drop:
    """The part of one print run delivered at one address."""

    address: str
    contact: str | None
    hours: str | None
    share: int
    units: int | None


def grouped(needs: list[Need] | tuple[Need, ...]) -> list[str]:
    """Say who must send what, one sentence per person or body, each datum once, in order of first appearance."""
    by_who: dict[str, list[str]] = {}
    for n in needs:
        whats = by_who.setdefault(n.who, [])
        if n.what not in whats:
            whats.append(n.what)
    return [f"{who}: {'; '.join(whats)}" for who, whats in by_who.items()]


def recipients(project: Project, ata: Ata | None) -> dict[str, Recipient]:
    """Return every buyer of print runs by slug: the municipalities, then the consortium ('regional')."""
    empenhos = ata.purchase.empenhos if ata else {}
    out = {}
    for i, m in enumerate(project.municipalities.model.municipalities):
        who = f"{m.name} ({m.secretariat})"
        out[m.slug] = Recipient(
            m.slug,
            m.name,
            who,
            m.buyer,
            tuple(m.delivery),
            empenhos.get(m.slug),
            MUNICIPALITIES_FILE,
            ("municipalities", i),
        )
    brand = project.brand.model
    name = f"{brand.identity.short_name} (versão regional)"
    out[REGIONAL] = Recipient(
        REGIONAL, name, CONSORTIUM_WHO, brand.buyer, tuple(brand.delivery), empenhos.get(REGIONAL), BRAND_FILE, ()
    )
    return out


def split(units: int | None, deliveries: tuple[Delivery, ...]) -> tuple[Drop, ...]:
    """Split a quantity among delivery addresses by their shares, largest remainder first (ties: listed first)."""
    if units is None:
        return tuple(Drop(d.address, d.contact, d.hours, d.share, None) for d in deliveries)
    exact = [units * d.share / 100 for d in deliveries]
    whole = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[: units - sum(whole)]:
        whole[i] += 1
    return tuple(Drop(d.address, d.contact, d.hours, d.share, n) for d, n in zip(deliveries, whole, strict=True))


def recipient_needs(r: Recipient, ata_path: str | None) -> list[Need]:
    """Return what a buyer must still send: its buyer name and CNPJ, delivery data and empenho number."""
    out = []
    where = (*r.loc, "buyer")
    if not r.buyer.name:
        what = "nome do órgão comprador, como sai na nota de empenho (Prefeitura ou Fundo Municipal)"
        out.append(Need(r.who, what, "comprador", r.source, (*where, "name"), r.slug))
    if not r.buyer.cnpj:
        out.append(Need(r.who, "CNPJ do órgão comprador", "comprador", r.source, (*where, "cnpj"), r.slug))
    if not r.deliveries:
        what = "endereço de entrega, quem recebe e o horário de recebimento"
        out.append(Need(r.who, what, "entrega", r.source, (*r.loc, "delivery"), r.slug))
    for j, d in enumerate(r.deliveries):
        lacking = [label for label, value in (("quem recebe", d.contact), ("horário", d.hours)) if not value]
        if lacking:
            what = f"{' e '.join(lacking)} na entrega em {d.address}"
            out.append(Need(r.who, what, "entrega", r.source, (*r.loc, "delivery", j), r.slug))
    if ata_path and not r.empenho:
        out.append(
            Need(r.who, "número da nota de empenho", "empenho", ata_path, ("purchase", "empenhos", r.slug), r.slug)
        )
    return out


def ata_needs(project: Project, year: int) -> list[Need]:
    """Return what the consortium must still register in the year's print ata before any order goes out."""
    found = print_ata(project, year)
    if found is None:
        what = f"criar atas/impressos-{year}.yml com os dados da ata de registro de preços dos impressos de {year}"
        return [Need(CONSORTIUM_WHO, what, "ata", f"atas/impressos-{year}.yml")]
    p, path = found.model.purchase, found.doc.path
    checks = [
        (p.ata_number, "número da ata de registro de preços", ("ata_number",)),
        (p.process_number, "número do processo administrativo", ("process_number",)),
        (p.supplier.name, "nome da gráfica registrada na ata", ("supplier", "name")),
        (p.supplier.cnpj, "CNPJ da gráfica registrada na ata", ("supplier", "cnpj")),
        (p.technical_contact.complete, "contato técnico: nome e telefone ou e-mail", ("technical_contact",)),
        (p.proof.kind, "tipo de prova exigida antes da tiragem (digital ou impressa)", ("proof", "kind")),
        (p.proof.days is not None, "prazo para aprovar a prova, em dias úteis", ("proof", "days")),
        (p.tolerance_percent is not None, "tolerância de quantidade aceita na entrega (%)", ("tolerance_percent",)),
    ]
    return [Need(CONSORTIUM_WHO, what, "ata", path, ("purchase", *loc)) for value, what, loc in checks if not value]


def print_ata(project: Project, year: int) -> Loaded[Ata] | None:
    """Return the loaded print ata of a year (atas/*.yml with print_year), or None."""
    return next((a for a in project.atas if a.model.print_year == year), None)

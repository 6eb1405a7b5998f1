"""Checks of the purchase data: CNPJ check digits, delivery shares, empenho owners, print atas and finishing."""

from __future__ import annotations

from cimpskit.core import cnpj
from cimpskit.core.errors import Problem
from cimpskit.core.paths import REGIONAL
from cimpskit.inputs.model import Ata, Brand, Delivery, FormatCatalogue, MunicipalityList, Party
from cimpskit.inputs.project import Loaded
from cimpskit.inputs.sources import Document, Loc


def party_problems(doc: Document, loc: Loc, party: Party) -> list[Problem]:
    """Report a CNPJ whose check digits are wrong (the shape is checked by the schema)."""
    if party.cnpj and not cnpj.valid(party.cnpj):
        msg = (
            f"o CNPJ {party.cnpj} tem dígitos verificadores errados: confira o número no cartão CNPJ da Receita "
            "Federal (nunca use um número de exemplo)"
        )
        return [doc.problem((*loc, "cnpj"), msg)]
    return []


def delivery_problems(doc: Document, loc: Loc, points: list[Delivery]) -> list[Problem]:
    """Report delivery shares that do not add up to 100 %."""
    total = sum(p.share for p in points)
    if points and total != 100:
        shares = " + ".join(str(p.share) for p in points)
        msg = f"as partes dos endereços de entrega somam {shares} = {total} %: devem somar 100 %"
        return [doc.problem((*loc, len(points) - 1, "share"), msg)]
    return []


def buyer_problems(brand: Loaded[Brand], munis: Loaded[MunicipalityList] | None) -> list[Problem]:
    """Check the buyers and delivery addresses of the consortium and of every municipality."""
    out = party_problems(brand.doc, ("buyer",), brand.model.buyer)
    out += delivery_problems(brand.doc, ("delivery",), brand.model.delivery)
    if munis is None:
        return out
    for i, m in enumerate(munis.model.municipalities):
        out += party_problems(munis.doc, ("municipalities", i, "buyer"), m.buyer)
        out += delivery_problems(munis.doc, ("municipalities", i, "delivery"), m.delivery)
    return out


def ata_problems(munis: Loaded[MunicipalityList], loaded: Loaded[Ata]) -> list[Problem]:
    """Check a print ata (no items of its own) or an item ata, its supplier's CNPJ and who owns each empenho."""
    ata, doc = loaded.model, loaded.doc
    out = party_problems(doc, ("purchase", "supplier"), ata.purchase.supplier)
    if ata.print_year is None and not ata.items:
        out.append(doc.problem(("items",), "a ata precisa de 'items' (ou de 'print_year', na ata dos impressos)"))
    if ata.print_year is not None and ata.items:
        msg = "a ata dos impressos tira os itens dos formatos e das campanhas: apague 'items' ou 'print_year'"
        out.append(doc.problem(("items",), msg))
    buyers = {m.slug for m in munis.model.municipalities} | {REGIONAL}
    for slug in ata.purchase.empenhos:
        if slug not in buyers:
            msg = f"'{slug}' não é um município de brand/municipalities.yml nem 'regional' (o consórcio)"
            out.append(doc.problem(("purchase", "empenhos", slug), msg, at_key=True))
    return out


def print_ata_problems(atas: list[Loaded[Ata]]) -> list[Problem]:
    """Report two print atas for the same year (the order would not know which one to follow)."""
    seen: dict[int, str] = {}
    out = []
    for loaded in atas:
        year = loaded.model.print_year
        if year is not None and year in seen:
            msg = f"já existe uma ata de impressos de {year} ({seen[year]}): use uma só por ano"
            out.append(loaded.doc.problem(("print_year",), msg))
        elif year is not None:
            seen[year] = loaded.doc.path
    return out


def finishing_problems(loaded: Loaded[FormatCatalogue]) -> list[Problem]:
    """Check that a banner's pocket folds only margin and its stick is longer than the banner is wide."""
    out: list[Problem] = []
    for i, fmt in enumerate(loaded.model.formats):
        spec = fmt.print
        if spec is None:
            continue
        at = ("formats", i, "print")
        if fmt.sides == 2 and spec.back is None:
            msg = "impresso de frente e verso: informe a orientação do verso em 'back' (cabeca-com-cabeca ou "
            msg += "cabeca-com-pe)"
            out.append(loaded.doc.problem(at, msg, at_key=True))
        if fmt.sides == 1 and spec.back is not None:
            out.append(loaded.doc.problem((*at, "back"), "'back' só vale para impressos de frente e verso (sides: 2)"))
        hang = spec.hanging
        if hang and hang.pocket >= fmt.safe_margin:
            msg = (
                f"a bolsa de {hang.pocket:g} mm dobraria parte da arte: precisa ser menor que a margem de segurança "
                f"({fmt.safe_margin:g} mm)"
            )
            out.append(loaded.doc.problem((*at, "hanging", "pocket"), msg))
        if hang and hang.stick_length <= fmt.width:
            msg = f"o bastão de {hang.stick_length:g} mm precisa ser mais comprido que a largura ({fmt.width:g} mm)"
            out.append(loaded.doc.problem((*at, "hanging", "stick_length"), msg))
    return out

"""Words around the series' pieces: alt text read off the drawn page, ready-to-paste captions per network."""

from __future__ import annotations

from cimpskit.core.scene import MARK_FIELD, Page, Ring, Text, Visual
from cimpskit.plan import words
from cimpskit.plan.series import SeriesJob, countdown_hero, countdown_lead


def _blocks(page: Page, visual_alt: str | None) -> list[tuple[str, str]]:
    """Return every block drawn on a page as (field, text), in the kit's reading order: one sentence on the
    illustration first (the key visual, or the frame's ring) when the page draws it, then a RASCUNHO or PRÉVIA band
    (it runs across the top), then the blocks in the order layout placed them."""
    art = any(isinstance(e, Visual | Ring) for e in page.elements) and visual_alt
    blocks: list[tuple[str, str]] = [(VISUAL, visual_alt)] if art and visual_alt else []
    texts: dict[tuple[bool, str], tuple[str, list[str]]] = {}
    for e in page.elements:
        if isinstance(e, Text):
            texts.setdefault((not e.overlay, e.group or f"{e.field}@{e.y}"), (e.field, []))[1].append(e.text)
    ordered = sorted(texts.items(), key=lambda item: item[0][0])  # stable: overlays first, then layout order
    return blocks + [(field, words.join_lines(field, lines)) for _, (field, lines) in ordered]


VISUAL = "\0visual"
"""The key of the illustration's sentence among a page's blocks."""
ENDS = (".", "!", "?", ":", "…")


def drawn_blocks(page: Page) -> list[str]:
    """Return the text of every block drawn on a page, in reading order."""
    return [text for _, text in _blocks(page, None)]


def _phrases(blocks: list[tuple[str, str]]) -> list[str]:
    """Join blocks of one field that read as one phrase: a contact's service and its phone ('CRAS: telefone a
    confirmar'), and a block that goes on from the one before ('Hoje é' '18 de Maio', 'Faltam' '7 dias' 'para o
    18 de Maio')."""
    out: list[tuple[str, str]] = []
    for field, text in blocks:
        if out and out[-1][0] == field and field != MARK_FIELD and not out[-1][1].endswith(ENDS):
            last = out[-1][1]
            if field.startswith("contato."):
                out[-1] = (field, f"{last}: {text}")
                continue
            if text[:1].islower() or text[:1].isdigit():
                out[-1] = (field, f"{last} {text}")
                continue
        out.append((field, text))
    return [text for _, text in out]


def alt_text(page: Page, visual_alt: str | None) -> str:
    """Return a page's alt text like the kit's pieces (plan.words): one sentence on the illustration when the page
    draws it, then every drawn text in reading order, phrases that run over blocks joined. Nothing is added that
    the image does not show, and nothing is cut."""
    return " ".join(words.sentence(phrase) for phrase in _phrases(_blocks(page, visual_alt)))


def _action(job: SeriesJob) -> list[str]:
    """Return the call to action and the hotline as caption lines."""
    j = job.job
    return [words.sentence(j.call_to_action)] + ([words._hotline(j)] if j.hotline else [])


def _lead(job: SeriesJob) -> list[str]:
    """Return what a caption says first: the piece's own message."""
    j = job.job
    if job.kind == "carrossel":
        cards = [f"{s.title}: {s.text}" for s in job.slides if s.kind == "cartao"]
        return [j.headline, "", *cards]
    d, e = job.day, job.event
    if job.kind == "data" and d is not None:
        return [f"Hoje é {d.name}, {d.label}.", "", j.headline]
    if job.kind == "contagem" and d is not None:
        days = f"{countdown_lead(d.days)} {countdown_hero(d.days).lower()}"
        return [f"{days} para o {d.name}, {d.label}.", "", j.headline]
    if e is not None:
        return [f"{e.title}: {e.weekday}, {e.day}, {e.hours}.", f"Local: {e.place}."]
    return [f"{j.mark[0]}: use a moldura na sua foto de perfil e ajude a divulgar a campanha."]


def captions(job: SeriesJob, alt: str) -> dict[str, str]:
    """Return ready-to-paste captions like the kit's pieces: Instagram ('link na bio') and Facebook (the link), both
    with the #PraTodosVerem description of the first image (alt), and WhatsApp (short, bold first line, the link)."""
    j = job.job
    where = words._where(j)
    local = words._confirmed_contacts(j)
    feed = [*_lead(job), "", *_action(job)] + (["", *local] if local else [])
    tags = ["", " ".join(j.hashtags)] if j.hashtags else []
    described = ["", f"{words.PRA_TODOS_VEREM}: {alt}"]
    instagram = feed + ["", f"Saiba onde pedir ajuda {where}: link na bio."] + tags + described
    facebook = feed + ["", f"Saiba onde pedir ajuda {where}: {j.url}"] + tags + described
    whatsapp = [f"*{_lead(job)[0]}*", "", *_action(job)] + (["", *local] if local else [])
    whatsapp += ["", f"Saiba onde pedir ajuda {where}: {j.url}"]
    return {
        net: "\n".join(lines) + "\n"
        for net, lines in (("instagram", instagram), ("facebook", facebook), ("whatsapp", whatsapp))
    }

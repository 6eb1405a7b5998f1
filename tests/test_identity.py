"""Campaign identity and per-format layouts, measured on the laid-out scenes (geometry, not pixels)."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest
from helpers import LONG_NAME, REPO, eighth, make_project

from cimpskit.core.scene import Rect, Reserved, Text, Visual
from cimpskit.inputs.validate import check_project
from cimpskit.layout import geometry, layout
from cimpskit.layout.compositions import COMPOSITIONS, seen_area
from cimpskit.layout.frame import Frame
from cimpskit.layout.legibility import cap_height, far_problems, min_cap
from cimpskit.layout.planned import make_plan
from cimpskit.layout.text import LIST_SEPARATOR
from cimpskit.plan import words

SOCIAL = ("social-portrait", "social-square", "story", "landscape")


@pytest.fixture(scope="module")
def eight(tmp_path_factory):
    """Every campaign (drafts too) planned for the seven municipalities and a long-named eighth."""
    project, problems = check_project(eighth(make_project(tmp_path_factory.mktemp("eight"))))
    assert problems == []
    jobs = [j for j in make_plan(project, True, None, None).jobs if j.campaign != "manual"]
    return project, [(job, layout(job)) for job in jobs]


def _texts(scene, page: int = 0) -> list[Text]:
    """Return the texts of one page."""
    return [e for e in scene.pages[page].elements if isinstance(e, Text)]


def test_the_approved_campaigns_each_have_their_own_composition():
    project, problems = check_project(REPO)
    assert problems == []
    chosen = {c.model.slug: c.model.composition for c in project.campaigns if c.model.status == "approved"}
    assert chosen == {
        "atendimento-domicilio-2026": "visual",
        "cadastro-unico-2026": "fact",
        "maio-laranja-2026": "number",
        "trabalho-infantil-2026": "statement",
    }
    assert set(chosen.values()) == set(COMPOSITIONS)


def test_every_composition_is_proven_on_every_variant_with_a_long_named_eighth_municipality(eight):
    _, laid = eight
    assert {job.composition for job, _ in laid} == set(COMPOSITIONS)
    assert len({job.municipality for job, _ in laid}) == 9  # seven, the eighth and the regional variant
    found = {job.stem: geometry.violations(scene, job.format) for job, scene in laid}
    assert {stem: v for stem, v in found.items() if v} == {}


def test_every_piece_carries_the_campaign_mark(eight):
    _, laid = eight
    for job, scene in laid:
        name, line = job.mark
        marks = [t.text for t in _texts(scene) if t.field == "marca"]
        assert " ".join(marks) == " ".join(p.upper() for p in (name, line) if p), job.stem
        tiers = [e for e in scene.pages[0].elements if isinstance(e, Rect) and e.field == "marca"]
        assert len(tiers) == (2 if line else 1), job.stem


def test_the_long_name_takes_its_short_name_where_it_does_not_fit(eight):
    _, laid = eight
    titles = defaultdict(set)
    for job, scene in laid:
        if job.municipality == "vila-bela":
            titles[job.format.name] |= {t.text for t in _texts(scene) if t.field == "assinatura.municipio"}
    assert "Vila Bela" in titles["social-portrait"] and LONG_NAME not in titles["social-portrait"]
    assert all("Vila Bela" in found or LONG_NAME in found for found in titles.values())


def test_check_asks_for_a_short_name_where_the_official_one_does_not_fit(tmp_path, run):
    root = eighth(make_project(tmp_path), short=False)
    status, _, err = run("--root", root, "check")
    assert status == 1
    line = next(
        i for i, text in enumerate((root / "brand/municipalities.yml").read_text().splitlines(), 1) if LONG_NAME in text
    )
    found = [m for m in err.splitlines() if m.startswith(f"brand/municipalities.yml:{line}:11: ")]
    assert found and all(
        f"o nome de {LONG_NAME} não cabe na assinatura" in m and "informe um nome curto em 'short_name'" in m
        for m in found
    )


def test_the_regional_list_names_every_municipality_or_says_how_many(eight):
    project, laid = eight
    names = [m.name for m in project.municipalities.model.municipalities]
    counted = named = 0
    for job, scene in laid:
        if job.regional is None:
            continue
        for page in range(len(scene.pages)):
            listed = [t.text for t in _texts(scene, page) if t.field == "assinatura.lista"]
            if " ".join(listed) == "Os 8 municípios do consórcio":
                counted += 1
            else:  # a line break stands for a separator
                assert LIST_SEPARATOR.join(listed) == LIST_SEPARATOR.join(names), job.stem
                named += 1
    assert counted
    if not named:  # no piece has room for the eight names: the consortium's seven are named on the landscape
        shipped, _ = check_project(REPO)
        seven = [m.name for m in shipped.municipalities.model.municipalities]
        job = next(
            j for j in make_plan(shipped, False, "maio-laranja-2026", "regional").jobs if j.format.name == "landscape"
        )
        listed = [t.text for t in _texts(layout(job)) if t.field == "assinatura.lista"]
        assert LIST_SEPARATOR.join(listed) == LIST_SEPARATOR.join(seven)


def test_no_line_starts_or_ends_with_a_separator(eight):
    _, laid = eight
    for job, scene in laid:
        for page in range(len(scene.pages)):
            for t in _texts(scene, page):
                assert not t.text.strip().endswith("·") and not t.text.strip().startswith("·"), (job.stem, t.text)


def _visual_share(job, scene) -> float:
    """Return the share of the page people see that the key visual's drawing covers (clipped to the trim)."""
    f = Frame(job, 1.0)
    shares = []
    for e in scene.pages[0].elements:
        if isinstance(e, Visual):
            box = geometry.boxes(type(scene.pages[0])("v", (e,)))[0]
            w = min(box.x1, job.format.width) - max(box.x0, 0.0)
            h = min(box.y1, job.format.height) - max(box.y0, 0.0)
            shares.append(w * h / seen_area(f))
    assert len(shares) == 1, job.stem
    return shares[0]


def test_the_key_visual_covers_a_quarter_to_45_percent_of_social_formats_and_posters(eight):
    _, laid = eight
    for job, scene in laid:
        if job.format.medium == "screen" or job.format.name.startswith("poster"):
            assert 0.25 - 1e-6 <= _visual_share(job, scene) <= 0.45 + 1e-6, job.stem


def test_the_feed_footer_is_slim_and_no_social_text_is_under_32_px(eight):
    _, laid = eight
    for job, scene in laid:
        if job.format.name == "social-portrait":
            footer = [e for e in scene.pages[0].elements if isinstance(e, Rect) and e.paint.name == "branco"]
            band = next(e for e in footer if e.y + e.h >= job.format.height and e.w >= job.format.width)
            assert job.format.height - band.y <= 0.2 * job.format.height, job.stem
        if job.format.name in ("social-portrait", "social-square", "story"):
            assert min(t.size for t in _texts(scene)) >= 32, job.stem


def test_the_hotline_is_as_large_as_its_column_allows(eight):
    _, laid = eight
    for job, scene in laid:
        if job.format.name != "social-portrait" or job.hotline is None:
            continue
        texts = _texts(scene)
        hero = max((t for t in texts if t.field == "hotline"), key=lambda t: t.size)
        headline = max(t.size for t in texts if t.field == "texts.headline")
        f = Frame(job, job.standard.scale)
        art = next(e for e in scene.pages[0].elements if isinstance(e, Visual))
        right = art.x - f.unit if art.x > hero.x else f.right
        width = geometry.boxes(type(scene.pages[0])("h", (hero,)))[0]
        assert width.x1 - width.x0 >= 0.9 * (right - hero.x) or hero.size >= 0.17 * f.base * f.scale, job.stem
        assert hero.size >= 1.6 * headline, job.stem


def test_the_story_keeps_room_for_a_link_sticker_inside_what_the_platform_shows(eight):
    _, laid = eight
    for job, scene in laid:
        if job.format.name != "story":
            continue
        [room] = [e for e in scene.pages[0].elements if isinstance(e, Reserved)]
        zone = job.format.platform_zone
        assert zone.top <= room.y and room.y + room.h <= job.format.height - zone.bottom, job.stem
        assert room.h >= 0.055 * job.format.height and room.w >= 0.8 * job.format.width, job.stem
        # The proof keeps every block clear of it; the largest text of the story is the hotline or the action.
        texts = _texts(scene)
        assert max(texts, key=lambda t: t.size).field in ("hotline", "texts.call_to_action"), job.stem


def test_the_banner_reads_at_5_m(eight):
    _, laid = eight
    for job, scene in laid:
        if job.format.name != "banner":
            continue
        assert job.format.reading_distance == 5
        assert far_problems(scene, 5) == [], job.stem
        texts = _texts(scene)
        far = [t for t in texts if t.field.startswith(("hotline", "contato"))]
        assert far and min(cap_height(t) for t in far) >= min_cap(5) - 1e-6 >= 16.6, job.stem
        counted = [t for t in texts if not t.overlay and not t.field.startswith(("hotline", "texts.call", "contato"))]
        counted = [t for t in counted if not t.field.startswith(("assinatura", "canal", "marca"))]
        assert sum(len(t.text.split()) for t in counted) <= 12, job.stem


def test_the_flyer_back_is_the_useful_page_with_no_empty_band(eight):
    _, laid = eight
    for job, scene in laid:
        if job.format.sides != 2:
            continue
        back = " ".join(t.text for t in _texts(scene, 1))
        if job.hotline and job.what_to_expect:
            assert f"Ao ligar para o {job.hotline.name}" in back, job.stem
        assert "CIMPS" in back, job.stem  # the signature is on the back too
        bands = geometry.empty_bands(scene.pages[1], job.format.height)
        assert max(b - a for a, b in bands) <= 0.1 * job.format.height, (job.stem, bands)


def test_alt_text_is_the_drawn_text_in_reading_order_and_one_sentence_on_the_illustration(eight):
    _, laid = eight
    for job, scene in laid:
        for page in range(len(scene.pages)):
            alt = words.alt_text(scene, page, job.visual_alt)
            drawn = any(isinstance(e, Visual) for e in scene.pages[page].elements)
            if drawn and job.visual_alt:
                assert alt.startswith(job.visual_alt + " "), job.stem
                alt = alt[len(job.visual_alt) + 1 :]
            lines = sorted(_texts(scene, page), key=lambda t: not t.overlay)  # the margin's band reads first
            # the drawn list's separators read as commas, one where a line breaks too
            spoken = [w.rstrip(".:,") for w in alt.split()]
            assert spoken == [w.rstrip(".:,") for t in lines for w in t.text.split() if w != "·"]
            assert "…" not in alt


def test_every_piece_draws_the_key_line_where_its_format_shows_it(eight):
    _, laid = eight
    for job, scene in laid:
        if "key_line" in job.format.blocks and job.key_line:
            key = " ".join(t.text for t in _texts(scene) if t.field == "texts.key_line")
            assert key == " ".join(job.key_line.split()), job.stem


def test_composition_targets_and_minimum_agree():
    for spec in COMPOSITIONS.values():
        for row in spec.rows:
            if hasattr(row, "target"):
                assert 0.25 <= row.target <= 0.45 and not math.isnan(row.target)

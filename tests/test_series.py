"""The series and the videos: files for every municipality, the geometric proof, alt text, the frame, the MP4s."""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from pathlib import Path

import av
import pytest
from helpers import LONG_NAME, REPO, eighth, make_project, make_tiny
from PIL import Image, ImageChops, ImageStat

from cimpskit.cli import main
from cimpskit.core.scene import Text, Visual
from cimpskit.inputs.validate import check_project
from cimpskit.layout import geometry, layout, series
from cimpskit.layout.legibility import scene_problems
from cimpskit.layout.motion import timeline
from cimpskit.layout.planned import make_plan
from cimpskit.plan import series_words
from cimpskit.plan.series import series_jobs
from cimpskit.produce.cache import MANIFEST
from cimpskit.render import motion

CAMPAIGN, MUNI = "maio-laranja-2026", "jarinu"
STILLS = ("social-portrait", "story")
"""The formats the videos animate."""
EVENT = """events:
  - title: Roda de conversa sobre proteção
    date: 2026-05-20
    start: "14:00"
    end: "16:30"
    place: CRAS Centro, Rua do Teste, 10
    municipality: jarinu
  - title: Caminhada em Vinhedo
    date: 2026-05-23
    start: "09:00"
    place: Praça do Teste
    municipality: vinhedo
"""
STILL_TOLERANCE = 2.0
"""Mean difference per channel (of 255) between a video's last frame and its still PNG: the YUV round trip only."""


def _build(root: Path, out: Path, *args: str) -> str:
    """Run a build in-process and return its messages."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--root", str(root), "build", "--out", str(out), "--jobs", "2", *args]) == 0, err.getvalue()
    return err.getvalue()


@pytest.fixture(scope="module")
def jarinu(tmp_path_factory) -> tuple[Path, Path, str]:
    """Maio Laranja for Jarinu (and Vinhedo) in the two formats the videos animate, with an event in Jarinu and one
    in Vinhedo: every kind of series piece, in a build of seconds."""
    root = make_tiny(tmp_path_factory.mktemp("series"), formats=STILLS, municipalities=(MUNI, "vinhedo"))
    path = root / f"campaigns/{CAMPAIGN}.yml"
    path.write_text(path.read_text() + EVENT)
    out = root / "out"
    return root, out, _build(root, out, "--campaign", CAMPAIGN, "--municipality", MUNI)


def _stem(out: Path, name: str) -> Path:
    return out / CAMPAIGN / MUNI / f"{CAMPAIGN}-{MUNI}-{name}"


def _plan(root: Path):
    project, problems = check_project(root)
    assert [p for p in problems if p.severity == "error"] == []
    return make_plan(project, False, CAMPAIGN, MUNI)


def test_one_municipality_gets_every_piece_of_the_series(jarinu):
    _, out, err = jarinu
    # 2 formats; carousel, 18 de Maio, its countdown, Jarinu's event (not Vinhedo's), frame; two videos
    assert "peças: 9 geradas, 0 reaproveitadas" in err
    for k in range(1, 7):
        with Image.open(f"{_stem(out, 'carrossel')}-{k}.png") as card:
            assert card.size == (1080, 1350)
    assert not Path(f"{_stem(out, 'carrossel')}-7.png").exists()
    for name in ("dia-18-de-maio", "faltam-7-dias-18-de-maio", "evento-1"):
        with Image.open(f"{_stem(out, name)}.png") as post:
            assert post.size == (1080, 1350), name
        assert Path(f"{_stem(out, name)}.legenda.txt").is_file() and Path(f"{_stem(out, name)}.whatsapp.txt").is_file()
    assert not Path(f"{_stem(out, 'evento-2')}.png").exists()
    for name in ("video-story", "video-feed"):
        assert Path(f"{_stem(out, name)}.mp4").is_file() and Path(f"{_stem(out, name)}.webp").is_file()


def test_the_event_piece_says_its_day_hours_and_place(jarinu):
    _, out, _ = jarinu
    alt = Path(f"{_stem(out, 'evento-1')}.alt.txt").read_text()
    # The day first (the post's hero), then beside the key visual: what, when, where
    assert "Quarta-feira, 20 de maio. Roda de conversa sobre proteção. das 14h às 16h30. CRAS Centro" in alt
    caption = Path(f"{_stem(out, 'evento-1')}.legenda.txt").read_text()
    assert caption.startswith("Roda de conversa sobre proteção: quarta-feira, 20 de maio, das 14h às 16h30.\n")
    countdown = Path(f"{_stem(out, 'faltam-7-dias-18-de-maio')}.alt.txt").read_text()
    assert "Faltam 7 dias para o 18 de Maio, Dia Nacional de Combate" in countdown
    assert "Hoje é 18 de Maio." in Path(f"{_stem(out, 'dia-18-de-maio')}.alt.txt").read_text()


def test_alt_text_is_the_drawn_text_in_reading_order_and_one_sentence_on_the_illustration(jarinu):
    root, out, _ = jarinu
    plan = _plan(root)
    for job in plan.series:
        scene = layout(job)
        alts = Path(f"{out / job.stem}.alt.txt").read_text().splitlines()
        assert len(alts) == len(scene.pages), job.stem
        for page, alt in zip(scene.pages, alts, strict=True):
            drawn = [e.text for e in page.elements if isinstance(e, Text)]
            words = " ".join(drawn).split()
            said = alt.replace(job.job.visual_alt, "", 1) if job.job.visual_alt else alt
            # Every drawn word is said, in the order drawn (marks first), and nothing else but punctuation.
            assert [w.strip(".:,") for w in said.split()] == [w.strip(".:,") for w in _marks_first(page, words)]
            has_art = any(isinstance(e, Visual) for e in page.elements) or job.kind == "moldura"
            assert (job.job.visual_alt in alt) == has_art, job.stem


def _marks_first(page, words: list[str]) -> list[str]:
    """Return the drawn words with the RASCUNHO/PRÉVIA band's first, as a reader meets them."""
    mark = " ".join(e.text for e in page.elements if isinstance(e, Text) and e.overlay).split()
    rest = " ".join(e.text for e in page.elements if isinstance(e, Text) and not e.overlay).split()
    assert sorted(mark + rest) == sorted(words)
    return mark + rest


def test_the_profile_frame_is_a_campaign_ring_round_a_transparent_centre(jarinu):
    _, out, _ = jarinu
    with Image.open(f"{_stem(out, 'moldura')}.png") as frame:
        assert frame.size == (1080, 1080) and frame.mode == "RGBA"
        alpha = frame.getchannel("A")
        # The centre and a disc round it are fully transparent: the photo shows through.
        for x, y in ((540, 540), (540, 300), (300, 540), (780, 540), (540, 700)):
            assert alpha.getpixel((x, y)) == 0, (x, y)
        assert alpha.getpixel((0, 0)) == 0  # outside the circle: nothing drawn
        assert frame.getpixel((540, 20)) == (0xF2, 0x8C, 0x28, 255)  # the ring, in Maio Laranja's orange
        assert frame.getpixel((20, 540))[3] == 255
    alt = Path(f"{_stem(out, 'moldura')}.alt.txt").read_text()
    assert alt == (
        "Moldura redonda em laranja, com o centro transparente para a foto. MAIO LARANJA. 18 DE MAIO. JARINU.\n"
    )


def _boxes(data: bytes) -> list[str]:
    """Return the MP4's top-level box types in file order."""
    out, i = [], 0
    while i < len(data):
        size, kind = struct.unpack(">I4s", data[i : i + 8])
        out.append(kind.decode())
        i += size if size else len(data)
    return out


def _frames(path: Path) -> list[Image.Image]:
    with av.open(str(path)) as container:
        return [frame.to_image() for frame in container.decode(video=0)]


def _difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


@pytest.mark.parametrize(
    ("name", "still", "size"), [("video-story", "story", (1080, 1920)), ("video-feed", "social-portrait", (1080, 1350))]
)
def test_videos_are_h264_that_instagram_and_whatsapp_accept_and_end_on_the_still(jarinu, name, still, size):
    _, out, _ = jarinu
    path = Path(f"{_stem(out, name)}.mp4")
    data = path.read_bytes()
    assert len(data) <= 4 * 1024 * 1024
    boxes = _boxes(data)
    assert boxes.index("moov") < boxes.index("mdat")  # faststart: plays while it downloads
    with av.open(str(path)) as container:
        assert [s.type for s in container.streams] == ["video"]  # silent: no audio track
        stream = container.streams.video[0]
        ctx = stream.codec_context
        assert (ctx.name, ctx.pix_fmt, stream.width, stream.height) == ("h264", "yuv420p", *size)
        assert stream.average_rate == 30
        seconds = float(stream.duration * stream.time_base)
        assert 6 <= seconds <= 15
    frames = _frames(path)
    assert len(frames) == round(seconds * 30)
    with Image.open(f"{_stem(out, still)}.png") as png:
        assert _difference(frames[-1], png) < STILL_TOLERANCE
        assert _difference(frames[-90], png) < STILL_TOLERANCE  # the last 3 s are the still piece
        assert _difference(frames[0], png) > 3 * STILL_TOLERANCE  # it starts on the colour fields alone
    middle = _difference(frames[15], frames[-1])  # half a second in
    assert STILL_TOLERANCE < middle < _difference(frames[0], frames[-1])  # elements are entering
    with Image.open(f"{_stem(out, name)}.grande.webp") as poster:
        assert poster.size == size and _difference(poster, frames[-1]) < 2 * STILL_TOLERANCE


def test_the_animation_enters_in_reading_order_and_holds_the_still(jarinu):
    root, _, _ = jarinu
    for job in _plan(root).videos:
        plan = timeline(layout(job))
        tops = [e.box[1] for e in plan.entries]
        assert tops == sorted(tops) and len(plan.entries) >= 5
        assert [e.start for e in plan.entries] == sorted(e.start for e in plan.entries)
        assert plan.duration - plan.still >= 3 and 6 <= plan.duration <= 15
        assert plan.progress(0) == tuple(0.0 for _ in plan.entries)
        assert plan.progress(plan.frames - 1) == tuple(1.0 for _ in plan.entries)


def test_a_video_is_the_same_bytes_every_time(jarinu):
    root, out, _ = jarinu
    job = next(j for j in _plan(root).videos if j.name == "video-feed")
    scene = layout(job)
    again, _ = motion.encode(scene, timeline(scene), root)
    assert again == Path(f"{_stem(out, 'video-feed')}.mp4").read_bytes()


def test_series_and_videos_are_cached_and_bundled(jarinu):
    root, out, _ = jarinu
    assert "peças: 0 geradas, 9 reaproveitadas" in _build(root, out, "--campaign", CAMPAIGN, "--municipality", MUNI)
    manifest = (out / MANIFEST).read_text()
    assert '"series": "carrossel"' in manifest and '"series": "video"' in manifest
    with zipfile.ZipFile(out / CAMPAIGN / MUNI / f"{CAMPAIGN}-{MUNI}.zip") as bundle:
        names = bundle.namelist()
        guide = bundle.read(f"{CAMPAIGN}-{MUNI}/LEIA-ME.txt").decode()
    top = f"{CAMPAIGN}-{MUNI}"
    assert f"{top}/redes-sociais/videos/{CAMPAIGN}-{MUNI}-video-story.mp4" in names
    assert f"{top}/redes-sociais/serie/{CAMPAIGN}-{MUNI}-carrossel-6.png" in names
    assert f"{top}/redes-sociais/serie/{CAMPAIGN}-{MUNI}-evento-1.png" in names
    assert "redes-sociais/videos/: vídeos MP4 sem som" in guide


def _series_scenes(root: Path):
    """Yield every series job of every campaign (drafts too) of a project with its scene."""
    project, problems = check_project(root)
    assert [p for p in problems if p.severity == "error"] == []
    for loaded in project.campaigns:
        for job in series.standardize(series_jobs(project, loaded.model)):
            yield job, layout(job)


def test_every_series_piece_passes_the_geometric_proof_contrast_and_sizes():
    count = 0
    for job, scene in _series_scenes(REPO):
        assert geometry.violations(scene, job.format) == [], job.stem
        assert scene_problems(scene, job.format.min_text, job.format.medium) == [], job.stem
        count += 1
    # 8 variants of 5 campaigns of 2026 (4 carousels, 3 dates and their countdowns, 5 frames) and of the three 2027
    # drafts (a carousel, a date, its countdown and a frame each)
    assert count == 8 * (4 + 3 * 2 + 5 + 3 * 4)


def test_a_long_named_eighth_municipality_gets_every_series_piece_with_its_name_or_short_name(tmp_path):
    root = eighth(make_project(tmp_path))
    found = [(job, scene) for job, scene in _series_scenes(root) if job.municipality == "vila-bela"]
    # 5 campaigns of 2026: 4 carousels, 3 key dates and their countdowns, 5 frames; 3 drafts of 2027: 4 pieces each
    assert len(found) == 4 + 3 * 2 + 5 + 3 * 4
    for job, scene in found:
        assert geometry.violations(scene, job.format) == [], job.stem
        texts = " ".join(e.text for page in scene.pages for e in page.elements if isinstance(e, Text))
        assert "Vila Bela" in texts or "VILA BELA" in texts, job.stem
    frame = next(scene for job, scene in found if job.kind == "moldura")
    assert LONG_NAME.upper() in [e.text for e in frame.pages[0].elements if isinstance(e, Text)]


def test_every_municipality_of_an_approved_campaign_has_its_series_and_videos(project_root):
    out = project_root / "docs/downloads"
    project, _ = check_project(project_root)
    approved = [c.model for c in project.campaigns if c.model.status == "approved"]
    assert len(approved) == 4
    for c in approved:
        names = ["carrossel-1", "carrossel-6", "moldura"]
        names += [n for kd in c.key_dates for n in (f"dia-{_day(kd.date)}", f"faltam-7-dias-{_day(kd.date)}")]
        for muni in [m.slug for m in project.municipalities.model.municipalities] + ["regional"]:
            stem = out / c.slug / muni / f"{c.slug}-{muni}"
            for name in names:
                assert Path(f"{stem}-{name}.png").is_file(), f"{stem}-{name}"
            for name in ("video-story", "video-feed"):
                assert Path(f"{stem}-{name}.mp4").stat().st_size <= 4 * 1024 * 1024
    hub = (project_root / "docs/municipios/jarinu.md").read_text()
    assert '<details class="kit-past kit-series" id="serie-maio-laranja-2026" markdown>' in hub
    assert "maio-laranja-2026-jarinu-video-story.mp4" in hub and "maio-laranja-2026-jarinu-carrossel-6.png" in hub


def _day(date) -> str:
    from cimpskit.plan.series import MONTHS

    return f"{date.day}-de-{MONTHS[date.month - 1]}"


def _line(words: str, field: str, group: str) -> Text:
    """Return one drawn line of a block (group) of a field, for alt text tests."""
    return Text(0, 0, words, "f", "bold", 10, None, None, 10, field, group)


def test_series_alt_text_joins_what_reads_as_one_phrase():
    from cimpskit.core.scene import Page

    page = Page(
        "frente",
        (
            _line("Hoje é", "data.0", "data.0@1"),
            _line("18 de Maio", "data.0", "data.0@2"),
            _line("CRAS", "contato.cras", "contato.cras@3"),
            _line("telefone a confirmar", "contato.cras", "contato.cras@4"),
            _line("MAIO LARANJA", "kicker", "kicker@5"),
            _line("18 DE MAIO", "data.0", "data.0@6"),
        ),
    )
    assert (
        series_words.alt_text(page, None) == "Hoje é 18 de Maio. CRAS: telefone a confirmar. MAIO LARANJA. 18 DE MAIO."
    )


def test_alt_text_reads_the_mark_tiers_apart_and_a_wrapped_list_name_by_name():
    from cimpskit.core.scene import Page

    page = Page(
        "frente",
        (
            _line("MAIO LARANJA", "marca", "a"),
            _line("18 DE MAIO", "marca", "b"),
            _line("Bom Jesus dos Perdões · Campo Limpo Paulista", "assinatura.lista", "c"),
            _line("Itupeva · Jarinu", "assinatura.lista", "c"),
            _line("Os 7 municípios", "assinatura.lista", "d"),
            _line("do consórcio", "assinatura.lista", "d"),
        ),
    )
    assert series_words.alt_text(page, None) == (
        "MAIO LARANJA. 18 DE MAIO. Bom Jesus dos Perdões, Campo Limpo Paulista, Itupeva, Jarinu. "
        "Os 7 municípios do consórcio."
    )


def test_a_countdown_read_before_its_day_names_the_day_in_a_phrase_of_its_own():
    stem = "atendimento-domicilio-2026/regional/atendimento-domicilio-2026-regional-faltam-7-dias-21-de-setembro"
    scene = next(scene for job, scene in _series_scenes(REPO) if job.stem == stem)
    assert series_words.alt_text(scene.pages[0], None) == (
        "ASSISTÊNCIA EM CASA. PROTEÇÃO SOCIAL BÁSICA. 21 de Setembro: Dia Nacional de Luta da Pessoa com "
        "Deficiência. Faltam 7 dias. Peça a visita no CRAS. CIMPS. Consórcio Intermunicipal de Políticas Sociais. "
        "Os 7 municípios do consórcio. cimps.sp.gov.br."
    )

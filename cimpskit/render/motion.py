"""Draw a timeline's frames with the raster backend and encode them as an H.264 MP4 (PyAV, FFmpeg inside the wheel).

The backend decides nothing about the animation: the timeline says which elements enter when. Each entry is cut
once from the finished still, so the last frames are the still piece exactly; a frame that repeats the one before
is converted to YUV once and only encoded again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageChops

from cimpskit.core.scene import Page, Scene
from cimpskit.layout.motion import Timeline
from cimpskit.render import raster

CODEC = "libx264"
CRF = "20"
"""Constant quality: flat colour and type stay crisp; a 15 s story stays far below the 4 MB limit."""
PRESET = "ultrafast"
"""Encoding speed against size: flat colour compresses well even at x264's fastest preset (a 9 s story is about
1.5 MB), and the build stays within its time budget."""
X264 = {
    "crf": CRF,
    "preset": PRESET,
    "profile": "high",
    "level": "4.0",
    "threads": "1",
    "x264-params": "keyint=60:min-keyint=30:open-gop=0",
}
"""High profile at level 4.0 (1080 × 1920 at 30 fps fits it), closed GOPs (Instagram asks for them), a key frame
every 2 s, one thread: the same bytes on every machine."""
BT709 = 1
"""ITU-R BT.709 primaries, transfer and matrix: what phones assume for HD video, tagged in the stream."""
MAX_BYTES = 4 * 1024 * 1024
"""The largest video WhatsApp status and the issue accept."""
PAD = 2
"""Pixels added round an entry's box, under half the smallest gap the geometric proof allows between blocks."""


def _pixel_box(box: tuple, scale: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """Return an entry's box in whole pixels, padded and clipped to the image."""
    x0, y0, x1, y1 = box
    return (
        max(0, int(x0 * scale) - PAD),
        max(0, int(y0 * scale) - PAD),
        min(size[0], int(x1 * scale + 0.999) + PAD),
        min(size[1], int(y1 * scale + 0.999) + PAD),
    )


class _Frames:
    """The frames of a timeline, composed from the base and the entries cut from the still."""

    def __init__(self, scene: Scene, timeline: Timeline, root: Path):
        page = scene.pages[0]
        width = round(scene.width)
        self.scale = width / scene.width
        self.still = raster.draw_page(scene, page, root, width).convert("RGB")
        base = Page(page.name, tuple(page.elements[i] for i in timeline.base))
        self.done = raster.draw_page(scene, base, root, width).convert("RGB")
        self.boxes = [_pixel_box(e.box, self.scale, self.still.size) for e in timeline.entries]
        self.cuts = [self.still.crop(b) for b in self.boxes]
        self.masks = [_ink(self.still.crop(b), self.done.crop(b)) for b in self.boxes]
        self.placed: set[int] = set()
        self.timeline = timeline

    def draw(self, progress: tuple[float, ...]) -> PILImage.Image:
        """Return the frame at which each entry has come this far."""
        for k, p in enumerate(progress):
            if p >= 1.0 and k not in self.placed:
                self.done.paste(self.cuts[k], self.boxes[k][:2])
                self.placed.add(k)
        moving = [(k, p) for k, p in enumerate(progress) if 0.0 < p < 1.0]
        if not moving:
            return self.done
        frame = self.done.copy()
        for k, p in moving:
            x, y = self.boxes[k][:2]
            dy = round(self.timeline.entries[k].rise * self.scale * (1 - p))
            alpha = self.masks[k].point(lambda v, p=p: round(v * p))
            frame.paste(self.cuts[k], (x, y + dy), alpha)
        return frame


def _ink(still: PILImage.Image, ground: PILImage.Image) -> PILImage.Image:
    """Return where an entry draws (its pixels that differ from the fields under it): only that moves."""
    diff = ImageChops.difference(still, ground).convert("L")
    return diff.point(lambda v: 255 if v else 0)


def _yuv(img: PILImage.Image):
    """Convert a frame to BT.709 limited-range YUV 4:2:0, the same bits on every CPU."""
    import av
    from av.video.reformatter import ColorRange, Colorspace, Interpolation

    flags = Interpolation.BILINEAR | Interpolation.BITEXACT
    return av.VideoFrame.from_image(img).reformat(
        format="yuv420p",
        dst_colorspace=Colorspace.ITU709,
        dst_color_range=ColorRange.MPEG,
        interpolation=flags,
    )


def encode(scene: Scene, timeline: Timeline, root: Path) -> tuple[bytes, PILImage.Image]:
    """Return the MP4 of a timeline and its last frame (the still piece)."""
    import av
    import av.video.stream

    frames = _Frames(scene, timeline, root)
    # FFmpeg moves the index (moov) before the data only in a file it can reopen: a scratch file, read back.
    with tempfile.TemporaryDirectory(prefix="cimpskit-video-") as tmp:
        path = Path(tmp) / "video.mp4"
        with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            stream = out.add_stream(CODEC, rate=timeline.fps, options=dict(X264))
            if not isinstance(stream, av.video.stream.VideoStream):
                raise TypeError(f"{CODEC} gave a {type(stream).__name__}")
            stream.width, stream.height = frames.still.size
            stream.pix_fmt = "yuv420p"
            ctx = stream.codec_context
            ctx.color_primaries = ctx.color_trc = ctx.colorspace = BT709
            ctx.color_range = 1
            last, previous = _yuv(frames.draw(timeline.progress(0))), timeline.progress(0)
            for number in range(timeline.frames):
                progress = timeline.progress(number)
                if progress != previous:
                    last, previous = _yuv(frames.draw(progress)), progress
                last.pts = number
                out.mux(stream.encode(last))
            out.mux(stream.encode(None))
        data = path.read_bytes()
    return data, frames.still


def video_files(scene: Scene, timeline: Timeline, root: Path) -> tuple[bytes, bytes, bytes]:
    """Return the MP4, its poster frame (the still piece) as a full-size WebP for the site's gallery, and the
    poster's small WebP preview drawn at its size."""
    video, still = encode(scene, timeline, root)
    if len(video) > MAX_BYTES:
        raise ValueError(f"video of {len(video)} bytes is over the {MAX_BYTES}-byte limit: raise CRF")
    small = raster.draw_page(scene, scene.pages[0], root, raster.PREVIEW_WIDTH)
    return video, raster.encode(still, "webp"), raster.encode(small, "webp")

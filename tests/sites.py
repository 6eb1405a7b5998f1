"""Built guideline sites for browser tests: one project built once, published by MkDocs and by Zensical."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from helpers import REPO, make_project

from cimpskit.cli import main

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PREFIX = "/kit-campanhas"  # the path of site_url, as on GitHub Pages
HOSTILE = "Veja <b>isto</b> e **isto** [aqui](http://exemplo.invalid)."
TODAY = "2026-05-14"
"""The day the browser tests' site describes: Maio Laranja runs, 18 de Maio and 12 de Junho lie in the next 30 days."""
CONFIRMED = {
    "CREAS de Jarinu": ("(11) 5555-0101", "Rua das Flores, 100, Centro"),
    "Conselho Tutelar de Jarinu": ("(11) 5555-0102", "Rua das Flores, 200, Centro"),
}
"""Jarinu's contacts confirmed in the test site (test numbers): its Maio Laranja and 12 de Junho pieces are final,
its CRAS campaigns stay proofs, so one page shows both kinds of print download."""
ENGINES = ("mkdocs", "zensical")
VIEWPORTS = {"narrow": (320, 640), "phone": (390, 844), "laptop": (1366, 768)}


@dataclass(frozen=True)
class Built:
    """The kit built once: its root (inputs, docs/ with the generated pages) and what the build printed."""

    root: Path
    log: str

    @property
    def out(self) -> Path:
        """Return the folder the assets were written to."""
        return self.root / "docs/downloads"


def build_project(root: Path) -> Built:
    """Copy the shipped data and site sources to root, with hostile text in one campaign; run the generator."""
    make_project(root)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("downloads", "generated"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    path = root / "campaigns/trabalho-infantil-2026.yml"
    path.write_text(path.read_text().replace("avise a rede de proteção.", f"avise a rede de proteção. {HOSTILE}"))
    confirm(root / "brand/municipalities.yml", CONFIRMED)
    with contextlib.redirect_stderr(io.StringIO()) as err:
        assert main(["--root", str(root), "build", "--jobs", "2", "--today", TODAY]) == 0, err.getvalue()
    return Built(root, err.getvalue())


def confirm(path: Path, contacts: dict[str, tuple[str, str]]) -> None:
    """Fill in and confirm some contacts of brand/municipalities.yml (by name: phone, address)."""
    text = path.read_text(encoding="utf-8")
    for name, (phone, address) in contacts.items():
        empty = "        phone: null\n        address: null\n        hours: null\n        verification: null\n"
        old = f"name: {name}\n{empty}"
        new = (
            f'name: {name}\n        phone: "{phone}"\n        address: {address}\n        hours: null\n'
            "        verification: {date: 2026-04-20, source: teste}\n"
        )
        assert text.count(old) == 1, name
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def publish(root: Path, engine: str) -> Path:
    """Publish the generated docs/ with one engine, unmodified, into its own folder; return that folder."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if engine == "mkdocs":
        command = [str(bin_dir / "mkdocs"), "build", "--strict"]
        out = root / "site"
    else:
        # The same mkdocs.yml with another output folder, so both builds sit side by side.
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        out = root / "site-zensical"
        config["site_dir"] = out.name
        (root / "zensical.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        command = [str(bin_dir / "zensical"), "build", "--strict", "-f", "zensical.yml"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _Server(ThreadingHTTPServer):
    """Local server that ignores connections the browser drops (cancelled lazy loads)."""

    def handle_error(self, request, client_address):
        """Ignore dropped connections; report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler serving the site under its published prefix, without logging."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".webp": "image/webp", ".ics": "text/calendar"}

    def translate_path(self, path):
        """Serve PREFIX/... from the site folder and nothing outside it."""
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path(path[len(PREFIX) :])

    def log_message(self, *args):
        """Stay quiet."""


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on a free localhost port; yield its base URL (with the published prefix)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    finally:
        httpd.shutdown()


def pages(site: Path, *, citizen: bool = True) -> list[str]:
    """Return the URL path of every HTML page of the site (optionally without the citizen pages under /c/)."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = "/" + re.sub(r"index\.html$", "", rel)
        if citizen or not url.startswith("/c/"):
            out.append(url)
    return out


def settle(page) -> None:
    """Wait until every finite CSS transition and animation on the page has ended (a state, never a delay)."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect.getComputedTiming().iterations === Infinity)"
    )


def no_horizontal_scroll(page) -> bool:
    """Whether the page fits its viewport's width (nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

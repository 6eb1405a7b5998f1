"""Live preview: rebuild when inputs change while `mkdocs serve` reloads the browser."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

WATCHED = ("brand", "calendar", "campaigns", "atas")


def inputs_digest(root: Path) -> str:
    """Return a digest of every watched input file's path and bytes."""
    h = hashlib.sha256()
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def rebuild(root: Path, drafts: bool) -> None:
    """Run the build in a child process so that errors are printed and serving goes on."""
    cmd = [sys.executable, str(root / "build_assets.py"), "--root", str(root), "build"]
    subprocess.run([*cmd, "--drafts"] if drafts else cmd, check=False)


def serve(root: Path, drafts: bool, address: str) -> int:
    """Build, start `mkdocs serve --livereload`, and rebuild on every input change."""
    rebuild(root, drafts)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen([str(mkdocs), "serve", "--livereload", "-a", address], cwd=root)
    last = inputs_digest(root)
    try:
        while server.poll() is None:
            time.sleep(0.5)
            current = inputs_digest(root)
            if current != last:
                print("mudança detectada: gerando de novo…", file=sys.stderr)
                rebuild(root, drafts)
                last = current
    finally:
        server.terminate()
        server.wait()
    return server.returncode or 0

"""Deterministic ZIP bundles of one campaign × municipality, with a SHA256SUMS list."""

from __future__ import annotations

import hashlib
import io
import zipfile

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def sha256sums(files: dict[str, bytes]) -> bytes:
    """Return a SHA256SUMS file (sha256sum format) for the files."""
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())]
    return "".join(lines).encode()


def make_zip(files: dict[str, bytes]) -> bytes:
    """Return a ZIP of files plus SHA256SUMS, with fixed dates and order."""
    members = dict(files)
    members["SHA256SUMS"] = sha256sums(files)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.external_attr = 0o644 << 16
            already_compressed = name.endswith((".png", ".webp", ".pdf"))
            info.compress_type = zipfile.ZIP_STORED if already_compressed else zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name])
    return buf.getvalue()

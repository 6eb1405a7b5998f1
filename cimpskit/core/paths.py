"""Names and paths shared by every layer: variant names and the public address of a campaign."""

from __future__ import annotations

REGIONAL = "regional"
"""The consortium's own variant, beside one per municipality."""
MANUAL = "manual"
"""The brand manual's examples, planned as a campaign of their own."""


def public_name(slug: str, public_slug: str | None) -> str:
    """Return a campaign's short name in citizen page addresses: public_slug, or the slug without its year."""
    if public_slug:
        return public_slug
    head, _, year = slug.rpartition("-")
    return head if head and year.isdigit() and len(year) == 4 else slug


def citizen_path(name: str, municipality: str) -> str:
    """Return the path of a citizen page under the public address: '<municipality>/<campaign>/' or '<campaign>/'."""
    return f"{name}/" if municipality == REGIONAL else f"{municipality}/{name}/"

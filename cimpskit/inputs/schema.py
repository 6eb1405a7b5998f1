"""JSON Schema for editor autocomplete, generated from the typed model."""

from __future__ import annotations

import json
from typing import Any

from cimpskit.inputs import model

SCHEMAS: dict[str, type[model.Node]] = {
    "campaign": model.Campaign,
    "brand": model.Brand,
    "formats": model.FormatCatalogue,
    "municipalities": model.MunicipalityList,
    "meetings": model.MeetingList,
    "electoral": model.ElectoralCalendar,
    "ata": model.Ata,
}


def _close(node: Any) -> None:
    """Forbid unknown keys in every object so editors flag them."""
    if isinstance(node, dict):
        if "properties" in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close(value)
    elif isinstance(node, list):
        for value in node:
            _close(value)


def schema_for(name: str) -> dict[str, Any]:
    """Return the JSON Schema of one kind of file."""
    schema = SCHEMAS[name].model_json_schema()
    _close(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_files() -> dict[str, bytes]:
    """Return every schema file as bytes, keyed by its path under the repository."""
    return {
        f"schemas/{name}.schema.json": (
            json.dumps(schema_for(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ).encode()
        for name in SCHEMAS
    }

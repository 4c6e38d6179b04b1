"""Column mappings the user saved (“this header means that field”): JSON in the data folder."""

from __future__ import annotations

import json
from pathlib import Path

from crm import paths
from crm.ledger.fields import header_key

FILE_NAME = "ledger_mappings.json"


def mappings_path() -> Path:
    return paths.data_dir() / FILE_NAME


def load_mappings() -> dict[str, str]:
    """Saved header → field (or kind.field, or "-" to skip the column)."""
    path = mappings_path()
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_mappings(new: dict[str, str]) -> Path:
    """Add to the saved mappings (headers stored folded, so spacing and brackets do not matter)."""
    merged = load_mappings()
    merged.update({header_key(k).full: v for k, v in new.items()})
    path = mappings_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps(merged, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8"
    )
    tmp.replace(path)
    return path

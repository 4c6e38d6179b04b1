"""Column mappings the user saved (“this header means that field”): JSON in the data folder."""

from __future__ import annotations

import json
from pathlib import Path

from crm import paths
from crm.errors import ValidationError
from crm.ledger.fields import FIELDS, IGNORE, KIND_LABELS, field_names
from crm.ledger.headers import header_key
from crm.ledger.layout import HEADER_SCAN_ROWS, SheetLayout
from crm.ledger.reader import Workbook

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


# --- checking the user's --map against the file --------------------------------------------


def check_columns(book: Workbook, sheets: list[str], mapping: dict[str, str]) -> None:
    """Every column named in --map must be a header somewhere in the sheets read."""
    headers: set[str] = set()
    for name in sheets:
        for row in book.sheet(name).rows[:HEADER_SCAN_ROWS]:
            for cell in row:
                if isinstance(cell, str) and cell.strip():
                    key = header_key(cell)
                    headers.update((key.full, key.base))
    for column in mapping:
        key = header_key(column)
        if key.full not in headers and key.base not in headers:
            where = "、".join(f"“{n}”" for n in sheets)
            where_en = ", ".join(f"'{n}'" for n in sheets)
            raise ValidationError(
                "--map",
                column,
                f"--map：在工作表{where}中找不到列“{column}”",
                f"--map: no column '{column}' in sheet {where_en}",
                code="bad_map",
            )


def check_fields(mapping: dict[str, str], layouts: dict[str, SheetLayout]) -> None:
    """Every field named in --map must exist for the kind of sheet its column is in."""
    for column, target in mapping.items():
        if target == IGNORE:
            continue
        kind, name = target.split(".", 1) if "." in target else (None, target)
        if kind is not None and kind not in FIELDS:
            _bad_field(
                column, target, f"表类型：{', '.join(FIELDS)}", f"kinds: {', '.join(FIELDS)}"
            )
        kind = kind or _kind_of_column(column, layouts)
        kinds = [kind] if kind else list(FIELDS)
        if any(name in field_names(k) for k in kinds):
            continue
        if kind is None:
            _bad_field(column, target, "见各表字段", "see the fields of each kind of sheet")
        fields = ", ".join(f for f in field_names(kind) if f != "seq")  # type: ignore[arg-type]
        label_zh, label_en = KIND_LABELS[kind]  # type: ignore[index]
        _bad_field(
            column,
            target,
            f"{label_zh}表可用字段：{fields}",
            f"fields of a {label_en.lower()} sheet: {fields}",
        )


def _kind_of_column(column: str, layouts: dict[str, SheetLayout]) -> str | None:
    key = header_key(column)
    for layout in layouts.values():
        for found in layout.columns:
            folded = header_key(found.header)
            if key.full in (folded.full, folded.base) or key.base in (folded.full, folded.base):
                return layout.kind
    return None


def _bad_field(column: str, target: str, valid_zh: str, valid_en: str) -> None:
    raise ValidationError(
        "--map",
        target,
        f"--map {column}={target}：没有字段“{target}”；{valid_zh}（- 表示忽略该列）",
        f"--map {column}={target}: no field '{target}'; {valid_en} (- ignores the column)",
        code="bad_map",
    )

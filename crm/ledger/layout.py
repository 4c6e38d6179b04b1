"""Find the header of a sheet (below any title rows, one or two rows, merged cells filled in),
tell which kind of sheet it is and which column holds which field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from crm.ledger.fields import FIELDS, IGNORE, KIND_LABELS, RECORD_ID_LABEL
from crm.ledger.fields_dispatch_data import DATA_ANY, DATA_NOT, DATA_REQUIRED
from crm.ledger.headers import (
    SHEET_NAME_HINTS,
    SYNONYMS,
    HeaderKey,
    fold,
    header_key,
    is_computed,
    match_field,
    sheet_unit,
)
from crm.ledger.reader import RawSheet, column_letter
from crm.ledger.values import clean_line

HEADER_SCAN_ROWS = 30
#: Column.how of a column the screens compute (本阶段天数 …): known, and not read.
COMPUTED_COLUMN = "computed"
MIN_SCORE = 1.5
#: A header matched by pattern (「1-11月中旬累计完成投资」) names its kind of sheet alone.
PATTERN_WEIGHT = 1.5

#: Fields a header must have for the sheet to be taken as that kind.
DETECT_REQUIRED = {
    "projects": {"name"},
    "companies": {"name"},
    "funds": {"received_on", "amount"},
    "increases": {"increased_on", "amount"},
    "teams": {"name"},
    "activities": {"occurred_on"},
    "problems": {"description"},
    "requests": {"content", "received"},
    "contacts": {"company", "name"},
    "parks": {"name"},
    "dispatch": {"project"},
    "keylist": {"company"},
    **DATA_REQUIRED,
}
#: ... and at least one of these (a ledger with a 形象进度 column is not yet a dispatch sheet).
#: A kind listed here leaves the weight of shared headers (项目名称 …) to the other kinds
#: (_weights): an increases sheet is told apart by its own 增资日期.
DETECT_ANY = {"dispatch": {"year_to_date", "amount", "year_plan"},
              "keylist": {"list", "commissioner", "leader"},
              "increases": {"increased_on"}, **DATA_ANY}  # fmt: skip
#: ... and none of another kind's fields but these: (kind, fields it may share).
DETECT_NOT = DATA_NOT


@dataclass
class Column:
    index: int
    header: str
    field: str | None = None
    unit: str | None = None
    #: auto / map (given by the user or a saved mapping) / computed / "" (unmatched)
    how: str = ""

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        """How problems name the column: 总投资（万元）[D]."""
        return f"{self.header} [{self.letter}]" if self.header else f"[{self.letter}]"


@dataclass
class SheetLayout:
    sheet: str
    kind: str | None
    header_first: int = 0  # 0-based row index of the first header row
    header_last: int = 0
    columns: list[Column] = field(default_factory=list)
    default_unit: str | None = None
    repeated: list[tuple[Column, Column]] = field(default_factory=list)

    @property
    def data_start(self) -> int:
        return self.header_last + 1

    @property
    def by_field(self) -> dict[str, Column]:
        found: dict[str, Column] = {}
        for column in self.columns:
            if column.field and column.field != IGNORE:
                found.setdefault(column.field, column)
        return found

    @property
    def unmatched(self) -> list[Column]:
        return [c for c in self.columns if c.header and not c.field]

    @property
    def kind_label(self) -> tuple[str, str]:
        return KIND_LABELS.get(self.kind or "", ("未识别", "not recognised"))


def _merged_fill(sheet: RawSheet, limit: int) -> dict[tuple[int, int], object]:
    """Values that merged ranges in the top rows spread over their cells."""
    filled: dict[tuple[int, int], object] = {}
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= limit or r0 >= len(sheet.rows):
            continue
        row = sheet.rows[r0]
        value = row[c0] if c0 < len(row) else ""
        for r in range(r0, min(r1, limit) + 1):
            for c in range(c0, c1 + 1):
                filled[(r, c)] = value
    return filled


def _text(sheet: RawSheet, filled: Mapping[tuple[int, int], object], r: int, c: int) -> str:
    if (r, c) in filled:
        value = filled[(r, c)]
    else:
        row = sheet.rows[r] if r < len(sheet.rows) else []
        value = row[c] if c < len(row) else ""
    return clean_line(value) if value not in (None, "") else ""


@dataclass
class _Candidate:
    score: float
    kind: str
    first: int
    last: int
    columns: list[Column]


def _weights() -> dict[str, float]:
    """A header that means something in one kind only counts more than a shared one."""
    counts: dict[str, int] = {}
    for kind, table in SYNONYMS.items():
        if kind in DETECT_ANY:
            continue  # told apart by its own columns: it does not dilute the others' headers
        for key in table:
            counts[key] = counts.get(key, 0) + 1
    return {key: 1.0 / n for key, n in counts.items()}


_WEIGHTS = _weights()


def _resolve(kind: str, key: HeaderKey, mapping: Mapping[str, str]) -> tuple[str | None, str]:
    for text in (key.full, key.base):
        target = mapping.get(text)
        if target:
            name = target.split(".", 1)[1] if "." in target else target
            for_kind = target.startswith(f"{kind}.") or "." not in target
            if for_kind and (name == IGNORE or name in _FIELD_NAMES[kind]):
                return name, "map"
    found = match_field(kind, key)
    return (found, "auto") if found else (None, "")


_FIELD_NAMES = {kind: {f.name for f in fields} for kind, fields in FIELDS.items()}


def _columns_for(
    kind: str, headers: list[tuple[str, str]], mapping: Mapping[str, str]
) -> tuple[list[Column], float]:
    columns, score, seen = [], 0.0, set()
    for index, (parent, child) in enumerate(headers):
        column = _column(kind, index, parent, child, mapping)
        columns.append(column)
        if column.field and column.field != IGNORE and column.field not in seen:
            seen.add(column.field)
            key = header_key(column.header)
            score += (
                1.0
                if column.how == "map"
                else _WEIGHTS.get(key.full, _WEIGHTS.get(key.base, PATTERN_WEIGHT))
            )
    if not DETECT_REQUIRED[kind] <= seen or (kind in DETECT_ANY and not DETECT_ANY[kind] & seen):
        return columns, 0.0
    if kind in DETECT_NOT and _reads_other(*DETECT_NOT[kind], headers, mapping):
        return columns, 0.0
    return columns, score


def _reads_other(
    other: str, shared: frozenset[str], headers: list[tuple[str, str]], mapping: Mapping[str, str]
) -> bool:
    """Whether the `other` kind reads a column of the header as one of its fields not `shared`
    (a projects ledger with a 建设性质 column is a projects sheet, not 项目调度信息)."""
    for index, (parent, child) in enumerate(headers):
        name = _column(other, index, parent, child, mapping).field
        if name and name != IGNORE and name not in shared:
            return True
    return False


def _column(kind: str, index: int, parent: str, child: str, mapping: Mapping[str, str]) -> Column:
    options = [child] if child and child != parent else []
    if parent and child and child != parent:
        options.append(parent + child)
    if parent and (not child or child == parent):
        options.append(parent)
    parent_unit = header_key(parent).unit if parent else None
    for text in options:
        key = header_key(text)
        name, how = _resolve(kind, key, mapping)
        if name:
            return Column(index, text, name, key.unit or parent_unit, how)
    text = child or parent
    if parent and child and child != parent:
        text = f"{parent}/{child}"
    if any(is_computed(kind, header_key(t)) for t in options):
        return Column(index, text, IGNORE, None, COMPUTED_COLUMN)
    return Column(index, text, None, header_key(text).unit if text else None)


def detect_layout(
    sheet: RawSheet,
    mapping: Mapping[str, str] | None = None,
    kind: str | None = None,
    min_score: float = MIN_SCORE,
) -> SheetLayout | None:
    """The best header (rows, kind, columns) in the first rows; None when nothing fits.
    `kind` (with a lower `min_score`): the kind is known already, e.g. from the records
    its 系统编号 column names."""
    mapping = {header_key(k).full: v for k, v in (mapping or {}).items()}
    limit = min(HEADER_SCAN_ROWS, len(sheet.rows))
    filled = _merged_fill(sheet, limit + 1)
    width = max((len(r) for r in sheet.rows[: limit + 1]), default=0)
    kinds = [kind] if kind else list(FIELDS)
    best: _Candidate | None = None
    for first in range(limit):
        if best is not None and first > best.last + 2:
            break  # a header was found and data rows follow: no need to read 30 rows wide
        top = [_text(sheet, filled, first, c) for c in range(width)]
        if len({t for t in top if t}) < 2:
            continue  # empty, or a title merged across the table
        below = [_text(sheet, filled, first + 1, c) for c in range(width)]
        for span_headers, last in (
            ([(t, "") for t in top], first),
            (list(zip(top, below, strict=True)), first + 1),
        ):
            for k in kinds:
                columns, score = _columns_for(k, span_headers, mapping)
                score += _name_bonus(sheet.name, k) if score else 0.0
                if last > first and best and best.first == first and score <= best.score + 1e-9:
                    continue
                if score >= min_score and (best is None or score > best.score + 1e-9):
                    best = _Candidate(score, k, first, last, columns)
    if best is None:
        return None
    return _finish(sheet, best)


def record_ids(sheet: RawSheet, limit: int = 20) -> list[str]:
    """The first values under a 系统编号 header (how a table exported from a screen says
    which records its rows are)."""
    wanted = header_key(RECORD_ID_LABEL).full
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        for c, cell in enumerate(row):
            if isinstance(cell, str) and header_key(cell).full == wanted:
                below = (x[c] for x in sheet.rows[r + 1 :] if c < len(x))
                ids = [v.strip().lower() for v in below if isinstance(v, str) and v.strip()]
                return ids[:limit]
    return []


def _name_bonus(sheet_name: str, kind: str) -> float:
    name = fold(sheet_name)
    return 0.5 if any(hint in name for hint in SHEET_NAME_HINTS[kind]) else 0.0


def _finish(sheet: RawSheet, best: _Candidate) -> SheetLayout:
    layout = SheetLayout(sheet.name, best.kind, best.first, best.last, best.columns)
    _drop_repeats(layout)
    for r in range(best.first):
        for cell in sheet.rows[r]:
            if isinstance(cell, str) and sheet_unit(cell):
                layout.default_unit = sheet_unit(cell)
    return layout


def remap(layout: SheetLayout, changes: Mapping[int, str | None]) -> SheetLayout:
    """The same layout with some columns mapped by hand (the wizard's mapping table)."""
    columns = []
    for column in layout.columns:
        if column.index in changes:
            target = changes[column.index]
            columns.append(
                Column(
                    column.index,
                    column.header,
                    target or None,
                    column.unit,
                    "map" if target else "",
                )
            )
        else:
            columns.append(column)
    result = SheetLayout(
        layout.sheet,
        layout.kind,
        layout.header_first,
        layout.header_last,
        columns,
        layout.default_unit,
    )
    _drop_repeats(result)
    return result


def _drop_repeats(layout: SheetLayout) -> None:
    """A field two columns are read as: the first keeps it; the later one reads nothing and
    is listed as repeating it."""
    owners: dict[str, Column] = {}
    for column in layout.columns:
        if not column.field or column.field == IGNORE:
            continue
        if column.field in owners:
            layout.repeated.append((owners[column.field], column))
            column.field, column.how = None, ""
        else:
            owners[column.field] = column

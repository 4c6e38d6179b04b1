"""Rows of a sheet → items: typed values per field, and the problems found on the way."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from crm.codes import FundsSource, SourceClass, TeamRole
from crm.ledger.field_names import field_label
from crm.ledger.fields import IGNORE, RECORD_ID, FieldSpec, Sheet, spec
from crm.ledger.headers import fold, header_key
from crm.ledger.layout import Column, SheetLayout
from crm.ledger.layout_problems import layout_problems
from crm.ledger.merged_cells import merged_down, with_merged
from crm.ledger.problems import ERROR, INFO, WARNING, Problem, problem
from crm.ledger.reader import CONTROL_CHARS, RawSheet
from crm.ledger.refs import CODED_KINDS, Landed, References, parse_coded, parse_stage
from crm.ledger.sources import UNDETERMINED, funds_source_of, is_source_word, source_word_class
from crm.ledger.values import (
    BLANKS,
    DOLLAR_UNITS,
    NOT_APPLICABLE,
    CellError,
    clean_block,
    clean_line,
    is_blank,
    month_only,
    parse_amount,
    parse_bool,
    parse_date,
    parse_int,
    read_amount,
    split_amount,
    split_list,
)
from crm.progress import Progress
from crm.validation import normalize_uscc, uscc_problem

NEW, UPDATED, UNCHANGED, INVALID = "new", "updated", "unchanged", "invalid"
NA = "n/a"  # a date cell saying the stage does not apply (不适用)

_TOTALS = re.compile(r"^(合计|总计|共计|总合计|全市合计|合\s*计|total|grandtotal)")
_SUBTOTAL = re.compile(r"^(小计|subtotal)")
_NOTE = re.compile(r"^(注|说明|备注|填表|制表|审核|数据来源|单位负责人|联系人|联系电话|统计|附)")


@dataclass(slots=True, eq=False)
class Item:
    """One data row of a sheet on its way into the database."""

    kind: str
    sheet: str
    row: int  # Excel row number, 1-based
    values: dict[str, Any]
    columns: dict[str, str] = field(default_factory=dict)  # field → column label, for problems
    status: str = NEW
    target_id: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    #: The values on record of the fields in `changes` (what the preview shows as 旧值).
    before: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def keep_before(self, record: Mapping[str, Any] | None) -> None:
        """Remember the record's values of the changed fields: the plan is the one place that
        knows both sides, so the preview shows 旧值 → 新值 from it and never recomputes."""
        self.before = {name: record.get(name) for name in self.changes} if record else {}
        if record and record.get("code"):  # names the record in the preview (plan_changes)
            self.before.setdefault("code", record["code"])

    def where(self, field_name: str) -> str:
        """The column a field came from, else the field's Chinese name (never a code)."""
        return self.columns.get(field_name) or field_label(self.kind, field_name)


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    role: str = "member"
    phone: str = ""
    from_on: Any = None
    to_on: Any = None


@dataclass
class ParsedSheet:
    layout: SheetLayout
    items: list[Item]
    problems: list[Problem]
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class Noted:
    """What a parser returns for a cell it reads as no value, or only in part (`value`), with
    a warning to show (a place column saying only 区外, a source word that names no class,
    南宁市高新区 read as 南宁市)."""

    code: str
    value: Any = None
    detail: Any = ""


@dataclass
class ParseContext:
    refs: References
    usd_rate: Decimal | None
    usd_rate_given: bool = True
    #: province / city / county (crm.ledger.sources.bureau_level): 市内, 区外 … depend on it.
    bureau_level: str = "city"
    notes: set[str] = field(default_factory=set)
    #: Results of parsing a text for the lookup kinds (ledgers repeat the same few values).
    memo: dict[tuple[str, Any], Any] = field(default_factory=dict)


Parser = Callable[[Any, Column, FieldSpec, ParseContext, SheetLayout], Any]


def _text(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> str:
    return _limit(clean_line(value), spec_)


def _block(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> str:
    return _limit(clean_block(value), spec_)


#: Characters an Excel cell holds: a cell this long may have been cut by Excel itself.
EXCEL_CELL_CHARS = 32_767


def _limit(text: str, spec_: FieldSpec) -> str:
    if spec_.max_length and len(text) > spec_.max_length:
        length = f"≥ {len(text):,}" if len(text) >= EXCEL_CELL_CHARS else f"{len(text):,}"
        raise CellError("too_long", f"{length} > {spec_.max_length:,}")
    if CONTROL_CHARS.search(text):  # NUL and friends: a broken file, never a name
        raise CellError("control_char", "")
    return text


def _uscc(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> str:
    code = normalize_uscc(clean_line(value))
    reason = uscc_problem(code)
    if reason:
        raise CellError(
            "bad_uscc",
            {
                "length": "应为18位 / 18 characters",
                "alphabet": "含不允许的字符 / bad characters",
                "check": "校验位不正确 / wrong check character",
            }[reason],
        )
    return code


def _money(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> Decimal | Noted:
    unit = column.unit or layout.default_unit or "万元"
    if not ctx.usd_rate_given and (unit in DOLLAR_UNITS or _dollars_written(value)):
        ctx.notes.add(column.label)  # the default rate was used: said once per column
    wan, doubt = read_amount(value, unit, ctx.usd_rate)  # 4200 under 亿元: 万元 meant?
    return wan if doubt is None else Noted("implausible_amount", wan, doubt)


def _dollars_written(value: Any) -> bool:
    """A cell that names dollars itself (100万美元) in a column of yuan."""
    try:
        return isinstance(value, str) and split_amount(value)[1] in DOLLAR_UNITS
    except ValueError:
        return False


def _date(value: Any, *_: Any) -> date | Noted:
    day = parse_date(value)
    if month_only(value):  # the 1st stands for the month: 旬 and week figures depend on it
        return Noted("date_month_only", day, day.isoformat())
    return day


def _date_na(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> Any:
    if isinstance(value, str) and value.strip().lower() in NOT_APPLICABLE:
        return NA
    return _date(value)


def _year(value: Any, *_: Any) -> int:
    year = parse_int(value)
    if not 1950 <= year <= 2100:
        raise CellError("bad_number")
    return year


def _tags(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> list:
    tags, unknown = [], []
    for part in split_list(value):
        try:
            tags.append(ctx.refs.tag(part))
        except CellError:
            unknown.append(part)
    if unknown:
        return [tags, unknown]  # the caller reports unknown tags as a warning
    return [tags, []]


def _place(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> tuple | Noted:
    text = clean_line(value)
    if is_source_word(text):
        return Noted("place_is_class")  # 区外, 境外: a class of source, not a place
    return ctx.refs.place(text)


def _funds_source(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> str | Noted:
    """资金来源 as ledgers write it, classed relative to the bureau (区内 = 省内 …)."""
    text = clean_line(value)
    klass = source_word_class(text, ctx.bureau_level)
    if klass == UNDETERMINED:
        return Noted("source_undetermined")
    if isinstance(klass, SourceClass):
        return funds_source_of(klass)
    return parse_coded(FundsSource, text)


def _region_code(
    value: Any, column: Column, spec_: FieldSpec, ctx: ParseContext, layout: SheetLayout
) -> tuple | Noted:
    """落地区域: a six-digit code is kept as written; a name may be a county's or district's
    (crm.ledger.refs.References.landing_region)."""
    text = clean_line(value)
    if re.fullmatch(r"\d{6}", text):
        return text, "CN"
    if is_source_word(text):
        return Noted("place_is_class")
    found = ctx.refs.landing_region(text)
    if isinstance(found, Landed):
        return Noted(found.problem, (found.code, "CN"), found.detail)
    return found, "CN"


def _members(value: Any, *_: Any) -> list[Member]:
    return [_member(part) for part in split_list(value)]


_MEMBER = re.compile(r"^(.+?)\s*[(\[](.*)[)\]]$")


def _member(text: str) -> Member:
    """张三（队长，13800000000，2026-01-01至2026-06-30） → a membership."""
    match = _MEMBER.match(fold(text))
    if not match:
        return Member(clean_line(text))
    name, details = match[1], re.split(r"[,;]", match[2])
    role, phone, from_on, to_on = "member", "", None, None
    for detail in (d.strip() for d in details if d.strip()):
        member = TeamRole.from_text(detail)
        if member is not None:
            role = member.value
        elif re.fullmatch(r"[\d+\-]{7,}", detail):
            phone = detail
        elif "至" in detail or "起" in detail or "~" in detail:
            parts = re.split(r"至|~|起", detail)
            from_on = parse_date(parts[0]) if parts[0].strip() else None
            to_on = parse_date(parts[1]) if len(parts) > 1 and parts[1].strip() else None
        else:
            raise CellError("unknown_code", "队长、副队长、队员")
    return Member(clean_line(name), role, phone, from_on, to_on)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _uuid(value: Any, *_: Any) -> str:
    """系统编号: the record's UUID as the exports write it (case and spaces forgiven)."""
    text = clean_line(value).lower().replace(" ", "")
    if not _UUID.match(text):
        raise CellError("bad_record_id")
    return text


def _coded(codes: Any) -> Parser:
    return lambda value, *_: parse_coded(codes, clean_line(value))


PARSERS: dict[str, Parser] = {
    "text": _text,
    "name": _text,
    "longtext": _block,
    "uscc": _uscc,
    "money": _money,
    "date": _date,
    "date_na": _date_na,
    "int": lambda value, *_: parse_int(value),
    "year": _year,
    # A target's 目标值: 万元 for amounts, a count for the rest (the 指标 column says which).
    "figure": lambda value, *_: parse_amount(value),
    "bool": lambda value, *_: parse_bool(value),
    "stage": lambda value, *_: parse_stage(clean_line(value)),
    **{kind: _coded(codes) for kind, codes in CODED_KINDS.items()},
    "funds_source": _funds_source,
    "tags": _tags,
    "place": _place,
    "region_code": _region_code,
    "industry": lambda value, col, sp, ctx, lay: ctx.refs.industry(clean_line(value)),
    "chain": lambda value, col, sp, ctx, lay: ctx.refs.chain(clean_line(value)),
    "team": lambda value, col, sp, ctx, lay: ctx.refs.team(clean_line(value)),
    "park": lambda value, col, sp, ctx, lay: ctx.refs.park(clean_line(value)),
    "region_group": lambda value, col, sp, ctx, lay: ctx.refs.region_group(clean_line(value)),
    "members": _members,
    "uuid": _uuid,
}


#: Kinds whose result depends on the text alone: parsed once per distinct text.
MEMO_KINDS = frozenset({"place", "region_code", "industry", "chain", "team", "park",
                        "region_group", "stage", "agreement", "ownership", "funds_source",
                        "activity_kind", "problem_category", "problem_status", "tags", "bool",
                        "request_channel", "request_status", "satisfaction", "target_scope",
                        "target_measure", "list_level", "completion_period",
                        "date", "date_na", "uscc"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Field:
    spec: FieldSpec
    column: Column
    label: str
    parser: Parser
    memo: bool
    name: str  # spec.name and spec.kind, read once per cell
    kind: str
    index: int  # column.index


def _field(spec_: FieldSpec, column: Column) -> _Field:
    kind = spec_.kind
    return _Field(
        spec_, column, column.label, PARSERS[kind], kind in MEMO_KINDS, spec_.name, kind,
        column.index,
    )  # fmt: skip


def parse_sheet(
    sheet: RawSheet,
    layout: SheetLayout,
    ctx: ParseContext,
    should_cancel: Callable[[], bool] | None = None,
    *,
    release_rows: bool = False,
    progress: Progress | None = None,
) -> ParsedSheet:
    """Items of the sheet's data rows; with release_rows each raw row is dropped once parsed,
    so the rows and the items never both sit in memory whole (a 100k-row ledger)."""
    assert layout.kind is not None
    kind = layout.kind
    fields = [
        _field(spec(kind, name), column)
        for name, column in layout.by_field.items()
        if name != "seq" and name != IGNORE
    ]
    labels = {f.spec.name: f.label for f in fields}
    required = [f.spec for f in fields if f.spec.required]
    absent = [spec(kind, n) for n in _required_absent(layout)]
    header_keys = _header_signature(sheet, layout)
    result = ParsedSheet(layout, [], list(layout_problems(layout)))
    rows = sheet.rows
    spread = merged_down(sheet, layout.data_start)
    for index in range(layout.data_start, len(rows)):
        if index % 2000 == 0:
            if should_cancel and should_cancel():
                from crm.ledger.problems import ImportCancelled

                raise ImportCancelled
            if progress:
                progress(index, len(rows), sheet.name)
        row = rows[index]
        if release_rows:
            rows[index] = _RELEASED
        if spread and index in spread:
            row = with_merged(row, spread[index])
        verdict = _classify(row, header_keys)
        if verdict == "blank":
            continue
        if verdict != "data":
            result.skipped += 1
            if verdict in ("totals", "subtotal", "repeated_header"):  # said, never silent
                code = {"totals": "totals_row", "subtotal": "subtotal_row"}.get(
                    verdict, "repeated_header_row"
                )
                result.problems.append(
                    problem(sheet.name, index + 1, "", _first_text(row), code, severity=INFO)
                )
            if verdict == "totals":
                break  # below a totals row come notes, not projects
            continue
        item = _parse_row(
            sheet, index, row, fields, ctx, layout, result.problems, labels, required + absent
        )
        if item is not None:
            result.items.append(item)
        else:
            result.skipped += 1
    return result


def _header_signature(sheet: RawSheet, layout: SheetLayout) -> tuple[str, ...]:
    row = sheet.rows[layout.header_last] if layout.header_last < len(sheet.rows) else []
    return tuple(header_key(clean_line(c)).full for c in row if not is_blank(c))


def _first_text(row: list[Any]) -> str:
    return next((clean_line(c) for c in row if not is_blank(c)), "")


_MARKER_STARTS = frozenset("合总共全小tTgGsS注说备填制审数单联统附")


def _classify(row: list[Any], header: tuple[str, ...]) -> str:
    filled = [
        c for c in row if c is not None and c != "" and not (isinstance(c, str) and not c.strip())
    ]
    if not filled:
        return "blank"
    first = filled[0]
    plain = (
        len(filled) >= 2
        and not (isinstance(first, str) and first.lstrip()[:1] in _MARKER_STARTS)
        and not (isinstance(filled[1], str) and filled[1].lstrip()[:1] in _MARKER_STARTS)
    )
    if plain and not (header and isinstance(first, str) and header_key(first).full == header[0]):
        return "data"  # the common case, decided without folding any text
    texts = [fold(c) for c in filled[:3] if isinstance(c, str)]
    if any(_TOTALS.match(t) for t in texts):
        return "totals"
    if any(_SUBTOTAL.match(t) for t in texts):
        return "subtotal"
    if len(filled) == 1 and isinstance(filled[0], str) and _NOTE.match(fold(filled[0])):
        return "note"
    if len(filled) >= 2 and all(isinstance(c, str) for c in filled):
        keys = tuple(header_key(clean_line(c)).full for c in filled)
        if keys == header:
            return "repeated_header"
    return "data"


def _parse_row(
    sheet: RawSheet,
    index: int,
    row: list[Any],
    fields: list[_Field],
    ctx: ParseContext,
    layout: SheetLayout,
    problems: list[Problem],
    labels: dict[str, str],
    required: list[FieldSpec],
) -> Item | None:
    values: dict[str, Any] = {}
    found: list[Problem] = []
    uncalculated = sheet.formulas_without_value
    memo = ctx.memo
    width = len(row)
    errored: set[str] = set()
    blanks: list[str] = []  # a blank cell changes nothing; the plan says so where it hides a value
    for f in fields:
        col = f.index
        value = row[col] if col < width else None
        if uncalculated and (index, col) in uncalculated:
            found.append(problem(sheet.name, index + 1, f.label, "", "formula_no_value"))
            errored.add(f.name)
            continue
        if value is None or value == "":
            blanks.append(f.name)
            continue
        if isinstance(value, str) and _maybe_blank(value) and is_blank(value):
            blanks.append(f.name)
            continue
        try:
            if f.memo:
                key = (f.kind, value)
                parsed = memo.get(key, _MISSING)
                if parsed is _MISSING:
                    try:
                        parsed = f.parser(value, f.column, f.spec, ctx, layout)
                    except CellError as exc:
                        parsed = exc
                    memo[key] = parsed
                if isinstance(parsed, CellError):
                    raise parsed
            else:
                parsed = f.parser(value, f.column, f.spec, ctx, layout)
        except CellError as exc:
            found.append(problem(sheet.name, index + 1, f.label, value, exc.code, exc.detail))
            errored.add(f.name)
            continue
        if type(parsed) is Noted:
            found.append(
                problem(sheet.name, index + 1, f.label, value, parsed.code, parsed.detail, WARNING)
            )
            if parsed.value is None:
                continue
            parsed = parsed.value
        if f.kind == "tags":
            parsed, unknown = parsed
            for word in unknown:
                found.append(
                    problem(sheet.name, index + 1, f.label, word, "unknown_tag", severity=WARNING)
                )
        if parsed == "" or parsed == []:
            continue
        values[f.name] = parsed
    missing = [s for s in required if s.name not in values and s.name not in errored]
    kept: list[str] = []
    if missing:
        if len(values) <= 1 and not any(p.severity == ERROR for p in found):
            return None  # a section label such as “一、签约项目”, not a record
        if layout.kind == Sheet.PROJECTS and values.get(RECORD_ID):
            kept, missing = [s.name for s in missing], []  # plan_projects.keep_required
    if missing:
        labels_text = "、".join(s.label for s in missing)
        found.append(
            problem(
                sheet.name,
                index + 1,
                labels.get(missing[0].name, missing[0].label),
                "",
                "missing_required",
                labels_text,
            )
        )
    item = Item(layout.kind or "", sheet.name, index + 1, values, labels)
    if blanks:
        item.extra["blank"] = blanks
    if kept:  # the record's values, if its 系统编号 finds one; else required (a new row)
        item.extra["blank_required"] = kept
    if found:
        problems.extend(found)
        if any(p.severity == ERROR for p in found):
            item.status = INVALID
    return item


_MISSING = object()
_BLANK_LONGEST = max(len(b) for b in BLANKS)


def _maybe_blank(text: str) -> bool:
    """False for most text without stripping it: longer than every blank word and with no
    white space at its ends (strip and lower never make a text shorter otherwise)."""
    return len(text) <= _BLANK_LONGEST or text[0].isspace() or text[-1].isspace()


_RELEASED: list[Any] = []


def _required_absent(layout: SheetLayout) -> list[str]:
    """Required fields that have no column at all (each row then lacks them)."""
    from crm.ledger.fields import FIELDS

    present = layout.by_field
    return [f.name for f in FIELDS[layout.kind or ""] if f.required and f.name not in present]

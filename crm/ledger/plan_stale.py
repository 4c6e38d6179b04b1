"""An older export must not silently undo newer changes (user test 3, finding 2).

A file this program exported carries when it was taken (crm.ledger.export_stamp). For each
row matched to a record on file, a field the import would change whose value on record was
changed after the export is looked at in the change log:
- the file holds the value the record had at export time (the clerk left the cell alone): the
  newer value on record is kept, and the preview says so, cell by cell;
- the file holds a third value (edited in the file and on record since): a conflict — the
  value on record is kept and the preview names both, unless the user chose to overwrite.
Decided once, while planning: apply writes the plan's `changes`, so the preview is a promise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, select

from crm.audit import encode
from crm.ledger.context import PlanContext
from crm.ledger.export_stamp import ExportStamp
from crm.ledger.fields import Sheet
from crm.ledger.parse import UNCHANGED, UPDATED, Item
from crm.ledger.plan_changes import describe_field, writes_apart
from crm.ledger.plan_stale_rows import keep_newer_rows
from crm.ledger.plan_stale_rows import local_time as _local
from crm.ledger.problems import INFO, WARNING, problem
from crm.models import ChangeLog
from crm.sqlin import chunks

#: The kinds whose rows apply writes as `item.changes` on one record, and that record's table.
TABLES = {Sheet.PROJECTS: "project", Sheet.COMPANIES: "company", Sheet.CONTACTS: "contact",
          Sheet.ACTIVITIES: "activity", Sheet.PROBLEMS: "problem", Sheet.TEAMS: "team"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Newer:
    """A field changed on record after the export: its value then, who changed it, when."""

    at_export: str | None  # encoded (crm.audit.encode), as the change log keeps values
    by: str
    at: datetime


@dataclass
class StaleCounts:
    kept: int = 0  # cells the file left alone whose newer value on record is kept
    conflicts: int = 0  # cells changed on both sides since the export, value on record kept
    overwritten: int = 0  # cells changed on record since, written over (the user chose so)
    rows_kept: int = 0  # whole rows (plan_stale_rows) not written: their record changed since
    rows_overwritten: int = 0  # such rows written over newer changes (the user chose so)


def keep_newer(
    ctx: PlanContext, items: dict[str, list[Item]], stamp: ExportStamp | None
) -> StaleCounts:
    counts = StaleCounts()
    if stamp is None or ctx.options.ignore_unknown_ids:
        # Not our export, or one from another database (its stamp says nothing of this
        # one's records): the file's values are written, as always.
        return counts
    after = stamp.newer_changes(ctx.session.info.get("site_id", ""))
    for kind, table in TABLES.items():
        updated = [
            i for i in items.get(kind, []) if i.status == UPDATED and i.target_id and i.changes
        ]
        if not updated:
            continue
        newer = _newer(ctx.session, table, [i.target_id for i in updated], after)
        for item in updated:
            _decide(ctx, item, newer, counts)
    counts.rows_kept, counts.rows_overwritten = keep_newer_rows(ctx, items, after)
    return counts


def _newer(
    session: Any, table: str, ids: list[str], after: ColumnElement[bool]
) -> dict[tuple[str, str], Newer]:
    """(record id, field) → the first value after the export, and the latest change's author."""
    found: dict[tuple[str, str], Newer] = {}
    for chunk in chunks(session.connection(), sorted(set(ids))):
        query = (
            select(
                ChangeLog.record_id,
                ChangeLog.field,
                ChangeLog.old_value,
                ChangeLog.changed_by,
                ChangeLog.changed_at,
            )
            .where(ChangeLog.table_name == table, ChangeLog.record_id.in_(chunk))
            .where(ChangeLog.op == "update", after)
            .order_by(ChangeLog.seq, ChangeLog.hlc)
        )
        for record_id, name, old, by, at in session.execute(query):
            first = found.get((record_id, name))
            at_export = first.at_export if first else old
            found[(record_id, name)] = Newer(at_export, by or "", at)
    return found


def _decide(ctx: PlanContext, item: Item, newer: dict[tuple[str, str], Newer], counts: Any) -> None:
    overwrite = ctx.options.overwrite_newer
    for name in list(item.changes):
        change = newer.get((item.target_id or "", name))
        if change is None:
            continue
        value = item.changes[name]
        said = describe_field(ctx.refs, item.kind, name, item.before.get(name), value)
        when = f"{change.by}，{_local(change.at)}" if change.by else _local(change.at)
        when_en = f"{change.by}, {_local(change.at)}" if change.by else _local(change.at)
        now = (
            f"导出后已在数据库中改为 {said.old_text}（{when}）",
            f"changed on record to {said.old_en} after the export ({when_en})",
        )
        untouched = _plain(value) and encode(value) == change.at_export
        if overwrite:
            counts.overwritten += 1
            detail = (
                f"{now[0]}，按选择以文件中的值 {said.new_text} 覆盖",
                f"{now[1]}; overwritten with the file's {said.new_en}, as chosen",
            )
            code, severity = "newer_overwritten", WARNING
        elif untouched:
            counts.kept += 1
            detail = (
                f"{now[0]}，文件中的旧值 {said.new_text} 未写入",
                f"{now[1]}; the file's old value {said.new_en} is not written",
            )
            code, severity = "newer_kept", INFO
        else:
            counts.conflicts += 1
            detail = (
                f"{now[0]}，文件中又改为 {said.new_text}：两边都改过，保留数据库中的值；"
                "确要写入文件中的值，请选择“覆盖导出后的新改动”（--overwrite-newer）重新导入",
                f"{now[1]}, and to {said.new_en} in the file: changed on both sides, the value "
                "on record is kept; to write the file's value, import again choosing to "
                "overwrite newer changes (--overwrite-newer)",
            )
            code, severity = "newer_conflict", WARNING
        ctx.problems.append(
            problem(item.sheet, item.row, item.where(name), "", code, detail, severity=severity)
        )
        if not overwrite:
            del item.changes[name]
    if not item.changes and not writes_apart(item, ctx.refs):
        item.status = UNCHANGED


def _plain(value: Any) -> bool:
    """A value the change log can hold as it is (not a company or a place still to create)."""
    return value is None or isinstance(value, str | int | float | bool | Decimal | date)


def stale_text(counts: StaleCounts, language: str = "zh") -> str:
    """The preview's count of cells an older export does not write (empty: none)."""
    parts = []
    if language.startswith("en"):
        for n, text in ((counts.kept, "kept as updated on record since the export"),
                        (counts.conflicts, "changed on both sides since the export, kept"),
                        (counts.overwritten, "changed on record since, overwritten")):  # fmt: skip
            if n:
                parts.append(f"{n} cell{'s' if n > 1 else ''} {text}")
        rows = ((counts.rows_kept, "not written: changed on record since"),
                (counts.rows_overwritten, "changed on record since, overwritten"))  # fmt: skip
        for n, text in rows:
            if n:
                parts.append(f"{n} row{'s' if n > 1 else ''} {text}")
        return "; ".join(parts)
    for n, text in ((counts.kept, "导出后已更新而保留 {n} 处"),
                    (counts.conflicts, "导出后两边都改过、保留数据库的值 {n} 处"),
                    (counts.overwritten, "导出后已更新、按选择覆盖 {n} 处"),
                    (counts.rows_kept, "导出后已修改而未写入 {n} 行"),
                    (counts.rows_overwritten, "导出后已修改、按选择覆盖 {n} 行")):  # fmt: skip
        if n:
            parts.append(text.format(n=n))
    return "，".join(parts)

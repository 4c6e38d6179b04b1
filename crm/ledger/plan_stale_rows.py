"""An older export must not silently undo newer changes on the sheets written row by row
(user test 4, finding 1).

plan_stale keeps newer values cell by cell on the kinds whose rows write `item.changes` on one
record. The other sheets (清单项目, 单位年度目标, 完成投资, 项目调度 profiles, 增资, 企业诉求)
write a whole row through their service: a row the import would update whose record was changed on
record after the export is not written at all — planned unchanged, said once per row — unless
the user chose to overwrite newer changes. Decided while planning: the preview is a promise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, select

from crm.ledger.context import PlanContext
from crm.ledger.fields import Sheet
from crm.ledger.fields_dispatch_data import COMPLETIONS, LISTS, PROFILES, TARGETS
from crm.ledger.fields_key import KEYLIST
from crm.ledger.parse import UNCHANGED, UPDATED, Item
from crm.ledger.plan_changes import writes_apart
from crm.ledger.problems import INFO, WARNING, problem
from crm.models import ChangeLog, TeamTarget
from crm.sqlin import chunks

#: The kinds written a whole row at a time, and the table their records log changes under.
ROW_TABLES = {LISTS: "project_list_entry", TARGETS: "target", COMPLETIONS: "completion_entry",
              PROFILES: "dispatch_profile", Sheet.INCREASES: "investment_increase",
              Sheet.REQUESTS: "enterprise_request"}  # fmt: skip


TEAM_TARGETS = ("本行的年度目标", "this row's yearly targets")


@dataclass(frozen=True, slots=True)
class LastChange:
    by: str
    at: datetime


def keep_newer_rows(
    ctx: PlanContext, items: dict[str, list[Item]], after: ColumnElement[bool]
) -> tuple[int, int]:
    """(rows not written, rows written over newer changes as chosen)."""
    kept = overwritten = 0
    for kind, table in ROW_TABLES.items():
        updated = [i for i in items.get(kind, []) if i.status == UPDATED and i.target_id]
        if not updated:
            continue
        ids = [i.target_id or "" for i in updated]
        changed = _changed_since(ctx.session, table, ids, after)
        for item in updated:
            last = changed.get(item.target_id or "")
            if last is None:
                continue
            if ctx.options.overwrite_newer:
                overwritten += 1
                _say(ctx, item, last, overwrite=True)
            else:
                kept += 1
                _say(ctx, item, last, overwrite=False)
                item.status, item.changes = UNCHANGED, {}
    k, o = _keep_team_targets(ctx, items.get(Sheet.TEAMS, []), after)
    k2, o2 = _keep_keylist(ctx, items.get(KEYLIST, []), after)
    return kept + k + k2, overwritten + o + o2


def _keep_keylist(
    ctx: PlanContext, items: list[Item], after: ColumnElement[bool]
) -> tuple[int, int]:
    """重点企业名单: a row writes a membership (company_tag) and an assignment of its commissioner
    and leader (enterprise_liaison, a new record from a day on): a part whose record on file
    was changed, or made, after the export is held back."""
    rows = [i for i in items if i.status == UPDATED]
    tags = [i.extra["tag_id"] for i in rows if i.extra.get("membership") and "tag_id" in i.extra]
    liaisons = [
        (i.extra.get("liaison_before") or {}).get("id") or ""
        for i in rows
        if i.extra.get("liaison")
    ]
    changed = _changed_since(ctx.session, "company_tag", tags, after)
    made = _changed_since(ctx.session, "enterprise_liaison", liaisons, after,
                          ops=("insert", "update", "restore"))  # fmt: skip
    kept = overwritten = 0
    for item in rows:
        tag = changed.get(item.extra.get("tag_id") or "") if item.extra.get("membership") else None
        liaison = made.get(_liaison_id(item)) if item.extra.get("liaison") else None
        lasts = [last for last in (tag, liaison) if last is not None]
        if not lasts:
            continue
        last = max(lasts, key=lambda c: c.at)
        _say(ctx, item, last, overwrite=ctx.options.overwrite_newer)
        if ctx.options.overwrite_newer:
            overwritten += 1
            continue
        kept += 1
        if tag is not None:
            item.extra.pop("membership", None)
        if liaison is not None:
            item.extra.pop("liaison", None)
        if not item.extra.get("membership") and not item.extra.get("liaison"):
            item.status = UNCHANGED
    return kept, overwritten


def _keep_team_targets(
    ctx: PlanContext, items: list[Item], after: ColumnElement[bool]
) -> tuple[int, int]:
    """驻点工作队: a team row's yearly targets are one team_target record beside the team's own
    fields (which plan_stale keeps cell by cell): that part of the row is held back alone."""
    rows = [i for i in items if i.status == UPDATED and i.target_id and i.extra.get("target")]
    if not rows:
        return 0, 0
    record_of: dict[tuple[str, int], str] = {}
    for chunk in chunks(ctx.session.connection(), sorted({i.target_id or "" for i in rows})):
        query = select(TeamTarget.id, TeamTarget.team_id, TeamTarget.year).where(
            TeamTarget.team_id.in_(chunk)
        )
        for target_id, team_id, year in ctx.session.execute(query):
            record_of[(team_id, year)] = target_id
    changed = _changed_since(ctx.session, "team_target", list(record_of.values()), after)
    kept = overwritten = 0
    for item in rows:
        record = record_of.get((item.target_id or "", item.extra["target"]["year"]))
        last = changed.get(record or "")
        if last is None:
            continue
        _say(ctx, item, last, overwrite=ctx.options.overwrite_newer, what=TEAM_TARGETS)
        if ctx.options.overwrite_newer:
            overwritten += 1
            continue
        kept += 1
        item.extra["target"] = None
        if not item.changes and not writes_apart(item, ctx.refs):
            item.status = UNCHANGED
    return kept, overwritten


def _liaison_id(item: Item) -> str:
    """The assignment on record the row's commissioner and leader would replace ("": none)."""
    return (item.extra.get("liaison_before") or {}).get("id") or ""


def _changed_since(
    session: Any,
    table: str,
    ids: list[str],
    after: ColumnElement[bool],
    ops: tuple[str, ...] = ("update", "restore"),
) -> dict[str, LastChange]:
    """Record id → its latest change on record after the export (`after`:
    ExportStamp.newer_changes)."""
    found: dict[str, LastChange] = {}
    for chunk in chunks(session.connection(), sorted(set(ids) - {""})):
        query = (
            select(ChangeLog.record_id, ChangeLog.changed_by, ChangeLog.changed_at)
            .where(ChangeLog.table_name == table, ChangeLog.record_id.in_(chunk))
            .where(ChangeLog.op.in_(ops), after)
            .order_by(ChangeLog.seq, ChangeLog.hlc)
        )
        for record_id, by, at in session.execute(query):
            found[record_id] = LastChange(by or "", at)
    return found


def _say(
    ctx: PlanContext,
    item: Item,
    last: LastChange,
    *,
    overwrite: bool,
    what: tuple[str, str] = ("本行", "this row"),
) -> None:
    when = f"{last.by}，{local_time(last.at)}" if last.by else local_time(last.at)
    when_en = f"{last.by}, {local_time(last.at)}" if last.by else local_time(last.at)
    if overwrite:
        detail = (
            f"导出后此记录已在数据库中修改（{when}），按选择以文件中的{what[0]}覆盖",
            f"this record was changed on record after the export ({when_en}); "
            f"overwritten with the file's {what[1].removeprefix('this ')}, as chosen",
        )
        code, severity = "newer_overwritten", WARNING
    else:
        detail = (
            f"导出后此记录已在数据库中修改（{when}），{what[0]}未写入；"
            "如需以文件为准请用 --overwrite-newer",
            f"this record was changed on record after the export ({when_en}); {what[1]} is "
            "not written; to write the file's values, import again with --overwrite-newer",
        )
        code, severity = "newer_row_kept", INFO
    ctx.problems.append(problem(item.sheet, item.row, "", "", code, detail, severity=severity))


def local_time(at: datetime) -> str:
    """A change's time (stored in UTC) as the clerk's clock reads it, to the minute."""
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")

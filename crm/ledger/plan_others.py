"""Funds in place, activities and problems: find what they refer to, check them as the
services would, and tell new rows from rows already in the database (teams: plan_teams)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy import select

from crm.codes import Stage
from crm.errors import ValidationError
from crm.ledger.context import PlanContext, ProjectRef, report_repeats
from crm.ledger.fields import RECORD_ID
from crm.ledger.headers import fold
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_teams import team_ref
from crm.models import Activity, FundsEntry, Problem
from crm.money import wan_text
from crm.stages import StageState, apply_step, plan_move


def project_id_of(ref: ProjectRef | None) -> str | None:
    if ref is None:
        return None
    return ref if isinstance(ref, str) else ref.target_id


# --- funds --------------------------------------------------------------------------------------


def index_funds(ctx: PlanContext, items: list[Item]) -> None:
    ctx.has_funds_sheet = True
    for item in items:
        if item.status == INVALID:
            _note_invalid_funds(ctx, item)
            continue
        v = item.values
        ref = _project_ref(ctx, item)
        if ref is None:
            continue
        if v["amount"] == 0:
            ctx.report(item, "amount", v["amount"], "bad_amount")
        if v.get("fixed_asset_amount") is not None and v["fixed_asset_amount"] > v["amount"]:
            ctx.report(item, "fixed_asset_amount", v["fixed_asset_amount"], "bad_amount")
        if v["received_on"] > ctx.today:
            ctx.report(item, "received_on", v["received_on"], "future_date")
        if item.status == INVALID:
            ctx.invalid_funds[ref].append(item)
            continue
        item.extra["project"] = ref
        ctx.funds_by_project[ref].append(item)


def _note_invalid_funds(ctx: PlanContext, item: Item) -> None:
    """An invalid funds row still names its project: a funded date that should have come
    from it is then explained by it."""
    v = item.values
    if v.get("project_code") or v.get("project") or v.get("project_id"):
        ref, _reason, _ids = ctx.resolve_project(
            v.get("project_code"), v.get("project"), v.get("company"), v.get("project_id")
        )
        if ref is not None:
            ctx.invalid_funds[ref].append(item)


def _project_ref(ctx: PlanContext, item: Item) -> ProjectRef | None:
    v = item.values
    if not v.get("project_code") and not v.get("project") and not v.get("project_id"):
        ctx.report(item, "project", "", "missing_required", "项目编号或项目名称")
        return None
    ref, reason, candidates = ctx.resolve_project(
        v.get("project_code"),
        v.get("project"),
        v.get("company"),
        v.get("project_id"),
        ctx.options.project_choice(item.sheet, item.row),
    )
    if ref is None:
        field_name = "project" if "project" in v else "project_code"
        if reason == "ambiguous_match":
            ctx.ask_choice(item, field_name, candidates, ambiguous=True)
            return None
        if reason in ("record_deleted", "unknown_record_id"):
            field_name = "project_id"
        ctx.report(
            item,
            field_name,
            v.get(field_name, ""),
            reason,
            v.get("project") or v.get("project_code") or v.get("project_id"),
        )
        return None
    return None if _on_invalid_row(ctx, item, ref) else ref


def _on_invalid_row(ctx: PlanContext, item: Item, ref: ProjectRef) -> bool:
    """A row whose project is a row of the file that is itself invalid: reported, naming it."""
    if not (isinstance(ref, Item) and ref.status == INVALID):
        return False
    ctx.report(
        item,
        "project",
        item.values.get("project", ""),
        "unknown_project",
        f"{ref.sheet} 第{ref.row}行无效 / row {ref.row} of {ref.sheet} is invalid",
    )
    return True


def first_funds_date(
    ctx: PlanContext, ref: ProjectRef, existing: dict[str, list[tuple[date, Decimal]]]
) -> date | None:
    days = [i.values["received_on"] for i in ctx.funds_by_project.get(ref, [])]
    pid = project_id_of(ref)
    if pid:
        days += [day for day, _amount in existing.get(pid, [])]
    return min(days) if days else None


def classify_funds(
    ctx: PlanContext, items: list[Item], existing: dict[str, list[tuple[date, Decimal]]]
) -> None:
    """The same (project, date, amount) already recorded is unchanged; the rest is new."""
    remaining: dict[str, Counter[tuple[date, Decimal]]] = {
        pid: Counter(entries) for pid, entries in existing.items()
    }
    by_id = _funds_by_id(ctx, [i.values[RECORD_ID] for i in items if i.values.get(RECORD_ID)])
    for item in items:
        if item.status == INVALID:
            continue
        if item.values.get(RECORD_ID) and _funds_by_record_id(ctx, item, by_id, remaining):
            continue
        ref = item.extra["project"]
        if _on_invalid_row(ctx, item, ref):
            continue
        pid = project_id_of(ref)
        key = (item.values["received_on"], item.values["amount"])
        if pid and remaining.get(pid, Counter())[key] > 0:
            remaining[pid][key] -= 1
            item.status, item.target_id = UNCHANGED, pid
        else:
            item.status = NEW


def _funds_by_record_id(
    ctx: PlanContext,
    item: Item,
    by_id: dict[str, Any],
    remaining: dict[str, Counter[tuple[date, Decimal]]],
) -> bool:
    """A funds row with its 系统编号: the entry on record (funds are corrected in the project's
    details, never by an import). False: match it as a row without one."""
    record_id = item.values[RECORD_ID]
    record = by_id.get(record_id)
    if record is None and ctx.options.ignore_unknown_ids:
        return False
    if record is None:
        ctx.report(item, RECORD_ID, record_id, "unknown_record_id")
        return True
    if record.deleted_at is not None:
        ctx.report(item, RECORD_ID, record_id, "record_deleted", f"{record.received_on}")
        return True
    key = (record.received_on, record.amount)
    if remaining.get(record.project_id, Counter())[key] > 0:
        remaining[record.project_id][key] -= 1
    if key != (item.values["received_on"], item.values["amount"]):
        ctx.report(
            item,
            "amount",
            item.values["amount"],
            "funds_differs",
            f"{record.received_on} {wan_text(record.amount)}",
            severity="warning",
        )
    item.status, item.target_id = UNCHANGED, record.project_id
    return True


def _funds_by_id(ctx: PlanContext, ids: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    cols = (FundsEntry.id, FundsEntry.project_id, FundsEntry.received_on, FundsEntry.amount,
            FundsEntry.deleted_at)  # fmt: skip
    for start in range(0, len(ids), 500):
        query = select(*cols).where(FundsEntry.id.in_(ids[start : start + 500]))
        found.update({row.id: row for row in ctx.session.execute(query)})
    return found


def plan_auto_funded(ctx: PlanContext, items: list[Item], states: dict[str, StageState]) -> None:
    """record_funds moves a signed project to funded at its first new entry: run the same
    rule here, in the order the entries are written, so a refusal shows in the preview."""
    by_project: dict[int, tuple[ProjectRef, list[Item]]] = {}
    for item in items:
        if item.status == NEW:
            ref = item.extra["project"]
            by_project.setdefault(id(ref), (ref, []))[1].append(item)
    for ref, entries in by_project.values():
        state = _final_state(ref, states)
        for item in sorted(entries, key=lambda i: i.values["received_on"]):
            if state.stage is not Stage.SIGNED:
                break
            try:
                steps = plan_move(state, Stage.FUNDED, item.values["received_on"], today=ctx.today)
            except ValidationError as exc:
                ctx.problems.append(_stage_problem(item, exc))
                item.status = INVALID
                continue
            for step in steps:
                apply_step(state, step)
            if isinstance(ref, Item):
                ref.extra["funds_steps"] = steps
            item.extra["funds_move_on"] = item.values["received_on"]  # for the preview
            break


def _final_state(ref: ProjectRef, states: dict[str, StageState]) -> StageState:
    """Where the project stands once its own row is written (its planned steps applied)."""
    pid = project_id_of(ref)
    known = states.get(pid or "")
    if known is not None:
        state = StageState(
            known.stage, dict(known.dates), known.dropped_on, known.drop_reason,
            known.agreement_type,
        )  # fmt: skip
    else:
        lead_on = ref.values.get("lead_on") if isinstance(ref, Item) else None
        state = StageState(Stage.LEAD, {Stage.LEAD: lead_on})
    if isinstance(ref, Item):
        for step in ref.extra.get("steps", ()):
            apply_step(state, step)
    return state


def _stage_problem(item: Item, exc: ValidationError) -> Any:
    from crm.ledger.problems import Problem as LedgerProblem
    from crm.ledger.problems import shorten

    return LedgerProblem(
        item.sheet,
        item.row,
        item.where("received_on"),
        shorten(item.values["received_on"]),
        "stage_rule",
        f"登记后项目将进入“资金到位”阶段，但{exc.message_zh}",
        f"Recording it moves the project to 'funded', but {exc.message_en}",
    )


def load_funds(ctx: PlanContext, ids: list[str]) -> dict[str, list[tuple[date, Decimal]]]:
    found: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        query = select(FundsEntry.project_id, FundsEntry.received_on, FundsEntry.amount).where(
            FundsEntry.project_id.in_(ids[start : start + 500]), FundsEntry.deleted_at.is_(None)
        )
        for pid, day, amount in ctx.session.execute(query):
            found[pid].append((day, amount))
    return found


# --- activities ---------------------------------------------------------------------------------


def _rows_to_plan(
    ctx: PlanContext, items: list[Item], model: Any, by_id: dict[str, Any]
) -> Iterator[tuple[Item, str | None]]:
    """The valid rows with the live record their 系统编号 names (None: matched otherwise);
    repeated ids and ids of no live record are reported and skipped."""
    report_repeats(ctx, items, RECORD_ID, "duplicate_record_id")
    yield from ctx.rows_to_plan(items, model, by_id)


def _by_id(existing: dict[tuple[Any, ...], list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for records in existing.values() for r in records}


def plan_activities(ctx: PlanContext, items: list[Item]) -> None:
    if not items:
        return  # no activities sheet: a big ledger's activities need not be read
    existing = _load_activities(ctx)
    by_id = _by_id(existing)
    for item, record_id in _rows_to_plan(ctx, items, Activity, by_id):
        v = item.values
        project = _project_ref(ctx, item) if (v.get("project") or v.get("project_code")) else None
        company = None
        if v.get("company"):
            company = ctx.companies.find(v["company"], None)
            if company is None:
                ctx.report(item, "company", v["company"], "unknown_company", v["company"])
        team = team_ref(ctx, item, "team")
        if not (project or company or team) and item.status != INVALID:
            ctx.report(item, "project", "", "missing_required", "项目、企业或工作队")
        due = v.get("next_step_due")
        if due and due < v["occurred_on"]:
            ctx.report(
                item,
                "next_step_due",
                due,
                "stage_rule",
                "下一步期限早于记录日期 / due before the activity",
            )
        if due and not v.get("next_step"):
            ctx.report(item, "next_step", "", "missing_required", "下一步")
        if item.status == INVALID:
            continue
        item.extra.update(project=project, company=company, team=team)
        owner = project_id_of(project) or (company.existing_id if company else None)
        key = (owner, v["occurred_on"], v["kind"], fold(v.get("summary", ""))[:200])
        record = _matched(existing, by_id, record_id, key, partial(_activity_changes, v))
        if record is None:
            item.status = NEW
            continue
        changes = _activity_changes(v, record, keyed=bool(record_id))
        item.target_id = record["id"]
        item.status, item.changes = (UPDATED, changes) if changes else (UNCHANGED, {})
        item.keep_before(record)


def _matched(
    existing: dict[tuple[Any, ...], list[dict[str, Any]]],
    by_id: dict[str, dict[str, Any]],
    record_id: str | None,
    key: tuple[Any, ...],
    changes: Callable[[dict[str, Any]], dict[str, Any]],
) -> dict[str, Any] | None:
    """The record a row stands for: the one its 系统编号 names, else one with its key when the
    key's owner (key[0]) is known. None: the row is a new record."""
    if record_id:
        return _take_id(existing, by_id[record_id])
    return _take(existing.get(key) if key[0] else None, changes)


def _take_id(
    existing: dict[tuple[Any, ...], list[dict[str, Any]]], record: dict[str, Any]
) -> dict[str, Any]:
    """The record a row names by its 系统编号, taken out of the pool the others match from."""
    for records in existing.values():
        if record in records:
            records.remove(record)
            break
    return record


def _take(
    records: list[dict[str, Any]] | None, changes: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, Any] | None:
    """The record a row stands for, among several with the same key: an identical one first."""
    if not records:
        return None
    chosen = next((r for r in records if not changes(r)), records[0])
    records.remove(chosen)
    return chosen


def _activity_changes(
    v: dict[str, Any], record: dict[str, Any], *, keyed: bool = False
) -> dict[str, Any]:
    """Fields a row changes. Matched by its 系统编号 (`keyed`), its date, kind and summary may
    change too; matched by those, they are the same by definition."""
    summary, when_what = (("summary",), ("occurred_on", "kind")) if keyed else ((), ())
    return _changed(v, record, ("participants", "next_step", *summary, "next_step_due", *when_what))


def _problem_changes(
    v: dict[str, Any], record: dict[str, Any], *, keyed: bool = False
) -> dict[str, Any]:
    names = ("responsible_unit", "raised_on", "due_on", *(("category", "description") * keyed))
    changes = _changed(v, record, names)
    if "status" in v and v["status"] != record["status"]:
        changes["__status__"] = v["status"]
    return changes


def _changed(v: dict[str, Any], record: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The fields among `names` to which the row gives a value other than the record's."""
    return {name: v[name] for name in names if name in v and v[name] != record[name]}


def _load_keyed(
    ctx: PlanContext,
    model: Any,
    names: tuple[str, ...],
    key: Callable[[dict[str, Any]], tuple[Any, ...]],
) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """The live records of a table (the columns named), grouped by the key rows match on."""
    found: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for record in ctx.live_rows(model, *(getattr(model, name) for name in names)):
        found[key(record)].append(record)
    return found


def _load_activities(ctx: PlanContext) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    names = ("id", "project_id", "company_id", "team_id", "occurred_on", "kind", "summary",
             "participants", "next_step", "next_step_due")  # fmt: skip
    return _load_keyed(ctx, Activity, names, _activity_key)


def _activity_key(r: dict[str, Any]) -> tuple[Any, ...]:
    owner = r["project_id"] or r["company_id"]
    return (owner, r["occurred_on"], r["kind"], fold(r["summary"])[:200])


# --- problems -----------------------------------------------------------------------------------


def plan_problems(ctx: PlanContext, items: list[Item]) -> None:
    if not items:
        return
    existing = _load_problems(ctx)
    by_id = _by_id(existing)
    for item, record_id in _rows_to_plan(ctx, items, Problem, by_id):
        v = item.values
        project = _project_ref(ctx, item)
        if v["raised_on"] > ctx.today:
            ctx.report(item, "raised_on", v["raised_on"], "future_date")
        if v.get("due_on") and v["due_on"] < v["raised_on"]:
            ctx.report(
                item,
                "due_on",
                v["due_on"],
                "stage_rule",
                "办结期限早于提出日期 / due before raised",
            )
        if v.get("status") == "resolved":
            _check_resolved(ctx, item)
        if item.status == INVALID or project is None:
            item.status = INVALID
            continue
        item.extra["project"] = project
        pid = project_id_of(project)
        key = (pid, v["category"], fold(v["description"]))
        record = _matched(existing, by_id, record_id, key, partial(_problem_changes, v))
        if record is None:
            item.status = NEW
            continue
        changes = _problem_changes(v, record, keyed=bool(record_id))
        changes.pop("__status__", None)
        status_change = "status" in v and v["status"] != record["status"]
        if v.get("status") == "resolved" and record["status"] == "resolved":
            status_change = False
        if record["status"] == "resolved" and v.get("status", "resolved") == "resolved":
            _note_resolution_kept(ctx, item, record)
        item.target_id = record["id"]
        item.extra["from_status"] = record["status"]
        item.extra["status_change"] = status_change
        item.status, item.changes = (
            (UPDATED, changes) if changes or status_change else (UNCHANGED, {})
        )
        item.keep_before(record)


def _note_resolution_kept(ctx: PlanContext, item: Item, record: dict[str, Any]) -> None:
    """A resolved problem's 办理结果 and 销号日期 are written only when it is resolved; the
    problem service has no way to correct them after. A cell that differs from the record is
    said to be left as it is, cell by cell, not dropped unsaid (user test 4, finding 4)."""
    for name, label in (("resolution", ("办理结果", "resolution")),
                        ("resolved_on", ("销号日期", "resolution date"))):  # fmt: skip
        value = item.values.get(name)
        if value not in (None, "") and value != record[name]:
            ctx.report(item, name, value, "resolved_kept", label, severity="warning")


def _check_resolved(ctx: PlanContext, item: Item) -> None:
    v = item.values
    if not v.get("resolution"):
        ctx.report(item, "resolution", "", "missing_required", "办理结果")
    if not v.get("resolved_on"):
        ctx.report(item, "resolved_on", "", "missing_required", "销号日期")
    elif v["resolved_on"] < v["raised_on"]:
        ctx.report(
            item,
            "resolved_on",
            v["resolved_on"],
            "stage_rule",
            "销号日期早于提出日期 / resolved before raised",
        )
    elif v["resolved_on"] > ctx.today:
        ctx.report(item, "resolved_on", v["resolved_on"], "future_date")


def _load_problems(ctx: PlanContext) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    names = ("id", "project_id", "category", "description", "responsible_unit", "raised_on",
             "due_on", "status", "resolution", "resolved_on")  # fmt: skip
    return _load_keyed(
        ctx, Problem, names, lambda r: (r["project_id"], r["category"], fold(r["description"]))
    )

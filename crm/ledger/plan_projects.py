"""Projects: match to the database, work out field changes and the stage moves a row implies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from crm.codes import PIPELINE, Stage
from crm.errors import ValidationError
from crm.ledger.context import PlanContext
from crm.ledger.fields import spec
from crm.ledger.parse import INVALID, NA, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_companies import add_project_company
from crm.ledger.refs import Missing
from crm.models import FundsEntry, Project
from crm.names import normalize_project_name
from crm.places import normalize_place
from crm.stages import StageState, apply_step, plan_move

PROJECT_COLUMNS = ("name", "code", "company_id", "industry_code", "chain_code",
                   "planned_investment", "foreign_investment", "source_region_code",
                   "source_country_code", "landing_region_code", "park_id", "responsible_unit",
                   "responsible_person", "team_id", "is_major", "expected_jobs",
                   "expected_annual_output", "expected_signing_on", "expected_start_on",
                   "expected_operation_on", "notes", "stage", "signed_on", "funded_on",
                   "started_on", "operating_on", "dropped_on", "drop_reason", "agreement_type",
                   "source_class", "stage_on")  # fmt: skip
_PLAIN = ("name", "code", "planned_investment", "foreign_investment", "responsible_unit",
          "responsible_person", "is_major", "expected_jobs", "expected_annual_output",
          "expected_signing_on", "expected_start_on", "expected_operation_on", "notes")  # fmt: skip
DATE_FIELDS = {Stage.LEAD: "lead_on", Stage.NEGOTIATING: "negotiating_on",
               Stage.SIGNED: "signed_on", Stage.FUNDED: "funded_on", Stage.STARTED: "started_on",
               Stage.OPERATING: "operating_on"}  # fmt: skip
#: Stage.order and Stage(value) as plain lookups: they run millions of times in a big import.
_ORDER = {st: st.order for st in Stage}
_STAGE = {st.value: st for st in Stage}


@dataclass(frozen=True, slots=True)
class Move:
    """One stage-service call: move_stage(to_stage, on, skipped, agreement_type, reason).
    Immutable (skipped as (stage, date) pairs) so that equal moves of many rows are kept once."""

    to_stage: str
    on: date | None
    skipped: tuple[tuple[str, date | None], ...] = ()
    agreement_type: str | None = None
    reason: str = ""


def index_projects(ctx: PlanContext, items: list[Item]) -> None:
    """Resolve investors, find duplicates in the file, match rows to existing projects."""
    codes: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.status != INVALID and item.values.get("code"):
            codes[item.values["code"]].append(item)
    for code, same in codes.items():
        if len(same) > 1:
            rows = ", ".join(str(i.row) for i in same)
            for item in same:
                ctx.report(item, "code", code, "duplicate_code", rows)
    has_company = any("company" in i.columns or "uscc" in i.columns for i in items[:1])
    seen: dict[tuple[int, str], Item] = {}
    for item in items:
        if item.status == INVALID:
            continue
        entry = add_project_company(ctx, item)
        if item.status == INVALID:
            continue
        item.extra["company"] = entry
        key = (id(entry) if entry else 0, normalize_project_name(item.values["name"]))
        if key in seen and not item.values.get("code"):
            ctx.report(item, "name", item.values["name"], "duplicate_row", seen[key].row)
            continue
        seen.setdefault(key, item)
        _match(ctx, item, has_company, key[1])
        _register(ctx, item, key)


def _match(ctx: PlanContext, item: Item, has_company: bool, name_key: str) -> None:
    keys = ctx.project_keys
    code = item.values.get("code")
    if code and code in keys.deleted_codes:
        ctx.report(item, "code", code, "code_taken", keys.deleted_codes[code])
        return
    pid = keys.by_code.get(code) if code else None
    if pid is None:
        entry = item.extra.get("company")
        if entry is not None and entry.existing_id:
            pid = keys.by_company_name.get((entry.existing_id, name_key))
        elif not has_company:
            found = keys.by_name.get(name_key, [])
            pid = found[0] if len(found) == 1 else None
        if pid is not None and code and keys.code_of.get(pid) not in (None, code):
            pid = None  # same name, another code: another project
    item.target_id = pid


def _register(ctx: PlanContext, item: Item, key: tuple[int, str]) -> None:
    files = ctx.file_projects
    if item.values.get("code"):
        files.by_code.setdefault(item.values["code"], item)
    files.by_company_name.setdefault(key, item)
    files.by_name[key[1]].append(item)


def load_existing(ctx: PlanContext, ids: list[str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    cols = [Project.id] + [getattr(Project, c) for c in PROJECT_COLUMNS]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in ctx.session.execute(select(*cols).where(Project.id.in_(chunk))):
            rows[row.id] = dict(row._mapping)
    return rows


def existing_funds_first(ctx: PlanContext, ids: list[str]) -> dict[str, list[tuple[date, Decimal]]]:
    found: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(FundsEntry.project_id, FundsEntry.received_on, FundsEntry.amount).where(
            FundsEntry.project_id.in_(chunk), FundsEntry.deleted_at.is_(None)
        )
        for pid, day, amount in ctx.session.execute(query):
            found[pid].append((day, amount))
    return found


def project_fields(ctx: PlanContext, item: Item) -> dict[str, Any]:
    """Service fields (create_project / update_project) of a row; refs may still be pending."""
    values = item.values
    fields: dict[str, Any] = {name: values[name] for name in _PLAIN if name in values}
    if "industry" in values:
        fields["industry_code"] = values["industry"]
    if "source" in values:
        fields["source_region_code"], fields["source_country_code"] = normalize_place(
            *values["source"]
        )
    if "landing_region" in values:
        region, _country = values["landing_region"]
        if region is None:
            ctx.report(item, "landing_region", "", "unknown_place")
        fields["landing_region_code"] = region
    for name, target in (("chain", "chain_code"), ("park", "park_id"), ("team", "team_id")):
        if name not in values:
            continue
        ref = values[name]
        if isinstance(ref, Missing) and not _pending_ok(ctx, ref):
            ctx.note_missing(item, name, ref)
            if not ctx.options.create_missing:
                ctx.report(
                    item, name, ref.name, "missing_ref", _ref_label(ref.kind), severity="warning"
                )
                continue
        fields[target] = ref
    foreign, planned = fields.get("foreign_investment"), fields.get("planned_investment")
    if foreign is not None and planned is not None and foreign > planned:
        ctx.report(item, "foreign_investment", foreign, "foreign_over_total")
    return fields


def _pending_ok(ctx: PlanContext, ref: Missing) -> bool:
    """A team or park named on the projects sheet that a sheet of the same file creates."""
    from crm.ledger.refs import key_of

    if ref.kind == "park":
        return key_of(ref.name) in ctx.file_parks
    return ref.kind == "team" and key_of(ref.name) in ctx.file_teams


def _ref_label(kind: str) -> str:
    return {"team": "工作队 / team", "park": "园区 / park", "chain": "产业链 / chain"}[kind]


def diff_project(
    existing: dict[str, Any], fields: dict[str, Any], company_id: Any
) -> dict[str, Any]:
    changes = {}
    for name, value in fields.items():
        if isinstance(value, Missing) or existing.get(name) != value:
            changes[name] = value
    if company_id is not None and (
        not isinstance(company_id, str) or existing.get("company_id") != company_id
    ):
        changes["company_id"] = company_id
    return changes


# --- stages -------------------------------------------------------------------------------------


def state_of(row: dict[str, Any]) -> StageState:
    """A project's stage state from its milestone columns (enough to check new moves)."""
    stage = Stage(row["stage"])
    reached = stage if stage is not Stage.DROPPED else _furthest_dated(row)
    dates: dict[Stage, date | None] = {}
    for st in PIPELINE[: _ORDER[reached] + 1]:
        column = DATE_FIELDS[st]
        dates[st] = row.get(column) if column in row else None
    return StageState(
        stage, dates, row.get("dropped_on"), row.get("drop_reason") or "", row.get("agreement_type")
    )


def _furthest_dated(row: dict[str, Any]) -> Stage:
    for st in reversed(PIPELINE):
        if row.get(DATE_FIELDS[st]):
            return st
    return Stage.LEAD


def plan_stages(
    ctx: PlanContext, item: Item, current: StageState | None, funds_first: date | None
) -> None:
    """item.extra["moves"] (service calls) and ["steps"] (history rows) for the row's stage."""
    values = item.values
    if not any(k in values for k in ("stage", *DATE_FIELDS.values(), "dropped_on", "drop_reason")):
        item.extra["moves"], item.extra["steps"] = [], []
        return
    target = _target(values)
    dropped = target is Stage.DROPPED
    reached = _reached(values) if dropped else target
    dates = _stage_dates(ctx, item, reached, funds_first)
    if dates is None:
        return
    state = current or StageState(Stage.LEAD, {Stage.LEAD: values.get("lead_on")})
    moves: list[Move] = []
    if state.stage in (Stage.OPERATING, Stage.DROPPED):
        if state.stage is not target:
            ctx.report(
                item,
                "stage",
                values.get("stage", ""),
                "stage_behind",
                target.zh,
                severity="warning",
            )
        item.extra["moves"], item.extra["steps"] = [], []
        return
    if _ORDER[reached] < _ORDER[state.stage]:
        ctx.report(
            item, "stage", values.get("stage", ""), "stage_behind", reached.zh, severity="warning"
        )
    else:
        moves += _forward_moves(state, reached, dates, values.get("agreement_type"))
    if current is not None:
        _compare_dates(ctx, item, current, dates)
    if dropped:
        moves.append(
            Move(
                Stage.DROPPED.value, values.get("dropped_on"), reason=values.get("drop_reason", "")
            )
        )
    _simulate(ctx, item, state, moves)


def _target(values: dict[str, Any]) -> Stage:
    if values.get("stage"):
        return Stage(values["stage"])
    if values.get("dropped_on") or values.get("drop_reason"):
        return Stage.DROPPED
    return _reached(values)


def _reached(values: dict[str, Any]) -> Stage:
    for st in reversed(PIPELINE):
        day = values.get(DATE_FIELDS[st])
        if isinstance(day, date):
            return st
    return Stage.LEAD


def _stage_dates(
    ctx: PlanContext, item: Item, reached: Stage, funds_first: date | None
) -> dict[Stage, date | None] | None:
    values = item.values
    dates: dict[Stage, date | None] = {}
    ok = True
    for st in PIPELINE[1:]:
        raw = values.get(DATE_FIELDS[st])
        if _ORDER[st] > _ORDER[reached]:
            if isinstance(raw, date):
                ctx.report(item, DATE_FIELDS[st], raw, "date_beyond_stage", st.zh)
                ok = False
            continue
        day = None if raw == NA else raw
        if st is Stage.FUNDED and raw is None:
            day = funds_first
        needed = st is reached or (raw is None and st in (Stage.SIGNED, Stage.STARTED))
        if day is None and needed:
            field_name = DATE_FIELDS[st] if DATE_FIELDS[st] in item.columns else "stage"
            ctx.report(item, field_name, values.get("stage", ""), "stage_date_missing", st.zh)
            ok = False
        dates[st] = day
    if values.get("stage") == Stage.DROPPED.value or "dropped_on" in values:
        if not values.get("dropped_on"):
            ctx.report(item, "dropped_on", "", "stage_date_missing", Stage.DROPPED.zh)
            ok = False
        if not values.get("drop_reason"):
            ctx.report(item, "drop_reason", "", "drop_reason_missing")
            ok = False
    return dates if ok else None


def _forward_moves(
    state: StageState, reached: Stage, dates: dict[Stage, date | None], agreement_type: str | None
) -> list[Move]:
    """One advance per dated milestone, as a person keeping the ledger would have moved it."""
    moves, at = [], state.stage
    for st in PIPELINE[_ORDER[state.stage] + 1 : _ORDER[reached] + 1]:
        if dates.get(st) is None and st is not reached:
            continue
        skipped = tuple(
            (between.value, dates.get(between)) for between in PIPELINE[_ORDER[at] + 1 : _ORDER[st]]
        )
        moves.append(
            Move(st.value, dates.get(st), skipped, agreement_type if st is Stage.SIGNED else None)
        )
        at = st
    return moves


def _compare_dates(
    ctx: PlanContext, item: Item, current: StageState, dates: dict[Stage, date | None]
) -> None:
    for st, day in dates.items():
        known = current.dates.get(st)
        if st in current.dates and day is not None and known is not None and day != known:
            ctx.report(item, DATE_FIELDS[st], day, "date_differs", known, severity="warning")


def _simulate(ctx: PlanContext, item: Item, state: StageState, moves: list[Move]) -> None:
    """Run the same rule checks the stage service runs, so problems show in the preview."""
    steps = []
    trial = StageState(
        state.stage, dict(state.dates), state.dropped_on, state.drop_reason, state.agreement_type
    )
    for move in moves:
        try:
            planned = plan_move(
                trial,
                _STAGE[move.to_stage],
                move.on,
                today=ctx.today,
                skipped={_STAGE[k]: v for k, v in move.skipped},
                agreement_type=move.agreement_type,
                reason=move.reason,
            )
        except ValidationError as exc:
            column = DATE_FIELDS.get(Stage(move.to_stage), "dropped_on")
            if exc.field.startswith("skipped."):
                column = DATE_FIELDS.get(Stage(exc.field.split(".", 1)[1]), column)
            label = item.columns.get(column) or spec("projects", "stage").label
            ctx.problems.append(_rule_problem(item, label, exc))
            item.status = INVALID
            return
        for step in planned:
            apply_step(trial, step)
        steps.extend(ctx.share(step) for step in planned)
    # The final state is not kept: for a new project (the only kind the bulk path writes) it
    # is the replay of these steps from lead, which costs less than 100k stored states.
    item.extra["moves"] = [ctx.share(move) for move in moves]
    item.extra["steps"] = steps


def _rule_problem(item: Item, column: str, exc: ValidationError) -> Any:
    from crm.ledger.problems import Problem, shorten

    return Problem(
        item.sheet,
        item.row,
        column,
        shorten(exc.value),
        "stage_rule",
        exc.message_zh,
        exc.message_en,
    )


def classify_project(item: Item, changes: dict[str, Any]) -> None:
    if item.status == INVALID:
        return
    if item.target_id is None:
        item.status = NEW
    elif changes or item.extra.get("moves") or item.extra.get("new_tags_via_company"):
        item.status, item.changes = UPDATED, changes
    else:
        item.status = UNCHANGED

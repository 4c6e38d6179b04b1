"""Projects: match to the database, work out field changes and the stage moves a row implies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from crm.codes import PIPELINE, Stage
from crm.derived import event_step
from crm.duplicates import similar_projects
from crm.errors import ValidationError
from crm.ledger.context import NEW_PROJECT, PlanContext, report_repeats
from crm.ledger.date_wanted import date_wanted
from crm.ledger.fields import RECORD_ID, spec
from crm.ledger.parse import INVALID, NA, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_blanks import PLAIN, keep_required
from crm.ledger.plan_companies import add_project_company, settle_project_company
from crm.ledger.plan_first_signing import first_signing_moves, plan_step
from crm.ledger.refs import Missing, key_of
from crm.ledger.values import CellError
from crm.models import Project, StageEvent
from crm.names import normalize_project_name
from crm.places import normalize_place
from crm.services import projects as services_projects
from crm.stages import MILESTONE_COLUMNS, StageState, apply_step, replay

PROJECT_COLUMNS = ("name", "code", "company_id", "industry_code", "chain_code",
                   "planned_investment", "foreign_investment", "source_region_code",
                   "source_country_code", "landing_region_code", "park_id", "responsible_unit",
                   "responsible_person", "team_id", "is_major", "confidential", "expected_jobs",
                   "expected_annual_output", "expected_signing_on", "expected_start_on",
                   "expected_operation_on", "notes", "stage", "signed_on", "funded_on",
                   "started_on", "operating_on", "dropped_on", "drop_reason", "agreement_type",
                   "source_class", "stage_on")  # fmt: skip
_PLAIN = PLAIN
#: The ledger's date column of each pipeline stage: the project's milestone columns, and
#: lead / negotiating dates that only the stage history keeps.
DATE_FIELDS = {Stage.LEAD: "lead_on", Stage.NEGOTIATING: "negotiating_on",
               **{st: col for st, col in MILESTONE_COLUMNS.items() if st in PIPELINE}}  # fmt: skip
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
    reopen: bool = False  # reopen_project (a first signing rebuilt: plan_first_signing)


def index_projects(ctx: PlanContext, items: list[Item]) -> None:
    """Resolve investors, find duplicates in the file, match rows to existing projects."""
    for field_name, code in (("code", "duplicate_code"), (RECORD_ID, "duplicate_record_id")):
        report_repeats(ctx, items, field_name, code)
    has_company = any("company" in i.columns or "uscc" in i.columns for i in items[:1])
    seen: dict[tuple[int, str], Item] = {}
    claimed: dict[str, Item] = {}
    for item in items:
        if item.status == INVALID or not keep_required(ctx, item):
            continue
        entry = add_project_company(ctx, item)
        if item.status == INVALID:
            continue
        item.extra["company"] = entry
        key = (id(entry) if entry else 0, normalize_project_name(item.values["name"]))
        keyed = item.values.get("code") or item.values.get(RECORD_ID)
        if key in seen and not keyed and not ctx.options.project_choice(item.sheet, item.row):
            ctx.report(item, "name", item.values["name"], "duplicate_row", seen[key].row)
            continue
        seen.setdefault(key, item)
        _match(ctx, item, has_company, key[1])
        if item.status == INVALID:
            continue
        settle_project_company(ctx, item)
        if item.target_id is not None:
            first = claimed.setdefault(item.target_id, item)
            if first is not item:
                ctx.report(item, "name", item.values["name"], "same_record_twice", first.row)
                continue
        _register(ctx, item, key)


def _match(ctx: PlanContext, item: Item, has_company: bool, name_key: str) -> None:
    """The existing project a row stands for: the user's choice, else its 系统编号, else its
    code, else its name and investor — and only when exactly one project fits."""
    keys = ctx.project_keys
    code = item.values.get("code")
    record_id = item.values.get(RECORD_ID)
    choice = ctx.options.project_choice(item.sheet, item.row)
    if choice:
        _match_choice(ctx, item, choice)
        return
    if record_id:
        if record_id in keys.names:
            _take(ctx, item, record_id)
            return
        if record_id in keys.deleted_ids:
            ctx.report(item, RECORD_ID, record_id, "record_deleted", keys.deleted_ids[record_id])
            return
        if not ctx.options.ignore_unknown_ids:
            ctx.report(item, RECORD_ID, record_id, "unknown_record_id")
            return
    if code and ctx.options.ignore_unknown_ids and _numbered_elsewhere(ctx, item, name_key):
        code = None  # another database's number: matched by name, numbered by this one
    if code and code in keys.deleted_codes:
        ctx.report(item, "code", code, "code_taken", keys.deleted_codes[code])
        return
    if code and code in keys.by_code:
        item.target_id = keys.by_code[code]
        return
    entry = item.extra.get("company")
    if entry is not None:
        found = keys.by_company_name.get((entry.existing_id, name_key), [])
        found = found if entry.existing_id else []
    elif has_company:
        found = keys.by_company_name.get((None, name_key), [])
    else:
        found = keys.by_name.get(name_key, [])
    if code:
        found = [pid for pid in found if keys.code_of.get(pid) is None]  # another code: another
    if len(found) == 1:
        item.target_id = found[0]
    elif found:
        ctx.ask_choice(item, "name", found, ambiguous=True)
    elif entry is not None and entry.existing_id:
        _similar(ctx, item, entry.existing_id)


def _numbered_elsewhere(ctx: PlanContext, item: Item, name_key: str) -> bool:
    """A file from another database (--from-other-db) carries that database's 项目编号: each
    database numbers its own projects, so a code held here by a project of another name (or a
    deleted one) is not this project. Such a code is dropped from the row, with a notice: the
    row is matched by name and investor, and a new project gets this database's next number."""
    keys = ctx.project_keys
    code = item.values["code"]
    holder = keys.by_code.get(code)
    if holder is not None and normalize_project_name(keys.names[holder]) == name_key:
        return False  # the same project: the code is shared history
    if holder is None and code not in keys.deleted_codes:
        return False  # a code nobody here has: it may stay the project's
    other = keys.names[holder] if holder is not None else keys.deleted_codes[code]
    ctx.report(item, "code", code, "code_elsewhere", other, severity="warning")
    del item.values["code"]
    return True


def _match_choice(ctx: PlanContext, item: Item, choice: str) -> None:
    if choice == NEW_PROJECT:
        return  # the user said it is a new project
    pid = ctx.project_keys.find(choice)
    if pid is None:
        ctx.report(item, "name", item.values["name"], "unknown_choice", choice)
        return
    _take(ctx, item, pid)


def _take(ctx: PlanContext, item: Item, pid: str) -> None:
    """Match the row to `pid`; a code it gives must not be another project's."""
    code = item.values.get("code")
    holder = ctx.project_keys.by_code.get(code) if code else None
    if code and code in ctx.project_keys.deleted_codes:
        ctx.report(item, "code", code, "code_taken", ctx.project_keys.deleted_codes[code])
    elif holder is not None and holder != pid:
        ctx.report(item, "code", code, "code_taken", ctx.project_keys.names[holder])
    else:
        item.target_id = pid


def _similar(ctx: PlanContext, item: Item, company_id: str) -> None:
    """A new project whose name is close to one of the same investor's: a warning with the
    candidates (the shared duplicate rule), so the user can say it is the same."""
    keys = ctx.project_keys
    pids = keys.of_company(company_id)
    if not pids:
        return
    found = similar_projects(item.values["name"], ((pid, keys.names[pid]) for pid in pids))
    if found:
        scores = {f.id: f.score for f in found}
        ctx.ask_choice(item, "name", [f.id for f in found], ambiguous=False, scores=scores)


def _register(ctx: PlanContext, item: Item, key: tuple[int, str]) -> None:
    files = ctx.file_projects
    if item.values.get(RECORD_ID):
        files.by_id.setdefault(item.values[RECORD_ID], item)
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


def load_states(ctx: PlanContext, ids: list[str]) -> dict[str, StageState]:
    """Existing projects' stage states replayed from their history, as the stage service
    replays them before every move: the plan checks moves against the same state."""
    events: dict[str, list[Any]] = defaultdict(list)
    cols = (StageEvent.project_id, StageEvent.stage, StageEvent.kind, StageEvent.occurred_on,
            StageEvent.not_applicable, StageEvent.agreement_type, StageEvent.comment)  # fmt: skip
    for start in range(0, len(ids), 500):
        query = (
            select(*cols)
            .where(StageEvent.project_id.in_(ids[start : start + 500]))
            .where(StageEvent.deleted_at.is_(None))
            .order_by(StageEvent.project_id, StageEvent.sequence)
        )
        for row in ctx.session.execute(query):
            events[row.project_id].append(row)
    return {pid: replay(event_step(row) for row in rows) for pid, rows in events.items()}


def project_fields(
    ctx: PlanContext, item: Item, existing: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Service fields (create_project / update_project) of a row; refs may still be pending.
    `existing`: the project on record, whose values count where the row gives none."""
    values = item.values
    _park_or_place(ctx, item)
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
    known = existing or {}
    foreign = fields.get("foreign_investment", known.get("foreign_investment"))
    planned = fields.get("planned_investment", known.get("planned_investment"))
    if foreign is not None and foreign > (planned or 0):
        ctx.report(item, "foreign_investment", foreign, "foreign_over_total")
    return fields


def _park_or_place(ctx: PlanContext, item: Item) -> None:
    """落地园区 naming no park but a place (the projects screen shows the landing region
    there when a project has no park) is the landing region."""
    park = item.values.get("park")
    if not isinstance(park, Missing) or "landing_region" in item.values:
        return
    if key_of(park.name) in ctx.file_parks:
        return
    try:  # a whole place (a city's name, a district's, 南宁市隆安县), not a prefix
        region = ctx.refs.landing_exact(key_of(park.name))
    except CellError:
        region = None  # a district's name several cities have: the park it names stays
    if region is not None:
        del item.values["park"]
        item.values["landing_region"] = (region, "CN")
        item.columns.setdefault("landing_region", item.columns.get("park", "park"))


def _pending_ok(ctx: PlanContext, ref: Missing) -> bool:
    """A team or park named on the projects sheet that a sheet of the same file creates."""
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


def plan_stages(
    ctx: PlanContext, item: Item, current: StageState | None, funds_first: date | None
) -> None:
    """item.extra["moves"] (service calls) and ["steps"] (history rows) for the row's stage.

    `current` is the existing project's state replayed from its history (None: a new one).
    A ledger that leaves a milestone's date out keeps the date on record; one that names the
    stage the project is at already changes nothing."""
    values = item.values
    item.extra["moves"], item.extra["steps"] = [], []
    if not any(k in values for k in (*_STAGE_KEYS,)):
        return
    target = _target(values, current)
    if current is not None and target is current.stage:
        _compare_dates(ctx, item, current)
        return
    if current is not None and current.stage is Stage.DROPPED:
        # Not "behind": a dropped project is reopened by a person, in the window; and the
        # dates the row gives are compared as for any project (user test 2, F1).
        shown = item.values.get("stage")
        value = Stage(shown).zh if shown else ""
        when = current.dropped_on.isoformat() if current.dropped_on else ""
        ctx.report(item, "stage", value, "dropped_not_reopened", when, severity="warning")
        _compare_dates(ctx, item, current)
        return
    if current is not None and current.stage is Stage.OPERATING:
        _stage_behind(ctx, item, target)
        _compare_dates(ctx, item, current)
        return
    dropped = target is Stage.DROPPED
    reached = _reached(values, current) if dropped else target
    dates = _stage_dates(ctx, item, reached, funds_first, current)
    if dates is None:
        return
    state = current or StageState(Stage.LEAD, {Stage.LEAD: values.get("lead_on")})
    moves: list[Move] = []
    if _ORDER[reached] < _ORDER[state.stage]:
        _stage_behind(ctx, item, reached)
    elif reached is not state.stage:
        agreement = values.get("agreement_type")
        rebuilt = first_signing_moves(ctx, item, state, reached, dates, _forward_moves)
        moves += _forward_moves(state, reached, dates, agreement) if rebuilt is None else rebuilt
    if current is not None:
        _compare_dates(ctx, item, current)
    if dropped:
        moves.append(
            Move(
                Stage.DROPPED.value, values.get("dropped_on"), reason=values.get("drop_reason", "")
            )
        )
    _simulate(ctx, item, state, moves)


#: Where each stage's date is read from (dropped projects: 终止时间).
_DATE_COLUMNS = {**DATE_FIELDS, Stage.DROPPED: "dropped_on"}
_STAGE_KEYS = ("stage", *DATE_FIELDS.values(), "dropped_on", "drop_reason")


def _stage_behind(ctx: PlanContext, item: Item, stage: Stage) -> None:
    """The ledger names an earlier stage than the database: said, never moved back."""
    if "stage" in item.values or stage is not Stage.LEAD:
        shown = item.columns.get("stage") and item.values.get("stage")
        value = Stage(shown).zh if shown else ""
        ctx.report(item, "stage", value, "stage_behind", stage.zh, severity="warning")


def _target(values: dict[str, Any], current: StageState | None) -> Stage:
    if values.get("stage"):
        return Stage(values["stage"])
    if values.get("dropped_on") or values.get("drop_reason"):
        return Stage.DROPPED
    reached = _reached(values, None)
    if current is not None and (
        current.stage in (Stage.OPERATING, Stage.DROPPED)
        or _ORDER[reached] <= _ORDER[current.stage]
    ):
        return current.stage  # dates alone never move a project back
    return reached


def _reached(values: dict[str, Any], current: StageState | None) -> Stage:
    for st in reversed(PIPELINE):
        day = values.get(DATE_FIELDS[st])
        if isinstance(day, date) or (current is not None and current.dates.get(st)):
            return st
    return Stage.LEAD


def _stage_dates(
    ctx: PlanContext,
    item: Item,
    reached: Stage,
    funds_first: date | None,
    current: StageState | None,
) -> dict[Stage, date | None] | None:
    values = item.values
    known = current.dates if current is not None else {}
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
        if raw is None:
            day = known.get(st)  # a date the ledger leaves out is the one on record
        if st is Stage.FUNDED and day is None and raw is None:
            day = funds_first
        needed = st is reached or (raw is None and st in (Stage.SIGNED, Stage.STARTED))
        if day is None and needed and st not in known:
            ok = _date_missing(ctx, item, st) and ok
        dates[st] = day
    if values.get("stage") == Stage.DROPPED.value or "dropped_on" in values:
        if not values.get("dropped_on"):
            wanted = date_wanted(item, Stage.DROPPED, "dropped_on", shown=False)
            ctx.report(item, "dropped_on", "", "stage_date_missing", wanted)
            ok = False
        if not values.get("drop_reason"):
            ctx.report(item, "drop_reason", "", "drop_reason_missing")
            ok = False
    return dates if ok else None


def _date_missing(ctx: PlanContext, item: Item, st: Stage) -> bool:
    """A needed milestone without a date: the funded date may have been meant to come from
    rows of the funds sheet that are invalid themselves — then say so, not "missing"."""
    if st is Stage.FUNDED:
        broken = ctx.invalid_funds_rows(item)
        if broken:
            ctx.report(item, "stage", Stage.FUNDED.zh, "funds_row_invalid", broken)
            return False
    field_name = DATE_FIELDS[st] if DATE_FIELDS[st] in item.columns else "stage"
    shown = item.values.get("stage")
    wanted = date_wanted(item, st, _DATE_COLUMNS[st], shown=bool(shown))
    ctx.report(item, field_name, Stage(shown).zh if shown else "", "stage_date_missing", wanted)
    return False


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


def _compare_dates(ctx: PlanContext, item: Item, current: StageState) -> None:
    """Dates the ledger gives for milestones already on record: kept, a difference said."""
    for st in PIPELINE[1:]:
        day = item.values.get(DATE_FIELDS[st])
        known = current.dates.get(st)
        if isinstance(day, date) and known is not None and day != known:
            ctx.report(item, DATE_FIELDS[st], day, "date_differs", known, severity="warning")


def _simulate(ctx: PlanContext, item: Item, state: StageState, moves: list[Move]) -> None:
    """Run the same rule checks the stage service runs, so problems show in the preview."""
    steps = []
    trial = StageState(
        state.stage, dict(state.dates), state.dropped_on, state.drop_reason, state.agreement_type
    )
    for move in moves:
        try:
            planned = plan_step(trial, move, ctx.today)
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


def number_new_projects(ctx: PlanContext, items: list[Item]) -> None:
    """A new project without a code takes the next codes of the year, in the file's order,
    passing over every code the file writes, as the project form would number it
    (crm.services.projects): worked out here, once, so
    the preview shows the codes the import writes, by either write path. A project entered
    meanwhile changes the database's fingerprint, and the stale plan is refused."""
    new = [i for i in items if i.status == NEW and not i.values.get("code")]
    if not new:
        return
    taken = {code for i in items if (code := i.values.get("code"))}  # the file's own codes
    codes = services_projects.next_project_codes(ctx.session, ctx.today.year, len(new), taken=taken)
    for item, code in zip(new, codes, strict=True):
        item.values["code"] = code
        item.extra["fields"]["code"] = code


def classify_project(item: Item, changes: dict[str, Any]) -> None:
    if item.status == INVALID:
        return
    if item.target_id is None:
        item.status = NEW
    elif changes or item.extra.get("moves") or item.extra.get("new_tags_via_company"):
        item.status, item.changes = UPDATED, changes
    else:
        item.status = UNCHANGED

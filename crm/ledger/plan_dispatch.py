"""Dispatch sheets (重大项目调度表): find each row's project (or plan it with
--create-missing), and check its completion entry, list membership and dispatch profile as
the services would (crm.services.dispatch), telling new rows from updated and unchanged ones.

A row's figures refer to the sheet's as-of day (crm.ledger.dispatch_dates). The row's amount
and year-to-date follow the services' one rule (completion_amounts) against the project's
entries of that year before the day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from crm.codes import ConstructionNature, ListLevel
from crm.errors import ValidationError
from crm.ledger.context import PlanContext, ProjectRef
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_others import project_id_of
from crm.ledger.plan_projects import load_states, plan_stages
from crm.ledger.problems import shorten
from crm.models import CompletionEntry, DispatchProfile, ListEntry, Programme
from crm.services.dispatch import check_period_end, completion_amounts
from crm.services.settings import bureau_of
from crm.sqlin import chunks, in_ids
from crm.stages import StageState

ZERO = Decimal(0)
COMPLETION = CompletionEntry.__table__
LIST = ListEntry.__table__
PROFILE = DispatchProfile.__table__
PROFILE_FIELDS = ("construction_nature", "expected_completion_on", "completed_on", "pooled_on",
                  "leader_name")  # fmt: skip
COMPLETION_FIELDS = ("amount", "year_to_date", "cumulative", "image_progress", "progress_note",
                     "issues")  # fmt: skip
#: A period with no entry on record, as the preview compares a new entry's figures with it
#: (texts the sheet leaves blank are written empty, and so are not listed).
EMPTY_ENTRY: dict[str, Any] = {"image_progress": "", "progress_note": "", "issues": ""}
#: Words clerks write for 建设性质 beyond the codes' labels.
NATURE_WORDS = {
    "技改": "upgrade", "改建": "upgrade", "技术改造": "upgrade", "改扩建": "expansion",
    "续建": "new", "新建": "new", "扩建": "expansion", "迁建": "relocation",
}  # fmt: skip


def nature_code(text: str) -> str | None:
    member = ConstructionNature.from_text(text)
    return member.value if member else NATURE_WORDS.get(text.strip())


def level_code(text: str) -> str | None:
    member = ListLevel.from_text(text)
    if member:
        return member.value
    for words, code in (
        (("自治区", "省"), "province"),
        (("市",), "city"),
        (("县", "区"), "county"),
    ):
        if any(w in text for w in words):
            return code
    return None


class _Existing:
    """The database's dispatch rows of the projects a sheet names, loaded in a few queries."""

    def __init__(self, ctx: PlanContext, pids: list[str], years: set[int]) -> None:
        conn = ctx.session.connection()
        self.entries: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.lists: dict[tuple[str, int, str, str | None], Decimal] = {}
        self.profiles: dict[str, dict[str, Any]] = {}
        entry_cols = [getattr(COMPLETION.c, f) for f in ("period_end", *COMPLETION_FIELDS)]
        for part in chunks(conn, pids):
            query = select(COMPLETION.c.project_id, *entry_cols).where(
                in_ids(conn, COMPLETION.c.project_id, part), COMPLETION.c.deleted_at.is_(None)
            )
            for row in conn.execute(query):
                record = dict(row._mapping)
                if record["period_end"].year in years:
                    self.entries[record.pop("project_id")].append(record)
            query = select(
                LIST.c.project_id, LIST.c.year, LIST.c.level, LIST.c.programme_id,
                LIST.c.year_plan,
            ).where(in_ids(conn, LIST.c.project_id, part), LIST.c.deleted_at.is_(None))  # fmt: skip
            for pid, year, level, programme, plan in conn.execute(query):
                self.lists[(pid, year, level, programme)] = plan
            query = select(PROFILE.c.project_id, *(getattr(PROFILE.c, f) for f in PROFILE_FIELDS))
            for row in conn.execute(query.where(in_ids(conn, PROFILE.c.project_id, part))):
                record = dict(row._mapping)
                self.profiles[record.pop("project_id")] = record
        self.programmes = {
            name: pid
            for pid, name in conn.execute(
                select(Programme.id, Programme.name).where(Programme.deleted_at.is_(None))
            )
        }

    def list_of(
        self, pid: str | None, year: int, programme_id: str | None
    ) -> tuple[str, str | None, str | None] | None:
        """(level, programme id, programme name) of the project's list entry of the year,
        the highest level first."""
        if self._by_project is None:  # indexed once: a big sheet asks for every row
            self._by_project = defaultdict(list)
            for p, y, level, programme in sorted(self.lists, key=lambda k: _level_order(k[2])):
                self._by_project[(p, y)].append((level, programme))
            self._names = {v: k for k, v in self.programmes.items()}
        for level, programme in self._by_project.get((pid, year), ()):
            if programme_id is None or programme == programme_id:
                return level, programme, self._names.get(programme or "")
        return None

    _by_project: dict[tuple[str | None, int], list[tuple[str, str | None]]] | None = None
    _names: dict[str, str]

    def previous(self, pid: str, day: date) -> Decimal:
        before = [e for e in self.entries.get(pid, []) if e["period_end"] < day
                  and e["period_end"].year == day.year]  # fmt: skip
        return max(before, key=lambda e: e["period_end"])["year_to_date"] if before else ZERO

    def entry(self, pid: str, day: date) -> dict[str, Any] | None:
        return next((e for e in self.entries.get(pid, []) if e["period_end"] == day), None)

    def around(self, pid: str, day: date) -> tuple[dict | None, dict | None]:
        """The project's entries of the same year just before and just after `day`."""
        same_year = [e for e in self.entries.get(pid, []) if e["period_end"].year == day.year]
        before = [e for e in same_year if e["period_end"] < day]
        after = [e for e in same_year if e["period_end"] > day]
        return (
            max(before, key=lambda e: e["period_end"]) if before else None,
            min(after, key=lambda e: e["period_end"]) if after else None,
        )


def _level_order(level: str) -> int:
    order = [m.value for m in ListLevel]
    return order.index(level) if level in order else len(order)


def plan_dispatch(ctx: PlanContext, items: list[Item]) -> None:
    if not items:
        return
    refs = {id(i): _project(ctx, i) for i in items if i.status != INVALID}
    pids = sorted({r for r in refs.values() if isinstance(r, str)})
    years = {i.extra["as_of"].year for i in items if i.extra.get("as_of")}
    existing = _Existing(ctx, pids, years)
    started = {refs.get(id(i)) for i in items if i.values.get("started_on")}
    states = load_states(ctx, sorted(r for r in started if isinstance(r, str)))
    level = bureau_of(ctx.session).level
    default_level = level.value if level else ListLevel.CITY.value
    seen: dict[tuple[Any, date | None], int] = {}
    for item in items:
        if item.status == INVALID:
            continue
        ref = refs.get(id(item))
        if ref is None and not item.extra.get("new_project"):
            continue
        who = (
            ref if isinstance(ref, str) else id(ref) if ref is not None else item.values["project"]
        )
        key = (who, item.extra.get("as_of"))
        if key in seen:  # the same project and day twice: one entry, the first row's
            ctx.report(item, "project", item.values.get("project"), "duplicate_row", seen[key])
            continue
        seen[key] = item.row
        _plan_row(ctx, item, ref, existing, default_level)
        if item.status != INVALID and "started_on" in item.values:
            _plan_start(ctx, item, project_id_of(ref), states)


def adds_only(item: Item) -> bool:
    """A row that only adds records to a project on record (a completion entry, a list entry,
    a profile; most rows of a big sheet): its values were checked and worked out as the
    services would when planned, so a big import writes it in bulk. Changes to records and
    stage moves go through the services."""
    extra = item.extra
    return (
        isinstance(extra.get("project"), str)
        and (not extra.get("completion") or extra.get("completion_new", False))
        and (not extra.get("list_entry") or extra.get("list_new", False))
        and (not extra.get("profile") or extra.get("profile_new", False))
        and not extra.get("moves")
    )


def _project(ctx: PlanContext, item: Item) -> ProjectRef | None:
    v = item.values
    ref, reason, candidates = ctx.resolve_project(
        v.get("project_code"), v.get("project"), v.get("company"), v.get("project_id"),
        ctx.options.project_choice(item.sheet, item.row),
    )  # fmt: skip
    if ref is not None:
        if isinstance(ref, Item) and ref.status == INVALID:
            ctx.report(item, "project", v.get("project", ""), "unknown_project", v.get("project"))
            return None
        item.extra["project"] = ref
        return ref
    if reason == "ambiguous_match":
        ctx.ask_choice(item, "project", candidates, ambiguous=True)
        item.status = INVALID
        return None
    if reason == "unknown_project" and ctx.options.create_missing and v.get("project"):
        company = ctx.companies.find(v["company"], None) if v.get("company") else None
        item.extra["new_project"] = {
            "name": v["project"], "code": v.get("project_code") or None,
            "planned_investment": v.get("planned_investment") or ZERO,
            "expected_start_on": v.get("expected_start_on"),
            "company_id": company.existing_id if company else None,
        }  # fmt: skip
        return None
    field_name = "project_id" if reason in ("record_deleted", "unknown_record_id") else "project"
    detail = v.get("project") or v.get("project_code") or v.get("project_id")
    if reason == "unknown_project":
        detail = f"{detail}（新项目请加 --create-missing / add --create-missing to create it）"
    ctx.report(item, field_name, v.get(field_name, ""), reason, detail)
    return None


def _plan_row(
    ctx: PlanContext, item: Item, ref: ProjectRef | None, existing: _Existing, level: str
) -> None:
    day: date | None = item.extra.get("as_of")
    if day is None:
        ctx.report(item, "year_to_date", "", "dispatch_no_date")
        return
    try:
        check_period_end(item.extra["period_kind"], day)
    except ValidationError:
        ctx.report(item, "year_to_date", day, "dispatch_bad_date")
        return
    pid = project_id_of(ref)
    changed = _plan_completion(ctx, item, pid, day, existing)
    changed |= _plan_list(ctx, item, pid, day.year, level, existing)
    changed |= _plan_profile(ctx, item, pid, existing)
    if item.status == INVALID:
        return
    # A row of a project on record updates it (its new 旬 entry, list entry or start are
    # listed as fields); only a project the import creates is new (user test 3).
    if pid is None:
        item.status = NEW
    else:
        item.status = UPDATED if changed else UNCHANGED


def _plan_start(
    ctx: PlanContext, item: Item, pid: str | None, states: dict[str, StageState]
) -> None:
    """实际开工时间: the project's start as the stage service records it (a move to 开工 on
    that day, checked as the projects sheet checks it); a start already on record is kept
    (a different date is said). A project new in this sheet gets its start in the ledger."""
    day = item.values.get("started_on")
    if pid is None:
        if day:
            ctx.report(item, "started_on", day, "dispatch_start_new", severity="warning")
        return
    plan_stages(ctx, item, states.get(pid), None)
    if item.status == INVALID:
        return
    if item.extra.get("moves") and pid in states:  # where the moves start, for the preview
        item.before["stage"] = states[pid].stage.value
    if item.extra.get("moves") and item.status == UNCHANGED:
        item.status = UPDATED


def _plan_completion(
    ctx: PlanContext, item: Item, pid: str | None, day: date, existing: _Existing
) -> bool:
    v = item.values
    if v.get("amount") is None and v.get("year_to_date") is None:
        return False  # a row with no figure: list and profile only
    previous = existing.previous(pid, day) if pid else ZERO
    try:
        amount, ytd = completion_amounts(previous, v.get("amount"), v.get("year_to_date"))
    except ValidationError as exc:
        ctx.report(item, exc.field, exc.value, "dispatch_cumulative", previous)
        return False
    values = {
        "amount": amount, "year_to_date": ytd, "cumulative": v.get("cumulative"),
        "image_progress": v.get("image_progress") or "",
        "progress_note": v.get("progress_note") or "",
        "issues": v.get("issues") or "",
    }  # fmt: skip
    if pid:
        _check_cumulative(ctx, item, existing.around(pid, day), amount, ytd)
    old = existing.entry(pid, day) if pid else None
    item.extra["completion"] = values
    if old is None:
        item.extra["completion_new"] = True
        # Nothing on record for the period: the preview lists each figure as （空） → 值.
        item.extra["completion_before"] = {f: EMPTY_ENTRY.get(f) for f in COMPLETION_FIELDS}
        return True
    if all(old[f] == values[f] for f in COMPLETION_FIELDS):
        item.extra["completion"] = None
        return False
    item.extra["completion_before"] = {f: old[f] for f in COMPLETION_FIELDS}  # the preview's 旧值
    return True


def _check_cumulative(
    ctx: PlanContext, item: Item, around: tuple[dict | None, dict | None], amount: Any, ytd: Any
) -> None:
    """Figures that contradict those on record are taken as the sheet gives them, with a
    warning: unchecked, a notice showed a cumulative falling while its 旬 said it grew. A
    project's first entry of the year has no earlier cumulative to add up to."""
    before, after = around
    v = item.values
    given_both = v.get("amount") is not None and v.get("year_to_date") is not None
    if before is not None and given_both and before["year_to_date"] + amount != ytd:
        previous, total = before["year_to_date"], before["year_to_date"] + amount
        zh = (f"{shorten(ytd)}万元与上期累计{shorten(previous)}万元加本期完成"
              f"{shorten(amount)}万元（{shorten(total)}万元）")  # fmt: skip
        en = (f"{shorten(ytd)} 万元 ≠ the previous {shorten(previous)} 万元 + this period's "
              f"{shorten(amount)} 万元 ({shorten(total)} 万元)")  # fmt: skip
        ctx.report(item, "year_to_date", v["year_to_date"], "dispatch_sum", (zh, en), "warning")
    if after is not None and after["year_to_date"] < ytd:
        later, day = shorten(after["year_to_date"]), after["period_end"].isoformat()
        zh = f"{day}累计完成投资为{later}万元，小于本期累计{shorten(ytd)}万元"
        en = f"{day} cumulative of {later} 万元 is below this one's {shorten(ytd)} 万元"
        ctx.report(item, "year_to_date", ytd, "dispatch_later_lower", (zh, en), "warning")


def _plan_list(
    ctx: PlanContext, item: Item, pid: str | None, year: int, default: str, existing: _Existing
) -> bool:
    v = item.values
    if v.get("year_plan") is None and not v.get("level"):
        return False
    level = level_code(v["level"]) if v.get("level") else None
    if v.get("level") and level is None:
        ctx.report(item, "level", v["level"], "dispatch_level")
        return False
    programme = (v.get("programme") or "").strip() or None
    programme_id = existing.programmes.get(programme) if programme else None
    if level is None:  # no level column: the project's list of the year, else the bureau's
        level, programme_id, name = existing.list_of(pid, year, programme_id) or (
            default,
            None,
            None,
        )
        programme = programme or name
    if programme and programme_id is None:
        if not ctx.options.create_missing:
            ctx.report(item, "programme", programme, "dispatch_programme")
            return False
        item.extra["new_programme"] = programme
    plan = v.get("year_plan") or ZERO
    item.extra["list_entry"] = {"year": year, "level": level, "year_plan": plan,
                                "programme": programme}  # fmt: skip
    known = pid is not None and "new_programme" not in item.extra
    old = existing.lists.get((pid, year, level, programme_id)) if known else None
    if old is not None and old == plan:
        item.extra["list_entry"] = None
        return False
    item.extra["list_entry"]["programme_id"] = programme_id
    item.extra["list_new"] = old is None and known
    item.extra["list_before"] = old  # the year's planned amount on record (None: a new entry)
    return True


def _plan_profile(ctx: PlanContext, item: Item, pid: str | None, existing: _Existing) -> bool:
    v = item.values
    fields: dict[str, Any] = {f: v[f] for f in PROFILE_FIELDS if v.get(f) not in (None, "")}
    if "construction_nature" in fields:
        code = nature_code(str(fields["construction_nature"]))
        if code is None:
            ctx.report(
                item, "construction_nature", fields["construction_nature"], "dispatch_nature"
            )
            return False
        fields["construction_nature"] = code
    old = existing.profiles.get(pid, {}) if pid else {}
    changes = {k: x for k, x in fields.items() if old.get(k) != x}
    item.extra["profile_new"] = pid is not None and pid not in existing.profiles
    item.extra["profile"] = changes or None
    item.extra["profile_before"] = {k: old.get(k) for k in changes}
    return bool(changes)

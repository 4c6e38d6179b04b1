"""`generate_demo`: fill an empty database with a deterministic, realistic ledger.

One transaction: either every row (and its change-log row) is written, or none is.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from crm import follow_ups
from crm.bulk_insert import BulkWriter, bulk_cache, deferred_indexes, no_cyclic_gc
from crm.db import Database
from crm.demo.companies import CompanyData, CompanyMaker, Investor
from crm.demo.dispatch import DispatchMaker
from crm.demo.draw import Clock, id_maker, round_amount
from crm.demo.followups import FollowupMaker
from crm.demo.geography import Geography
from crm.demo.projects import ProjectInfo, ProjectMaker
from crm.demo.scales import SCALES, Scale, scale_named
from crm.demo.teams import TargetTally, TeamData, TeamInfo, TeamMaker, target_rows
from crm.errors import CrmError
from crm.models import (
    DOMAIN_MODELS,
    Activity,
    Company,
    CompanyTag,
    CompletionEntry,
    Contact,
    DispatchProfile,
    EnterpriseLiaison,
    EnterpriseRequest,
    FundsEntry,
    InvestmentIncrease,
    ListEntry,
    Park,
    Problem,
    Programme,
    Project,
    Setting,
    StageEvent,
    TagKindRef,
    Target,
    Team,
    TeamMember,
    TeamTarget,
)
from crm.places import Bureau
from crm.services.settings import DEFAULTS

#: Who the demo rows are created by (and whose change-log rows they are).
DEMO_ACTOR = "demo"
#: Projects written per batch: keeps memory flat for the large scale.
PROJECT_BATCH = 5000
#: Page cache for the load (SQLite, KiB): the large scale makes a 1.9 GB file; with half of
#: it in memory the load spills and re-reads far fewer pages (measured on the large scale:
#: 51 s → 46 s against the 256 MiB of BULK_CACHE_KIB). SQLite takes the memory only as
#: pages are used, so smaller scales use less.
DEMO_CACHE_KIB = 1_048_576
#: Stages a project has reached when its investor adds to the investment (增资).
INCREASE_STAGES = frozenset({"funded", "started", "operating"})
INCREASE_NOTES = ("二期扩建", "追加投资", "新增生产线", "技改扩能", "")
#: Key projects on this year's list at most (the large scale's; smaller scales list fewer).
LISTED_MAX = 300

#: Bumped when the generator changes what it makes for a given seed (benchmark caches use it).
GENERATOR_VERSION = 10

Progress = Callable[[int, int], None]

#: Every table the generator fills (their plain indexes are built after the load).
LOADED_TABLES = (*(m.__tablename__ for m in DOMAIN_MODELS), "change_log")


@dataclass(frozen=True)
class DemoSummary:
    scale: str
    seed: int
    today: date
    counts: dict[str, int]
    change_log_rows: int
    seconds: float
    location: str

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def generate_demo(
    db: Database,
    *,
    scale: str = "small",
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Write demo data for `scale` (see SCALES) into an empty database; return what was made."""
    spec = scale_named(scale)
    today = today or date.today()
    began = time.perf_counter()
    with db.engine.begin() as conn, no_cyclic_gc():
        _refuse_non_owner(conn)
        _refuse_non_empty(conn)
        with bulk_cache(conn, DEMO_CACHE_KIB), deferred_indexes(conn, LOADED_TABLES):
            writer = BulkWriter(
                conn,
                actor=DEMO_ACTOR,
                site_id=db.site_id,
                on_written=_progress_hook(spec, progress),
                should_cancel=should_cancel,
            )
            writer.log_ids = id_maker(random.Random(f"crm-demo:{seed}:log"))
            _ensure_demo_bureau(conn)
            _Generation(writer, spec, seed, today, _setting(conn, "bureau_region_code")).run(
                code_pattern=str(_setting(conn, "project_code_pattern"))
            )
        follow_ups.refresh(conn, None)  # with the indexes back: one pass over all activities
    if progress:
        progress(writer.records, writer.records)
    return DemoSummary(
        scale=spec.name,
        seed=seed,
        today=today,
        counts=dict(writer.counts),
        change_log_rows=writer.log_rows,
        seconds=time.perf_counter() - began,
        location=db.location,
    )


def _progress_hook(spec: Scale, progress: Progress | None) -> Callable[[int], None] | None:
    if progress is None:
        return None
    total = spec.estimated_records
    done = 0

    def on_written(rows: int) -> None:
        nonlocal done
        done += rows
        progress(min(done, total), total)

    return on_written


def _refuse_non_owner(conn: Connection) -> None:
    """On PostgreSQL the load sets the indexes aside and rebuilds them: only the tables' owner
    may (the application role would stop at 'must be owner of index …')."""
    if conn.dialect.name != "postgresql":
        return
    from crm.access_pg import owns_tables

    if not owns_tables(conn):
        raise CrmError(
            "演示数据须用数据库所有者的地址写入（即运行 crm init 时所用的地址），"
            "应用账户的地址不行。",
            "Demo data must be loaded through the owner's URL (the one crm init was run "
            "with), not the application role's.",
            code="not_owner",
        )


def holds_data(session: Session) -> bool:
    """Whether generate_demo would refuse this database (any business row, deleted ones too):
    the window offers 加载演示数据 only where it can work."""
    return any(
        session.execute(select(literal(1)).select_from(_table(model)).limit(1)).first() is not None
        for model in (Project, *DOMAIN_MODELS)
    )


def _refuse_non_empty(conn: Connection) -> None:
    # Projects first: they are what people recognise; then anything else (unique names
    # of parks and teams would collide with the demo's).
    for model in (Project, *DOMAIN_MODELS):
        count = conn.scalar(select(func.count()).select_from(_table(model)))
        if count:
            name = model.__tablename__  # type: ignore[attr-defined]
            raise CrmError(
                f"数据库中已有业务数据（{name} 表 {count} 行），演示数据只能写入空数据库。",
                f"The database already holds data ({count} rows in {name}); "
                "demo data goes into an empty database only.",
                code="not_empty",
            )


#: The demo tells the story of one city bureau; a database with no bureau yet becomes it.
DEMO_BUREAU = {"bureau_name": "南宁市投资促进局", "bureau_region_code": "450100"}


def _ensure_demo_bureau(conn: Connection) -> None:
    if _setting(conn, "bureau_region_code"):
        return
    level = Bureau.of(DEMO_BUREAU["bureau_region_code"]).level  # the region's: a city's is city
    for key, value in {**DEMO_BUREAU, "bureau_level": level.value if level else ""}.items():
        conn.execute(delete(Setting).where(Setting.key == key))
        conn.execute(insert(Setting).values(key=key, value=json.dumps(value, ensure_ascii=False)))


def _setting(conn: Connection, key: str) -> Any:
    value = conn.scalar(select(Setting.value).where(Setting.key == key))
    return json.loads(value) if value is not None else DEFAULTS.get(key)


class _Generation:
    """The phases in dependency order; each phase has its own random stream."""

    def __init__(
        self, writer: BulkWriter, spec: Scale, seed: int, today: date, bureau_region: object
    ) -> None:
        self.writer = writer
        self.spec = spec
        self.seed = seed
        self.today = today
        self.start = date(today.year - 2, 1, 1)
        self.geo = Geography(str(bureau_region))
        self.clock = Clock(self.start - timedelta(days=800), today)

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"crm-demo:{self.seed}:{phase}")

    def stamp(self, rng: random.Random, ordinal: int | None = None) -> dict[str, Any]:
        """Bookkeeping columns of a record made on `ordinal` (default: before the period)."""
        if ordinal is None:
            ordinal = self.start.toordinal() - 30 - int(rng.random() * 700)
        at = self.clock.at(rng, ordinal)
        return {
            "created_at": at,
            "updated_at": at,
            "created_by": DEMO_ACTOR,
            "updated_by": DEMO_ACTOR,
            "deleted_at": None,
        }

    def run(self, *, code_pattern: str) -> None:
        parks = self._parks()
        companies = self._companies()
        teams = self._teams()
        maker = ProjectMaker(
            self.rng("projects"),
            self.geo,
            companies.investors,
            teams.infos,
            parks,
            self.clock,
            DEMO_ACTOR,
            self.start,
            self.today,
            code_pattern,
        )
        self._projects(maker)
        self._increases(maker.infos, maker.tally)
        targets = target_rows(self.rng("targets"), teams.infos, maker.tally, self.today, self.stamp)
        self.writer.write(_table(TeamTarget), targets)
        self._followups(maker.infos, companies.investors, teams.infos)
        self._dispatch(maker.infos, parks)

    def _parks(self) -> list[tuple[str, str]]:
        rng = self.rng("parks")
        ids = id_maker(rng)
        rows = [
            {
                "id": ids(),
                "name": name,
                "region_code": region,
                "county_code": None,
                **self.stamp(rng),
            }
            for name, region in self.geo.parks()
        ]
        self.writer.write(_table(Park), rows)
        return [(row["id"], row["name"]) for row in rows]

    def _companies(self) -> CompanyData:
        maker = CompanyMaker(self.rng("companies"), self.geo, self.stamp, self.today)
        count = round(self.spec.projects * self.spec.companies_per_project)
        companies = maker.make(count, min_groups=True)
        self.writer.write(_table(Company), companies.companies)
        self.writer.write(_table(CompanyTag), companies.tags)
        self.writer.write(_table(Contact), companies.contacts)
        return companies

    def _teams(self) -> TeamData:
        maker = TeamMaker(self.rng("teams"), self.geo, self.stamp, self.start, self.today)
        teams = maker.make(self.spec.home_units, self.spec.stations)
        self.writer.write(_table(Team), teams.teams)
        self.writer.write(_table(TeamMember), teams.members)
        return teams

    def _projects(self, maker: ProjectMaker) -> None:
        remaining = self.spec.projects
        while remaining > 0:
            batch = maker.make(min(PROJECT_BATCH, remaining))
            remaining -= len(batch.projects)
            self.writer.write(_table(Project), batch.projects)
            self.writer.write(_table(StageEvent), batch.events)
            self.writer.write(_table(FundsEntry), batch.funds)

    def _increases(self, projects: list[ProjectInfo], tally: TargetTally) -> None:
        """增资: about one signed project in fifty that got going puts in 10–50 % more, once,
        at least two months after signing (teams' targets count it, as the briefs do)."""
        rng = self.rng("increases")
        ids = id_maker(rng)
        rows = []
        for p in projects:
            if p.signed is None or p.stage not in INCREASE_STAGES or rng.random() >= 0.02:
                continue
            first = p.signed + 60
            if first > p.end:
                continue
            day = first + int(rng.random() * (p.end - first + 1))
            amount = round_amount(p.planned * (0.1 + 0.4 * rng.random()))
            if p.team is not None:
                tally.add_increase(p.team.id, date.fromordinal(day).year, amount)
            rows.append(
                {
                    "id": ids(),
                    "project_id": p.id,
                    "increased_on": date.fromordinal(day),
                    "amount": Decimal(amount),
                    "note": rng.choice(INCREASE_NOTES),
                    **self.stamp(rng, day),
                }
            )
        self.writer.write(_table(InvestmentIncrease), rows)

    def _followups(
        self, projects: list[ProjectInfo], investors: list[Investor], teams: list[TeamInfo]
    ) -> None:
        maker = FollowupMaker(
            self.rng("followups"), self.clock, DEMO_ACTOR, self.geo.bureau_short, self.today
        )
        activities = maker.activities(projects, investors, teams, self.spec.activities, self.start)
        self.writer.write(_table(Activity), activities)
        self.writer.write(_table(Problem), maker.problems(projects))

    def _dispatch(self, projects: list[ProjectInfo], parks: list[tuple[str, str]]) -> None:
        """This year's key projects and their 旬 entries, targets, key enterprises."""
        maker = DispatchMaker(self.rng("dispatch"), self.stamp, self.today, DEMO_ACTOR)
        data = maker.make(projects, parks, min(LISTED_MAX, max(12, self.spec.projects // 30)))
        for model, rows in (
            (Programme, data.programmes), (ListEntry, data.lists),
            (DispatchProfile, data.profiles), (CompletionEntry, data.entries),
            (Target, data.targets), (TagKindRef, data.tag_kinds),
            (CompanyTag, data.memberships), (EnterpriseLiaison, data.liaisons),
            (Activity, data.visits), (EnterpriseRequest, data.requests),
        ):  # fmt: skip
            self.writer.write(_table(model), rows)


__all__ = ["GENERATOR_VERSION", "SCALES", "DemoSummary", "generate_demo"]

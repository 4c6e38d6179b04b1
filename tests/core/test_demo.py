"""Demo data: deterministic, internally consistent, logged, and reachable from the command line."""

from __future__ import annotations

import random
import re
import shutil
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm.bulk_insert import Cancelled, CompiledInsert, plain_indexes
from crm.cli import main
from crm.codes import Stage
from crm.db import Database, open_database
from crm.demo import GENERATOR_VERSION, generate_demo
from crm.demo.draw import ID_BLOCK, Clock, id_maker
from crm.demo.generate import LOADED_TABLES
from crm.demo.geography import Geography
from crm.demo.teams import TeamMaker
from crm.errors import CrmError
from crm.models import (
    DOMAIN_MODELS,
    Activity,
    ChangeLog,
    Company,
    CompanyTag,
    DispatchProfile,
    FundsEntry,
    Problem,
    Project,
    StageEvent,
    Team,
    TeamTarget,
)
from crm.stages import StageStep, replay
from crm.sync.keyed_ids import profile_id, team_target_id
from crm.validation import is_valid_uscc

TODAY = date(2026, 11, 23)
SEED = 11


@pytest.fixture
def demo_db(db: Database) -> Database:
    generate_demo(db, scale="tiny", seed=SEED, today=TODAY)
    return db


def _fresh_sqlite(template: Path, path: Path) -> Database:
    shutil.copy(template, path)
    return open_database(path)


def _fingerprint(db: Database) -> dict[str, object]:
    """Counts, sums and the project rows themselves: equal fingerprints mean equal data."""
    with db.session() as s:
        projects = s.execute(
            select(
                Project.id,
                Project.name,
                Project.stage,
                Project.signed_on,
                Project.planned_investment,
                Project.company_id,
                Project.team_id,
            ).order_by(Project.id)
        ).all()
        return {
            "counts": {
                m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in DOMAIN_MODELS
            },
            "planned": s.scalar(select(func.sum(Project.planned_investment))),
            "funds": s.scalar(select(func.sum(FundsEntry.amount))),
            "stages": Counter(s.scalars(select(Project.stage))),
            "projects": projects,
            "companies": s.execute(select(Company.id, Company.name).order_by(Company.id)).all(),
        }


def test_same_seed_and_today_give_identical_data(sqlite_template: Path, tmp_path: Path) -> None:
    first = _fresh_sqlite(sqlite_template, tmp_path / "a.sqlite")
    second = _fresh_sqlite(sqlite_template, tmp_path / "b.sqlite")
    other = _fresh_sqlite(sqlite_template, tmp_path / "c.sqlite")
    try:
        for database, seed in ((first, SEED), (second, SEED), (other, SEED + 1)):
            generate_demo(database, scale="tiny", seed=seed, today=TODAY)
        a, b, c = _fingerprint(first), _fingerprint(second), _fingerprint(other)
        assert a == b
        assert a["projects"] != c["projects"]
        assert a["counts"]["project"] == 200  # type: ignore[index]
    finally:
        for database in (first, second, other):
            database.close()


def _events_by_project(db: Database) -> dict[str, list[StageEvent]]:
    with db.session() as s:
        events = s.scalars(select(StageEvent).order_by(StageEvent.project_id, StageEvent.sequence))
        grouped: dict[str, list[StageEvent]] = defaultdict(list)
        for event in events:
            grouped[event.project_id].append(event)
        return grouped


def test_stage_history_matches_project_columns(demo_db: Database) -> None:
    grouped = _events_by_project(demo_db)
    with demo_db.session() as s:
        projects = list(s.scalars(select(Project)))
    assert {p.stage for p in projects} == {stage.value for stage in Stage}
    for project in projects:
        events = grouped[project.id]
        assert [e.sequence for e in events] == list(range(1, len(events) + 1))
        assert events[0].stage == "lead"
        dated = [e.occurred_on for e in events if e.occurred_on is not None]
        assert dated == sorted(dated), project.name
        assert all(day <= TODAY for day in dated)
        advances = [e for e in events if e.kind in ("advance", "drop")]
        assert advances[-1].stage == project.stage
        assert project.stage_on == advances[-1].occurred_on
        state = replay(
            StageStep(
                Stage(e.stage), e.kind, e.occurred_on, e.not_applicable, e.agreement_type, e.comment
            )
            for e in events
        )
        assert state.stage.value == project.stage
        assert state.dates.get(Stage.SIGNED) == project.signed_on
        assert state.dates.get(Stage.FUNDED) == project.funded_on
        assert state.dates.get(Stage.STARTED) == project.started_on
        assert state.dates.get(Stage.OPERATING) == project.operating_on
        assert state.dropped_on == project.dropped_on
        assert (project.agreement_type is not None) == (project.signed_on is not None)
        assert (project.drop_reason != "") == (project.stage == "dropped")


def test_funds_start_on_funded_day_and_mostly_stay_below_plan(demo_db: Database) -> None:
    with demo_db.session() as s:
        rows = s.execute(
            select(
                Project.id,
                Project.funded_on,
                Project.planned_investment,
                Project.stage,
                func.min(FundsEntry.received_on),
                func.max(FundsEntry.received_on),
                func.sum(FundsEntry.amount),
            )
            .join(FundsEntry, FundsEntry.project_id == Project.id, isouter=True)
            .group_by(Project.id, Project.funded_on, Project.planned_investment, Project.stage)
        ).all()
    funded = [r for r in rows if r[1] is not None]
    assert funded
    over = 0
    for _id, funded_on, planned, _stage, first, last, total in rows:
        assert first == funded_on
        if funded_on is None:
            continue
        assert last <= TODAY
        assert isinstance(total, Decimal) and total > 0
        over += total > planned
    assert over <= 0.1 * len(funded)


def test_planned_investment_is_skewed(demo_db: Database) -> None:
    with demo_db.session() as s:
        planned = sorted(s.scalars(select(Project.planned_investment)))
    in_band = sum(Decimal(1000) <= p <= Decimal(50000) for p in planned)
    over_yi = sum(p >= Decimal(10000) for p in planned)
    assert in_band > len(planned) * 0.6
    assert len(planned) * 0.1 < over_yi < len(planned) * 0.6
    assert planned[len(planned) // 2] < Decimal(30000)


def test_sources_teams_tags_and_problems_look_real(demo_db: Database) -> None:
    with demo_db.session() as s:
        classes = Counter(s.scalars(select(Project.source_class)))
        assert classes["out_of_province"] > classes["in_province"] > 0
        assert 0.02 < classes["foreign"] / 200 < 0.2
        team_names = list(s.scalars(select(Team.name)))
        assert all(n.endswith("招商工作队") and "驻" in n for n in team_names)
        # A subsidiary whose parent group is on the Fortune Global 500.
        parent = select(CompanyTag.company_id).where(CompanyTag.tag == "fortune_global_500")
        assert s.scalar(select(func.count()).where(Company.parent_id.in_(parent))) > 0
        ranks = s.execute(
            select(CompanyTag.tag, CompanyTag.edition_year, CompanyTag.rank).where(
                CompanyTag.rank.isnot(None)
            )
        ).all()
        assert len(ranks) == len(set(ranks)) and all(1 <= r <= 500 for *_, r in ranks)
        usccs = [u for u in s.scalars(select(Company.uscc)) if u]
        assert usccs and all(is_valid_uscc(u) for u in usccs)
        outside_team_span = s.scalar(
            select(func.count())
            .select_from(Activity)
            .join(Team, Team.id == Activity.team_id)
            .where(
                (Activity.occurred_on < Team.active_from)
                | (Team.active_to.isnot(None) & (Activity.occurred_on > Team.active_to))
            )
        )
        assert outside_team_span == 0
        statuses = Counter(s.scalars(select(Problem.status)))
        assert set(statuses) == {"open", "in_progress", "resolved"}
        overdue = s.scalar(
            select(func.count()).where(Problem.status != "resolved", Problem.due_on < TODAY)
        )
        assert overdue > 0


def test_nothing_is_soft_deleted(demo_db: Database) -> None:
    with demo_db.session() as s:
        for model in DOMAIN_MODELS:
            assert s.scalar(select(func.count()).where(model.deleted_at.isnot(None))) == 0


def test_change_log_has_one_row_per_record(demo_db: Database) -> None:
    with demo_db.session() as s:
        grouped = select(ChangeLog.table_name, func.count()).group_by(ChangeLog.table_name)
        logged = {name: count for name, count in s.execute(grouped)}
        for model in DOMAIN_MODELS:
            name = model.__tablename__
            assert logged.get(name, 0) == s.scalar(select(func.count()).select_from(model)), name
        project_ids = set(s.scalars(select(Project.id)))
        logged_ids = set(
            s.scalars(select(ChangeLog.record_id).where(ChangeLog.table_name == "project"))
        )
        assert logged_ids == project_ids
        domain = ChangeLog.table_name != "setting"  # settings changes are logged per key
        assert set(s.scalars(select(ChangeLog.field).where(domain).distinct())) == {"*"}


def test_profiles_and_team_targets_have_the_ids_the_services_give(demo_db: Database) -> None:
    """A demo bureau and a laptop that set the same project's profile or the same team's
    target for a year address one record (crm.sync.keyed_ids), as after real entries."""
    with demo_db.session() as s:
        profiles = s.execute(select(DispatchProfile.id, DispatchProfile.project_id)).all()
        targets = s.execute(select(TeamTarget.id, TeamTarget.team_id, TeamTarget.year)).all()
    assert profiles and targets
    assert all(i == profile_id(project) for i, project in profiles)
    assert all(i == team_target_id(team, year) for i, team, year in targets)
    # Logged under those ids, as the sync reads them.
    with demo_db.session() as s:
        logged = set(s.scalars(select(ChangeLog.record_id).where(
            ChangeLog.table_name.in_(("dispatch_profile", "team_target")))))  # fmt: skip
    assert logged == {r[0] for r in profiles} | {r[0] for r in targets}


def test_codes_follow_the_pattern_so_a_new_project_takes_the_next_number(
    demo_db: Database,
) -> None:
    """Demo codes are numbered as the program numbers projects (ZS2026-00001, a sequence per
    year of entry): the next project entered this year follows the demo's last one."""
    from crm.services.projects import next_project_code

    with demo_db.session() as s:
        codes = list(s.scalars(select(Project.code)))
        this_year = sorted(c for c in codes if c.startswith(f"ZS{TODAY.year}-"))
        assert len(codes) == len(set(codes)) and this_year
        assert all(re.fullmatch(r"ZS20\d\d-\d{5}", c) for c in codes)
        assert this_year == [f"ZS{TODAY.year}-{n:05d}" for n in range(1, len(this_year) + 1)]
        assert next_project_code(s, TODAY.year) == f"ZS{TODAY.year}-{len(this_year) + 1:05d}"


def test_teams_of_a_full_bureau_number_150_to_200() -> None:
    start, today = date(2024, 1, 1), TODAY
    clock = Clock(date(2023, 1, 1), today)
    maker = TeamMaker(
        random.Random(1),
        Geography("450100"),
        lambda rng, ordinal: {"created_at": clock.at(rng, ordinal)},
        start,
        today,
    )
    data = maker.make(16, (8, 13))
    assert 150 <= len(data.teams) <= 200
    assert len({t["name"] for t in data.teams}) == len(data.teams)
    people = Counter(m["person_name"] for m in data.members)
    moved = [name for name, n in people.items() if n > 1]
    assert moved  # some members moved between teams


def test_refuses_a_database_with_projects(demo_db: Database) -> None:
    with pytest.raises(CrmError) as caught:
        generate_demo(demo_db, scale="tiny", seed=SEED, today=TODAY)
    assert caught.value.code == "not_empty"
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 200


def _indexes(db: Database) -> set[tuple[str, str]]:
    with db.engine.connect() as conn:
        return {index for table in LOADED_TABLES for index in plain_indexes(conn, table)}


def test_cancel_writes_nothing_and_progress_reaches_the_end(db: Database) -> None:
    indexes = _indexes(db)
    assert {name for name, _ in indexes} >= {"ix_activity_project_date", "ix_change_log_record"}
    with db.session() as s:  # the bureau's settings, logged when the database was set up
        logged_before = s.scalar(select(func.count()).select_from(ChangeLog))
    calls: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        generate_demo(
            db,
            scale="tiny",
            seed=SEED,
            today=TODAY,
            progress=lambda d, t: calls.append((d, t)),
            should_cancel=lambda: len(calls) >= 3,
        )
    with db.session() as s:
        for model in (Project, Company):
            assert s.scalar(select(func.count()).select_from(model)) == 0
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == logged_before
    assert _indexes(db) == indexes  # the rollback brought back the dropped indexes
    calls.clear()
    summary = generate_demo(
        db, scale="tiny", seed=SEED, today=TODAY, progress=lambda d, t: calls.append((d, t))
    )
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert calls[-1] == (summary.records, summary.records)
    assert summary.change_log_rows == summary.records
    assert _indexes(db) == indexes  # rebuilt after the load
    assert GENERATOR_VERSION >= 1


def test_unknown_scale_is_a_clear_error(db: Database) -> None:
    with pytest.raises(CrmError, match="huge"):
        generate_demo(db, scale="huge", seed=1, today=TODAY)


def test_command_line_init_demo_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite"
    assert main(["--db", str(path), "info"]) == 1
    assert "不存在" in capsys.readouterr().err
    assert main(["--db", str(path), "init"]) == 0
    assert str(path) in capsys.readouterr().out
    args = ["--db", str(path), "demo", "--scale", "tiny", "--seed", "5", "--today", "2026-11-23"]
    assert main([*args, "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "项目: 200" in out and "tiny" in out
    assert main(["--db", str(path), "--lang", "en", "info"]) == 0
    info = capsys.readouterr().out
    assert "project: 200" in info and "Schema revision:" in info and str(path) in info
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "空数据库" in captured.err
    assert main(["--db", str(path), "demo", "--today", "2026-13-01"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("terminal", [False, True], ids=["redirected", "terminal"])
def test_progress_only_on_a_terminal(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
) -> None:
    import sys

    path = tmp_path / "cli.sqlite"
    assert main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal)
    args = ["--db", str(path), "demo", "--scale", "tiny", "--today", "2026-11-23"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "项目: 200" in captured.out
    if terminal:
        assert "100%" in captured.err and captured.err.endswith("\n")
    else:
        assert captured.err == ""  # redirected output stays clean


def test_an_error_after_progress_is_a_line_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import crm.cli.demo as demo_cli

    def failing(db: Database, *, progress, **_: object) -> None:
        progress(1, 2)
        raise CrmError("磁盘已满", "Disk full", code="disk_full")

    path = tmp_path / "cli.sqlite"
    assert main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(demo_cli, "generate_demo", failing)
    assert main(["--db", str(path), "demo", "--scale", "tiny"]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert "磁盘已满" in last and "%" not in last


def test_ids_are_uuid4_text_unique_and_increasing() -> None:
    ids = id_maker(random.Random(3))
    made = [ids() for _ in range(3 * ID_BLOCK + 5)]  # across block boundaries
    assert made == sorted(made) and len(set(made)) == len(made)
    assert all(uuid.UUID(text).version == 4 and str(uuid.UUID(text)) == text for text in made)
    again = id_maker(random.Random(3))
    assert [again() for _ in range(10)] == made[:10]


def test_compiled_insert_stores_what_each_column_type_would(db: Database) -> None:
    """The column-wise, memoised conversions give exactly the per-value bind processors'
    result (Money → fen, dates, flags, None), for repeated and fresh values alike."""
    table = Project.__table__
    base = {column.key: None for column in table.c}
    rows = [
        {
            **base,
            "id": f"p{n}",
            "planned_investment": Decimal("12.5") if n % 2 else Decimal(3),
            "is_major": bool(n % 3),
            "stage_on": date(2026, 1, 1 + n % 3),
            "created_at": datetime(2026, 1, 1, 8, 30 + n % 2),
        }
        for n in range(7)
    ]
    with db.engine.connect() as conn:
        compiled = CompiledInsert(conn, table)  # type: ignore[arg-type]
        dialect = conn.dialect
        for _ in range(2):  # the second round is served from the memo
            params = compiled.params(rows)
            for row, stored in zip(rows, params, strict=True):
                for key, value in zip(compiled.order, stored, strict=True):
                    process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
                    expected = process(row[key]) if process and row[key] is not None else row[key]
                    assert value == expected and type(value) is type(expected), key


def test_dispatch_lists_notices_and_key_enterprises_show_something(demo_db: Database) -> None:
    """A fresh demo has this year's key projects with 旬 entries that add up, targets, the
    bureau's lists with commissioners, visits in the last 旬 and requests: the dispatch
    screens and notices are not empty."""
    from crm.models import CompletionEntry, EnterpriseLiaison, EnterpriseRequest, ListEntry
    from crm.periods import xun
    from crm.services.key_enterprises import bureau_lists
    from crm.stats.coverage import key_enterprise_coverage
    from crm.stats.dispatch import dispatch_figures

    with demo_db.session() as s:
        listed = s.scalar(select(func.count()).select_from(ListEntry))
        assert listed == 12  # the tiny scale's (200 projects) at the least
        entries = s.execute(select(CompletionEntry.project_id, CompletionEntry.period_end,
                                   CompletionEntry.amount, CompletionEntry.year_to_date)
                            .order_by(CompletionEntry.project_id,
                                      CompletionEntry.period_end)).all()  # fmt: skip
        assert entries
        running: dict[str, Decimal] = {}
        for pid, end, amount, ytd in entries:  # each 旬's year-to-date adds its amount
            assert end.year == TODAY.year and end < TODAY and end.day in (10, 20, 28, 29, 30, 31)
            running[pid] = running.get(pid, Decimal(0)) + amount
            assert ytd == running[pid]
        figures = dispatch_figures(s, xun(2026, 11, 2), as_of=TODAY)
        assert figures.total.projects == 12 and figures.total.completed_ytd > 0
        assert [x.label for x in figures.four_lists] == ["新开工", "在建", "竣工", "储备"]
        assert [name for _code, name in bureau_lists(s)] == ["市级重点企业", "规上工业企业"]
        coverage = key_enterprise_coverage(s, xun(2026, 11, 2))
        assert coverage.on_list > 0 and 0 < coverage.contacted <= coverage.on_list
        assert coverage.without_commissioner == 0
        assert s.scalar(select(func.count()).select_from(EnterpriseLiaison)) == coverage.on_list
        assert s.scalar(select(func.count()).select_from(EnterpriseRequest)) > 0

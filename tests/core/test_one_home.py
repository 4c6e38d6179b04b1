"""One home per rule: the users of a rule agree.

- On a demo database, the projects screen's stalled views, the dashboard and the briefs count
  the same stalled projects (per team too), and the Teams screen, the dashboard and the
  briefs give each team the same target completion.
- The importer's bulk writer and the services write identical rows for the same ledger:
  every column, the derived ones (milestone dates, source class, normalised names, defaults
  from the investor) included.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from test_ledger_support import make_uscc, write_xlsx

from crm.codes import SourceClass
from crm.db import Database, open_database
from crm.demo import generate_demo
from crm.ledger import ImportOptions, apply_plan, build_plan
from crm.limits import LIMITS
from crm.models import Company, FundsEntry, Project, StageEvent, Team
from crm.periods import year_to_date
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.queries.stalled_views import (
    STALLED_NO_ACTIVITY,
    STALLED_SIGNED_NOT_STARTED,
    STALLED_STARTED_NOT_OPERATING,
    stalled_rule,
)
from crm.queries.teams import team_comparison, team_progress
from crm.services.settings import set_setting
from crm.stalled import KINDS
from crm.stats import brief_figures, dashboard_figures

TODAY = date(2026, 6, 30)
VIEW_OF_KIND = {
    "signed_not_started": STALLED_SIGNED_NOT_STARTED,
    "started_not_operating": STALLED_STARTED_NOT_OPERATING,
    "no_update": STALLED_NO_ACTIVITY,
}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    path = tmp_path_factory.mktemp("one-home") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    generate_demo(database, scale="tiny", seed=3, today=TODAY)
    database.close()
    return path


@pytest.fixture
def demo(demo_path: Path) -> Any:
    database = open_database(demo_path)
    yield database
    database.close()


def _screen_count(session: Any, kind: str, team_id: str = "") -> int:
    rule = stalled_rule(session, today=TODAY)
    f = ProjectFilter(stalled=VIEW_OF_KIND[kind], stalled_rule=rule, team_id=team_id)
    return ProjectQuery(f, today=TODAY).count(session)


def test_stalled_projects_agree_on_a_demo_database(demo: Database) -> None:
    with demo.session() as s:
        screen = {kind: _screen_count(s, kind) for kind in KINDS}
        assert sum(screen.values()) > 0, "the demo must have stalled projects to compare"
        brief = brief_figures(s, year_to_date(TODAY), as_of=TODAY)
        dashboard = dashboard_figures(s, today=TODAY)
        for counted in (brief.stages.stalled, dashboard.stalled):
            assert {kind: getattr(counted, kind) for kind in KINDS} == screen
        # Per team: the brief's team table and the screen filtered to the team.
        for row in brief.teams.rows:
            on_screen = {kind: _screen_count(s, kind, row.team_id) for kind in KINDS}
            assert {kind: getattr(row.stalled, kind) for kind in KINDS} == on_screen, row.name


def test_team_completion_agrees_on_a_demo_database(demo: Database) -> None:
    with demo.session() as s:
        brief = {
            r.team_id: r for r in brief_figures(s, year_to_date(TODAY), as_of=TODAY).teams.rows
        }
        dashboard = dashboard_figures(s, today=TODAY).top_teams
        comparison = {r.team_id: r for r in team_comparison(s, year=TODAY.year, today=TODAY)}
        with_target = [r for r in brief.values() if r.completion_pct is not None]
        assert with_target, "the demo teams have targets"
        for row in with_target:
            screen = team_progress(s, row.team_id, year=TODAY.year, today=TODAY)
            measure = screen.measure("signed_investment")
            assert measure.percent == row.completion_pct, row.name
            assert measure.actual == row.signed_ytd_investment
            assert measure.ahead_points == row.ahead_points
            assert comparison[row.team_id].investment_percent == row.completion_pct
        for top in dashboard:
            assert top.completion_pct == brief[top.team_id].completion_pct


# --- one write path ------------------------------------------------------------------------

#: Columns that differ by nature between two writes (ids, clocks, who).
_OWN = {"id", "created_at", "updated_at", "created_by", "updated_by"}


def _book(tmp_path: Path) -> Path:
    """Investors with headquarters (the projects without a source place take theirs), every
    stage, a drop with its reason, funds that move a signed project to funded, places of
    the own city, the province, elsewhere in China and abroad."""
    companies = [["企业名称", "统一社会信用代码", "总部所在地", "所属行业"]] + [
        [f"企业{i}有限公司", make_uscc(300 + i), place, "C38"]
        for i, place in enumerate(["南宁市", "柳州市", "深圳市", "香港"])
    ]
    header = ["项目编号", "项目名称", "投资方", "总投资（万元）", "项目阶段", "签约时间",
              "开工时间", "投产时间", "终止时间", "终止原因", "投资来源地", "洽谈时间"]  # fmt: skip
    stages = ["线索", "在谈", "已签约", "已开工", "已投产", "已终止"]
    rows = []
    for i in range(24):
        stage = stages[i % len(stages)]
        signed = "2025-01-05" if stage not in ("线索", "在谈") else None
        started = "2025-04-01" if stage in ("已开工", "已投产") else None
        operating = "2026-02-01" if stage == "已投产" else None
        dropped = "2025-06-01" if stage == "已终止" else None
        source = [None, "北京市", "广西壮族自治区柳州市", "美国"][i % 4]
        rows.append([f"P{i}", f"项目{i}", f"企业{i % 4}有限公司", 1000 + 100 * i, stage,
                     signed, started, operating, dropped, "资金链断裂" if dropped else None,
                     source, "2024-11-01" if stage != "线索" else None])  # fmt: skip
    funds = [["项目编号", "到位日期", "到位金额（万元）"]] + [
        [f"P{i}", "2025-03-01", 50] for i in range(2, 24, 6)
    ]
    return write_xlsx(
        tmp_path / "book.xlsx", {"企业": companies, "项目": [header, *rows], "到位资金": funds}
    )


def _rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the written tables, each column by name, references by natural key."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.session() as s:
        names = {
            **{c.id: c.name for c in s.scalars(select(Company))},
            **{p.id: p.code for p in s.scalars(select(Project))},
            **{t.id: t.name for t in s.scalars(select(Team))},
        }
        for model in (Company, Project, StageEvent, FundsEntry):
            table = model.__table__
            columns = [c for c in table.columns if c.name not in _OWN]
            rows = s.execute(select(*columns)).all()
            out[table.name] = sorted(
                (
                    tuple(
                        (c.name, names.get(v, v) if c.name.endswith("_id") else v)
                        for c, v in zip(columns, row, strict=True)
                    )
                    for row in rows
                ),
                key=repr,
            )
    return out


def _import(template: Path, target: Path, book: Path, threshold: int) -> Database:
    shutil.copy(template, target)
    database = open_database(target)
    with database.session() as s:
        set_setting(s, "bureau_region_code", "450100")
        set_setting(s, "bureau_level", "city")
    plan = build_plan(database, book, ImportOptions(today=TODAY, bulk_threshold=threshold))
    assert plan.invalid_count == 0, plan.problems
    apply_plan(database, plan)
    return database


def test_bulk_writer_and_services_write_identical_rows(
    sqlite_template: Path, tmp_path: Path
) -> None:
    book = _book(tmp_path)
    services = _import(sqlite_template, tmp_path / "services.sqlite", book, 10**9)
    bulk = _import(sqlite_template, tmp_path / "bulk.sqlite", book, 0)
    by_services, by_bulk = _rows(services), _rows(bulk)
    assert len(by_services["project"]) == 24 and len(by_services["funds_entry"]) == 4
    classes = {dict(r)["source_class"] for r in by_services["project"]}
    assert {klass.value for klass in SourceClass} <= classes
    for table, rows in by_services.items():
        assert by_bulk[table] == rows, table
    services.close()
    bulk.close()


def test_model_columns_are_as_long_as_the_limits() -> None:
    """The schema's VARCHAR lengths are the checks' limits (crm.limits), not a copy."""
    for model in (Company, Project, Team):
        table = model.__table__
        for field, limit in LIMITS[table.name].items():
            length = getattr(table.c[field].type, "length", None)
            assert length in (None, limit), (table.name, field)  # None: TEXT, checked only

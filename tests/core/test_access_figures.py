"""Briefs, statistics, analyses, drill-down lists and the brief's Excel leave out the
confidential projects the reader may not see; staff and managers get everything.

The world (2026-Q1, amounts in 万元), every project newly signed in the quarter with one funds
entry and one open problem:

  甲队公开项目  team A            1000 signed 01-10, funds 100
  甲队保密项目  team A, secret    2000 signed 01-20, funds 200
  乙队保密项目  team B, secret    4000 signed 02-10, funds 400
  乙队公开项目  team B            8000 signed 03-10, funds 800

Worked out by hand (each amount a power of two, so a sum names its projects):
  staff, manager        4 projects, 15000 signed, 1500 funds, 4 problems
  viewer (no team)      2 projects,  9000 signed,  900 funds, 2 problems (the public ones)
  member of team A      3 projects, 11000 signed, 1100 funds, 3 problems
  leader of team B      3 projects, 13000 signed, 1300 funds, 3 problems
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_stats_data import Builder

from crm.access import Actor
from crm.accounts import add_user
from crm.analysis.spec import AnalysisSpec
from crm.codes import Role
from crm.db import Database
from crm.periods import parse_period
from crm.queries.drill import figure_code
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.reports.build import build_brief
from crm.services import projects
from crm.stats import BUREAU, brief_figures, dashboard_figures
from crm.stats.requests import request_figures

Q1 = parse_period("2026-Q1")
AS_OF = date(2026, 6, 30)
D = Decimal
NAMES = ("甲队公开项目", "甲队保密项目", "乙队保密项目", "乙队公开项目")


@pytest.fixture
def world(db: Database) -> dict[str, str]:
    with db.session() as s:
        b = Builder(s, today=AS_OF)
        b.team("驻深圳招商工作队")
        b.team("驻上海招商工作队")
        for (name, team, amount, signed), day in zip(
            (
                ("甲队公开项目", "驻深圳招商工作队", "1000", date(2026, 1, 10)),
                ("甲队保密项目", "驻深圳招商工作队", "2000", date(2026, 1, 20)),
                ("乙队保密项目", "驻上海招商工作队", "4000", date(2026, 2, 10)),
                ("乙队公开项目", "驻上海招商工作队", "8000", date(2026, 3, 10)),
            ),
            range(1, 5),
            strict=True,
        ):
            b.project(
                name, investment=amount, signed=signed, team=team,
                funds_entries=[(date(2026, 3, 20 + day), str(int(amount) // 10))],
            )  # fmt: skip
            b.problem(name, "land", raised=date(2026, 3, 1))
            if "保密" in name:
                projects.update_project(s, b.ids[name], confidential=True)
        return dict(b.ids)


def reader(role: str, team: str | None, ids: dict[str, str]) -> Actor:
    return Actor(f"u_{role}", role, frozenset({Role(role)}), team_id=ids[team] if team else None)


#: (role, team) → (signed count, signed 万元, funds 万元, problems, the names they see).
EXPECTED = {
    ("staff", None): (4, "15000", "1500", 4, set(NAMES)),
    ("manager", None): (4, "15000", "1500", 4, set(NAMES)),
    ("viewer", None): (2, "9000", "900", 2, {"甲队公开项目", "乙队公开项目"}),
    ("member", "驻深圳招商工作队"): (3, "11000", "1100", 3, set(NAMES) - {"乙队保密项目"}),
    ("leader", "驻上海招商工作队"): (3, "13000", "1300", 3, set(NAMES) - {"甲队保密项目"}),
}


@pytest.mark.parametrize(("role", "team"), list(EXPECTED))
def test_brief_figures_and_lists_leave_out_what_the_reader_may_not_see(
    db: Database, world: dict[str, str], role: str, team: str | None
) -> None:
    count, signed, funds, problems, seen = EXPECTED[(role, team)]
    db.user = reader(role, team, world)
    with db.read() as s:
        figures = brief_figures(s, Q1, BUREAU, as_of=AS_OF)
        assert figures.signed.total.count.current == count
        assert figures.signed.total.investment.current == D(signed)
        assert figures.funds.total.current == D(funds)
        assert figures.problems.total.raised == problems
        assert {p.name for p in figures.key_projects} == seen
        assert request_figures(s, Q1, BUREAU).total.received == problems
        dashboard = dashboard_figures(s, today=AS_OF)
        assert dashboard.signed_count.current == count
        # The drill-down of the signed figure lists exactly the projects it counted.
        by_id = {v: k for k, v in world.items()}
        drill = ProjectQuery(ProjectFilter(figure=figure_code("signed", Q1))).ids(s)
        assert {by_id[i] for i in drill} == seen


def test_the_brief_excel_of_a_member_names_no_other_teams_secret(
    db: Database, world: dict[str, str], tmp_path: Path
) -> None:
    db.user = reader("member", "驻深圳招商工作队", world)
    out = tmp_path / "brief.xlsx"
    with db.read() as s:
        build_brief(s, Q1, BUREAU, issued_on=AS_OF, xlsx_path=out)
    cells = [
        str(cell.value)
        for sheet in load_workbook(BytesIO(out.read_bytes())).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    text = "\n".join(cells)
    assert "甲队保密项目" in text and "乙队保密项目" not in text


def test_analysis_by_team_counts_only_readable_projects(
    db: Database, world: dict[str, str]
) -> None:
    from crm.analysis import run_analysis

    spec = AnalysisSpec(measure="signed_investment", dimensions=("team",), period=Q1)
    db.user = reader("member", "驻深圳招商工作队", world)
    with db.read() as s:
        member = run_analysis(s, spec, as_of=AS_OF)
    db.user = reader("staff", None, world)
    with db.read() as s:
        staff = run_analysis(s, spec, as_of=AS_OF)
    assert member.loc["合计"].iloc[0] == D(11000)
    assert staff.loc["合计"].iloc[0] == D(15000)
    assert member.loc["驻上海招商工作队"].iloc[0] == D(8000)  # B's secret 4000 left out


def test_crm_stats_and_analyze_as_a_viewer(
    db: Database, world: dict[str, str], monkeypatch, capsys
) -> None:
    from crm.cli import main

    with db.session() as s:
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
        add_user(s, login="kan", name="只读", roles="viewer", password="kan-pass-1")
        add_user(s, login="jia", name="甲队长", roles="staff", password="jia-pass-1")
    url = db.engine.url.render_as_string(hide_password=False)
    period = ["--period", "2026-Q1"]

    def stats(login: str, password: str) -> dict:
        monkeypatch.setenv("CRM_PASSWORD", password)
        assert main(["--db", url, "--user", login, "stats", *period]) == 0
        return json.loads(capsys.readouterr().out)

    viewer, staff = stats("kan", "kan-pass-1"), stats("jia", "jia-pass-1")
    assert viewer["signed"]["total"]["count"]["current"] == 2
    assert viewer["signed"]["total"]["investment"]["current"] == 9000
    assert staff["signed"]["total"]["count"]["current"] == 4
    assert staff["signed"]["total"]["investment"]["current"] == 15000

    monkeypatch.setenv("CRM_PASSWORD", "kan-pass-1")
    analyze = ["analyze", "--measure", "signed_count", "--by", "team", *period, "--json"]
    assert main(["--db", url, "--user", "kan", *analyze]) == 0
    rows = {r["label"]: r["values"] for r in json.loads(capsys.readouterr().out)["rows"]}
    first = json.loads(json.dumps(rows))["合计"]
    assert next(iter(first.values())) == 2  # the two public projects
    assert next(iter(rows["驻深圳招商工作队"].values())) == 1

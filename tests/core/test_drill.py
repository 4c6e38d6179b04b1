"""Drill-down: the projects list for a figure holds exactly the projects the figure counted
(the small world of test_stats_data; 2026-Q1 as of 2026-11-23)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.orm import Session
from test_stats_data import TODAY, Builder, build_small_world

from crm.db import Database
from crm.errors import ValidationError
from crm.periods import parse_period
from crm.queries.drill import figure_code, figure_label, parse_figure
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.services.settings import set_setting
from crm.stats import brief_figures, parse_scope

Q1 = parse_period("2026-Q1")


@pytest.fixture
def world(db: Database) -> Iterator[tuple[Session, Builder]]:
    with db.session() as session:
        b = build_small_world(session)
        # Own area (Nanning itself): not 招商引资, left out of the figures by default.
        b.project("P9 市内项目", investment="7000", signed=date(2026, 2, 1), region="450100")
        yield session, b


def names(session: Session, b: Builder, kind: str, **kw: object) -> set[str]:
    f = ProjectFilter(figure=figure_code(kind, Q1), **kw)  # type: ignore[arg-type]
    by_id = {v: k for k, v in b.ids.items()}
    return {by_id[i] for i in ProjectQuery(f).ids(session)}


def test_each_figure_lists_the_projects_it_counted(world: tuple[Session, Builder]) -> None:
    session, b = world
    brief = brief_figures(session, Q1, parse_scope(session, ""), as_of=TODAY)
    signed = names(session, b, "signed")
    assert signed == {"P1 新能源电池项目", "P2 软件研发中心", "P7 柳州建筑项目"}
    assert len(signed) == brief.signed.total.count.current
    # Funds in Q1: P1 (1000 + 2000) and P2 (500); P4's are deleted with it, P7's entry too.
    assert names(session, b, "funds") == {"P1 新能源电池项目", "P2 软件研发中心"}
    assert names(session, b, "started") == {"P7 柳州建筑项目"}
    # Combined with the list's other filters: a team's signed projects.
    team = b.ids["南宁市驻深圳招商工作队"]
    assert names(session, b, "signed", team_id=team) == {"P1 新能源电池项目", "P7 柳州建筑项目"}


def test_the_own_area_setting_counts_for_the_list_too(world: tuple[Session, Builder]) -> None:
    session, b = world
    set_setting(session, "include_own_area", True)
    assert "P9 市内项目" in names(session, b, "signed")


def test_figure_codes_read_back_and_bad_ones_are_refused() -> None:
    code = figure_code("signed", Q1)
    assert code == "signed:2026-01-01:2026-03-31"
    assert parse_figure(code)[1].start == date(2026, 1, 1)
    assert figure_label(code) == "新签约项目 2026-01-01 至 2026-03-31"
    with pytest.raises(ValidationError):
        parse_figure("profit:2026-01-01:2026-03-31")
    assert ProjectFilter.from_dict(ProjectFilter(figure=code).to_dict()).figure == code

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


def qualified(session: Session, b: Builder, period_code: str, qualifier: str) -> set[str]:
    f = ProjectFilter(figure=figure_code("signed", parse_period(period_code), qualifier))
    by_id = {v: k for k, v in b.ids.items()}
    return {by_id[i] for i in ProjectQuery(f).ids(session)}


def test_a_list_row_holds_the_projects_the_brief_counted_on_that_list(
    world: tuple[Session, Builder],
) -> None:
    session, b = world
    # An investor on the 2020 中国企业500强 only: a yearly ranking counts through 2021, so its
    # project signed in 2026 is on no list in Q1 (a plain list filter would still show it).
    b.company("旧榜企业有限公司")
    from crm.services import companies

    companies.add_company_tag(
        session, company_id=b.ids["旧榜企业有限公司"], tag="china_500", edition_year=2020
    )
    b.project(
        "P10 旧榜项目", investment="3000", signed=date(2026, 2, 5), company="旧榜企业有限公司"
    )
    brief = brief_figures(session, Q1, parse_scope(session, ""), as_of=TODAY)
    counted = {r.key: r.count.current for r in [*brief.signed.by_tag, brief.signed.top_500]}
    # P1 through its parent 华润集团 (世界500强, 中国企业500强); P2: 小巨人 and 瞪羚.
    assert qualified(session, b, "2026-Q1", "tag=china_500") == {"P1 新能源电池项目"}
    assert counted["china_500"] == 1
    assert qualified(session, b, "2026-Q1", "tag=top_500") == {"P1 新能源电池项目"}
    assert counted["top_500"] == 1
    assert qualified(session, b, "2026-Q1", "tag=gazelle") == {"P2 软件研发中心"}
    assert counted["gazelle"] == 1
    plain = ProjectFilter(figure=figure_code("signed", Q1), tags=("china_500",))
    assert len(ProjectQuery(plain).ids(session)) == 2  # why the brief's rule is needed


def test_country_and_source_class_rows(world: tuple[Session, Builder]) -> None:
    session, b = world
    # 2025-Q1: P8 from Japan; 2026-04-01 .. 06-30: P3 from Hong Kong (country HK).
    assert qualified(session, b, "2025-Q1", "country=JP") == {"P8 日资项目"}
    assert qualified(session, b, "2026-Q2", "country=HK") == {"P3 港资物流园"}
    # 2026-Q1: P7 from Liuzhou, in the province outside Nanning.
    brief = brief_figures(session, Q1, parse_scope(session, ""), as_of=TODAY)
    rows = {r.key: r.count.current for r in brief.signed.by_source_class}
    assert qualified(session, b, "2026-Q1", "source_class=in_province") == {"P7 柳州建筑项目"}
    assert rows["in_province"] == 1


def test_qualified_codes_read_back_and_bad_ones_are_refused() -> None:
    code = figure_code("signed", Q1, "tag=fortune_global_500")
    assert code == "signed:2026-01-01:2026-03-31:tag=fortune_global_500"
    assert figure_label(code) == "新签约项目 2026-01-01 至 2026-03-31 · 世界500强"
    assert figure_label(code, "en").endswith(" · Fortune Global 500")
    for bad in ("signed:2026-01-01:2026-03-31:colour=red", "funds:2026-01-01:2026-03-31:tag=x"):
        with pytest.raises(ValidationError):
            parse_figure(bad)

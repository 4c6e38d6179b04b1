"""Chinese names sort by pinyin in every list, in SQL, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from crm.models import Problem
from crm.queries import activities as activity_queries
from crm.queries import companies as company_queries
from crm.queries import problems as problem_queries
from crm.queries.project_filter import ProjectFilter
from crm.queries.project_list import ProjectQuery
from crm.search import sort_key
from crm.services import activities, companies, problems, projects, teams

#: Code-point order would be 万 三 上 中 (4E07 < 4E09 < 4E0A < 4E2D) and 阿 last.
NAMES = ("万达", "三一", "上海", "中铝", "阿里", "西安", "先导")
PINYIN = ("阿里", "三一", "上海", "万达", "西安", "先导", "中铝")


def test_the_sort_key_follows_the_dictionary() -> None:
    assert sorted(NAMES, key=sort_key) == list(PINYIN)
    assert sort_key("重庆") == "chong2 qing4"  # the word, not 重 read alone (zhong4)


def _world(s) -> dict[str, str]:
    ids = {}
    for name in NAMES:
        company = companies.create_company(s, name=f"{name}集团有限公司").id
        team = teams.create_team(s, name=f"{name}招商工作队").id
        pid = projects.create_project(s, name=f"{name}项目", company_id=company, team_id=team).id
        activities.log_activity(s, occurred_on=date(2026, 3, 1), kind="visit", project_id=pid)
        problems.raise_problem(
            s,
            project_id=pid,
            category="land",
            description="用地",
            raised_on=date(2026, 3, 2),
            today=date(2026, 11, 23),
        )
        ids[pid] = name
    return ids


def test_every_list_sorts_names_by_pinyin(db) -> None:
    with db.session() as s:
        names = _world(s)
        query = ProjectQuery(ProjectFilter())
        for key in ("name", "company", "team"):
            order = [names[i] for i in query.ids(s, sort=key)]
            assert order == list(PINYIN), key
            assert [names[i] for i in query.ids(s, sort=key, descending=True)] == list(
                reversed(PINYIN)
            )
        company_names = dict(
            (cid, name.removesuffix("集团有限公司"))
            for cid, name in (
                (o.code, o.label) for o in company_queries.company_name_options(s, "")
            )
        )
        listed = company_queries.company_ids(s, company_queries.CompanyFilter(), sort="name")
        assert [company_names[c] for c in listed] == list(PINYIN)
        project_of = {}
        for pid in names:
            project_of.update(
                {
                    a: pid
                    for a in activity_queries.activity_ids(
                        s, activity_queries.ActivityFilter(project_id=pid)
                    )
                }
            )
        by_project = activity_queries.activity_ids(
            s, activity_queries.ActivityFilter(), sort="project", descending=False
        )
        assert [names[project_of[a]] for a in by_project] == list(PINYIN)
        by_project = problem_queries.problem_ids(s, problem_queries.ProblemFilter(), sort="project")
        assert [names[s.get(Problem, p).project_id] for p in by_project] == list(PINYIN)


def test_a_project_not_indexed_yet_is_still_listed(db, monkeypatch) -> None:
    """While another thread re-indexes, a new project has no sort key yet: it is listed first
    (sorted once its key exists), never left out."""
    from crm import search

    with db.session() as s:
        names = _world(s)
        ProjectQuery(ProjectFilter()).ids(s, sort="name")  # the index is fresh now
    monkeypatch.setattr(search, "ensure_fresh", lambda session, table: 0)  # busy elsewhere
    # Written without its index entry (e.g. by another program): writers index what they
    # write themselves (crm.audit), so that is switched off here.
    monkeypatch.setattr(search, "index_records", lambda session, table, ids: None)
    with db.session() as s:
        late = projects.create_project(s, name="八步项目").id
        order = ProjectQuery(ProjectFilter()).ids(s, sort="name")
    assert order[0] == late and [names[i] for i in order[1:]] == list(PINYIN)


def test_choice_lists_and_the_teams_list_go_by_pinyin(db) -> None:
    """The team pickers, the parks and the 工作队 list (within a region group) read 阿 · 三 ·
    上 · 万, not in code-point order."""
    from crm.models import Park
    from crm.queries.project_choices import project_choices
    from crm.queries.teams import team_list

    with db.session() as s:
        _world(s)
        for name in NAMES:
            s.add(Park(name=f"{name}产业园"))
        s.flush()
        expected = [f"{n}招商工作队" for n in PINYIN]
        assert [n for _i, n in activity_queries.team_options(s)] == expected
        choices = project_choices(s)
        assert [n for _i, n in choices.teams] == expected
        assert [n for _i, n in choices.parks] == [f"{n}产业园" for n in PINYIN]
        assert [r.name for r in team_list(s, today=date(2026, 11, 23))] == expected

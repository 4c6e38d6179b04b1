"""Who may do what: every service and query with every role, against a table worked out by
hand from the issue's rules (viewer, member, leader, staff, manager, admin)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crm import access
from crm.access import AccessDenied, Actor
from crm.codes import Role
from crm.errors import NotFoundError
from crm.queries import activities as activity_queries
from crm.queries import problems as problem_queries
from crm.queries import project_detail, project_filter, project_list
from crm.services import activities, companies, funds, problems, stages, teams
from crm.services import projects as project_service
from crm.services.settings import set_setting

TODAY = date(2026, 6, 30)


@pytest.fixture
def world(db) -> dict[str, str]:
    """Two teams; team A has an open and a confidential lead, team B a confidential lead and
    an open signed project; each project has an activity and a problem."""
    ids: dict[str, str] = {}
    with db.session() as s:
        ids["A"] = teams.create_team(s, name="驻深圳招商工作队").id
        ids["B"] = teams.create_team(s, name="驻上海招商工作队").id
        ids["company"] = companies.create_company(s, name="深圳比亚迪股份有限公司").id
        for key, team, secret in (
            ("a_open", "A", False),
            ("a_secret", "A", True),
            ("b_secret", "B", True),
            ("b_open", "B", False),
        ):
            ids[key] = project_service.create_project(
                s, name=f"项目{key}", team_id=ids[team], confidential=secret
            ).id
            activities.log_activity(
                s, occurred_on=date(2026, 6, 1), kind="visit", project_id=ids[key]
            )
            problems.raise_problem(
                s,
                project_id=ids[key],
                category="land",
                description=f"用地{key}",
                raised_on=date(2026, 6, 1),
                today=TODAY,
            )
    return ids


def actor(role: str, team_id: str | None = None) -> Actor:
    return Actor(login=f"u_{role}", name=role, roles=frozenset({Role(role)}), team_id=team_id)


Op = Callable[[Any, dict[str, str]], Any]

#: Each operation, and the roles allowed it (worked out from the issue's role list).
ALL = {"viewer", "member", "leader", "staff", "manager", "admin"}
TEAM = {"member", "leader", "staff", "manager", "admin"}
LEDGER = {"staff", "manager", "admin"}
OPERATIONS: dict[str, tuple[Op, set[str]]] = {
    "create company": (lambda s, i: companies.create_company(s, name="新企业有限公司"), LEDGER),
    "edit company": (lambda s, i: companies.update_company(s, i["company"], name="改名"), LEDGER),
    "create own team's lead": (
        lambda s, i: project_service.create_project(s, name="新线索", team_id=i["A"]),
        TEAM,
    ),
    "create other team's lead": (
        lambda s, i: project_service.create_project(s, name="别队线索", team_id=i["B"]),
        LEDGER,
    ),
    "create lead without team": (
        lambda s, i: project_service.create_project(s, name="无队线索"),
        LEDGER,
    ),
    "edit own team's project": (
        lambda s, i: project_service.update_project(s, i["a_open"], notes="跟进中"),
        TEAM,
    ),
    "edit other team's project": (
        lambda s, i: project_service.update_project(s, i["b_open"], notes="跟进中"),
        LEDGER,
    ),
    "move own project to another team": (
        lambda s, i: project_service.update_project(s, i["a_open"], team_id=i["B"]),
        LEDGER,
    ),
    "stage move own project": (
        lambda s, i: stages.move_stage(
            s, i["a_open"], to_stage="negotiating", on=date(2026, 6, 2), today=TODAY
        ),
        TEAM,
    ),
    "stage move other team's project": (
        lambda s, i: stages.move_stage(
            s, i["b_open"], to_stage="negotiating", on=date(2026, 6, 2), today=TODAY
        ),
        LEDGER,
    ),
    "funds on own project": (
        lambda s, i: funds.record_funds(
            s, project_id=i["a_open"], received_on=date(2026, 6, 3), amount=1, today=TODAY
        ),
        TEAM,
    ),
    "activity on own project": (
        lambda s, i: activities.log_activity(
            s, occurred_on=date(2026, 6, 5), kind="phone", project_id=i["a_open"]
        ),
        TEAM,
    ),
    "activity on other team's project": (
        lambda s, i: activities.log_activity(
            s, occurred_on=date(2026, 6, 5), kind="phone", project_id=i["b_open"]
        ),
        LEDGER,
    ),
    "problem on own project": (
        lambda s, i: problems.raise_problem(
            s,
            project_id=i["a_open"],
            category="land",
            description="新问题",
            raised_on=date(2026, 6, 5),
            today=TODAY,
        ),
        TEAM,
    ),
    "problem on other team's project": (
        lambda s, i: problems.raise_problem(
            s,
            project_id=i["b_open"],
            category="land",
            description="新问题",
            raised_on=date(2026, 6, 5),
            today=TODAY,
        ),
        LEDGER,
    ),
    "own team's target": (
        lambda s, i: teams.set_target(s, team_id=i["A"], year=2026, signed_projects=5),
        {"leader", *LEDGER},
    ),
    "own team's member": (
        lambda s, i: teams.add_member(s, team_id=i["A"], person_name="李四"),
        {"leader", *LEDGER},
    ),
    "other team's target": (
        lambda s, i: teams.set_target(s, team_id=i["B"], year=2026, signed_projects=5),
        LEDGER,
    ),
    "create team": (lambda s, i: teams.create_team(s, name="新工作队"), LEDGER),
    "settings": (lambda s, i: set_setting(s, "bureau_name", "某局"), {"admin"}),
    "own profile": (lambda s, i: set_setting(s, "user_name", "张三"), ALL),
    "resolve conflict": (
        lambda s, i: _not_found_is_allowed(
            lambda: __import__("crm.sync.conflicts", fromlist=["x"]).resolve_conflict(
                s, "no-such", keep="winner", site_id="x", actor="x"
            )
        ),
        {"manager", "admin"},
    ),
    "brief": (lambda s, i: access.require_in(s, "print_brief"), ALL),
}


def _not_found_is_allowed(call: Callable[[], Any]) -> None:
    with contextlib.suppress(NotFoundError):  # the check passed; there is no such conflict
        call()


ROLES = ["viewer", "member", "leader", "staff", "manager", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_every_service_against_the_table(db, world, role: str) -> None:
    someone = actor(role, world["A"])
    outcome: dict[str, bool] = {}
    for name, (operation, _allowed) in OPERATIONS.items():
        try:
            with db.session(actor=someone) as s:
                operation(s, world)
            outcome[name] = True
        except AccessDenied:
            outcome[name] = False
    expected = {name: role in allowed for name, (_op, allowed) in OPERATIONS.items()}
    assert outcome == expected


#: How many of the four projects (and their activities and problems) each role sees:
#: team A's member sees both of A's and B's open one; staff and above see all four.
VISIBLE = {"viewer": 2, "member": 3, "leader": 3, "staff": 4, "manager": 4, "admin": 4}


@pytest.mark.parametrize("role", ROLES)
def test_every_query_hides_other_teams_confidential_leads(db, world, role: str) -> None:
    someone = actor(role, world["A"])
    if role == "viewer":  # a viewer of no team sees no confidential lead at all
        someone = Actor(login="v", roles=frozenset({Role.VIEWER}))
    db.user = someone
    with db.read() as s:
        listed = project_list.ProjectQuery().ids(s)
        counted = project_list.ProjectQuery().count(s)
        found = project_list.ProjectQuery(project_filter.ProjectFilter(text="项目")).ids(s)
        acts = activity_queries.activity_ids(s, activity_queries.ActivityFilter())
        act_count = activity_queries.count_activities(s, activity_queries.ActivityFilter())
        probs = problem_queries.problem_ids(s, problem_queries.ProblemFilter())
        prob_count = problem_queries.count_problems(s, problem_queries.ProblemFilter())
        detail = project_detail.project_detail(s, world["b_secret"], today=TODAY)
    n = VISIBLE[role]
    assert (len(listed), counted, len(found)) == (n, n, n)
    assert (len(acts), act_count, len(probs), prob_count) == (n, n, n, n)
    assert world["b_secret"] not in listed or role in LEDGER
    assert (detail is not None) == (role in LEDGER)


def test_without_accounts_the_local_profile_may_do_everything(db, world) -> None:
    with db.session() as s:
        assert access.actor_of(s).has(Role.ADMIN)
        project_service.update_project(s, world["b_secret"], notes="本机")
        set_setting(s, "bureau_name", "南宁市投资促进局")


def test_denial_is_one_sentence_naming_user_and_action(db, world) -> None:
    viewer = Actor(login="wang", name="王五", roles=frozenset({Role.VIEWER}))
    with pytest.raises(AccessDenied) as caught, db.session(actor=viewer) as s:
        project_service.update_project(s, world["a_open"], notes="x")
    assert caught.value.message_zh == "用户“王五”（只读用户）无权修改这条记录。"
    with db.read() as s:
        assert project_detail.project_values(s, world["a_open"])["notes"] == ""


def test_exports_and_imports_check_the_actor(db, world, tmp_path: Path) -> None:
    from crm.ledger.export import export_ledger

    member = actor("member")
    with pytest.raises(AccessDenied), db.session(actor=member) as s:
        export_ledger(s, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
    staff = actor("staff")
    with db.session(actor=staff) as s:
        export_ledger(s, tmp_path / "y.xlsx")
    assert (tmp_path / "y.xlsx").exists()


def test_change_log_records_the_actor(db, world) -> None:
    from sqlalchemy import select

    from crm.models import ChangeLog

    member = Actor(login="zhang", name="张三", roles=frozenset({Role.MEMBER}), team_id=world["A"])
    with db.session(actor=member) as s:
        project_service.update_project(s, world["a_open"], notes="已联系")
    with db.read() as s:
        who = s.scalar(
            select(ChangeLog.changed_by).where(
                ChangeLog.record_id == world["a_open"], ChangeLog.field == "notes"
            )
        )
    assert who == "zhang"


def test_role_table_is_total() -> None:
    for action in access.ACTIONS:
        assert action in access.ACTION_LABELS
    for role in Role:
        assert access.authorize(Actor("x", roles=frozenset({role})), "read")

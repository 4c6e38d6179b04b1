"""Activities read side: filters, ids/rows paging, next steps open until followed up."""

from __future__ import annotations

from datetime import date

from crm.queries.activities import (
    ActivityFilter,
    ActivityListQuery,
    activity_detail,
    activity_ids,
    activity_rows,
    count_activities,
    next_steps,
    row_index,
)
from crm.services.activities import delete_activity, log_activity
from crm.services.companies import create_company
from crm.services.projects import create_project
from crm.services.teams import create_team

TODAY = date(2025, 6, 16)


def _seed(s) -> dict[str, str]:
    firm = create_company(s, name="华为技术有限公司").id
    team = create_team(s, name="驻深圳工作队").id
    project = create_project(s, name="华为云计算中心", company_id=firm, team_id=team).id
    other = create_project(s, name="某物流园").id
    ids = {"firm": firm, "team": team, "project": project, "other": other}

    def log(key: str, **kw) -> None:
        ids[key] = log_activity(s, **kw).id

    log(
        "visit",
        occurred_on=date(2025, 6, 1),
        kind="visit",
        project_id=project,
        team_id=team,
        summary="拜访华为，介绍园区",
        next_step="报送用地方案",
        next_step_due=date(2025, 6, 10),
    )
    log(
        "later",
        occurred_on=date(2025, 6, 12),
        kind="negotiation",
        project_id=project,
        team_id=team,
        summary="洽谈用地",
        next_step="签框架协议",
        next_step_due=date(2025, 6, 20),
    )
    log(
        "overdue",
        occurred_on=date(2025, 5, 20),
        kind="phone",
        project_id=other,
        participants="王五",
        next_step="寄送资料",
        next_step_due=date(2025, 6, 1),
    )
    log(
        "far",
        occurred_on=date(2025, 6, 14),
        kind="visit",
        company_id=firm,
        next_step="年底回访",
        next_step_due=date(2025, 12, 1),
    )
    log(
        "gone",
        occurred_on=date(2025, 6, 3),
        kind="visit",
        project_id=other,
        summary="录错了",
        next_step="作废",
        next_step_due=date(2025, 6, 4),
    )
    delete_activity(s, ids["gone"])
    return ids


def test_filters(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        everything = activity_ids(s, ActivityFilter())
        assert everything == [ids["far"], ids["later"], ids["visit"], ids["overdue"]]
        assert count_activities(s, ActivityFilter()) == 4
        assert activity_ids(s, ActivityFilter(kinds=frozenset({"phone"}))) == [ids["overdue"]]
        assert set(activity_ids(s, ActivityFilter(team_id=ids["team"]))) == {
            ids["visit"],
            ids["later"],
        }
        assert activity_ids(s, ActivityFilter(text="用地")) == [ids["later"], ids["visit"]]
        assert activity_ids(s, ActivityFilter(text="王五")) == [ids["overdue"]]
        june = ActivityFilter(date_from=date(2025, 6, 2), date_to=date(2025, 6, 30))
        assert activity_ids(s, june) == [ids["far"], ids["later"]]
        oldest = activity_ids(s, ActivityFilter(), sort="occurred_on", descending=False)
        assert oldest[0] == ids["overdue"]
        assert activity_ids(s, ActivityFilter(company_id=ids["firm"]))[-1] == ids["visit"]


def test_rows_and_list_query(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        rows = activity_rows(s, [ids["overdue"], ids["visit"]])
        assert [r.id for r in rows] == [ids["overdue"], ids["visit"]]
        assert rows[1].project_name == "华为云计算中心"
        assert rows[1].company_name == "华为技术有限公司"  # filled from the project
        assert rows[1].team_name == "驻深圳工作队"
        query = ActivityListQuery(ActivityFilter(kinds=frozenset({"visit"})))
        assert query.ids(s) == [ids["far"], ids["visit"]]
        raw = query.fetch_rows(s, query.ids(s))
        assert raw[0][row_index("next_step")] == "年底回访"
        assert activity_detail(s, ids["gone"]) is None
        assert activity_detail(s, ids["visit"]).next_step == "报送用地方案"


def test_next_steps_open_until_followed_up(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        steps = next_steps(s, today=TODAY, days_ahead=7)
        # the 6-10 step was followed up on 6-12; the deleted one does not count; far is too far
        assert [(r.activity_id, r.overdue) for r in steps] == [
            (ids["later"], False),
            (ids["overdue"], True),
        ]
        assert steps[0].company_name == "华为技术有限公司"
        assert next_steps(s, today=TODAY, team_id=ids["team"])[0].activity_id == ids["later"]
        assert next_steps(s, today=date(2025, 12, 1))[0].activity_id == ids["far"]  # due today

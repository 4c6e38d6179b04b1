"""Problems read side: filters, overdue, close-out state."""

from __future__ import annotations

from datetime import date

from crm.queries.problems import (
    ProblemFilter,
    ProblemListQuery,
    count_problems,
    overdue_problems,
    problem_detail,
    problem_ids,
    problem_rows,
    responsible_units,
    row_index,
)
from crm.services import problems as svc
from crm.services.projects import create_project, delete_project

TODAY = date(2025, 6, 16)


def _seed(s) -> dict[str, str]:
    project = create_project(s, name="锂电池材料项目").id
    gone_project = create_project(s, name="已删项目").id
    ids = {"project": project}

    def raise_(key: str, **kw) -> None:
        ids[key] = svc.raise_problem(s, today=TODAY, **kw).id

    raise_(
        "land",
        project_id=project,
        category="land",
        description="用地指标不足",
        responsible_unit="自然资源局",
        raised_on=date(2025, 3, 1),
        due_on=date(2025, 5, 31),
    )
    raise_(
        "env",
        project_id=project,
        category="environment",
        description="环评批复慢",
        responsible_unit="生态环境局",
        raised_on=date(2025, 4, 1),
        due_on=date(2025, 7, 31),
    )
    raise_(
        "done",
        project_id=project,
        category="utilities",
        description="供电容量",
        responsible_unit="供电局",
        raised_on=date(2025, 2, 1),
        due_on=date(2025, 3, 1),
    )
    raise_(
        "nodue",
        project_id=project,
        category="other",
        description="其他诉求",
        raised_on=date(2025, 5, 1),
    )
    raise_(
        "orphan",
        project_id=gone_project,
        category="land",
        description="项目已删",
        raised_on=date(2025, 3, 1),
        due_on=date(2025, 4, 1),
    )
    svc.close_problem(
        s, ids["done"], resolution="已增容", resolved_on=date(2025, 3, 5), today=TODAY
    )
    delete_project(s, gone_project)
    return ids


def test_filters_and_order(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        assert problem_ids(s, ProblemFilter()) == [
            ids["done"],
            ids["land"],
            ids["env"],
            ids["nodue"],
        ]
        assert problem_ids(s, ProblemFilter(), descending=True)[-1] == ids["nodue"]
        open_ = ProblemFilter(statuses=frozenset({"open", "in_progress"}))
        assert count_problems(s, open_) == 3
        assert problem_ids(s, ProblemFilter(category="environment")) == [ids["env"]]
        assert problem_ids(s, ProblemFilter(responsible_unit="资源")) == [ids["land"]]
        assert problem_ids(s, ProblemFilter(text="锂电池")) != []
        assert problem_ids(s, ProblemFilter(overdue_on=TODAY)) == [ids["land"]]
        assert responsible_units(s) == sorted(["自然资源局", "生态环境局", "供电局"])


def test_rows_overdue_and_detail(db) -> None:
    with db.session() as s:
        ids = _seed(s)
        rows = problem_rows(s, [ids["land"], ids["done"]])
        assert rows[0].overdue(TODAY) and not rows[1].overdue(TODAY)
        assert rows[0].project_name == "锂电池材料项目"
        assert [r.id for r in overdue_problems(s, today=TODAY)] == [ids["land"]]
        done = problem_detail(s, ids["done"])
        assert done is not None and done.status == "resolved" and done.resolution == "已增容"
        query = ProblemListQuery(ProblemFilter(project_id=ids["project"]))
        raw = query.fetch_rows(s, query.ids(s, sort="raised_on"))
        assert raw[0][row_index("description")] == "供电容量"
        assert raw[0][row_index("overdue")] is False

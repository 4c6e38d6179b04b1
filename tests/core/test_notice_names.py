"""The dispatch notice's project table tells two projects of one name apart by their codes
(user test 3: 盛鑫区域总部项目 stood twice in 表7 with nothing to tell which is which)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from crm.reports.notice_tables import _projects
from crm.stats.dispatch import DispatchRow


def _row(code: str, name: str) -> DispatchRow:
    return DispatchRow(project_id=code, code=code, name=name, lists="市级重点项目", nature="",
                       leader="", year_plan=Decimal(1000), completed_ytd=Decimal(500),
                       completed_in_period=Decimal(50), rate_pct=Decimal(50), behind=False,
                       image_progress="", issues="", started_on=None,
                       completed_on=None)  # fmt: skip


def test_two_projects_of_one_name_carry_their_codes() -> None:
    figures = SimpleNamespace(rows=(
        _row("ZS2024-00011", "盛鑫区域总部项目"),
        _row("ZS2024-00012", "智隆饲料项目"),
        _row("ZS2025-00003", "盛鑫区域总部项目"),
    ))  # fmt: skip
    names = [row[1] for row in _projects(figures).rows]  # type: ignore[arg-type]
    assert names == [
        "盛鑫区域总部项目（ZS2024-00011）",
        "智隆饲料项目",
        "盛鑫区域总部项目（ZS2025-00003）",
    ]

"""A record a ledger import loaded in bulk reads as "导入/新建记录" with its fields as
字段: 值 pairs (labels, names, amounts), never as the JSON the change log keeps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crm.ledger import ImportOptions, apply_plan, build_plan
from crm.models import Project
from tests.core.test_ledger_support import write_xlsx

HEADER = ["序号", "项目名称", "投资方", "总投资（万元）", "项目阶段", "签约时间", "投资来源地"]


def _import(db: Any, tmp_path: Path) -> str:
    rows = [[1, "年产10万吨铝材项目", "广东某某铝业有限公司", 12000, "已签约", "2026-03-05",
             "广东省深圳市"]]  # fmt: skip
    path = write_xlsx(tmp_path / "ledger.xlsx", {"项目": [HEADER, *rows]})
    plan = build_plan(db, path, ImportOptions(today=date(2026, 6, 30), bulk_threshold=0))
    assert apply_plan(db, plan).bulk  # the records went in bulk: one change-log row each
    with db.session() as s:
        return s.scalars(select(Project.id)).one()


def _rows(dialog: Any) -> list[list[str]]:
    table = dialog.changes
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    from ui.i18n import install_translations

    install_translations(qapp, "en")
    yield
    install_translations(qapp, "zh")


def test_change_log_reads_an_imported_project(ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    from ui.access.audit_view import AuditDialog

    _import(ctx.db, tmp_path)
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    by_table = {row[2]: row for row in _rows(dialog)}
    project, company = by_table["项目"], by_table["企业"]
    assert project[3:6] == ["年产10万吨铝材项目", "新增", "导入/新建记录"]
    assert project[7] == (
        # The bulk path numbers a new project as the services do (the year's first code).
        "项目名称: 年产10万吨铝材项目；项目编号: ZS2026-00001；投资方: 广东某某铝业有限公司；"
        "协议投资额: 12,000 万元；"
        "来源地: 深圳市；当前阶段: 签约；签约日期: 2026-03-05；首次签约日期: 2026-03-05"
    )
    assert company[5:] == ["导入/新建记录", "", "名称: 广东某某铝业有限公司"]
    assert not any("{" in cell for row in _rows(dialog) for cell in row)


def test_change_log_reads_an_imported_project_in_english(
    sqlite_db: Any, qtbot: Any, tmp_path: Path, english: None
) -> None:
    from ui.access.audit_view import AuditDialog
    from ui.context import AppContext

    _import(sqlite_db, tmp_path)
    dialog = AuditDialog(AppContext(db=sqlite_db, language="en"))
    qtbot.addWidget(dialog)
    project = next(row for row in _rows(dialog) if row[2] == "Project")
    assert project[5] == "Imported or new record"
    investor = "Investor: 广东某某铝业有限公司"
    assert project[7].startswith(
        f"Project name: 年产10万吨铝材项目; Project code: ZS2026-00001; {investor}; "
    )
    assert "Planned investment: 12,000 ×10k CNY" in project[7]
    assert "Source: Shenzhen; Current stage: Signed" in project[7]
    assert "；" not in project[7] and "{" not in project[7]


def test_project_history_reads_the_import(ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    from crm.queries.project_detail import project_detail
    from ui.projects.detail import ProjectDetailPanel

    project_id = _import(ctx.db, tmp_path)
    with ctx.db.session() as s:
        detail = project_detail(s, project_id)
    panel = ProjectDetailPanel("zh")
    qtbot.addWidget(panel)
    panel.set_detail(detail)
    history = panel.history
    loaded = [
        [history.item(r, c).text() for c in range(history.columnCount())]
        for r in range(history.rowCount())
        if history.item(r, 3).text() == "导入/新建记录"
    ]
    assert len(loaded) == 1
    assert loaded[0][5].startswith(
        "项目名称: 年产10万吨铝材项目；项目编号: ZS2026-00001；投资方: 广东某某铝业有限公司；"
    )
    assert loaded[0][5].endswith("…")  # a few lines in the narrow panel …
    row = next(r for r in range(history.rowCount()) if history.item(r, 3).text() == "导入/新建记录")
    whole = history.item(row, 5).toolTip()  # … all of it on hover
    assert "来源地: 深圳市；当前阶段: 签约；签约日期: 2026-03-05" in whole

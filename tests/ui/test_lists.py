"""List screens: sorting keeps the user's place, Chinese sorts by pinyin, an empty result says
so, a new project is selected with its code, the change history reads in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from crm.services import companies, projects, stages, teams
from ui import dialogs
from ui.projects.screen import ProjectsScreen
from ui.testing import type_text


@pytest.fixture
def screen(projects_screen: ProjectsScreen) -> ProjectsScreen:
    return projects_screen


def _names(screen: ProjectsScreen) -> list[str]:
    column = screen.model.column_index("name")
    return [screen.model.index(r, column).data() for r in range(screen.model.rowCount())]


def _sort(qtbot: Any, screen: ProjectsScreen, key: str, order=Qt.SortOrder.AscendingOrder) -> None:
    screen.table.horizontalHeader().setSortIndicator(screen.model.column_index(key), order)
    qtbot.waitUntil(lambda: screen.model.complete, timeout=5000)


def test_chinese_names_sort_by_pinyin(qtbot: Any, screen: ProjectsScreen, ctx: Any) -> None:
    with ctx.db.session() as s:
        for name in ("万达广场项目", "三一重工项目", "上海电气项目", "阿里云数据中心"):
            projects.create_project(s, name=name)
    screen.refresh()
    _sort(qtbot, screen, "name")
    # a (阿) · guang (光) · nan (南) · san (三) · shang (上) · wan (万) · zhong (中)
    assert _names(screen) == [
        "阿里云数据中心",
        "光伏组件项目",
        "南宁数据中心",
        "三一重工项目",
        "上海电气项目",
        "万达广场项目",
        "中石化新材料项目",
    ]
    _sort(qtbot, screen, "name", Qt.SortOrder.DescendingOrder)
    assert _names(screen)[0] == "中石化新材料项目"


def test_sorting_keeps_the_selected_row_in_view_and_the_view_where_it_was(
    qtbot: Any, screen: ProjectsScreen, ctx: Any, sample_projects: Any
) -> None:
    with ctx.db.session() as s:
        for i in range(40):
            projects.create_project(s, name=f"储备项目{i:02d}", planned_investment=Decimal(i))
    screen.refresh()
    screen.splitter.setSizes([0, 420, 0])  # a narrow table: it scrolls sideways
    qtbot.waitUntil(lambda: screen.table.horizontalScrollBar().maximum() > 0, timeout=3000)
    target = sample_projects["光伏组件项目"]
    screen.select_id(target)
    bar = screen.table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    right = bar.value()
    for key in ("planned_investment", "name", "stage_on"):
        _sort(qtbot, screen, key, Qt.SortOrder.DescendingOrder)
        current = screen.table.currentIndex()
        assert screen.model.id_at(current.row()) == target, key
        assert bar.value() == right, key  # no jump to the left edge
        row_rect = screen.table.visualRect(screen.model.index(current.row(), current.column()))
        viewport = screen.table.viewport().rect()
        assert viewport.top() <= row_rect.center().y() <= viewport.bottom(), key
    assert screen.detail.detail is not None and screen.detail.detail.id == target


def test_an_empty_result_says_so(qtbot: Any, screen: ProjectsScreen) -> None:
    overlay = screen.empty_overlay
    assert overlay.isHidden()
    type_text(screen.filter_bar.search, "没有这样的项目")
    screen.filter_bar.search.flush()
    qtbot.waitUntil(lambda: screen.model.complete, timeout=3000)
    assert screen.model.rowCount() == 0
    assert not overlay.isHidden() and overlay.text() == "没有符合条件的记录"
    screen.filter_bar.search.clear()
    screen.filter_bar.search.flush()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=3000)
    assert overlay.isHidden()


@pytest.mark.parametrize(
    ("module", "cls"),
    [
        ("ui.companies.screen", "CompaniesScreen"),
        ("ui.activities.screen", "ActivitiesScreen"),
        ("ui.problems.screen", "ProblemsScreen"),
    ],
)
def test_every_list_screen_says_when_nothing_matches(
    qtbot: Any, ctx: Any, module: str, cls: str
) -> None:
    import importlib

    widget = getattr(importlib.import_module(module), cls)(ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.complete, timeout=3000)
    assert widget.model.rowCount() == 0  # an empty database
    assert not widget.empty_overlay.isHidden()
    assert widget.empty_overlay.text() == "没有符合条件的记录"


def test_a_new_project_is_selected_with_a_code_even_outside_the_first_screenful(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.widgets import paged_model

    monkeypatch.setattr(paged_model, "FIRST_SCREEN", 1)  # the rest arrives from a worker
    _sort(qtbot, screen, "name")

    def fill(form: Any) -> int:
        type_text(form.name, "自贸区冷链物流园项目")  # zi: sorts last
        qtbot.keyClicks(form.planned, "30000")
        form.planned.setText("25000")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        return form.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.new_record()
    qtbot.waitUntil(lambda: screen.model.complete, timeout=5000)
    qtbot.waitUntil(lambda: screen.table.currentIndex().isValid(), timeout=5000)
    current = screen.model.id_at(screen.table.currentIndex().row())
    assert screen.detail.detail is not None and screen.detail.detail.id == current
    assert screen.detail.title.text() == "自贸区冷链物流园项目"
    # The sample's three projects took numbers 1–3 of this year.
    assert screen.detail._fields["code"].text() == f"ZS{date.today().year}-00004"


def test_a_new_project_hidden_by_the_filters_is_shown_beside_them(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen.filter_bar.stages.set_values(["negotiating"])
    assert _names(screen) == ["光伏组件项目"]

    def fill(form: Any) -> int:
        type_text(form.name, "新能源重卡项目")
        qtbot.keyClicks(form.planned, "80000")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        return form.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.new_record()
    assert screen.detail.title.text() == "新能源重卡项目"
    assert not screen.notice.isHidden() and "不在当前筛选结果中" in screen.notice.text()
    qtbot.waitUntil(lambda: screen.model.complete, timeout=3000)
    assert screen.detail.title.text() == "新能源重卡项目"  # a reload does not take it away


def test_after_saving_a_project_the_filters_hide_edit_and_delete_act_on_the_panels_project(
    qtbot: Any,
    screen: ProjectsScreen,
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, Any],
    sample_projects: Any,
) -> None:
    """Finding 35: a row selected under a filter, Ctrl+N saves a project the filter hides. The
    panel shows the new project, so no row may stay highlighted and 编辑 / 删除 must act on
    the new project, never on the row selected before."""
    screen.filter_bar.stages.set_values(["negotiating"])
    assert _names(screen) == ["光伏组件项目"]
    screen.select_id(sample_projects["光伏组件项目"])
    assert screen.detail.title.text() == "光伏组件项目"

    def fill(form: Any) -> int:
        type_text(form.name, "新能源重卡项目")
        qtbot.keyClicks(form.planned, "80000")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        return form.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.new_record()
    qtbot.waitUntil(lambda: screen.model.complete, timeout=3000)
    assert screen.detail.title.text() == "新能源重卡项目"
    assert not screen.table.currentIndex().isValid()  # the old row is no longer highlighted
    assert screen.table.selectionModel().selectedRows() == []
    code = f"ZS{date.today().year}-00004"
    assert screen.notice.text().startswith(f"新项目已保存（编号 {code}），不在当前筛选结果中")
    assert screen.edit_button.isEnabled() and screen.delete_button.isEnabled()

    opened: list[Any] = []
    monkeypatch.setattr(dialogs, "exec_dialog", lambda form: opened.append(form) or 0)
    screen.edit_current()
    assert opened and opened[0].name.text() == "新能源重卡项目"
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda _p, _t, text: asked.append(text) and False)
    screen.delete_current()
    assert asked[-1] == f"删除项目“新能源重卡项目”（{code}）？可用 Ctrl+Z 撤销。"

    # Picking a row of the list puts panel and buttons back on that row.
    screen.select_id(sample_projects["光伏组件项目"])
    assert screen.detail.title.text() == "光伏组件项目"
    assert screen.notice.isHidden()
    screen.delete_current()
    # The third sample project of the year (no investor): named by its code too, since two
    # projects may share a name (user test 3).
    third = f"ZS{date.today().year}-00003"
    assert asked[-1] == f"删除项目“光伏组件项目”（{third}）？可用 Ctrl+Z 撤销。"


def test_clear_filters_in_the_notice_shows_the_saved_project_in_the_list(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen.filter_bar.stages.set_values(["negotiating"])

    def fill(form: Any) -> int:
        type_text(form.name, "新能源重卡项目")
        qtbot.keyClicks(form.planned, "80000")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        return form.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.new_record()
    assert "清除筛选" in screen.notice.text()
    screen.notice.linkActivated.emit("clear")
    qtbot.waitUntil(lambda: screen.model.complete and screen.table.currentIndex().isValid())
    assert len(_names(screen)) == 4
    row = screen.table.currentIndex().row()
    assert screen.model.index(row, screen.model.column_index("name")).data() == "新能源重卡项目"
    assert screen.detail.title.text() == "新能源重卡项目"
    assert screen.notice.isHidden()


def test_the_form_warns_of_a_duplicate_and_opens_the_existing_project(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch, sample_projects: Any
) -> None:
    existing = sample_projects["中石化新材料项目"]

    def fill(form: Any) -> int:
        type_text(form.name, "中石化新材料")
        form.company.set_company(screen.detail_company_id, "中国石油化工集团有限公司")
        form.check_duplicates()
        assert [m[0] for m in form.duplicates.matches] == [existing]
        assert form.save_button.text() == "仍然保存"
        button = form.duplicates.findChild(type(form.save_button), f"open_{existing}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return form.result()

    with screen.ctx.db.session() as s:
        from crm.models import Project

        screen.detail_company_id = s.get(Project, existing).company_id
    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.new_record()
    assert screen.detail.detail is not None and screen.detail.detail.id == existing
    assert "中石化新材料" not in _names(screen)  # nothing saved


def test_the_change_history_reads_in_words(
    qtbot: Any, screen: ProjectsScreen, ctx: Any, sample_projects: Any
) -> None:
    target = sample_projects["南宁数据中心"]
    with ctx.db.session() as s:
        company = companies.create_company(s, name="广西云计算有限公司").id
        team = teams.create_team(s, name="南宁市驻深圳招商工作队").id
        projects.update_project(
            s,
            target,
            name="南宁东盟数据中心",
            company_id=company,
            team_id=team,
            planned_investment=Decimal(45000),
            is_major=True,
        )
        stages.move_stage(s, target, to_stage="negotiating", on=date(2025, 4, 1))
    screen.refresh()
    screen.select_id(target)
    history = screen.detail.history
    rows: dict[str, tuple[str, str]] = {}  # field → (old, new) of its latest change
    for r in range(history.rowCount()):
        rows.setdefault(
            history.item(r, 3).text(), (history.item(r, 4).text(), history.item(r, 5).text())
        )
    assert "name_normalized" not in rows and "stage_on" not in rows
    assert all(not field.isascii() for field in rows)  # every field has its label
    assert rows["协议投资额"] == ("30,000 万元", "45,000 万元")
    assert rows["投资方"] == ("", "广西云计算有限公司")
    assert rows["工作队"] == ("", "南宁市驻深圳招商工作队")
    assert rows["重大项目"] == ("否", "是")
    assert rows["当前阶段"] == ("线索", "在谈")
    assert rows["项目名称"] == ("南宁数据中心", "南宁东盟数据中心")

"""Drive the projects screen as a user would, then check the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from crm.models import FundsEntry, Project, StageEvent
from ui import dialogs
from ui.projects.board import MIME_TYPE
from ui.projects.screen import ProjectsScreen
from ui.testing import type_text

# Qt deprecates the drag-event constructors that take QPoint; they are what a drop delivers.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def screen(qtbot: Any, ctx: Any, sample_projects: Any) -> ProjectsScreen:
    widget = ProjectsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def _board(qtbot: Any, screen: ProjectsScreen) -> None:
    """Wait for the board, which is computed off the GUI thread."""
    qtbot.waitUntil(lambda: screen.board_task is not None and screen.board_task.done, timeout=5000)


def _project(ctx: Any, project_id: str) -> Project:
    with ctx.db.session() as s:
        return s.get(Project, project_id)


def _names(screen: ProjectsScreen) -> list[str]:
    column = screen.model.column_index("name")
    return [screen.model.index(r, column).data() for r in range(screen.model.rowCount())]


def test_typing_pinyin_initials_filters_the_table(qtbot: Any, screen: ProjectsScreen) -> None:
    assert screen.model.rowCount() == 3
    qtbot.keyClicks(screen.filter_bar.search, "zgsh")
    screen.filter_bar.search.flush()
    assert _names(screen) == ["中石化新材料项目"]
    screen.filter_bar.search.clear()
    type_text(screen.filter_bar.search, "数据")
    with qtbot.waitSignal(screen.filter_bar.search.search_changed, timeout=2000):
        pass
    assert _names(screen) == ["南宁数据中心"]


def test_stage_filter_combines_with_search(qtbot: Any, screen: ProjectsScreen) -> None:
    screen.filter_bar.stages.set_values(["negotiating"])
    assert _names(screen) == ["光伏组件项目"]
    qtbot.keyClicks(screen.filter_bar.search, "zgsh")
    screen.filter_bar.search.flush()
    assert _names(screen) == []
    screen.filter_bar.clear()
    assert screen.model.rowCount() == 3


def test_new_project_form_saves_through_the_service(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: Any) -> int:
        assert not form.save_button.isEnabled()  # name is required
        assert form.field_error("name") == ""  # but not shouted before anything was typed
        type_text(form.name, "东盟")
        form.name.clear()
        assert form.field_error("name") == "请填写项目名称"  # edited and emptied: now it says so
        assert not form.save_button.isEnabled()
        type_text(form.name, "东盟跨境物流园")
        assert form.field_error("name") == ""
        qtbot.keyClicks(form.planned, "56000.5")
        type_text(form.person, "李四")
        assert form.save_button.isEnabled()
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        return form.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.new_record()
    assert "东盟跨境物流园" in _names(screen)
    with screen.ctx.db.session() as s:
        project = s.scalars(select(Project).where(Project.name == "东盟跨境物流园")).one()
        assert project.planned_investment == Decimal("56000.5")
        assert project.responsible_person == "李四"
        assert project.stage == "lead"
    assert screen.detail.title.text() == "东盟跨境物流园"


def test_form_marks_invalid_fields_and_keeps_input_when_save_fails(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch, sample_projects: Any
) -> None:
    from crm.services import projects

    with screen.ctx.db.session() as s:
        projects.update_project(s, sample_projects["南宁数据中心"], code="P-001")
    seen: dict[str, Any] = {}

    def fill(form: Any) -> int:
        type_text(form.name, "重复编号项目")
        qtbot.keyClicks(form.planned, "100")
        qtbot.keyClicks(form.foreign, "200")
        assert form.field_error("foreign_investment")
        assert not form.save_button.isEnabled()
        form.foreign.clear()
        assert form.save_button.isEnabled()
        qtbot.keyClicks(form.code, "P-001")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        seen["code_error"] = form.field_error("code")
        seen["name"] = form.name.text()
        seen["open"] = form.result() == 0 and form.saved_id is None
        return 0

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.new_record()
    assert "P-001" in seen["code_error"]
    assert seen["name"] == "重复编号项目"
    assert seen["open"]
    assert "重复编号项目" not in _names(screen)


def test_delete_asks_then_soft_deletes_and_undo_restores(
    screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    target = sample_projects["南宁数据中心"]
    screen.select_id(target)
    answers["confirm"] = False
    screen.delete_current()
    assert _project(screen.ctx, target).deleted_at is None
    answers["confirm"] = True
    screen.delete_current()
    assert _project(screen.ctx, target).deleted_at is not None
    assert "南宁数据中心" not in _names(screen)
    screen.undo()
    assert _project(screen.ctx, target).deleted_at is None
    assert "南宁数据中心" in _names(screen)


def _drop(board_list: Any, project_id: str) -> None:
    """Drag a card over a column and release it there (enter, move, drop, as Qt delivers)."""
    data = QMimeData()
    data.setData(MIME_TYPE, project_id.encode())
    where = QPoint(20, 20)
    args = (
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(where, *args)
    QApplication.sendEvent(board_list.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(board_list.viewport(), QDragMoveEvent(where, *args))
    QApplication.sendEvent(board_list.viewport(), QDropEvent(QPointF(where), *args))


def test_dragging_a_card_moves_the_stage_through_the_service(
    qtbot: Any, screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    target = sample_projects["南宁数据中心"]
    screen.set_mode(1)
    _board(qtbot, screen)
    assert target in screen.board.card_ids("lead")
    answers["date"] = date(2025, 4, 1)
    _drop(screen.board.list_for("negotiating"), target)
    project = _project(screen.ctx, target)
    assert (project.stage, project.stage_on) == ("negotiating", date(2025, 4, 1))
    _board(qtbot, screen)
    assert target in screen.board.card_ids("negotiating")
    # Dropping needs a reason: an empty one is refused by the service and shown.
    answers["date"] = (date(2025, 5, 1), "")
    _drop(screen.board.list_for("dropped"), target)
    assert _project(screen.ctx, target).stage == "negotiating"
    assert answers["errors"]
    answers["date"] = (date(2025, 5, 1), "企业撤资")
    _drop(screen.board.list_for("dropped"), target)
    project = _project(screen.ctx, target)
    assert (project.stage, project.drop_reason) == ("dropped", "企业撤资")
    # Ctrl+Z on this screen reopens it at the stage it had.
    screen.undo()
    assert _project(screen.ctx, target).stage == "negotiating"


def test_board_drag_over_skipped_stages_opens_the_stage_dialog(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch, sample_projects: Any
) -> None:
    target = sample_projects["中石化新材料项目"]

    def fill(dialog: Any) -> int:
        assert dialog.target_stage() == "signed"
        assert not dialog.ok_button.isEnabled()  # the skipped stage needs an answer
        assert dialog.skipped_errors() == {}  # ... without red text before any edit
        dialog.set_skipped("negotiating", None)
        dialog.on.setText("2025-06-01")
        dialog.agreement.setCurrentIndex(dialog.agreement.findData("formal"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.set_mode(1)
    _board(qtbot, screen)
    _drop(screen.board.list_for("signed"), target)
    project = _project(screen.ctx, target)
    assert (project.stage, project.signed_on, project.agreement_type) == (
        "signed",
        date(2025, 6, 1),
        "formal",
    )
    with screen.ctx.db.session() as s:
        kinds = s.scalars(
            select(StageEvent.kind)
            .where(StageEvent.project_id == target)
            .order_by(StageEvent.sequence)
        ).all()
    assert kinds == ["advance", "skip", "advance"]


def test_record_funds_dialog(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch, sample_projects: Any
) -> None:
    target = sample_projects["光伏组件项目"]
    screen.select_id(target)

    def fill(dialog: Any) -> int:
        dialog.received_on.setText("2025-07-01")
        assert not dialog.save_button.isEnabled()
        assert dialog.shown_errors() == {}  # the amount is untouched: no red text yet
        dialog.save()  # a save attempt shows what is missing
        assert set(dialog.shown_errors()) == {"amount"}
        qtbot.keyClicks(dialog.amount, "1500")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    monkeypatch.setattr(dialogs, "show_info", lambda *_a: None)
    screen.record_funds_current()
    with screen.ctx.db.session() as s:
        amounts = s.scalars(select(FundsEntry.amount).where(FundsEntry.project_id == target)).all()
    assert amounts == [Decimal(1500)]
    assert screen.detail.funds.rowCount() == 1


def test_detail_panel_shows_timeline_and_history(
    screen: ProjectsScreen, sample_projects: Any
) -> None:
    screen.select_id(sample_projects["光伏组件项目"])
    assert screen.detail.title.text() == "光伏组件项目"
    assert screen.detail.timeline.rowCount() == 2
    assert screen.detail.timeline.item(1, 0).text() == "在谈"
    assert screen.detail.history.rowCount() > 0
    assert screen.detail.history.item(0, 1).text() == "tester"
    # The move to 在谈 reads as a stage move, not as the log's code "stage".
    history = screen.detail.history
    actions = {history.item(r, 2).text() for r in range(history.rowCount())}
    assert "阶段变更" in actions and "stage" not in actions


def test_saved_views_and_stalled_view(
    screen: ProjectsScreen, answers: dict[str, Any], ctx: Any
) -> None:
    screen.filter_bar.stages.set_values(["negotiating"])
    answers["text"] = "在谈项目"
    screen.save_view()
    screen.filter_bar.clear_button.click()
    assert screen.model.rowCount() == 3
    assert screen.sidebar.choose("在谈项目")
    assert _names(screen) == ["光伏组件项目"]
    # Survives a new screen (stored in the UI settings file under CRM_HOME).
    again = ProjectsScreen(ctx)
    assert any(v.name == "在谈项目" for v in again.sidebar.views())
    again.deleteLater()
    assert screen.sidebar.choose("长期无跟进")
    # In talks since 2025-03-01 and never followed up; the two leads entered today have not
    # gone 30 days without an update (crm.stalled: the same rule as the briefs).
    assert _names(screen) == ["光伏组件项目"]
    assert screen.sidebar.choose("签约未开工")
    assert screen.model.rowCount() == 0
    screen.filter_bar.clear_button.click()  # clears the view too
    assert screen.model.rowCount() == 3


def test_delete_view_is_enabled_only_for_a_saved_view(
    screen: ProjectsScreen, answers: dict[str, Any]
) -> None:
    """Finding 25: 删除 under 保存视图 was enabled on 全部项目 and did nothing."""
    sidebar = screen.sidebar
    sidebar.list.setCurrentRow(0)
    assert sidebar.list.currentItem().text() == "全部项目"
    assert not sidebar.delete_button.isEnabled()
    assert sidebar.delete_button.toolTip() == "内置视图不能删除，只能删除自己保存的视图（★）"
    answers["text"] = "我的在谈"
    screen.filter_bar.stages.set_values(["negotiating"])
    screen.save_view()
    assert sidebar.choose("我的在谈")
    assert sidebar.delete_button.isEnabled()
    assert sidebar.delete_button.toolTip() == "删除视图“我的在谈”"
    sidebar.delete_button.click()
    assert not any(v.name == "我的在谈" for v in sidebar.views())
    assert not sidebar.delete_button.isEnabled()  # nothing chosen after the list reloads


def test_column_choice_and_unit_are_remembered(
    qtbot: Any, screen: ProjectsScreen, ctx: Any
) -> None:
    header = screen.table.horizontalHeader()
    column = screen.model.column_index("team")
    header.setSectionHidden(column, True)
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData("yi"))
    amount_col = screen.model.column_index("planned_investment")
    row = screen.model.row_of(next(iter(screen.model.ids)))
    assert "." in screen.model.index(row, amount_col).data()
    screen.save_state()
    again = ProjectsScreen(ctx)
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().isSectionHidden(column)
    assert again.unit == "yi"


def test_board_caps_cards_and_more_opens_the_table(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.projects import screen as screen_module

    monkeypatch.setattr(screen_module, "BOARD_CARDS", 1)
    screen.set_mode(1)
    _board(qtbot, screen)
    assert len(screen.board.card_ids("lead")) == 1
    more = screen.board.more_item("lead")
    assert more is not None and "1" in more.text()
    board_list = screen.board.list_for("lead")
    rect = board_list.visualItemRect(more)
    qtbot.mouseClick(board_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.views.currentWidget() is screen.table
    assert sorted(_names(screen)) == ["中石化新材料项目", "南宁数据中心"]


def test_detail_of_a_project_without_planned_investment(screen: ProjectsScreen) -> None:
    from crm.services import projects

    with screen.ctx.db.session() as s:
        bare = projects.create_project(s, name="未定投资额的线索").id
    screen.refresh()
    screen.select_id(bare)
    assert screen.detail.title.text() == "未定投资额的线索"
    assert "0" in screen.detail.funds_summary.text()
    assert screen.detail.funds_progress.value() == 0


def test_detail_panel_logs_an_activity_and_raises_a_problem(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch, sample_projects: Any
) -> None:
    from crm.models import Activity, Problem

    target = sample_projects["中石化新材料项目"]
    assert not screen.detail.log_button.isEnabled()  # nothing selected yet
    screen.select_id(target)
    assert screen.detail.log_button.isEnabled() and screen.detail.problem_button.isEnabled()
    opened: list[str] = []

    def fill(dialog: Any) -> int:
        opened.append(type(dialog).__name__)
        assert dialog.project.value() == target
        if type(dialog).__name__ == "QuickLogDialog":
            type_text(dialog.summary, "赴企业总部洽谈")
        else:
            type_text(dialog.description, "用地指标不足")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    qtbot.mouseClick(screen.detail.log_button, Qt.MouseButton.LeftButton)
    assert screen.detail.tabs.currentWidget() is screen.detail.activities
    assert screen.detail.activities.rowCount() == 1
    qtbot.mouseClick(screen.detail.problem_button, Qt.MouseButton.LeftButton)
    assert screen.detail.tabs.currentWidget() is screen.detail.problems
    assert screen.detail.problems.rowCount() == 1
    assert opened == ["QuickLogDialog", "ProblemDialog"]
    with screen.ctx.db.session() as s:
        activity = s.scalars(select(Activity).where(Activity.project_id == target)).one()
        problem = s.scalars(select(Problem).where(Problem.project_id == target)).one()
        assert activity.summary == "赴企业总部洽谈"
        assert problem.description == "用地指标不足"

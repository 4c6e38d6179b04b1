"""Safe edits in the projects window: undo of stage moves, funds corrections, the board's
date dialog, new projects selected with a code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from sqlalchemy import select

from crm.models import FundsEntry, Project, StageEvent
from crm.services import funds, projects, stages
from ui import dialogs
from ui.projects.screen import ProjectsScreen


@pytest.fixture
def screen(projects_screen: ProjectsScreen) -> ProjectsScreen:
    return projects_screen


def _project(ctx: Any, project_id: str) -> Project:
    with ctx.db.session() as s:
        return s.get(Project, project_id)


def _last_event(ctx: Any, project_id: str) -> StageEvent:
    with ctx.db.session() as s:
        return s.scalars(
            select(StageEvent)
            .where(StageEvent.project_id == project_id)
            .order_by(StageEvent.sequence.desc())
        ).first()


def test_undo_of_a_board_move_puts_the_stage_back_as_a_correction(
    screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    target = sample_projects["光伏组件项目"]  # 在谈 since 2025-03-01
    answers["date"] = date(2025, 6, 1)
    screen.move_by_drop(target, "signed")
    assert _project(screen.ctx, target).stage == "signed"
    screen.undo()
    assert answers["errors"] == []
    project = _project(screen.ctx, target)
    assert (project.stage, project.stage_on, project.signed_on) == (
        "negotiating",
        date(2025, 3, 1),
        None,
    )
    event = _last_event(screen.ctx, target)
    assert (event.kind, event.comment) == ("correction", "撤销误操作")
    screen.undo()  # nothing left to undo
    assert answers["infos"] == ["没有可撤销的操作。"]


def test_an_undo_in_the_english_window_stores_the_datas_own_words(
    qapp: Any, screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    """The stage history is the bureau's data, in one language whoever keeps it: an undo
    made in English is stored as 撤销误操作 and read back in the window's language."""
    from ui.i18n import install_translations

    target = sample_projects["光伏组件项目"]
    answers["date"] = date(2025, 6, 1)
    install_translations(qapp, "en")
    try:
        screen.move_by_drop(target, "signed")
        screen.undo()
        assert _last_event(screen.ctx, target).comment == "撤销误操作"
        assert screen.detail._comment_text("撤销误操作") == ("Undo of a mistaken move")
        assert screen.detail._comment_text("客户要求") == "客户要求"
    finally:
        install_translations(qapp, "zh")


def test_a_failed_undo_keeps_its_step_and_says_why_once(
    qtbot: Any, screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    target = sample_projects["南宁数据中心"]
    answers["date"] = date(2025, 4, 1)
    screen.move_by_drop(target, "negotiating")
    with screen.ctx.db.session() as s:  # another window deletes the project meanwhile
        projects.delete_project(s, target)
    screen.undo()
    assert len(answers["errors"]) == 1
    assert _project(screen.ctx, target).stage == "negotiating"
    qtbot.waitUntil(screen.ctx.undo_stack.canUndo, timeout=2000)  # the step is back in place
    with screen.ctx.db.session() as s:
        projects.restore_project(s, target)
    screen.undo()  # the same step, kept, now succeeds
    assert len(answers["errors"]) == 1
    assert _project(screen.ctx, target).stage == "lead"


def test_an_undo_overtaken_by_a_later_move_is_dropped_with_a_message(
    screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    target = sample_projects["南宁数据中心"]
    answers["date"] = date(2025, 4, 1)
    screen.move_by_drop(target, "negotiating")
    with screen.ctx.db.session() as s:  # moved on in another window
        stages.move_stage(s, target, to_stage="signed", on=date(2025, 5, 1))
    screen.undo()
    assert "不能再撤销" in answers["errors"][0]
    assert _project(screen.ctx, target).stage == "signed"
    screen.undo()
    assert answers["infos"] == ["没有可撤销的操作。"]


def test_the_board_date_dialog_has_no_stray_box(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every widget of the dialog sits in its own place (a stray line edit covered 日期)."""
    seen: dict[str, Any] = {}

    def look(dialog: QDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        shown = [
            w
            for w in dialog.findChildren(
                QLineEdit, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if w.isVisible()
        ]
        seen.setdefault("line_edits", []).append(len(shown))
        children = [
            w
            for w in dialog.children()
            if hasattr(w, "geometry") and hasattr(w, "isVisible") and w.isVisible()
        ]
        seen.setdefault("overlaps", []).extend(
            (a.objectName() or type(a).__name__, b.objectName() or type(b).__name__)
            for i, a in enumerate(children)
            for b in children[i + 1 :]
            if a.geometry().intersects(b.geometry())
        )
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "exec_dialog", look)
    assert dialogs.ask_date(None, "变更为“在谈”", "日期", date(2025, 4, 1)) == date(2025, 4, 1)
    answer = dialogs.ask_date(None, "变更为“终止”", "日期", date(2025, 4, 1), with_text="终止原因")
    assert answer == (date(2025, 4, 1), "")
    assert seen["line_edits"] == [0, 1]
    assert seen["overlaps"] == []


# -- funds ------------------------------------------------------------------------------------
def _signed_with_funds(ctx: Any, project_id: str, *days: date) -> list[str]:
    with ctx.db.session() as s:
        stages.move_stage(
            s,
            project_id,
            to_stage="signed",
            on=date(2025, 5, 1),
            agreement_type="formal",
            skipped={},
        )
        return [
            funds.record_funds(s, project_id=project_id, received_on=day, amount="1000").id
            for day in days
        ]


def test_the_funds_dialog_says_that_saving_moves_signed_to_funded(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch, sample_projects: Any
) -> None:
    target = sample_projects["光伏组件项目"]
    _signed_with_funds(screen.ctx, target)
    screen.select_id(target)
    seen: dict[str, str] = {}

    def fill(dialog: Any) -> int:
        dialog.received_on.setText("2025-07-01")
        seen["notice"] = dialog.stage_notice.text()
        seen["shown"] = str(not dialog.stage_notice.isHidden())
        qtbot.keyClicks(dialog.amount, "1500")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    screen.record_funds_current()
    assert seen == {
        "notice": "保存后项目阶段将由“签约”变为“资金到位”（日期 2025-07-01）。",
        "shown": "True",
    }
    project = _project(screen.ctx, target)
    assert (project.stage, project.funded_on) == ("funded", date(2025, 7, 1))


def test_correcting_a_funds_entry_in_the_detail_panel(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch, sample_projects: Any
) -> None:
    target = sample_projects["光伏组件项目"]
    first, _second = _signed_with_funds(screen.ctx, target, date(2025, 6, 1), date(2025, 8, 1))
    screen.select_id(target)
    assert screen.detail.funds.rowCount() == 2
    assert not screen.detail.edit_funds_button.isEnabled()
    assert screen.detail.select_funds(first)
    seen: dict[str, str] = {}

    def fill(dialog: Any) -> int:
        assert dialog.windowTitle() == "修改到位资金"
        assert dialog.amount.value() == Decimal(1000)
        assert dialog.stage_notice.isHidden()  # the date is unchanged: nothing to say
        dialog.received_on.setText("2025-05-20")
        seen["notice"] = dialog.stage_notice.text()
        dialog.amount.setText("1200")
        dialog.fixed_asset.setText("700")
        dialog.note.setText("按银行回单更正")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    qtbot.mouseClick(screen.detail.edit_funds_button, Qt.MouseButton.LeftButton)
    assert seen["notice"] == (
        "这是项目的第一笔到位资金：保存后项目的资金到位日期将由 2025-06-01 改为 2025-05-20。"
    )
    with screen.ctx.db.session() as s:
        entry = s.get(FundsEntry, first)
        assert (entry.received_on, entry.amount, entry.fixed_asset_amount, entry.note) == (
            date(2025, 5, 20),
            Decimal(1200),
            Decimal(700),
            "按银行回单更正",
        )
    assert _project(screen.ctx, target).funded_on == date(2025, 5, 20)
    assert screen.detail.tabs.currentWidget() is screen.detail.funds_page
    assert screen.detail.funds.item(0, 1).text() == "1,200"


def test_deleting_the_only_entry_asks_about_the_stage_and_undo_restores_both(
    qtbot: Any, screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    target = sample_projects["光伏组件项目"]
    (only,) = _signed_with_funds(screen.ctx, target, date(2025, 6, 1))
    screen.select_id(target)
    screen.detail.select_funds(only)
    answers["choice"] = None  # cancelled: nothing happens
    qtbot.mouseClick(screen.detail.delete_funds_button, Qt.MouseButton.LeftButton)
    assert _project(screen.ctx, target).stage == "funded"
    assert answers["asked"][0][1] == ["back", "keep"]
    answers["choice"] = "back"
    screen.detail.select_funds(only)
    qtbot.mouseClick(screen.detail.delete_funds_button, Qt.MouseButton.LeftButton)
    project = _project(screen.ctx, target)
    assert (project.stage, project.funded_on) == ("signed", None)
    assert _last_event(screen.ctx, target).comment == "删除唯一一笔到位资金"
    assert screen.detail.funds.rowCount() == 0
    screen.undo()  # Ctrl+Z
    assert answers["errors"] == []
    project = _project(screen.ctx, target)
    assert (project.stage, project.funded_on) == ("funded", date(2025, 6, 1))
    with screen.ctx.db.session() as s:
        assert s.get(FundsEntry, only).deleted_at is None
    assert screen.detail.funds.rowCount() == 1


def test_deleting_one_of_several_entries_asks_plainly_and_undo_restores(
    qtbot: Any, screen: ProjectsScreen, answers: dict[str, Any], sample_projects: Any
) -> None:
    target = sample_projects["光伏组件项目"]
    _first, second = _signed_with_funds(screen.ctx, target, date(2025, 6, 1), date(2025, 8, 1))
    screen.select_id(target)
    screen.detail.select_funds(second)
    qtbot.mouseClick(screen.detail.delete_funds_button, Qt.MouseButton.LeftButton)
    assert answers["asked"] == []  # no stage question: a plain confirmation
    with screen.ctx.db.session() as s:
        assert s.get(FundsEntry, second).deleted_at is not None
        assert funds.funds_total(s, target) == Decimal(1000)
    screen.undo()
    with screen.ctx.db.session() as s:
        assert funds.funds_total(s, target) == Decimal(2000)


# -- merging duplicates ------------------------------------------------------------------------
def _select_rows(table: Any, model: Any, ids: list[str]) -> None:
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().clearSelection()
    for record_id in ids:
        table.selectionModel().select(model.index(model.row_of(record_id), 0), flags)


def test_merging_two_selected_projects_shows_what_moves_then_merges(
    qtbot: Any, screen: ProjectsScreen, answers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm.services import activities

    with screen.ctx.db.session() as s:
        kept = projects.create_project(s, name="光伏电站项目").id
        gone = projects.create_project(
            s, name="光伏电站项目", planned_investment=Decimal(60000), responsible_person="李明"
        ).id
        stages.move_stage(s, gone, to_stage="negotiating", on=date(2025, 5, 1))
        activities.log_activity(
            s, occurred_on=date(2025, 5, 2), kind="visit", project_id=gone, summary="考察"
        )
    screen.refresh()
    screen.merge_selected()  # nothing chosen yet
    assert answers["infos"] == ["请先在列表中选中两个重复的项目（按住 Ctrl 点选），再合并。"]
    _select_rows(screen.table, screen.model, [kept, gone])
    seen: dict[str, str] = {}

    def merge(dialog: Any) -> int:
        seen["title"] = dialog.windowTitle()
        # The one further along (在谈) is kept by default: its stage history stays.
        assert dialog.plan.survivor_id == gone
        dialog.choices.button(0 if dialog.records[0][0] == kept else 1).setChecked(True)
        seen["preview"] = dialog.preview.text()
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(dialogs, "exec_dialog", merge)
    screen.merge_selected()
    assert seen["title"] == "合并重复项目"
    assert "跟进记录 1 条" in seen["preview"]
    assert "协议投资额、责任人" in seen["preview"]
    assert "已到“在谈”" in seen["preview"]  # the warning about the stage kept
    with screen.ctx.db.session() as s:
        loser = s.get(Project, gone)
        assert (loser.merged_into_id, loser.deleted_at is not None) == (kept, True)
        assert s.get(Project, kept).planned_investment == Decimal(60000)
    assert screen.model.row_of(gone) < 0
    assert screen.model.id_at(screen.table.currentIndex().row()) == kept


def test_merge_choices_tell_two_same_named_projects_apart(
    qtbot: Any, screen: ProjectsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 36: both choices read the same name; each must show its code, team, amount
    and stage, and the preview the fields that differ with the value kept."""
    from crm.services import teams

    with screen.ctx.db.session() as s:
        gaoxin = teams.create_team(s, name="南宁高新区驻深圳招商工作队").id
        xingning = teams.create_team(s, name="兴宁区驻香港招商工作队").id
        big = projects.create_project(
            s,
            name="万强生物医药产业园项目",
            code="ZS2026001318",
            team_id=gaoxin,
            planned_investment=Decimal(6700),
        ).id
        small = projects.create_project(
            s,
            name="万强生物医药产业园项目",
            code="ZS2026001494",
            team_id=xingning,
            planned_investment=Decimal(770),
        ).id
    screen.refresh()
    _select_rows(screen.table, screen.model, [big, small])
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> int:
        texts = {dialog.records[i][0]: dialog.choices.button(i).text() for i in (0, 1)}
        seen["texts"] = texts
        dialog.choices.button(0 if dialog.records[0][0] == big else 1).setChecked(True)
        seen["preview"] = dialog.preview.text()
        return 0

    monkeypatch.setattr(dialogs, "exec_dialog", look)
    screen.merge_selected()
    assert seen["texts"][big] == (
        "万强生物医药产业园项目\nZS2026001318 · 南宁高新区驻深圳招商工作队 · 6,700 万元 · 线索"
    )
    assert seen["texts"][small] == (
        "万强生物医药产业园项目\nZS2026001494 · 兴宁区驻香港招商工作队 · 770 万元 · 线索"
    )
    preview = seen["preview"].splitlines()
    assert preview[0] == (
        "保留“万强生物医药产业园项目”（ZS2026001318）；"
        "“万强生物医药产业园项目”（ZS2026001494）并入后作废。"
    )
    assert preview[1:5] == [
        "两者不同的字段：",
        "· 项目编号：保留 ZS2026001318，舍弃 ZS2026001494",
        "· 工作队：保留 南宁高新区驻深圳招商工作队，舍弃 兴宁区驻香港招商工作队",
        "· 协议投资额：保留 6,700 万元，舍弃 770 万元",
    ]


def test_merge_preview_says_which_empty_field_the_kept_company_takes(
    qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm.services import companies
    from ui.companies.screen import CompaniesScreen

    with ctx.db.session() as s:
        kept = companies.create_company(s, name="比亚迪股份有限公司").id
        gone = companies.create_company(s, name="比亚迪股份有限公司", uscc="91440300192317458F").id
        projects.create_project(s, name="新能源电池项目", company_id=gone)
    widget = CompaniesScreen(ctx)
    qtbot.addWidget(widget)
    _select_rows(widget.table, widget.model, [kept, gone])
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> int:
        seen["texts"] = {dialog.records[i][0]: dialog.choices.button(i).text() for i in (0, 1)}
        dialog.choices.button(0 if dialog.records[0][0] == kept else 1).setChecked(True)
        seen["preview"] = dialog.preview.text()
        return 0

    monkeypatch.setattr(dialogs, "exec_dialog", look)
    widget.merge_selected()
    assert seen["texts"][kept] == "比亚迪股份有限公司\n项目 0 个"
    assert seen["texts"][gone] == "比亚迪股份有限公司\n信用代码 91440300192317458F · 项目 1 个"
    assert seen["preview"].splitlines()[:3] == [
        "保留“比亚迪股份有限公司”；“比亚迪股份有限公司”（91440300192317458F）并入后作废。",
        "两者不同的字段：",
        "· 统一社会信用代码：取作废一方的 91440300192317458F（保留的一方为空）",
    ]


def test_merging_two_selected_companies(
    qtbot: Any, ctx: Any, answers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm.models import Company
    from crm.services import companies
    from ui.companies.screen import CompaniesScreen

    with ctx.db.session() as s:
        kept = companies.create_company(s, name="比亚迪股份有限公司").id
        gone = companies.create_company(s, name="比亚迪股份公司", uscc="91440300192317458F").id
        project = projects.create_project(s, name="新能源电池项目", company_id=gone).id
    widget = CompaniesScreen(ctx)
    qtbot.addWidget(widget)
    _select_rows(widget.table, widget.model, [kept, gone])

    def merge(dialog: Any) -> int:
        dialog.choices.button(0 if dialog.records[0][0] == kept else 1).setChecked(True)
        assert "项目 1 个" in dialog.preview.text()
        assert "统一社会信用代码" in dialog.preview.text()
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(dialogs, "exec_dialog", merge)
    widget.merge_selected()
    with ctx.db.session() as s:
        assert s.get(Project, project).company_id == kept
        assert s.get(Company, gone).merged_into_id == kept
        assert s.get(Company, kept).uscc == "91440300192317458F"
    assert widget.current_id() == kept

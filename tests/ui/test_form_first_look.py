"""A new form opens quiet: no red "please fill in" line before the user touched a field or
pressed Save, while Save stays disabled. The lists a form fills on workers land after it is
built, as they do for a user (hence `async_ops`: the test waits for them itself)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from crm.services.companies import create_company
from crm.services.projects import create_project
from tests.ui.test_problems import ime_type


def _red_lines(dialog: Any) -> list[str]:
    """The error lines a user sees in the dialog."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.objectName().startswith("error_") and label.isVisible() and label.text()
    ]


def _open(qtbot: Any, settle: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    settle()  # the pickers' first lists have landed
    qtbot.wait(50)
    return dialog


@pytest.mark.async_ops
def test_new_problem_form_is_quiet_until_touched(ctx: Any, qtbot: Any, settle: Any) -> None:
    from ui.problems.dialogs import ProblemDialog

    with ctx.db.session() as s:
        create_project(s, name="锂电池材料项目")
    dialog = _open(qtbot, settle, ProblemDialog(ctx))
    assert dialog.project.combo.count() == 2  # （无） and the project: the list has landed
    assert _red_lines(dialog) == []
    assert not dialog.save_button.isEnabled()
    ime_type(qtbot, dialog.description, "招工难")
    dialog.description.clear()  # typed, then emptied: now the message shows
    assert _red_lines(dialog) == ["请填写问题描述"]
    assert not dialog.save_button.isEnabled()
    dialog.save()  # a save attempt names the project too
    assert sorted(_red_lines(dialog)) == sorted(["请选择项目", "请填写问题描述"])


@pytest.mark.async_ops
def test_new_request_form_is_quiet_until_touched(ctx: Any, qtbot: Any, settle: Any) -> None:
    from ui.requests.dialogs import RequestDialog

    with ctx.db.session() as s:
        create_company(s, name="广西柳工机械股份有限公司")
    dialog = _open(qtbot, settle, RequestDialog(ctx))
    assert dialog.company.combo.count() == 2
    assert _red_lines(dialog) == []
    assert not dialog.save_button.isEnabled()
    ime_type(qtbot, dialog.company.text, "柳工")
    settle()
    assert dialog.company.value() is not None and _red_lines(dialog) == []
    dialog.company.text.clear()
    ime_type(qtbot, dialog.company.text, "没有这家")  # no match: the user chose no company
    settle()
    assert _red_lines(dialog) == ["请选择企业"]


@pytest.mark.async_ops
def test_new_company_form_is_quiet_until_touched(ctx: Any, qtbot: Any, settle: Any) -> None:
    from ui.companies.form import CompanyDialog

    dialog = _open(qtbot, settle, CompanyDialog(ctx))
    assert _red_lines(dialog) == []
    assert not dialog.save_button.isEnabled()
    ime_type(qtbot, dialog.name, "广西柳工")
    assert dialog.save_button.isEnabled()
    dialog.name.clear()  # typed, then emptied: now the message shows
    assert _red_lines(dialog) == ["请填写企业名称"]
    assert not dialog.save_button.isEnabled()


@pytest.mark.async_ops
def test_a_new_project_needs_its_agreed_amount(ctx: Any, qtbot: Any, settle: Any) -> None:
    """协议投资额 is marked * and summed into 签约额: a form left empty is not saved as 0."""
    from ui.projects.form import ProjectForm

    form = _open(qtbot, settle, ProjectForm(ctx, None))
    ime_type(qtbot, form.name, "某新能源电池项目")
    settle()
    assert not form.save_button.isEnabled()
    qtbot.keyClicks(form.planned, "5")
    qtbot.keyClick(form.planned, Qt.Key.Key_Backspace)  # touched, then emptied again
    settle()
    assert form.field_error("planned_investment") == "请填写协议投资额（万元），尚不清楚时填 0"
    qtbot.keyClicks(form.planned, "0")
    settle()
    assert form.save_button.isEnabled()  # an unknown amount is written as 0 on purpose


@pytest.mark.async_ops
def test_editing_a_project_keeps_its_district_and_its_unlisted_park(
    ctx: Any, qtbot: Any, settle: Any
) -> None:
    """A project landing in a district (武鸣区, as an import writes it) and in a park since
    deleted: editing another field and saving keeps both; the form shows the district by name."""
    from sqlalchemy import select

    from crm.models import Park, Project
    from crm.services.projects import create_park
    from ui.projects.form import ProjectForm

    with ctx.db.session() as s:
        park = create_park(s, name="南宁东盟经济开发区").id
        company = create_company(s, name="南瑞新材料有限公司").id
        pid = create_project(
            s, name="南瑞电解液生产项目", company_id=company, planned_investment=8000,
            landing_region_code="450110", park_id=park,
        ).id  # fmt: skip
    with ctx.db.session() as s:
        s.get(Park, park).deleted_at = datetime(2026, 11, 1)  # the parks list leaves it out
    form = _open(qtbot, settle, ProjectForm(ctx, pid))
    assert form.landing.currentText() == "南宁市武鸣区"
    form.person.setText("于航杰")
    form.save()
    settle()
    with ctx.db.read() as s:
        saved = s.execute(
            select(Project.landing_region_code, Project.park_id, Project.responsible_person).where(
                Project.id == pid
            )
        ).one()
    assert tuple(saved) == ("450110", park, "于航杰")


def test_a_district_reads_by_name_in_the_list_and_the_history(ctx: Any) -> None:
    """A project landing in 武鸣区 shows 南宁市武鸣区 where the list shows its place, and its
    history names the district, not 450110."""
    from crm.queries.project_detail import project_detail
    from crm.queries.project_list import fetch_project_rows
    from crm.services.projects import update_project

    with ctx.db.session() as s:
        pid = create_project(s, name="南瑞电解液生产项目", landing_region_code="450100").id
    with ctx.db.session() as s:
        update_project(s, pid, landing_region_code="450110")
    with ctx.db.read() as s:
        [row] = fetch_project_rows(s, [pid])
        detail = project_detail(s, pid)
    assert row.landing == "南宁市武鸣区"
    changed = [h for h in detail.history if h.field == "landing_region_code"]
    assert ("南宁市", "南宁市武鸣区") in [(h.old_name, h.new_name) for h in changed]


@pytest.mark.async_ops
def test_two_windows_editing_one_field_the_second_is_told_not_overwritten(
    ctx: Any, qtbot: Any, settle: Any
) -> None:
    """Two forms open on one project; the first saves 责任人 甲一; the second's 乙二 is refused
    with what the first wrote, stays open as typed, and the record keeps 甲一."""
    from crm.queries.project_detail import project_values
    from ui.projects.form import ProjectForm

    with ctx.db.session() as s:
        pid = create_project(s, name="威诚磷酸铁锂项目", responsible_person="王五").id
    first = _open(qtbot, settle, ProjectForm(ctx, pid))
    second = _open(qtbot, settle, ProjectForm(ctx, pid))
    first.person.setText("甲一")
    first.save()
    settle()
    second.person.setText("乙二")
    second.save()
    settle()
    assert "责任人：王五 → 甲一" in second.message.text() and "本次未保存" in second.message.text()
    assert second.isVisible() and second.person.text() == "乙二"
    with ctx.db.read() as s:
        assert project_values(s, pid)["responsible_person"] == "甲一"

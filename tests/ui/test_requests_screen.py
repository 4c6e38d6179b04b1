"""Enterprise requests and key enterprises in the window: receive a request, follow it to the
end with the step buttons, overdue in red; the 旬 coverage of the key enterprises."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from crm.models import EnterpriseRequest
from crm.services import activities, companies
from crm.services import key_enterprises as key
from crm.services import requests as svc
from crm.services.projects import create_project


def _save(qtbot: Any, dialog: Any) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _seed(ctx: Any) -> dict[str, str]:
    today = date.today()
    with ctx.db.session() as s:
        company = companies.create_company(s, name="广西测试铝业有限公司").id
        late = svc.raise_request(
            s, company_id=company, channel="hotline", received_on=today - timedelta(days=30),
            category="land", content="用地指标不足", handling_unit="自然资源局",
            due_on=today - timedelta(days=3),
        ).id  # fmt: skip
    return {"company": company, "late": late}


def test_receive_and_follow_a_request_to_the_end(ctx: Any, qtbot: Any, qtmodeltester: Any) -> None:
    from ui.requests.screen import RequestsScreen

    ids = _seed(ctx)
    screen = RequestsScreen(ctx)
    qtbot.addWidget(screen)
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 1
    status = screen.model.index(0, screen.model.column_index("status"))
    assert status.data() == "受理（逾期）"
    assert status.data(Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    assert "逾期未办结 1 件" in screen.figures.text()

    # Receive a new one through the form.
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.company.set_value(ids["company"], "广西测试铝业有限公司")
    dialog.content.setPlainText("融资担保")
    dialog.category.setCurrentIndex(dialog.category.findData("financing"))
    dialog.handling_unit.setText("金融办")
    with ctx.db.session() as s:
        project = create_project(s, name="铝精深加工项目", company_id=ids["company"]).id
    dialog.project.set_value(project, "铝精深加工项目")
    _save(qtbot, dialog)
    assert screen.model.rowCount() == 2
    with ctx.db.read() as s:
        new = s.scalar(select(EnterpriseRequest).where(EnterpriseRequest.content == "融资担保"))
        new_id = new.id
        assert (new.category, new.handling_unit, new.status) == ("financing", "金融办", "accepted")
        assert new.project_id == project

    # Select it: only the steps its status allows are enabled.
    row = next(n for n, r in enumerate(screen.model.rows) if r.id == new_id)
    screen.table.selectRow(row)
    assert screen.step_buttons["reply"].isEnabled() and not screen.step_buttons["visit"].isEnabled()
    screen.step("reply")
    screen.dialog.widgets["reply"].setPlainText("已对接担保公司")
    _save(qtbot, screen.dialog)
    screen.table.selectRow(next(n for n, r in enumerate(screen.model.rows) if r.id == new_id))
    assert screen.step_buttons["visit"].isEnabled()
    screen.step("visit")
    visit = screen.dialog
    visit.widgets["satisfaction"].setCurrentIndex(
        visit.widgets["satisfaction"].findData("unsatisfied")
    )
    _save(qtbot, visit)
    with ctx.db.read() as s:
        again = s.get(EnterpriseRequest, new_id)
        assert (again.status, again.reopened_count, again.satisfaction) == (
            "handling",
            1,
            "unsatisfied",
        )
    screen.table.selectRow(next(n for n, r in enumerate(screen.model.rows) if r.id == new_id))
    assert "重新办理 1 次" in screen.detail.text()
    assert "回访 " in screen.detail.text() and "：不满意" in screen.detail.text()

    # A step the service refuses shows its sentence beside the field; nothing is written.
    screen.step("escalate")
    escalate = screen.dialog
    escalate.widgets["escalation_unit"].setText("督查室")
    escalate.widgets["escalated_on"].setDate(date(2000, 1, 1))
    _save(qtbot, escalate)
    assert "早于受理日期" in escalate.form.error_of("escalated_on")
    escalate.reject()


def test_filters(ctx: Any, qtbot: Any) -> None:
    from ui.requests.screen import RequestsScreen

    ids = _seed(ctx)
    with ctx.db.session() as s:
        svc.raise_request(
            s, company_id=ids["company"], channel="visit", received_on=date.today(),
            category="policy", content="政策兑现慢", handling_unit="发改委",
        )  # fmt: skip
    screen = RequestsScreen(ctx)
    qtbot.addWidget(screen)
    assert screen.model.rowCount() == 2
    screen.overdue_only.setChecked(True)
    assert [r.id for r in screen.model.rows] == [ids["late"]]
    screen.overdue_only.setChecked(False)
    screen.unit.setText("发改")
    assert [r.content for r in screen.model.rows] == ["政策兑现慢"]


def test_key_enterprise_coverage_screen(ctx: Any, qtbot: Any, qtmodeltester: Any) -> None:
    from ui.requests.key_enterprises import KeyEnterprisesScreen

    today = date.today()
    with ctx.db.session() as s:
        listed = key.define_company_list(s, name_zh="市级重点企业").id
        seen = companies.create_company(s, name="甲公司").id
        unseen = companies.create_company(s, name="乙公司").id
        for company in (seen, unseen):
            companies.add_company_tag(s, company_id=company, tag=listed, edition_year=today.year)
            key.assign_liaison(
                s, company_id=company, commissioner="张三", start_on=date(2000, 1, 1)
            )
        activities.log_activity(
            s, occurred_on=today, kind="visit", company_id=seen, participants="张三"
        )
    screen = KeyEnterprisesScreen(ctx)
    qtbot.addWidget(screen)
    qtmodeltester.check(screen.model)
    assert "名单内 2 家，已走访 1 家，走访覆盖率 50.0%" in screen.summary.text()
    contacted = screen.model.column_index("contacted")
    assert [screen.model.index(r, contacted).data() for r in range(2)] == ["未走访", "已走访"]
    assert screen.model.index(0, contacted).data(Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    # Assign another commissioner to the selected enterprise through the dialog.
    screen.table.selectRow(0)
    screen.assign()
    dialog = screen.dialog
    dialog.widgets["commissioner"].setText("李四")
    _save(qtbot, dialog)
    commissioner = screen.model.column_index("commissioner")
    assert screen.model.index(0, commissioner).data() == "李四"
    assert screen.list_combo.findData(listed) > 0


def test_key_enterprises_speak_english(ctx: Any, qtbot: Any, qapp: Any) -> None:
    """In the English window the 旬 choices and the coverage line name the period in English
    ('11-20 Nov 2026'), not 2026年11月中旬."""
    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.requests.key_enterprises import KeyEnterprisesScreen

    install_translations(qapp, "en")
    try:
        screen = KeyEnterprisesScreen(AppContext(db=ctx.db, language="en"))
        qtbot.addWidget(screen)
        texts = [screen.period_combo.itemText(i) for i in range(screen.period_combo.count())]
        label = re.compile(r"\d{1,2}-\d{1,2} [A-Z][a-z]{2} 20\d\d")
        assert texts and all(label.fullmatch(t) for t in texts), texts
        summary = screen.summary.text()
        assert summary.startswith(texts[0]) and not re.search("[\u4e00-\u9fff]", summary)
    finally:
        install_translations(qapp, "zh")


def test_company_picker_finds_by_part_of_the_name(ctx: Any, qtbot: Any) -> None:
    """The request form's company picker (the same search as the activity and company forms):
    typing part of a name offers the live companies holding it, the first one chosen."""
    from ui.requests.dialogs import RequestDialog

    ids = _seed(ctx)
    with ctx.db.session() as s:
        companies.create_company(s, name="广西测试糖业有限公司")
        gone = companies.create_company(s, name="广西测试铝材厂").id
        companies.delete_company(s, gone)
        companies.create_company(s, name="深圳市某科技有限公司")
    dialog = RequestDialog(ctx)
    qtbot.addWidget(dialog)
    picker = dialog.company
    picker.text.setText("测试")
    picker.search("测试")
    qtbot.waitUntil(lambda: picker.combo.count() > 1)
    names = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    assert names == ["（无）", "广西测试糖业有限公司", "广西测试铝业有限公司"]
    assert picker.value() is not None and picker.value() != ids["company"]


def test_rates_print_half_up_like_the_briefs(ctx: Any, qtbot: Any) -> None:
    """1 of 16 requests closed this year: 6.25% prints 6.3% (half up, as in the briefs), not
    the 6.2% of banker's rounding; no visit yet, so no satisfaction rate."""
    from ui.requests.screen import RequestsScreen

    today = date.today()  # received and closed today: this year's figures whatever the date
    with ctx.db.session() as s:
        company = companies.create_company(s, name="广西测试铝业有限公司").id
        for n in range(16):
            rid = svc.raise_request(
                s, company_id=company, channel="hotline", received_on=today,
                category="land", content=f"诉求{n}",
            ).id  # fmt: skip
        svc.reply_request(s, rid, reply="已办", replied_on=today, today=today)
        svc.close_request(s, rid, closed_on=today, today=today)
    screen = RequestsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: "受理 16 件" in screen.figures.text())
    assert "办结率 6.3%，按时办结率 100.0%，满意率 —" in screen.figures.text()

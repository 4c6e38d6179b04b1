"""Companies screen: filters and pinyin search, the form's USCC check and duplicate warning,
contacts and tags; each step checked in the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from crm.models import Company, CompanyTag, Contact
from crm.services import companies as svc
from crm.services.projects import create_project

VALID_USCC = "914403001922038216"  # check character computed per GB 32100


def ime_type(qtbot: Any, widget: Any, text: str) -> None:
    """Type text the way a Chinese input method delivers it (QTest can only send Latin keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _save(qtbot: Any, dialog: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _seed(ctx: Any) -> dict[str, str]:
    with ctx.db.session() as s:
        byd = svc.create_company(
            s, name="比亚迪股份有限公司", industry_code="36", hq_region_code="440300",
            ownership="private",
        ).id  # fmt: skip
        catl = svc.create_company(s, name="宁德时代新能源科技股份有限公司", ownership="private").id
        sinopec = svc.create_company(s, name="中国石油化工集团有限公司", ownership="state").id
        svc.add_company_tag(s, company_id=byd, tag="fortune_global_500", edition_year=2025)
        create_project(s, name="比亚迪电池项目", company_id=byd, planned_investment=Decimal(500000))
    return {"byd": byd, "catl": catl, "sinopec": sinopec}


def test_filters_and_search(ctx: Any, qtbot: Any, qtmodeltester: Any) -> None:
    from ui.companies.screen import CompaniesScreen

    ids = _seed(ctx)
    screen = CompaniesScreen(ctx)
    qtbot.addWidget(screen)
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 3
    screen.ownership.set_value("state")
    assert screen.model.ids == [ids["sinopec"]]
    screen.ownership.set_value(None)
    screen.tags.set_values(["fortune_global_500"])
    assert screen.model.ids == [ids["byd"]]
    screen.tags.set_values([])
    screen.place.set_value("440000")  # Guangdong takes in Shenzhen
    assert screen.model.ids == [ids["byd"]]
    screen.place.set_value(None)
    qtbot.keyClicks(screen.search, "ndsd")  # initials of 宁德时代
    screen.search.flush()
    assert screen.model.ids == [ids["catl"]]
    assert screen.detail.company_id == ids["catl"]
    screen.search.clear()
    screen.search.flush()
    row = screen.model.row_of(ids["byd"])
    screen.table.selectRow(row)
    assert screen.detail.projects.rowCount() == 1
    assert screen.detail.tags.item(0, 0).text() == "世界500强"


def test_new_company_with_uscc_check_and_duplicate_warning(ctx: Any, qtbot: Any) -> None:
    from ui.companies.screen import CompaniesScreen

    ids = _seed(ctx)
    screen = CompaniesScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    ime_type(qtbot, dialog.name, "比亚迪股份公司")
    qtbot.keyClicks(dialog.uscc, "91440300192203821A")
    dialog.uscc.editingFinished.emit()
    assert "校验" in dialog.form.error_of("uscc")
    _save(qtbot, dialog)  # first press: the duplicate warning appears, nothing saved
    assert dialog.duplicates.isVisible() or not dialog.duplicates.isHidden()
    assert dialog.duplicates.matches[0][0] == ids["byd"]
    assert dialog.save_button.text() == "仍然保存"
    _save(qtbot, dialog)  # second press: the bad USCC is reported next to its field
    assert dialog.form.error_of("uscc") != ""
    assert dialog.name.text() == "比亚迪股份公司"  # nothing typed is lost
    dialog.uscc.clear()
    qtbot.keyClicks(dialog.uscc, VALID_USCC)
    dialog.uscc.editingFinished.emit()
    assert dialog.form.error_of("uscc") == ""
    _save(qtbot, dialog)
    assert dialog.saved_id is not None
    with ctx.db.session() as s:
        saved = s.get(Company, dialog.saved_id)
        assert saved.uscc == VALID_USCC and saved.name == "比亚迪股份公司"
    assert screen.current_id() == dialog.saved_id


def test_duplicate_offers_to_open_existing(ctx: Any, qtbot: Any) -> None:
    from ui.companies.screen import CompaniesScreen

    ids = _seed(ctx)
    screen = CompaniesScreen(ctx)
    qtbot.addWidget(screen)
    screen.ownership.set_value("state")  # the existing one is filtered out
    screen.new_record()
    dialog = screen.dialog
    ime_type(qtbot, dialog.name, "比亚迪有限公司")
    dialog.name.editingFinished.emit()
    button = dialog.duplicates.findChild(type(screen.new_button), f"open_{ids['byd']}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert screen.current_id() == ids["byd"]
    with ctx.db.session() as s:
        assert s.scalar(select(Company.id).where(Company.name == "比亚迪有限公司")) is None


def test_contacts_tags_delete_undo(ctx: Any, qtbot: Any, answers: dict) -> None:
    from ui.companies.screen import CompaniesScreen

    ids = _seed(ctx)
    screen = CompaniesScreen(ctx)
    qtbot.addWidget(screen)
    screen.select_company(ids["catl"])
    detail = screen.detail
    qtbot.mouseClick(detail.add_contact_button, Qt.MouseButton.LeftButton)
    form = detail.dialog
    ime_type(qtbot, form.edits["name"], "曾经理")
    qtbot.keyClicks(form.edits["phone"], "+86 129-1234-5678")  # no mobile starts with 12
    _save(qtbot, form)
    assert form.form.error_of("phone") != ""
    form.edits["phone"].clear()
    qtbot.keyClicks(form.edits["phone"], "+86 139 1234 5678")
    _save(qtbot, form)
    with ctx.db.session() as s:
        contact = s.scalars(select(Contact).where(Contact.company_id == ids["catl"])).one()
        assert contact.phone == "13912345678"
    assert detail.contacts.rowCount() == 1
    qtbot.mouseClick(detail.add_tag_button, Qt.MouseButton.LeftButton)
    tag_form = detail.dialog
    tag_form.tag.setCurrentIndex(tag_form.tag.findData("unicorn"))
    qtbot.keyClicks(tag_form.edition_year, "2024")
    qtbot.keyClicks(tag_form.rank, "12")
    _save(qtbot, tag_form)
    with ctx.db.session() as s:
        tag = s.scalars(select(CompanyTag).where(CompanyTag.company_id == ids["catl"])).one()
        assert (tag.tag, tag.edition_year, tag.rank) == ("unicorn", 2024, 12)
    assert detail.tags.rowCount() == 1
    detail.contacts.selectRow(0)
    detail.delete_contact()
    assert detail.contacts.rowCount() == 0
    screen.delete_current()
    assert screen.model.row_of(ids["catl"]) == -1
    screen.undo()
    assert screen.current_id() == ids["catl"]


def test_company_name_required_without_early_red_text(ctx: Any, qtbot: Any) -> None:
    from ui.companies.form import CompanyDialog

    dialog = CompanyDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert dialog.form.error_of("name") == ""
    ime_type(qtbot, dialog.name, "广西柳工")
    assert dialog.save_button.isEnabled()
    dialog.name.clear()  # edited, then emptied: now the message shows
    assert dialog.form.error_of("name") == "请填写企业名称"
    assert not dialog.save_button.isEnabled()

"""Small forms of a company's detail: a contact, a list membership (tag)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm.queries import companies as q
from crm.services import companies as svc
from ui.activities.forms import FieldForm, save_cancel_buttons, user_error
from ui.context import AppContext
from ui.ops import run_read, run_write
from ui.widgets.date_edit import OptionalDateEdit


class ContactDialog(QDialog):
    """Add a contact to a company, or edit one (contact with its current values)."""

    def __init__(
        self,
        ctx: AppContext,
        company_id: str,
        parent: QWidget | None = None,
        *,
        contact: q.ContactRow | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.company_id, self.contact = ctx, company_id, contact
        self.setWindowTitle(self.tr("编辑联系人") if contact else self.tr("新增联系人"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.edits: dict[str, QLineEdit] = {}
        for field, label in (
            ("name", self.tr("姓名")),
            ("title", self.tr("职务")),
            ("phone", self.tr("电话")),
            ("email", self.tr("电子邮箱")),
            ("wechat", self.tr("微信")),
            ("notes", self.tr("备注")),
        ):
            edit = QLineEdit(self)
            if contact is not None:
                edit.setText(getattr(contact, field))
            self.edits[field] = edit
            self.form.add(field, label, edit)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        self.form.clear_errors()
        values = {field: edit.text() for field, edit in self.edits.items()}

        def write(session: Any) -> Any:
            if self.contact is not None:
                return svc.update_contact(session, self.contact.id, **values)
            return svc.add_contact(session, company_id=self.company_id, **values)

        run_write(
            self.ctx,
            self,
            write,
            on_done=lambda _r: self.accept(),
            on_error=self._on_error,
            busy=[self.buttons],
        )

    def _on_error(self, exc: Exception) -> None:
        self.form.show_error(exc, self.ctx.language)


class TagDialog(QDialog):
    """Add a list membership: which list, edition year, rank, valid until."""

    def __init__(self, ctx: AppContext, company_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.company_id = ctx, company_id
        self.setWindowTitle(self.tr("添加企业标签"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.form = FieldForm(self)
        self.tag = QComboBox(self)
        run_read(ctx, self, q.tag_kind_options, on_done=self._set_tags)
        self.edition_year = QLineEdit(self)
        self.edition_year.setValidator(QIntValidator(1950, 2100, self))
        self.rank = QLineEdit(self)
        self.rank.setValidator(QIntValidator(1, 100000, self))
        self.valid_until = OptionalDateEdit(self)
        self.form.add("tag", self.tr("榜单"), self.tag)
        self.form.add("edition_year", self.tr("年份"), self.edition_year)
        self.form.add("rank", self.tr("排名"), self.rank)
        self.form.add("valid_until", self.tr("有效期至"), self.valid_until)
        layout.addWidget(self.form)
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        self.form.clear_errors()
        if not self.valid_until.is_valid():
            exc = user_error("valid_until", "日期格式应为 yyyy-mm-dd", "Use yyyy-mm-dd")
            self.form.show_error(exc, self.ctx.language)
            return
        values = {
            "tag": self.tag.currentData(),
            "edition_year": int(self.edition_year.text()) if self.edition_year.text() else None,
            "rank": int(self.rank.text()) if self.rank.text() else None,
            "valid_until": self.valid_until.value(),
        }
        run_write(
            self.ctx,
            self,
            lambda s: svc.add_company_tag(s, company_id=self.company_id, **values),
            on_done=lambda _r: self.accept(),
            on_error=lambda e: self.form.show_error(e, self.ctx.language),
            busy=[self.buttons],
        )

    def _set_tags(self, options: list[Any]) -> None:
        for option in options:
            label = option.extra["en"] if self.ctx.is_english else option.label
            self.tag.addItem(label, option.code)

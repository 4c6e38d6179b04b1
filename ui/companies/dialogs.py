"""Small forms of a company's detail: a contact, a list membership (tag)."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from crm.queries import companies as q
from crm.services import companies as svc
from ui.context import AppContext
from ui.ops import run_read
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.form_dialog import FormDialog


class ContactDialog(FormDialog):
    """Add a contact to a company, or edit one (contact with its current values)."""

    def __init__(
        self,
        ctx: AppContext,
        company_id: str,
        parent: QWidget | None = None,
        *,
        contact: q.ContactRow | None = None,
    ) -> None:
        title = self.tr("编辑联系人") if contact else self.tr("新增联系人")
        super().__init__(ctx, parent, title, 420, record_id=contact.id if contact else None)
        self.company_id = company_id
        self.edits: dict[str, QLineEdit] = {}
        for field, label in (
            ("name", self.tr("姓名")),
            ("title", self.tr("职务")),
            ("phone", self.tr("电话")),
            ("email", self.tr("电子邮箱")),
            ("wechat", self.tr("微信")),
            ("notes", self.tr("备注")),
        ):
            self.edits[field] = self.field(field, label, QLineEdit())
        if contact is not None:
            self.fill_from(contact)
        self.finish()

    def save(self) -> None:
        if self.start_save():
            add = partial(svc.add_contact, company_id=self.company_id)
            self.save_record(self.values(), add, svc.update_contact)


class TagDialog(FormDialog):
    """Add a list membership: which list, edition year, rank, valid until."""

    def __init__(self, ctx: AppContext, company_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, self.tr("添加企业标签"), 420)
        self.company_id = company_id
        self.tag = self.field("tag", self.tr("榜单"), QComboBox())
        run_read(ctx, self, q.tag_kind_options, on_done=self._set_tags)
        self.edition_year = self.field("edition_year", self.tr("年份"), QLineEdit())
        self.edition_year.setValidator(QIntValidator(1950, 2100, self))
        self.rank = self.field("rank", self.tr("排名"), QLineEdit())
        self.rank.setValidator(QIntValidator(1, 100000, self))
        self.valid_until = self.field("valid_until", self.tr("有效期至"), OptionalDateEdit())
        self.finish()

    def save(self) -> None:
        if not self.start_save():
            return
        values = self.values()
        for number in ("edition_year", "rank"):
            values[number] = int(values[number]) if values[number] else None
        self.save_record(values, partial(svc.add_company_tag, company_id=self.company_id))

    def _set_tags(self, options: list[Any]) -> None:
        for option in options:
            label = option.extra["en"] if self.ctx.is_english else option.label
            self.tag.addItem(label, option.code)

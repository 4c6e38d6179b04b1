"""One company's detail: overview, contacts, projects, list memberships (tags)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm.codes import Ownership
from crm.queries import companies as q
from crm.services import companies as svc
from ui import dialogs
from ui.activities.forms import fmt_date, selected_id
from ui.activities.quick_log import QuickLogDialog
from ui.companies.dialogs import ContactDialog, TagDialog
from ui.context import AppContext
from ui.ops import run_read, run_write
from ui.screen import open_dialog
from ui.widgets.button_row import add_buttons
from ui.widgets.detail_label import detail_label
from ui.widgets.record_table import Column, ProjectsTable, RecordTable


class ContactsTable(RecordTable):
    def columns(self) -> list[Column]:
        return [
            (self.tr("姓名"), lambda c: c.name),
            (self.tr("职务"), lambda c: c.title),
            (self.tr("电话"), lambda c: c.phone),
            (self.tr("电子邮箱"), lambda c: c.email),
            (self.tr("微信"), lambda c: c.wechat),
            (self.tr("备注"), lambda c: c.notes),
        ]


class TagsTable(RecordTable):
    def columns(self) -> list[Column]:
        return [
            (self.tr("榜单"), lambda t: t.tag_name),
            (self.tr("年份"), lambda t: str(t.edition_year or "")),
            (self.tr("排名"), lambda t: str(t.rank or "")),
            (self.tr("有效期至"), lambda t: fmt_date(t.valid_until)),
        ]


class CompanyDetail(QTabWidget):
    """Shows the company set by `show_company`; its buttons write through the services."""

    edit_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.company_id: str | None = None
        self.dialog: QDialog | None = None
        self._contacts: list[q.ContactRow] = []
        self.addTab(self._overview_tab(), self.tr("概况"))
        self.addTab(self._contacts_tab(), self.tr("联系人"))
        self.addTab(self._projects_tab(), self.tr("项目"))
        self.addTab(self._tags_tab(), self.tr("榜单标签"))
        self.show_company(None)

    # -- tabs ---------------------------------------------------------------------------------
    def _overview_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.overview = detail_label(page, 0)
        layout.addWidget(self.overview, 1)
        self.edit_button, self.log_button = add_buttons(
            layout,
            page,
            (self.tr("编辑"), self.edit_requested.emit),
            (self.tr("记录跟进"), self.log_activity),
        )
        return page

    def _contacts_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.contacts = ContactsTable(page)
        layout.addWidget(self.contacts, 1)
        buttons = add_buttons(
            layout,
            page,
            (self.tr("添加"), self.add_contact),
            (self.tr("编辑"), self.edit_contact),
            (self.tr("删除"), self.delete_contact),
        )
        self.add_contact_button, self.edit_contact_button, self.delete_contact_button = buttons
        self.contacts.doubleClicked.connect(lambda _i: self.edit_contact())
        return page

    def _projects_tab(self) -> QWidget:
        self.projects = ProjectsTable(self.ctx.language, self, with_funds=False)
        return self.projects

    def _tags_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.tags = TagsTable(page)
        layout.addWidget(self.tags, 1)
        self.add_tag_button, self.remove_tag_button = add_buttons(
            layout, page, (self.tr("添加"), self.add_tag), (self.tr("删除"), self.remove_tag)
        )
        return page

    # -- showing ------------------------------------------------------------------------------
    def show_company(self, company_id: str | None) -> None:
        self.company_id = company_id
        has = company_id is not None
        for button in (
            self.edit_button,
            self.log_button,
            self.add_contact_button,
            self.edit_contact_button,
            self.delete_contact_button,
            self.add_tag_button,
            self.remove_tag_button,
        ):
            button.setEnabled(has)
        if not company_id:
            self.overview.setText(self.tr("在左侧选择一家企业。"))
            for table in (self.contacts, self.projects, self.tags):
                table.clear()
                table.setRowCount(0)
            return

        language = self.ctx.language

        def read(session: Any) -> tuple[Any, ...]:
            return (
                q.company_detail(session, company_id),
                q.company_rows(session, [company_id], language),
                q.company_contacts(session, company_id),
                q.company_projects(session, company_id),
                q.company_tags(session, company_id, language),
            )

        run_read(self.ctx, self, read, on_done=lambda found: self._show_read(company_id, found))

    def _show_read(self, company_id: str, found: tuple[Any, ...]) -> None:
        if company_id != self.company_id:
            return  # another company was chosen meanwhile
        detail, rows, self._contacts, projects, tags = found
        if detail is None:
            self.show_company(None)
            return
        self._show_overview(detail, rows[0] if rows else None)
        self._show_contacts()
        self._show_projects(projects)
        self._show_tags(tags)

    def _show_overview(self, d: q.CompanyDetail, row: q.CompanyRow | None) -> None:
        lang = self.ctx.language
        lines = [
            (self.tr("统一社会信用代码"), d.uscc or ""),
            (self.tr("曾用名"), d.former_names),
            (self.tr("英文名称"), d.english_name),
            (self.tr("总部所在地"), row.place if row else ""),
            (self.tr("企业性质"), Ownership.label_of(d.ownership, lang)),
            (self.tr("所属行业"), row.industry if row else ""),
            (self.tr("所属集团"), d.parent_name),
            (self.tr("榜单"), row.tags if row else ""),
            (self.tr("网址"), d.website),
            (self.tr("备注"), d.notes),
        ]
        body = "".join(
            f"<tr><td style='color:#666;padding-right:12px'>{escape(k)}</td>"
            f"<td>{escape(v)}</td></tr>"
            for k, v in lines
            if v
        )
        self.overview.setText(f"<h3>{escape(d.name)}</h3><table>{body}</table>")

    def _show_contacts(self) -> None:
        self.contacts.fill(self._contacts)

    def _show_projects(self, projects: list[q.CompanyProjectRow]) -> None:
        self.projects.fill(projects)

    def _show_tags(self, tags: list[q.TagRow]) -> None:
        self.tags.fill(tags)

    # -- actions ------------------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> None:
        open_dialog(self, dialog)

    def log_activity(self) -> None:
        if self.company_id:
            self._show(QuickLogDialog(self.ctx, self, company_id=self.company_id))

    def add_contact(self) -> None:
        if self.company_id:
            self._show(ContactDialog(self.ctx, self.company_id, self))

    def edit_contact(self) -> None:
        contact_id = selected_id(self.contacts)
        contact = next((c for c in self._contacts if c.id == contact_id), None)
        if self.company_id and contact is not None:
            self._show(ContactDialog(self.ctx, self.company_id, self, contact=contact))

    def delete_contact(self) -> None:
        contact_id = selected_id(self.contacts)
        if contact_id and dialogs.ask_confirm(
            self, self.tr("删除联系人"), self.tr("删除选中的联系人？")
        ):
            run_write(self.ctx, self, lambda s: svc.delete_contact(s, contact_id))

    def add_tag(self) -> None:
        if self.company_id:
            self._show(TagDialog(self.ctx, self.company_id, self))

    def remove_tag(self) -> None:
        tag_id = selected_id(self.tags)
        if tag_id and dialogs.ask_confirm(
            self, self.tr("删除标签"), self.tr("删除选中的榜单标签？")
        ):
            run_write(self.ctx, self, lambda s: svc.remove_company_tag(s, tag_id))

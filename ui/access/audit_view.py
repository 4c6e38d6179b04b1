"""工具 → 操作记录: who changed what and when, filtered by user, table and date, exportable;
an administrator also sees the sign-ins and failed attempts (crm.queries.audit, crm.accounts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm import access, accounts
from crm.cli.common import TABLE_LABELS
from crm.models import short_id
from crm.queries.audit import (
    SETTING_TABLE,
    AuditFilter,
    AuditRow,
    audit_rows,
    audit_tables,
    audit_users,
)
from ui import ops
from ui.activities.forms import fill_rows, message_line
from ui.context import AppContext
from ui.field_labels import field_label, logged_text, setting_label, setting_value_text
from ui.i18n import Labels
from ui.widgets.date_edit import OptionalDateEdit

#: What a change did to its record.
_OPS = Labels(
    "AuditView",
    {
        "insert": QT_TRANSLATE_NOOP("AuditView", "新增"),
        "update": QT_TRANSLATE_NOOP("AuditView", "修改"),
        "delete": QT_TRANSLATE_NOOP("AuditView", "删除"),
        "restore": QT_TRANSLATE_NOOP("AuditView", "恢复"),
    },
)
#: How a sign-in ended.
_OUTCOMES = Labels(
    "AuditView",
    {
        "ok": QT_TRANSLATE_NOOP("AuditView", "成功"),
        "wrong_password": QT_TRANSLATE_NOOP("AuditView", "密码错误"),
        "unknown_user": QT_TRANSLATE_NOOP("AuditView", "无此用户"),
        "locked": QT_TRANSLATE_NOOP("AuditView", "已锁定"),
        "inactive": QT_TRANSLATE_NOOP("AuditView", "账户已停用"),
    },
)


#: How a person signed in (crm.accounts: the channel a sign-in names).
_CHANNELS = Labels(
    "AuditView",
    {
        "window": QT_TRANSLATE_NOOP("AuditView", "窗口"),
        "cli": QT_TRANSLATE_NOOP("AuditView", "命令行"),
    },
)


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[AuditRow] = []
        self.setWindowTitle(self.tr("操作记录"))
        self.resize(1000, 600)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._changes_tab(), self.tr("修改记录"))
        actor = ctx.db.access_actor()
        self.sign_ins: QTableWidget | None = None
        if access.authorize(actor, "view_sign_ins"):
            self.sign_ins = self._table(
                [self.tr("时间"), self.tr("登录名"), self.tr("结果"), self.tr("途径")]
            )
            self.tabs.addTab(self.sign_ins, self.tr("登录记录"))
        self.message = message_line(self)
        layout.addWidget(self.message)
        self._load_choices()
        self.refresh()

    def _changes_tab(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.user = QComboBox(page)
        self.table_choice = QComboBox(page)
        self.date_from = OptionalDateEdit(page)
        self.date_to = OptionalDateEdit(page)
        self.search_button = QPushButton(self.tr("查询"), page)
        self.export_button = QPushButton(self.tr("导出…"), page)
        for label, widget in (
            (self.tr("用户"), self.user),
            (self.tr("数据表"), self.table_choice),
            (self.tr("从"), self.date_from),
            (self.tr("到"), self.date_to),
        ):
            bar.addWidget(QLabel(label, page))
            bar.addWidget(widget)
        bar.addWidget(self.search_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        column.addLayout(bar)
        self.changes = self._table(self.headers())
        column.addWidget(self.changes)
        self.search_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        return page

    def headers(self) -> list[str]:
        return [
            self.tr("时间"),
            self.tr("用户"),
            self.tr("数据表"),
            self.tr("记录"),
            self.tr("操作"),
            self.tr("字段"),
            self.tr("原值"),
            self.tr("新值"),
        ]

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _load_choices(self) -> None:
        ops.run_read(
            self.ctx,
            self,
            lambda session: (audit_users(session), audit_tables(session)),
            on_done=self._show_choices,
        )

    def _show_choices(self, choices: tuple[list[str], list[str]]) -> None:
        users, tables = choices
        self.user.addItem(self.tr("（全部）"), "")
        for logged, shown in users:
            self.user.addItem(shown or self.tr("（未记名）"), logged)
        self.table_choice.addItem(self.tr("（全部）"), "")
        for name in tables:
            self.table_choice.addItem(self._table_label(name), name)

    def _table_label(self, name: str) -> str:
        if self.ctx.is_english:  # enterprise_request → Enterprise request
            return name.replace("_", " ").capitalize()
        return TABLE_LABELS.get(name, name)

    def current_filter(self) -> AuditFilter | None:
        if not (self.date_from.is_valid() and self.date_to.is_valid()):
            self.message.setText(self.tr("日期格式应为 YYYY-MM-DD。"))
            return None
        return AuditFilter(
            user=self.user.currentData() or "",
            table=self.table_choice.currentData() or "",
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
        )

    def refresh(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self.message.clear()
        with_sign_ins, language = self.sign_ins is not None, self.ctx.language

        def read(session: Any) -> tuple[Any, Any]:
            events = accounts.sign_in_log(session) if with_sign_ins else []
            return audit_rows(session, flt, language=language), events

        ops.run_read(self.ctx, self, read, on_done=self._show_rows)

    def _show_rows(self, result: tuple[Any, Any]) -> None:
        self.rows, events = result
        self._fill(self.changes, [self.display(row) for row in self.rows])
        if self.sign_ins is not None:
            self._fill(
                self.sign_ins,
                [
                    [_when(e.at), e.login, _OUTCOMES(e.outcome), _CHANNELS(e.channel)]
                    for e in events
                ],
            )

    def display(self, row: AuditRow) -> list[str]:
        language = self.ctx.language
        if row.table_name == SETTING_TABLE:  # a setting: its label, its values as JSON
            record = setting_label(row.record_id)
            old, new = setting_value_text(row.old_value), setting_value_text(row.new_value)
        else:
            record = row.record_name or short_id(row.record_id)
            old = logged_text(
                row.field, row.old_value, row.old_name, language, table=row.table_name
            )
            new = logged_text(
                row.field, row.new_value, row.new_name, language, row.record_names, row.table_name
            )
        return [
            _when(row.changed_at),
            row.changed_by,
            self._table_label(row.table_name),
            record,
            _OPS(row.op),
            self._field(row),
            old,
            new,
        ]

    def _field(self, row: AuditRow) -> str:
        return field_label(row.field, row.table_name)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
        fill_rows(table, rows)
        table.resizeColumnsToContents()

    def export(self) -> None:
        from ui.ledger.export import export_table

        rows = [self.display(row) for row in self.rows]
        export_table(
            self,
            self.headers(),
            rows,
            ["text"] * len(self.headers()),
            suggested_name=self.tr("操作记录") + f"-{date.today().isoformat()}.xlsx",
        )


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""

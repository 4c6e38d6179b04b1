"""The 同步 screen's lists of what waits for a person: conflicts, rules to review, duplicates.

Settling writes through crm.sync.conflicts (a conflict decision is a change that syncs like
any other); a duplicate is merged with the same merge dialog as the projects and companies
screens (crm.services.merge), which shows what moves before anything is written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm.sync.conflicts import (
    DELETE,
    KEEP_LOSER,
    KEEP_WINNER,
    RESTORE,
    ConflictView,
    DuplicateGroup,
    Side,
    resolve_conflict,
)
from crm.sync.overview import SyncOverview
from ui import dialogs, ops
from ui.context import AppContext
from ui.field_labels import field_label, value_text
from ui.sync.labels import kind_label, record_label, rule_text, table_label
from ui.widgets.button_row import add_buttons


def make_table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_row(table: QTableWidget, row: int, values: list[str], key: str) -> None:
    for column, text in enumerate(values):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if column == 0:
            item.setData(Qt.ItemDataRole.UserRole, key)
        table.setItem(row, column, item)


def selected_key(table: QTableWidget) -> str | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class ListPanel(QWidget):
    """What the three lists share: the context, a column and a table that takes the spare
    height, filled a row per record with the record's key on the first cell."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.column = QVBoxLayout(self)

    def _add_table(self, headers: list[str], name: str) -> None:
        self.table = make_table(self, headers, name)
        self.column.addWidget(self.table, 1)

    def _fill(self, rows: list[tuple[list[str], str]]) -> None:
        """Show `rows` (the cells, the key) and size the columns to what they now hold."""
        self.table.setRowCount(len(rows))
        for row, (values, key) in enumerate(rows):
            fill_row(self.table, row, values, key)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()  # a delete's edits take a line each


class ConflictsPanel(ListPanel):
    """Field conflicts, edits against deletes and duplicate keys, each settled by a choice."""

    #: Emitted after a decision was written (the screen reloads).
    settled = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.views: dict[str, ConflictView] = {}
        layout = self.column
        self._add_table(
            [
                self.tr("记录"),
                self.tr("类型"),
                self.tr("字段"),
                self.tr("当前值"),
                self.tr("当前值来自"),
                self.tr("另一值"),
                self.tr("另一值来自"),
            ],
            "conflictTable",
        )
        self.hint = QLabel("", self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.keep_winner, self.keep_loser, self.new_value, self.delete, self.restore = add_buttons(
            layout,
            self,
            (self.tr("保留当前值"), lambda: self.settle(KEEP_WINNER)),
            (self.tr("采用另一值"), lambda: self.settle(KEEP_LOSER)),
            (self.tr("改为新值…"), self.settle_with_value),
            (self.tr("确认删除记录"), lambda: self.settle(DELETE)),
            (self.tr("保留记录"), lambda: self.settle(RESTORE)),
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_overview(self, overview: SyncOverview) -> None:
        conflicts = [c for c in overview.conflicts if c.kind != "rule"]
        self.views = {c.id: c for c in conflicts}
        language = self.ctx.language
        self._fill([(self._cells(c, overview, language), c.id) for c in conflicts])
        self._update_buttons()

    def _cells(self, c: ConflictView, overview: SyncOverview, language: str) -> list[str]:
        values = [
            record_label(c.table_name, c.record_label),
            kind_label(c.kind),
            field_label(c.field),
            self._value(c.field, c.winner, language),
            self._origin(c.winner, overview),
            self._value(c.field, c.loser, language),
            self._origin(c.loser, overview),
        ]
        if c.kind == "delete":  # deleted on one side, edited on the other
            # The record is still there (an edit wins over a delete that had not seen it,
            # docs/sync.md rule 3); each edit on a line of its own, with its own origin.
            here = c.winner is not None and c.winner.here
            values[2:7] = [
                self.tr("删除"),
                self.tr("记录仍保留（本站点删除了它，待确认）")
                if here
                else self.tr("记录仍保留（另一处删除了它，待确认）"),
                values[4],
                "\n".join(
                    f"{field_label(e.field)}：{self._value(e.field, e, language)}" for e in c.edits
                ),
                "\n".join(self._origin(e, overview) for e in c.edits),
            ]
        return values

    def _value(self, field: str, side: Side | None, language: str) -> str:
        if side is None:
            return ""
        text = value_text(field, side.value, None, language)
        return text or self.tr("（空）")

    def _origin(self, side: Side | None, overview: SyncOverview) -> str:
        """Who, when, where: 张三 · 2026-11-20 14:05 · 驻深圳工作队."""
        if side is None:
            return ""
        when = side.at.strftime("%Y-%m-%d %H:%M") if side.at else ""
        return " · ".join(p for p in (side.by, when, overview.site_label(side.site_id)) if p)

    def current(self) -> ConflictView | None:
        key = selected_key(self.table)
        return self.views.get(key) if key else None

    def _update_buttons(self) -> None:
        conflict = self.current()
        kind = conflict.kind if conflict else ""
        for button in (self.keep_winner, self.keep_loser, self.new_value):
            button.setVisible(kind in ("field", ""))
            button.setEnabled(kind == "field")
        for button in (self.delete, self.restore):
            button.setVisible(kind == "delete")
        hints = {
            "field": self.tr(
                "两处在互不知情时修改了同一字段。选择保留哪一个值，或输入新值；决定会同步到所有站点。"
            ),
            "delete": self.tr("一处删除了记录，另一处同时修改了它。确认删除，或保留记录。"),
            "unique": self.tr(
                "两条记录使用了同一编号。请在记录上改用其他编号，或合并重复记录，冲突随后自动消除。"
            ),
        }
        self.hint.setText(hints.get(kind, self.tr("选择一项冲突来处理。")))

    def settle(self, keep: str, value: str | None = None) -> bool:
        """Write the decision for the selected conflict (on the write worker; `settled` once it
        is written); True when there was a conflict to decide."""
        conflict = self.current()
        if conflict is None:
            return False
        conflict_id = conflict.id
        db = self.ctx.db
        ops.run_write(
            self.ctx,
            self,
            lambda s: resolve_conflict(
                s, conflict_id, keep=keep, value=value, site_id=db.site_id, actor=db.actor
            ),
            changes={conflict.table_name},
            on_done=lambda _r: self.settled.emit(),
        )
        return True

    def settle_with_value(self) -> bool:
        conflict = self.current()
        if conflict is None:
            return False
        winner = conflict.winner
        text = dialogs.ask_text(
            self,
            self.tr("改为新值"),
            field_label(conflict.field),
            (winner.value or "") if winner else "",
        )
        if text is None:
            return False
        return self.settle(KEEP_WINNER, value=text)


class RulesPanel(ListPanel):
    """Records whose combined changes break a rule: listed for review, the data kept."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.column.addWidget(
            QLabel(
                self.tr(
                    "各处的修改各自有效，合在一起却违反了规则（例如开工早于签约）。数据已保留；请在项目上更正，更正后此处自动消除。"
                ),
                self,
            )
        )
        self._add_table([self.tr("记录"), self.tr("字段"), self.tr("违反的规则")], "ruleTable")

    def show_overview(self, overview: SyncOverview) -> None:
        rules = [c for c in overview.conflicts if c.kind == "rule"]
        language = self.ctx.language
        self._fill(
            [
                (
                    [
                        record_label(c.table_name, c.record_label),
                        field_label(c.field),
                        rule_text(c.detail, language),
                    ],
                    c.id,
                )
                for c in rules
            ]
        )


class DuplicatesPanel(ListPanel):
    """Records made twice (e.g. on two laptops offline): choose the survivor and merge."""

    merged = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.groups: dict[str, DuplicateGroup] = {}
        self._add_table([self.tr("类型"), self.tr("名称"), self.tr("记录数")], "duplicateTable")
        row = QHBoxLayout()
        self.merge_button = QPushButton(self.tr("合并…"), self)
        self.merge_button.clicked.connect(lambda _checked=False: self.merge_current())
        row.addWidget(self.merge_button)
        row.addWidget(QLabel(self.tr("合并时选择保留哪一条，另一条的关联记录移过去后作废。"), self))
        row.addStretch(1)
        self.column.addLayout(row)

    def show_overview(self, overview: SyncOverview) -> None:
        self.groups = {}
        rows: list[tuple[list[str], str]] = []
        for group in overview.duplicates:
            key = f"{group.table_name}:{'|'.join(group.ids)}"
            self.groups[key] = group
            names = "、".join(dict.fromkeys(group.names))
            rows.append(([table_label(group.table_name), names, str(len(group.ids))], key))
        self._fill(rows)
        self.merge_button.setEnabled(bool(overview.duplicates))

    def merge_dialog(self) -> object | None:
        """The merge dialog for the selected group's first two records (None: nothing chosen)."""
        from ui.widgets.merge_dialog import MergeDialog

        key = selected_key(self.table)
        group = self.groups.get(key) if key else None
        if group is None:
            return None
        table_name, ids, names = group.table_name, group.ids, group.names
        made = group.made or ("", "")
        # Alike names: say who entered each (the choice of survivor depends on it).
        records = [
            (ids[i], f"{names[i]}（{made[i]} 录入）" if made[i] else names[i]) for i in (0, 1)
        ]
        return MergeDialog(self.ctx, records, table=table_name, parent=self)

    def merge_current(self) -> bool:
        dialog = self.merge_dialog()
        if dialog is None:
            dialogs.show_info(self, self.tr("请先选择一组疑似重复的记录。"))
            return False
        dialogs.exec_dialog(dialog)  # type: ignore[arg-type]
        if getattr(dialog, "merged", None) is None:
            return False
        self.merged.emit()
        return True

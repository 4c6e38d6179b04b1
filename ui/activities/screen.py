"""Activities screen (跟进记录): the filtered list (a paged table: a million rows is normal)
and the open next steps, overdue ones in red."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.codes import ActivityKind
from crm.models import Activity
from crm.queries import activities as q
from crm.services import activities as svc
from crm.services.records import restorer
from crm.services.result import ChangeSet
from ui import ops
from ui.activities.forms import OVERDUE_COLOR, SOON_COLOR, fmt_date
from ui.activities.quick_log import QuickLogDialog
from ui.context import AppContext
from ui.list_screen import ListScreen, project_id_key
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.filters import MultiChoiceCombo, code_choices, watch
from ui.widgets.paged_model import ASYNC_THRESHOLD, LEFT, ColumnSpec
from ui.widgets.search_box import SearchBox
from ui.widgets.search_combo import SearchableCombo

TABLES = frozenset({"activity", "project", "company", "team"})


class ActivitiesScreen(ListScreen):
    screen_id = "activities"
    watched = TABLES

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        kind_width = 130 if ctx.is_english else 80  # "Site inspection", "Cloud meeting"
        widths = ((0, 96), (1, kind_width), (2, 180), (3, 180), (4, 150), (6, 280))
        self.finish_setup(0, Qt.SortOrder.DescendingOrder, widths)
        f = self.current_filter()
        # a million activities: load their ids on a worker; a few thousand: at once
        ops.run_read(
            ctx,
            self,
            lambda s: q.count_activities(s, f) <= ASYNC_THRESHOLD,
            on_done=lambda small: self.model.reload(sync=small),
        )
        self._load_next_steps()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = SearchBox(self, placeholder=self.tr("搜索内容、参加人员、下一步"))
        kinds = code_choices(ActivityKind, self.ctx.language)
        self.kinds = MultiChoiceCombo(self.tr("全部方式"), self, choices=kinds)
        self.team = SearchableCombo(self.tr("全部工作队"), self)
        self._load_teams()
        self.date_from = OptionalDateEdit(self)
        self.date_to = OptionalDateEdit(self)
        for widget in (self.date_from, self.date_to):
            widget.setMaximumWidth(120)
        self.new_button = QPushButton(self.tr("记录跟进"), self)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.kinds, 1)
        bar.addWidget(self.team, 1)
        bar.addWidget(QLabel(self.tr("从"), self))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("到"), self))
        bar.addWidget(self.date_to)
        bar.addWidget(self.new_button)
        self.export_button = self._export_button()
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.table = self._list_table(self)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.steps_title = QLabel(self.tr("待办下一步（含超期）"), side)
        self.steps_title.setStyleSheet("font-weight: bold;")
        self.steps = QListWidget(side)
        self.steps.setWordWrap(True)
        side_layout.addWidget(self.steps_title)
        side_layout.addWidget(self.steps)
        self._table_beside(layout, side, (3, 1), [800, 300])
        filters = (self.search, self.kinds, self.team, self.date_from, self.date_to)
        watch(self.apply_filters, *filters)
        self.steps.itemDoubleClicked.connect(self._open_step)

    def _columns(self) -> list[ColumnSpec]:
        lang = self.ctx.language
        today = date.today()

        def kind_label(code: Any) -> str:
            return ActivityKind(code).label(lang) if code in ActivityKind._value2member_map_ else ""

        def due_color(due: Any) -> Any:
            if due is None:
                return None
            if due < today:
                return QColor(OVERDUE_COLOR)
            return QColor(SOON_COLOR) if (due - today).days <= 7 else None

        i = q.row_index
        return [
            ColumnSpec(
                "occurred_on", self.tr("日期"), i("occurred_on"), fmt_date, LEFT, "occurred_on"
            ),
            ColumnSpec("kind", self.tr("方式"), i("kind"), kind_label, LEFT, "kind"),
            ColumnSpec(
                "project", self.tr("项目"), i("project_name"), sort_key="project", tooltip=True
            ),
            ColumnSpec(
                "company", self.tr("企业"), i("company_name"), sort_key="company", tooltip=True
            ),
            ColumnSpec("team", self.tr("工作队"), i("team_name"), sort_key="team", tooltip=True),
            ColumnSpec("participants", self.tr("参加人员"), i("participants"), tooltip=True),
            ColumnSpec("summary", self.tr("内容摘要"), i("summary"), tooltip=True),
            ColumnSpec("next_step", self.tr("下一步工作"), i("next_step"), tooltip=True),
            ColumnSpec(
                "next_step_due",
                self.tr("期限"),
                i("next_step_due"),
                fmt_date,
                LEFT,
                "next_step_due",
                foreground=due_color,
            ),
        ]

    # -- filters ------------------------------------------------------------------------------
    def current_filter(self) -> q.ActivityFilter:
        return q.ActivityFilter(
            kinds=frozenset(self.kinds.values()),
            team_id=self.team.value() or "",
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            text=self.search.text().strip(),
        )

    def _query(self) -> q.ActivityListQuery:
        return q.ActivityListQuery(self.current_filter())

    def export_title(self) -> str:
        return self.tr("跟进记录")

    def export_row_keys(self) -> dict[str, int]:
        return project_id_key(q.row_index)

    # -- next steps ---------------------------------------------------------------------------
    def _load_next_steps(self) -> None:
        today = date.today()
        ops.run_read(
            self.ctx,
            self,
            lambda s: q.next_steps(s, today=today, days_ahead=7, limit=100),
            on_done=self._show_next_steps,
        )

    def _load_teams(self) -> None:
        ops.run_read(self.ctx, self, q.team_options, on_done=self.team.set_choices)

    def _show_next_steps(self, rows: list[Any]) -> None:
        self.steps.clear()
        for row in rows:
            who = row.project_name or row.company_name
            text = self.tr("{due}  {step}\n{who}").format(
                due=row.due.isoformat(), step=row.next_step, who=who
            )
            if row.overdue:
                text = self.tr("【超期】") + text
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.activity_id)
            if row.overdue:
                item.setForeground(QColor(OVERDUE_COLOR))
            self.steps.addItem(item)
        if not rows:
            self.steps.addItem(QListWidgetItem(self.tr("本周没有到期的下一步")))

    def _open_step(self, item: QListWidgetItem) -> None:
        activity_id = item.data(Qt.ItemDataRole.UserRole)
        if activity_id:
            self._edit(activity_id)

    # -- Screen hooks -------------------------------------------------------------------------

    def new_record(self) -> None:
        self._show(QuickLogDialog(self.ctx, self, team_id=self.team.value()))

    def edit_current(self) -> None:
        activity_id = self.current_id()
        if activity_id:
            self._edit(activity_id)

    def _edit(self, activity_id: str) -> None:
        self._show(QuickLogDialog(self.ctx, self, activity_id=activity_id))

    def delete_current(self) -> None:
        title, question = self.tr("删除跟进记录"), self.tr("删除选中的跟进记录？")
        delete, restore = svc.delete_activity, restorer(Activity)
        self.soft_delete(self.current_id(), title, question, delete=delete, restore=restore)

    def refresh(self) -> None:
        self.model.reload()
        self._load_next_steps()

    def apply_change(self, change: ChangeSet) -> None:
        if "team" in change.tables():
            self._load_teams()
        self.refresh()

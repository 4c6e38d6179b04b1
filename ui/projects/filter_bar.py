"""The projects filter bar: every filter combines; emits the resulting ProjectFilter."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.codes import Stage
from crm.queries.project_board import BOARD_STAGES
from crm.queries.project_choices import ProjectChoices
from crm.queries.project_filter import ProjectFilter
from ui.widgets.date_edit import OptionalDateEdit
from ui.widgets.filters import MultiChoiceCombo
from ui.widgets.money import UNIT_WAN, UNIT_YI, MoneyEdit
from ui.widgets.search_box import SearchBox
from ui.widgets.search_combo import SearchableCombo


class ProjectFilterBar(QWidget):
    filter_changed = Signal(object)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._loading = False
        self._build()

    def _build(self) -> None:
        self.search = SearchBox(self)
        self.search.setMinimumWidth(220)
        self.stages = MultiChoiceCombo(self.tr("全部阶段"), self)
        self.stages.set_choices([(s, Stage(s).label(self._language)) for s in BOARD_STAGES])
        self.industry = SearchableCombo(self.tr("全部行业"), self)
        self.chain = SearchableCombo(self.tr("全部产业链"), self)
        self.team = SearchableCombo(self.tr("全部工作队"), self)
        self.tags = MultiChoiceCombo(self.tr("全部企业标签"), self)
        self.region_group = SearchableCombo(self.tr("全部来源区域"), self)
        self.province = SearchableCombo(self.tr("全部来源省份"), self)
        self.landing = SearchableCombo(self.tr("全部落地地区"), self)
        #: Each single-choice combo, the list of ProjectChoices it offers and the field of
        #: ProjectFilter it sets.
        self._combos: tuple[tuple[SearchableCombo, str, str], ...] = (
            (self.industry, "industries", "industry_code"),
            (self.chain, "chains", "chain_code"),
            (self.team, "teams", "team_id"),
            (self.region_group, "region_groups", "region_group"),
            (self.province, "provinces", "source_province"),
            (self.landing, "cities", "landing_region_code"),
        )
        self.date_field = QComboBox(self)
        for key, label in (
            ("", self.tr("日期不限")),
            ("signed_on", self.tr("签约日期")),
            ("funded_on", self.tr("资金到位日期")),
            ("started_on", self.tr("开工日期")),
            ("operating_on", self.tr("投产日期")),
            ("dropped_on", self.tr("终止日期")),
            ("stage_on", self.tr("进入本阶段日期")),
        ):
            self.date_field.addItem(label, key)
        self.date_from = OptionalDateEdit(self)
        self.date_to = OptionalDateEdit(self)
        self.amount_min = MoneyEdit(self)
        self.amount_max = MoneyEdit(self)
        self.set_unit(UNIT_WAN)
        for edit in (self.amount_min, self.amount_max, self.date_from, self.date_to):
            edit.setMinimumWidth(90)
            edit.setMaximumWidth(120)
        self.overdue = QCheckBox(self.tr("有逾期问题"), self)
        self.major = QCheckBox(self.tr("重大项目"), self)
        self.clear_button = QPushButton(self.tr("清除筛选"), self)
        # The figure a drill-down opened the list on (crm.queries.drill): shown, removable.
        self._figure = ""
        self.figure_chip = QPushButton(self)
        self.figure_chip.setObjectName("figureChip")
        self.figure_chip.setToolTip(self.tr("点击取消这一条件"))
        self.figure_chip.setStyleSheet(
            "#figureChip { background: #e8f0fb; border: 1px solid #9bb7e0; border-radius: 10px;"
            " padding: 2px 8px; }"
        )
        self.figure_chip.clicked.connect(self._drop_figure)
        self.figure_chip.hide()
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        # Two independent rows (not a grid): long English labels in one row must not widen
        # the columns of the other.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(first)
        rows.addLayout(second)
        first.addWidget(self.search, 2)
        for widget in (self.stages, self.industry, self.chain, self.team, self.tags):
            first.addWidget(widget, 1)
        # The check boxes end the first row: in English the second was wider than a
        # 1366-pixel laptop screen.
        first.addWidget(self.overdue)
        first.addWidget(self.major)
        for widget in (self.region_group, self.province, self.landing):
            # Wide enough for its "all" line in either language (English was clipped).
            widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance(widget.itemText(0)) + 36)
            second.addWidget(widget, 1)
        second.addWidget(self.date_field)
        second.addWidget(self.date_from)
        second.addWidget(QLabel("—", self))
        second.addWidget(self.date_to)
        second.addWidget(QLabel(self.tr("投资额"), self))
        second.addWidget(self.amount_min)
        second.addWidget(QLabel("—", self))
        second.addWidget(self.amount_max)
        second.addWidget(self.clear_button)
        # A drill-down's condition on a row of its own (no room is taken while there is none):
        # a long figure name in the first row made the window wider than a laptop screen.
        third = QHBoxLayout()
        third.addWidget(self.figure_chip)
        third.addStretch(1)
        rows.addLayout(third)

    def _connect(self) -> None:
        self.search.search_changed.connect(self._emit)
        self.stages.choices_changed.connect(self._emit)
        self.tags.choices_changed.connect(self._emit)
        for combo, _choices, _field in self._combos:
            combo.choice_changed.connect(self._emit)
        self.date_field.currentIndexChanged.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.date_changed.connect(self._emit)
        for edit in (self.amount_min, self.amount_max):
            edit.editingFinished.connect(self._emit)
        self.overdue.toggled.connect(self._emit)
        self.major.toggled.connect(self._emit)

    def set_unit(self, unit: str) -> None:
        """The amount filter in the table's unit: a user who reads 1.20 (亿元) in the column
        and types 5 means 5亿元, not 5万元 (user test, finding 15). The filter's amounts stay
        the same; only how they are shown and read changes."""
        for edit in (self.amount_min, self.amount_max):
            edit.set_unit(unit)
        if unit == UNIT_YI:
            self.amount_min.setPlaceholderText(self.tr("最低（亿元）"))
            self.amount_max.setPlaceholderText(self.tr("最高（亿元）"))
        else:
            self.amount_min.setPlaceholderText(self.tr("最低（万元）"))
            self.amount_max.setPlaceholderText(self.tr("最高（万元）"))

    def set_choices(self, choices: ProjectChoices) -> None:
        self._loading = True
        for combo, offered, _field in self._combos:
            combo.set_choices(getattr(choices, offered))
        self.tags.set_choices(choices.tags)
        self._loading = False

    def current_filter(self) -> ProjectFilter:
        return ProjectFilter(
            text=self.search.text().strip(),
            stages=tuple(self.stages.values()),
            tags=tuple(self.tags.values()),
            date_field=self.date_field.currentData() or "",
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            amount_min=self.amount_min.value(),
            amount_max=self.amount_max.value(),
            overdue_problems=self.overdue.isChecked(),
            is_major=self.major.isChecked(),
            figure=self._figure,
        ).with_(**{name: combo.value() or "" for combo, _choices, name in self._combos})

    def set_filter(self, f: ProjectFilter) -> None:
        """Show a saved filter (one filter_changed at the end)."""
        self._loading = True
        self.search.setText(f.text)
        self.search.flush()
        self.stages.set_values(list(f.stages))
        self.tags.set_values(list(f.tags))
        for combo, _choices, name in self._combos:
            combo.set_value(getattr(f, name) or None)
        self.date_field.setCurrentIndex(max(self.date_field.findData(f.date_field), 0))
        self.date_from.set_value(f.date_from)
        self.date_to.set_value(f.date_to)
        self.amount_min.set_value(f.amount_min)
        self.amount_max.set_value(f.amount_max)
        self.overdue.setChecked(f.overdue_problems)
        self.major.setChecked(f.is_major)
        self._show_figure(f.figure)
        self._loading = False
        self._emit()

    def clear(self) -> None:
        self.set_filter(ProjectFilter())

    def _show_figure(self, code: str) -> None:
        from crm.queries.drill import figure_label

        self._figure = code
        self.figure_chip.setVisible(bool(code))
        if code:
            self.figure_chip.setText(f"{figure_label(code, self._language)}  ×")

    def _drop_figure(self) -> None:
        self._show_figure("")
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._loading:
            self.filter_changed.emit(self.current_filter())


def decimal_or_none(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text.strip() else None
    except ArithmeticError:
        return None

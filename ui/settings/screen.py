"""Settings: bureau (name, region, level, own-area money), project codes, the distribution line
of briefs (报/送/发), user, my team, language (after restart), stalled thresholds, amount unit.

Data settings are stored in the database (crm.services.settings); interface preferences
(language, amount unit) in the UI settings file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.queries.project_choices import project_choices
from crm.queries.regions import region_choices
from crm.services.settings import all_settings, set_setting
from ui import dialogs, ops
from ui.context import SETTINGS, AppContext
from ui.qsettings import app_settings
from ui.screen import Screen
from ui.widgets.filters import ChoiceCombo
from ui.widgets.live_checks import with_error
from ui.widgets.money import UNIT_WAN, UNIT_YI
from ui.widgets.search_combo import SearchableCombo

DB_KEYS = (
    "bureau_name",
    "bureau_region_code",
    "bureau_level",
    "include_own_area",
    "project_code_pattern",
    "brief_report_to",
    "brief_copy_to",
    "brief_send_to",
    "user_name",
    "my_team_id",
    "stalled_signed_not_started_days",
    "stalled_started_not_operating_days",
    "stalled_no_update_days",
)


def settings_writer(values: dict[str, Any]) -> Callable[[Any], None]:
    """A write (for run_write) that stores each value under its settings key."""

    def write(session: Any) -> None:
        for key, value in values.items():
            set_setting(session, key, value)

    return write


class SettingsScreen(Screen):
    screen_id = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._errors: dict[str, QLabel] = {}
        self._failed = False
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.bureau_name = self._row("bureau_name", self.tr("投促局名称"), QLineEdit(self))
        self.region = self._row(
            "bureau_region_code",
            self.tr("本单位所在地区"),
            SearchableCombo(self.tr("（未设置）"), self),
        )
        self.level = self._row("bureau_level", self.tr("单位级别"), QComboBox(self))
        self.level.addItem(self.tr("（按所在地区）"), "")
        self.level.addItem(self.tr("省级（省、自治区、直辖市）"), "province")
        self.level.addItem(self.tr("市级"), "city")
        self.level.addItem(self.tr("县级（县、区）"), "county")
        self.own_area = self._row(
            "include_own_area",
            self.tr("本地资金"),
            QCheckBox(self.tr("总体数字计入来自本地（市内/县内）的资金"), self),
        )
        self.code_pattern = self._row(
            "project_code_pattern", self.tr("项目编号格式"), QLineEdit(self)
        )
        self.code_pattern.setToolTip(
            self.tr("{year} 为年份，{seq:05d} 为当年流水号（5位），如 ZS{year}-{seq:05d}")
        )
        self._distribution_rows()
        self.user_name = self._row(
            "user_name", self.tr("我的姓名（记入变更记录）"), QLineEdit(self)
        )
        self.my_team = self._row(
            "my_team_id", self.tr("我的工作队"), ChoiceCombo(self.tr("（无）"), self)
        )
        self.language = self._row("language", self.tr("界面语言（重启后生效）"), QComboBox(self))
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.signed_days = self._row(
            "stalled_signed_not_started_days", self.tr("签约未开工提醒（天）"), self._days()
        )
        self.started_days = self._row(
            "stalled_started_not_operating_days", self.tr("开工未投产提醒（天）"), self._days()
        )
        self.quiet_days = self._row(
            "stalled_no_update_days", self.tr("无跟进提醒（天）"), self._days()
        )
        # One setting with the projects toolbar's 万元/亿元 (the same UI settings key); the
        # label says so, and the combo shows the toolbar's choice whenever this screen is shown
        # (it kept 万元 beside a toolbar on 亿元: user test, finding 25).
        self.unit = self._row(
            "amount_unit", self.tr("金额单位（项目页，与其工具栏相同）"), QComboBox(self)
        )
        self.unit.addItem(self.tr("万元"), UNIT_WAN)
        self.unit.addItem(self.tr("亿元"), UNIT_YI)
        self.unit.setToolTip(
            self.tr("项目列表、看板和详情的金额单位；项目页工具栏右侧的单位选择是同一设置")
        )
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存设置"), self)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        # Says that a save went through (most settings change nothing visible at once).
        self.saved_note = QLabel("", self)
        self.saved_note.setObjectName("settings-saved")
        buttons.addWidget(self.saved_note)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.location = QLabel("", self)
        self.location.setWordWrap(True)
        outer.addWidget(self.location)
        outer.addStretch(1)
        self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._show_unit()

    def _show_unit(self) -> None:
        """The unit as stored now (the projects toolbar may have changed it meanwhile)."""
        unit = app_settings().value("display/amount_unit", UNIT_WAN)
        self.unit.setCurrentIndex(max(self.unit.findData(unit), 0))

    def _distribution_rows(self) -> None:
        """报 / 送 / 发: the lines at the end of every brief and notice (empty: not printed)."""
        tip = self.tr(
            "印在简报和通报末尾的发送范围，每项一行，如 报：市委、市政府领导。"
            "送：各县（市、区）人民政府。发：各驻点招商工作队。不填则不印"
        )
        rows = (
            ("brief_report_to", self.tr("简报发送范围：报"), self.tr("如：市委、市政府领导。")),
            ("brief_copy_to", self.tr("简报发送范围：送"), self.tr("如：各县（市、区）人民政府。")),
            ("brief_send_to", self.tr("简报发送范围：发"), self.tr("如：各驻点招商工作队。")),
        )
        self.distribution: dict[str, QLineEdit] = {}
        for key, label, example in rows:
            edit = self._row(key, label, QLineEdit(self))
            edit.setPlaceholderText(example)
            edit.setToolTip(tip)
            self.distribution[key] = edit

    def _days(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(1, 3650)
        return box

    def _row(self, key: str, label: str, widget: Any) -> Any:
        widget.setMaximumWidth(420)
        box, self._errors[key] = with_error(widget, self)
        self.form.addRow(label, box)
        return widget

    def refresh(self) -> None:
        language = self.ctx.language

        def read(session: Any) -> tuple[Any, Any, Any]:
            return (
                all_settings(session),
                project_choices(session, language),
                region_choices(session),
            )

        ops.run_read(self.ctx, self, read, on_done=self._show_values)

    def _show_values(self, found: tuple[Any, Any, Any]) -> None:
        values, choices, regions = found
        self.region.set_choices(regions)
        self.my_team.set_choices(choices.teams)
        self.bureau_name.setText(str(values.get("bureau_name") or ""))
        self.region.set_value(values.get("bureau_region_code") or None)
        self.level.setCurrentIndex(max(self.level.findData(values.get("bureau_level") or ""), 0))
        self.own_area.setChecked(bool(values.get("include_own_area")))
        self.code_pattern.setText(str(values.get("project_code_pattern") or ""))
        for key, edit in self.distribution.items():
            edit.setText(str(values.get(key) or ""))
        self.user_name.setText(str(values.get("user_name") or ""))
        self.my_team.set_value(values.get("my_team_id") or None)
        self.signed_days.setValue(int(values["stalled_signed_not_started_days"]))
        self.started_days.setValue(int(values["stalled_started_not_operating_days"]))
        self.quiet_days.setValue(int(values["stalled_no_update_days"]))
        settings = app_settings()
        self.language.setCurrentIndex(
            max(self.language.findData(settings.value("ui/language", "zh")), 0)
        )
        self._show_unit()
        self.location.setText(self.tr("数据库位置：%1").replace("%1", self.ctx.db.location))

    def db_values(self) -> dict[str, Any]:
        return {
            "bureau_name": self.bureau_name.text().strip(),
            "bureau_region_code": self.region.value() or "",
            "bureau_level": self.level.currentData() or "",
            "include_own_area": self.own_area.isChecked(),
            "project_code_pattern": self.code_pattern.text().strip(),
            **{key: edit.text().strip() for key, edit in self.distribution.items()},
            "user_name": self.user_name.text().strip(),
            "my_team_id": self.my_team.value() or "",
            "stalled_signed_not_started_days": self.signed_days.value(),
            "stalled_started_not_operating_days": self.started_days.value(),
            "stalled_no_update_days": self.quiet_days.value(),
        }

    def save(self) -> None:
        self.saved_note.clear()
        for label in self._errors.values():
            label.hide()
        values = self.db_values()
        ops.run_write(
            self.ctx,
            self,
            settings_writer(values),
            changes={SETTINGS},
            on_done=lambda _r: self._saved(values),
            on_error=self._on_error,
            busy=[self.save_button],
        )

    def _saved(self, values: dict[str, Any]) -> None:
        """Written: the window's own settings too (the bus announces SETTINGS right after)."""
        settings = app_settings()
        old_language = settings.value("ui/language", "zh")
        settings.setValue("ui/language", self.language.currentData())
        settings.setValue("display/amount_unit", self.unit.currentData())
        settings.sync()
        self.ctx.db.actor = values["user_name"] or self.ctx.db.actor
        at = datetime.now().strftime("%H:%M")
        self.saved_note.setText(self.tr("已保存（%1）").replace("%1", at))
        if old_language != self.language.currentData():
            dialogs.show_info(self, self.tr("界面语言将在重新启动后生效。"))

    def _on_error(self, exc: Exception) -> None:
        field = ops.validation_field(exc) or ""
        text = ops.error_text(exc, self.ctx.language)
        label = self._errors.get(field)
        if label is None:
            dialogs.show_error(self, text)
            self._errors["bureau_name"].setText(text)
            return
        label.setText(text)
        label.show()

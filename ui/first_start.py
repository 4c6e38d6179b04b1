"""The first start of a database without a bureau: who runs this ledger, where, at which level,
and the user's name (recorded in the change log as 记录人). Saved in Settings; everything can be
changed there later."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm.queries.activities import team_options
from crm.queries.regions import region_choices, region_level
from crm.services.settings import BUREAU_LEVELS, set_setting
from ui import ops
from ui.activities.forms import message_line, save_cancel_buttons
from ui.context import SETTINGS, AppContext
from ui.widgets.filters import ChoiceCombo
from ui.widgets.search_combo import SearchableCombo


class FirstStartDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("欢迎使用：设置本单位"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "简报里的“全市/全省”、来源地分类（市内、省内、省外、境外）都以本单位所在地区为准。"
            )
            + self.tr("请先填写本单位和您的姓名，以后可在“设置”中修改。"),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.bureau_name = QLineEdit(self)
        self.bureau_name.setPlaceholderText(self.tr("如：某某市投资促进局"))
        self.region = SearchableCombo(self.tr("（请选择，可输入名称查找）"), self)
        self.region.setMinimumContentsLength(24)
        # The local profile (user, team) of a laptop: its team when the teams are known.
        self.my_team = ChoiceCombo(self.tr("（不属于工作队）"), self)
        self.level = QComboBox(self)
        for code, label in self._levels().items():
            self.level.addItem(label, code)
        self.user_name = QLineEdit(self)
        self.user_name.setPlaceholderText(self.tr("记入每条记录的“记录人”"))
        form.addRow(self.tr("本单位名称 *"), self.bureau_name)
        form.addRow(self.tr("所在地区 *"), self.region)
        form.addRow(self.tr("单位级别"), self.level)
        form.addRow(self.tr("您的姓名 *"), self.user_name)
        form.addRow(self.tr("我的工作队"), self.my_team)
        self.fields_layout = form
        form.setRowVisible(self.my_team, False)  # shown when there are teams to choose
        ops.run_read(
            ctx,
            self,
            lambda session: (region_choices(session), team_options(session)),
            on_done=self._fill_choices,
        )
        self.message = message_line(self)
        layout.addWidget(self.message)
        self.buttons = buttons = save_cancel_buttons(self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("稍后设置"))
        layout.addWidget(buttons)
        self.region.choice_changed.connect(self._on_region)
        for edit in (self.bureau_name, self.user_name):
            edit.textChanged.connect(lambda _t: self._validate())
        self._validate()

    def _fill_choices(self, choices: tuple[Any, Any]) -> None:
        regions, teams = choices
        self.region.set_choices(regions)
        self.my_team.set_choices(teams)
        self.fields_layout.setRowVisible(self.my_team, self.my_team.count() > 1)

    def _levels(self) -> dict[str, str]:
        labels = {
            "province": self.tr("省级（省、自治区、直辖市）"),
            "city": self.tr("市级"),
            "county": self.tr("县级（县、区）"),
        }
        return {code: labels[code] for code in BUREAU_LEVELS}

    def _on_region(self, code: Any) -> None:
        if code:
            self.level.setCurrentIndex(max(self.level.findData(region_level(str(code))), 0))
        self._validate()

    def missing(self) -> list[str]:
        """What still has to be filled in (shown as one line; Save stays disabled)."""
        missing = []
        if not self.bureau_name.text().strip():
            missing.append(self.tr("本单位名称"))
        if not self.region.value():
            missing.append(self.tr("所在地区"))
        if not self.user_name.text().strip():
            missing.append(self.tr("您的姓名"))
        return missing

    def _validate(self) -> None:
        self.save_button.setEnabled(not self.missing())

    def values(self) -> dict[str, Any]:
        return {
            "bureau_name": self.bureau_name.text().strip(),
            "bureau_region_code": self.region.value() or "",
            "bureau_level": self.level.currentData() or "",
            "user_name": self.user_name.text().strip(),
            "my_team_id": self.my_team.value() or "",
        }

    def save(self) -> None:
        missing = self.missing()
        if missing:
            self.message.setText(self.tr("请填写：%1").replace("%1", "、".join(missing)))
            return
        values = self.values()

        def write(session: Any) -> None:
            for key, value in values.items():
                set_setting(session, key, value)

        def saved(_result: None) -> None:
            self.ctx.db.actor = values["user_name"]
            self.ctx.db.team_id = values["my_team_id"] or None

        ops.save_form(
            self.ctx,
            self,
            write,
            changes={SETTINGS},
            on_saved=saved,
            on_error=lambda exc: self.message.setText(ops.error_text(exc, self.ctx.language)),
        )

"""The first start of a database without a bureau: who runs this ledger, where, at which level,
and the user's name (recorded in the change log as 记录人). Saved in Settings; everything can be
changed there later.

A database with a bureau but nobody named as its user — a copy of the bureau's file on a
laptop, whose profile was cleared when it was found to be a copy — is asked only who works on
it (and in which team): otherwise every change made there went on being 李明's, the bureau's
clerk (user test 3, finding 8)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QWidget

from crm.queries.activities import team_options
from crm.queries.regions import region_choices, region_level
from crm.services.settings import BUREAU_LEVELS
from ui import ops
from ui.context import SETTINGS, AppContext
from ui.settings.screen import settings_writer
from ui.widgets.filters import ChoiceCombo
from ui.widgets.form_dialog import FormDialog
from ui.widgets.search_combo import SearchableCombo


class FirstStartDialog(FormDialog):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, person_only: bool = False
    ) -> None:
        super().__init__(ctx, parent, self.tr("欢迎使用：设置本单位"), 520)
        self.person_only = person_only
        if person_only:
            self.setWindowTitle(self.tr("欢迎使用：这份数据库由谁使用？"))
            text = self.tr(
                "这份数据库还没有填写使用人（例如从局里复制到这台电脑的副本）。"
                "您的姓名会记入每条记录的“记录人”，同步时各站点据此分辨是谁修改的。"
            )
        else:
            text = self.tr(
                "简报里的“全市/全省”、来源地分类（市内、省内、省外、境外）都以本单位所在地区为准。"
            ) + self.tr("请先填写本单位和您的姓名，以后可在“设置”中修改。")
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        # Its wrapped lines count in the dialog's minimum height, so that error lines under
        # the fields make the dialog taller instead of squeezing the fields.
        margins = self.body.contentsMargins()
        intro.setMinimumHeight(intro.heightForWidth(520 - margins.left() - margins.right()))
        self.body.addWidget(intro)
        if not person_only:
            self._bureau_fields()
        self.user_name = self.field("user_name", self.tr("您的姓名 *"), QLineEdit())
        self.user_name.setPlaceholderText(self.tr("记入每条记录的“记录人”"))
        # The local profile (user, team) of a laptop: its team when the teams are known.
        no_team = ChoiceCombo(self.tr("（不属于工作队）"))
        self.my_team = self.field("my_team_id", self.tr("我的工作队"), no_team)
        self.form.set_row_visible("my_team_id", False)  # shown when there are teams to choose
        ops.run_read(
            ctx,
            self,
            lambda session: (region_choices(session), team_options(session)),
            on_done=self._fill_choices,
        )
        self.finish()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("稍后设置"))
        if not person_only:
            self.require("bureau_name", self.tr("请填写本单位名称"))
            self.require("bureau_region_code", self.tr("请选择所在地区"))
            self.region.choice_changed.connect(self._on_region)
        self.require("user_name", self.tr("请填写您的姓名"))

    def _bureau_fields(self) -> None:
        self.bureau_name = self.field("bureau_name", self.tr("本单位名称 *"), QLineEdit())
        self.bureau_name.setPlaceholderText(self.tr("如：某某市投资促进局"))
        region = SearchableCombo(self.tr("（请选择，可输入名称查找）"))
        region.setMinimumContentsLength(24)
        self.region = self.field("bureau_region_code", self.tr("所在地区 *"), region)
        self.level = self.field("bureau_level", self.tr("单位级别"), QComboBox())
        for code, label in self._levels().items():
            self.level.addItem(label, code)

    def _fill_choices(self, choices: tuple[Any, Any]) -> None:
        regions, teams = choices
        if not self.person_only:
            self.region.set_choices(regions)
        self.my_team.set_choices(teams)
        self.form.set_row_visible("my_team_id", self.my_team.count() > 1)

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

    def values(self, names: Any = None) -> dict[str, Any]:
        """The settings to write: every text trimmed, an empty choice as ""."""
        return {key: str(value or "").strip() for key, value in super().values(names).items()}

    def save(self) -> None:
        if not self.start_save():
            return
        values = self.values()

        def saved(_result: None) -> None:
            self.ctx.db.actor = values["user_name"]
            self.ctx.db.team_id = values["my_team_id"] or None

        write = settings_writer(values)
        ops.save_form(self.ctx, self, write, changes={SETTINGS}, on_saved=saved)

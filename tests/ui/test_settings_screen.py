"""Settings: typed values land in the database / UI settings; bad ones are shown."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt

from crm.services.settings import get_setting
from ui.context import SETTINGS
from ui.qsettings import app_settings
from ui.settings.screen import SettingsScreen
from ui.testing import type_text


def test_settings_are_saved(qtbot: Any, ctx: Any, answers: Any) -> None:
    changes: list[frozenset[str]] = []
    ctx.bus.changed.connect(lambda change: changes.append(change.tables()))
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.bureau_name.clear()
    type_text(screen.bureau_name, "柳州市投资促进局")
    type_text(screen.user_name, "王五")
    screen.region.set_value("450200")
    screen.signed_days.setValue(90)
    screen.quiet_days.setValue(14)
    screen.language.setCurrentIndex(screen.language.findData("en"))
    screen.unit.setCurrentIndex(screen.unit.findData("yi"))
    screen.save_button.click()
    with ctx.db.session() as s:
        assert get_setting(s, "bureau_name") == "柳州市投资促进局"
        assert get_setting(s, "bureau_region_code") == "450200"
        assert get_setting(s, "user_name") == "王五"
        assert get_setting(s, "stalled_signed_not_started_days") == 90
        assert get_setting(s, "stalled_no_update_days") == 14
    assert app_settings().value("ui/language") == "en"
    assert app_settings().value("display/amount_unit") == "yi"
    assert frozenset({SETTINGS}) in changes
    assert answers["infos"]  # language applies after restart
    assert ctx.db.actor == "王五"
    assert re.fullmatch(r"已保存（\d\d:\d\d）", screen.saved_note.text())
    screen.signed_days.setValue(120)
    screen.save_button.click()  # nothing to restart for: the note alone says it is saved
    assert answers["infos"] == answers["infos"][:1]
    assert re.fullmatch(r"已保存（\d\d:\d\d）", screen.saved_note.text())


def test_saving_settings_refreshes_the_screens_that_show_them(
    qtbot: Any, ctx: Any, answers: Any, monkeypatch: Any
) -> None:
    """One name on the change bus: the screens whose figures follow the settings refresh."""
    from ui.dashboard.screen import DashboardScreen
    from ui.teams.screen import TeamsScreen

    refreshed: list[str] = []
    for cls in (DashboardScreen, TeamsScreen):
        monkeypatch.setattr(cls, "refresh", lambda self, c=cls: refreshed.append(c.__name__))
    watchers = [DashboardScreen(ctx), TeamsScreen(ctx)]
    for widget in watchers:
        qtbot.addWidget(widget)
    refreshed.clear()
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.quiet_days.setValue(21)
    screen.save_button.click()
    assert sorted(refreshed) == ["DashboardScreen", "TeamsScreen"]


def test_bureau_level_own_area_and_code_pattern(qtbot: Any, ctx: Any, answers: Any) -> None:
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.region.lineEdit().setText("广西壮族")  # type to search
    screen.region.pick_typed()
    assert screen.region.value() == "450000"
    screen.level.setCurrentIndex(screen.level.findData("province"))
    screen.own_area.setChecked(True)
    screen.code_pattern.setText("GX{year}{seq:04d}")
    screen.save_button.click()
    with ctx.db.session() as s:
        assert get_setting(s, "bureau_region_code") == "450000"
        assert get_setting(s, "bureau_level") == "province"
        assert get_setting(s, "include_own_area") is True
        assert get_setting(s, "project_code_pattern") == "GX{year}{seq:04d}"
    screen.code_pattern.setText("GX-no-number")
    screen.save_button.click()
    assert "项目编号格式无效" in screen._errors["project_code_pattern"].text()
    with ctx.db.session() as s:
        assert get_setting(s, "project_code_pattern") == "GX{year}{seq:04d}"


def test_the_amount_unit_is_one_setting_with_the_projects_toolbar(
    qtbot: Any, ctx: Any, answers: Any
) -> None:
    """Finding 25: the toolbar on 亿元 while Settings showed 万元. Both show and change the
    same value."""
    from ui.projects.screen import ProjectsScreen

    projects = ProjectsScreen(ctx)
    qtbot.addWidget(projects)
    settings = SettingsScreen(ctx)
    qtbot.addWidget(settings)
    projects.unit_combo.setCurrentIndex(projects.unit_combo.findData("yi"))
    settings.show()
    assert settings.unit.currentText() == "亿元"
    assert settings.form.labelForField(settings.unit.parentWidget()) is not None
    settings.unit.setCurrentIndex(settings.unit.findData("wan"))
    settings.save_button.click()
    assert projects.unit_combo.currentText() == "万元"
    assert projects.model.headerData(
        projects.model.column_index("planned_investment"), Qt.Orientation.Horizontal
    ).endswith("（万元）")

"""Settings: typed values land in the database / UI settings; bad ones are shown."""

from __future__ import annotations

from typing import Any

from crm.services.settings import get_setting
from ui.qsettings import app_settings
from ui.settings.screen import SettingsScreen
from ui.testing import type_text


def test_settings_are_saved(qtbot: Any, ctx: Any, answers: Any) -> None:
    changes: list[frozenset[str]] = []
    ctx.bus.changed.connect(changes.append)
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
    assert frozenset({"settings"}) in changes
    assert answers["infos"]  # language applies after restart
    assert ctx.db.actor == "王五"

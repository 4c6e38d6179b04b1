"""The issue number (第N期) and the distribution line (报/送/发) in the window: the Briefs
screen's optional 期号 field prints the number asked for and a sign-off records it (empty: the
next of its kind and year once signed, none on a draft); the Settings screen edits the three
parts of the distribution line that end every brief and notice."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from crm.models import BriefSignoff
from crm.services.settings import get_setting
from tests.ui.test_briefs_notices import (  # noqa: F401  (fixtures: world, screen)
    BUILD_TIMEOUT_MS,
    _text,
    build,
    screen,
    world,
)
from ui.settings.screen import SettingsScreen
from ui.testing import type_text

ISSUE = re.compile(r"第(\d+)期")


def _numbers(db: Any) -> list[tuple[str, int | None, int | None]]:
    with db.read() as s:
        rows = s.execute(
            select(BriefSignoff.kind, BriefSignoff.issue_no, BriefSignoff.issue_year)
        ).all()
    return [tuple(r) for r in rows]


def test_the_issue_field_prints_the_number_and_signing_records_it(
    qtbot: Any,
    screen: Any,  # noqa: F811
    world: Any,  # noqa: F811
) -> None:
    build(qtbot, screen, "dispatch")
    assert screen.issue.text() == "（不填）" and screen.issue_no() is None
    assert ISSUE.findall(_text(screen.preview.built.pdf)) == []  # a draft: no number
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.issue.setValue(12)  # the preview follows by itself
    assert ISSUE.findall(_text(screen.preview.built.pdf)) == ["12"]
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.sign_button.click()
    assert _numbers(world) == [("dispatch", 12, 2026)]
    # The field emptied again: the signed notice keeps its number.
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.issue.setValue(0)
    assert ISSUE.findall(_text(screen.preview.built.pdf)) == ["12"]


def test_signing_with_the_field_empty_takes_the_next_number(
    qtbot: Any,
    screen: Any,  # noqa: F811
    world: Any,  # noqa: F811
) -> None:
    build(qtbot, screen, "ranking")
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.sign_button.click()
    assert _numbers(world) == [("ranking", 1, 2026)]  # the screen's today: 2026-11-23
    assert ISSUE.findall(_text(screen.preview.built.pdf)) == ["1"]
    # Another kind, not signed: still a draft without a number.
    build(qtbot, screen, "requests")
    assert ISSUE.findall(_text(screen.preview.built.pdf)) == []


def test_the_settings_screen_edits_the_distribution_line(
    qtbot: Any, ctx: Any, answers: Any
) -> None:
    settings = SettingsScreen(ctx)
    qtbot.addWidget(settings)
    report, copy, send = (settings.distribution[k] for k in
                          ("brief_report_to", "brief_copy_to", "brief_send_to"))  # fmt: skip
    assert [e.text() for e in (report, copy, send)] == ["", "", ""]
    label = settings.form.labelForField(report.parentWidget())
    assert label is not None and label.text() == "简报发送范围：报"
    type_text(report, "市委、市政府领导。")
    type_text(send, "各驻点招商工作队。")
    settings.save_button.click()
    with ctx.db.session() as s:
        assert get_setting(s, "brief_report_to") == "市委、市政府领导。"
        assert get_setting(s, "brief_copy_to") == ""
        assert get_setting(s, "brief_send_to") == "各驻点招商工作队。"
    # Shown again as stored.
    again = SettingsScreen(ctx)
    qtbot.addWidget(again)
    assert again.distribution["brief_report_to"].text() == "市委、市政府领导。"
    # Too long for a line: said under that field, nothing stored.
    copy.setText("各" * 301)
    settings.save_button.click()
    assert "“送”应为一行文字，不超过 300 字" in settings._errors["brief_copy_to"].text()
    with ctx.db.session() as s:
        assert get_setting(s, "brief_copy_to") == ""

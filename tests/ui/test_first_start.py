"""The first start of a database without a bureau: asked first, then the demo offer."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from crm.db import open_database
from crm.models import StageEvent
from crm.services import projects
from crm.services.settings import get_setting, set_setting
from ui import dialogs
from ui.first_start import FirstStartDialog
from ui.main_window import MainWindow
from ui.testing import type_text


@pytest.fixture
def fresh_db(tmp_path: Path) -> Any:
    database = open_database(tmp_path / "fresh.sqlite")
    yield database
    database.close()


def _window(qtbot: Any, database: Any) -> MainWindow:
    window = MainWindow(database, start_screen="projects")
    qtbot.addWidget(window)
    return window


def test_first_start_asks_for_the_bureau_then_offers_demo_data(
    qtbot: Any, fresh_db: Any, answers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, fresh_db)
    events: list[str] = []

    def fill(dialog: Any) -> int:
        assert isinstance(dialog, FirstStartDialog)
        events.append("bureau asked")
        assert not dialog.save_button.isEnabled()
        type_text(dialog.bureau_name, "柳州市投资促进局")
        dialog.region.lineEdit().setText("柳州")  # type to search, then leave the box
        dialog.region.pick_typed()
        assert dialog.region.currentText() == "柳州市（广西壮族自治区）"
        assert dialog.level.currentData() == "city"  # read from the region chosen
        type_text(dialog.user_name, "王芳")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    def confirm(*_a: Any) -> bool:
        events.append("demo offered")
        return False

    monkeypatch.setattr(dialogs, "exec_dialog", fill)
    monkeypatch.setattr(dialogs, "ask_confirm", confirm)
    window.first_start()
    assert events == ["bureau asked", "demo offered"]
    with fresh_db.session() as s:
        assert get_setting(s, "bureau_name") == "柳州市投资促进局"
        assert get_setting(s, "bureau_region_code") == "450200"
        assert get_setting(s, "bureau_level") == "city"
        assert get_setting(s, "user_name") == "王芳"
    # 记录人 is the name given, not the operating-system login.
    with fresh_db.session() as s:
        pid = projects.create_project(s, name="铝材深加工项目").id
    with fresh_db.session() as s:
        recorder = s.scalar(select(StageEvent.created_by).where(StageEvent.project_id == pid))
    assert recorder == "王芳"


def test_the_dialog_can_be_left_for_later_and_briefs_then_say_why_they_wait(
    qtbot: Any, fresh_db: Any, answers: dict[str, Any]
) -> None:
    window = _window(qtbot, fresh_db)
    answers["confirm"] = False
    window.first_start()
    assert answers["dialogs"] == ["FirstStartDialog"]  # closed unanswered: nothing saved
    with fresh_db.session() as s:
        assert get_setting(s, "bureau_region_code") == ""
    from ui.briefs.screen import BriefsScreen

    briefs = BriefsScreen(window.ctx)
    qtbot.addWidget(briefs)
    briefs.build()
    qtbot.waitUntil(lambda: not briefs.busy, timeout=10_000)
    assert "尚未设置本单位所在地区" in briefs.status.text()
    assert any("设置" in e for e in answers["errors"])


def test_a_database_with_a_bureau_is_not_asked_again(
    qtbot: Any, sqlite_db: Any, answers: dict[str, Any]
) -> None:
    # The tests' template has a bureau but nobody as its user: named here, as the first
    # start does (a database without its user is asked for the name: the test below).
    with sqlite_db.session() as s:
        set_setting(s, "user_name", "王芳")
    window = _window(qtbot, sqlite_db)
    answers["confirm"] = False
    window.first_start()
    assert answers["dialogs"] == []


def test_a_copy_of_the_bureaus_file_asks_only_who_works_on_it(
    qtbot: Any, sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """User test 3, finding 8: a laptop made from the bureau's file kept the bureau's
    user_name, and every change made on it was recorded as 李明's."""
    bureau_file = tmp_path / "bureau" / "crm.sqlite"
    bureau_file.parent.mkdir()
    shutil.copy(sqlite_template, bureau_file)
    bureau = open_database(bureau_file)
    with bureau.session() as s:
        set_setting(s, "user_name", "李明")
    bureau.close()
    laptop_file = tmp_path / "laptop" / "crm.sqlite"
    laptop_file.parent.mkdir()
    shutil.copy(bureau_file, laptop_file)
    laptop = open_database(laptop_file)
    try:
        assert laptop.actor != "李明"
        window = _window(qtbot, laptop)
        asked: list[str] = []

        def fill(dialog: Any) -> int:
            assert isinstance(dialog, FirstStartDialog)
            asked.append(dialog.windowTitle())
            assert not hasattr(dialog, "bureau_name")  # the bureau is known: not asked
            assert not dialog.save_button.isEnabled()  # the name is required
            type_text(dialog.user_name, "张三")
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            return dialog.result()

        monkeypatch.setattr(dialogs, "exec_dialog", fill)
        monkeypatch.setattr(dialogs, "ask_confirm", lambda *_a: False)
        window.first_start()
        assert asked == ["欢迎使用：这份数据库由谁使用？"]
        with laptop.session() as s:
            assert get_setting(s, "user_name") == "张三"
            assert get_setting(s, "bureau_name") == "南宁市投资促进局"  # kept
            pid = projects.create_project(s, name="铝材深加工项目").id
        with laptop.session() as s:
            recorder = s.scalar(select(StageEvent.created_by).where(StageEvent.project_id == pid))
        assert recorder == "张三"
    finally:
        laptop.close()
    # The bureau's own file keeps its user.
    bureau = open_database(bureau_file)
    try:
        assert bureau.actor == "李明"
    finally:
        bureau.close()

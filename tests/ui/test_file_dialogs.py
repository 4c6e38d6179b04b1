"""File dialogs open where the user last opened or saved a file, not in the folder the
program was started from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from ui import dialogs


def test_the_next_dialog_opens_in_the_last_folder_used(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    exports = tmp_path / "导出"
    exports.mkdir()

    def save(_parent: Any, _title: str, where: str, _filter: str) -> tuple[str, str]:
        offered.append(where)
        return str(exports / "项目.xlsx"), ""

    def open_(_parent: Any, _title: str, where: str, _filter: str) -> tuple[str, str]:
        offered.append(where)
        return "", ""  # cancelled: the folder stays

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_)
    monkeypatch.chdir(tmp_path)  # where the program was started: never offered
    assert dialogs.ask_save_path(None, "导出", "项目.xlsx", "*.xlsx") == str(exports / "项目.xlsx")
    assert Path(offered[0]).name == "项目.xlsx" and Path(offered[0]).parent != tmp_path
    assert dialogs.ask_open_path(None, "导入", "*.xlsx") is None
    assert offered[1] == str(exports)
    assert dialogs.ask_save_path(None, "导出", "简报.pdf", "*.pdf") == str(exports / "项目.xlsx")
    assert offered[2] == str(exports / "简报.pdf")


def test_a_last_folder_since_removed_is_not_offered(qapp: Any, tmp_path: Path) -> None:
    gone = tmp_path / "U盘"
    gone.mkdir()
    dialogs.remember_folder(str(gone / "台账.xlsx"))
    assert dialogs.start_folder() == gone
    gone.rmdir()
    assert dialogs.start_folder() != gone and dialogs.start_folder().is_dir()


def test_a_name_typed_without_its_ending_gets_the_filters(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output files are checked by their ending (a PDF is not written as .docx); a clerk who
    types 项目 in the save dialog gets 项目.xlsx, not a refusal."""
    typed = {"name": str(tmp_path / "项目")}
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (typed["name"], "Excel (*.xlsx)")
    )
    assert dialogs.ask_save_path(None, "导出", "x.xlsx", "Excel (*.xlsx)") == str(
        tmp_path / "项目.xlsx"
    )
    typed["name"] = str(tmp_path / "简报.pdf")
    assert dialogs.ask_save_path(None, "保存", "x.pdf", "PDF (*.pdf)") == typed["name"]

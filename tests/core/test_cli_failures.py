"""Every command-line failure is one line and a non-zero exit; passwords never printed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from crm.cli import main
from crm.db import masked_url


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "SELECT" not in err and "[SQL" not in err
    return err


@pytest.mark.parametrize(
    "command",
    [["brief", "--period", "2026-Q1", "--out", "x.pdf"], ["stats", "--period", "2026"],
     ["export", "ledger", "--out", "x.xlsx"], ["settings", "show"], ["demo", "--scale", "tiny"]],
)  # fmt: skip
def test_a_mistyped_db_path_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    os.chdir(tmp_path)
    assert main(["--db", str(missing), *command]) == 1
    assert "数据库文件不存在" in _one_line(capsys) and not missing.exists()
    assert main(["--db", str(missing), "init"]) == 0 and missing.exists()


def test_password_in_query_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://crm@127.0.0.1:1/crm?password=s3cret&connect_timeout=2"
    assert "s3cret" not in masked_url(url)
    assert "s3cret" not in masked_url("postgresql+psycopg://crm:s3cret@h/crm")
    assert main(["--db", url, "info"]) == 1
    err = _one_line(capsys)
    assert "s3cret" not in err and "***" in err


def test_bad_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql+psycopg://crm:pw@127.0.0.1:abc/crm", "info"]) == 1
    err = _one_line(capsys)
    assert "无法识别的数据库地址" in err and "pw" not in err.replace("psycopg", "")


def test_missing_driver_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    assert main(["--db", "postgresql+psycopg://crm@127.0.0.1:5432/crm", "info"]) == 1
    assert "缺少数据库驱动" in _one_line(capsys)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_read_only_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ro.sqlite"
    assert main(["--db", str(path), "init"]) == 0
    capsys.readouterr()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert main(["--db", str(path), "settings", "set", "bureau_name", "甲局"]) == 1
        assert "只读" in _one_line(capsys) or "无法打开" in capsys.readouterr().err
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


def test_disk_full_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    path = tmp_path / "d.sqlite"
    assert main(["--db", str(path), "init"]) == 0
    capsys.readouterr()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.xlsx"))

    monkeypatch.setattr("crm.ledger.xlsx.write_workbook", full)
    monkeypatch.setattr("crm.ledger.export.write_workbook", full)
    assert main(["--db", str(path), "export", "ledger", "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "磁盘已满" in _one_line(capsys)


def test_a_write_that_matched_no_row_is_one_sentence_for_the_window_too() -> None:
    """A member disabled while signed in (row-level security then hides the row a save
    updates) read 「StaleDataError: UPDATE statement on table 'project' expected to update 1
    row(s); 0 were matched.」 in the window; the window and the command line now share one
    sentence per failure (crm.failures)."""
    from sqlalchemy.orm.exc import StaleDataError

    from crm.failures import describe

    said = describe(StaleDataError("UPDATE statement on table 'project' expected 1, 0 matched"))
    assert said.message("zh").startswith("这条记录已不能修改：它可能刚被他人删除，或您的账户已停用")
    assert "StaleDataError" not in said.message("zh") + said.message("en")

"""`crm user …` and `--user`: the first administrator, sign-in, lock-out, the change log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crm.accounts import MAX_FAILURES
from crm.cli import main
from crm.db import open_database
from crm.models import ChangeLog, SignInEvent, Team, UserAccount

ADMIN_PW = "admin-secret-1"
MEMBER_PW = "member-secret-1"


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with an administrator and a member of team 驻深圳招商工作队."""
    path = str(tmp_path / "shared.sqlite")
    assert main(["--db", path, "init"]) == 0
    db = open_database(path)
    from crm.services.teams import create_team

    with db.session() as s:
        create_team(s, name="驻深圳招商工作队")
    db.close()
    monkeypatch.setenv("CRM_NEW_PASSWORD", ADMIN_PW)
    assert main(["--db", path, "user", "add", "admin", "--name", "管理员", "--role", "admin"]) == 0
    monkeypatch.setenv("CRM_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("CRM_NEW_PASSWORD", MEMBER_PW)
    args = ["--db", path, "--user", "admin", "user", "add", "zhang", "--name", "张三"]
    assert main([*args, "--role", "member", "--team", "驻深圳招商工作队"]) == 0
    monkeypatch.delenv("CRM_NEW_PASSWORD")
    return path


def test_first_user_must_be_an_admin(tmp_path: Path, monkeypatch, capsys) -> None:
    path = str(tmp_path / "new.sqlite")
    assert main(["--db", path, "init"]) == 0
    monkeypatch.setenv("CRM_NEW_PASSWORD", "long-enough-1")
    assert main(["--db", path, "user", "add", "li", "--name", "李四", "--role", "member"]) == 1
    assert "数据库的第一个用户必须是系统管理员（--role admin）。" in capsys.readouterr().err


def test_password_is_stored_only_as_a_hash(shared: str) -> None:
    db = open_database(shared)
    with db.read() as s:
        stored = s.scalar(select(UserAccount.password_hash).where(UserAccount.login == "admin"))
    db.close()
    assert ADMIN_PW not in stored and stored.startswith("$argon2id$")


def test_with_accounts_every_command_needs_a_sign_in(shared: str, monkeypatch, capsys) -> None:
    monkeypatch.delenv("CRM_PASSWORD")
    assert main(["--db", shared, "settings", "show"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--user" in err


def test_wrong_password_is_one_line_exit_2_and_nothing_runs(shared, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRM_PASSWORD", "wrong-password")
    assert main(["--db", shared, "--user", "admin", "settings", "set", "bureau_name", "某局"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "错误 / error: 用户名或密码错误。\n" and captured.out == ""
    db = open_database(shared)
    with db.read() as s:
        from crm.services.settings import get_setting

        assert get_setting(s, "bureau_name") == ""
        outcomes = list(s.scalars(select(SignInEvent.outcome).order_by(SignInEvent.at)))
    db.close()
    assert outcomes[-1] == "wrong_password"


def test_lock_out_after_repeated_failures(shared: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRM_PASSWORD", "wrong-password")
    for _ in range(MAX_FAILURES):
        assert main(["--db", shared, "--user", "zhang", "user", "list"]) == 2
    capsys.readouterr()
    monkeypatch.setenv("CRM_PASSWORD", MEMBER_PW)  # even the right password, while locked
    assert main(["--db", shared, "--user", "zhang", "info"]) == 2
    assert "账户已锁定 15 分钟" in capsys.readouterr().err
    monkeypatch.setenv("CRM_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("CRM_NEW_PASSWORD", "reset-password-1")
    assert main(["--db", shared, "--user", "admin", "user", "passwd", "zhang"]) == 0
    monkeypatch.setenv("CRM_PASSWORD", "reset-password-1")
    assert main(["--db", shared, "--user", "zhang", "info"]) == 0


def test_member_may_not_manage_users_or_settings(shared: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRM_PASSWORD", MEMBER_PW)
    assert main(["--db", shared, "--user", "zhang", "user", "list"]) == 2  # a refusal: exit code 2
    assert "无权管理用户" in capsys.readouterr().err
    assert main(["--db", shared, "--user", "zhang", "settings", "set", "bureau_name", "x"]) == 2
    assert "无权修改设置" in capsys.readouterr().err


def test_list_and_disable(shared: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRM_PASSWORD", ADMIN_PW)
    assert main(["--db", shared, "--user", "admin", "user", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["admin\t管理员\t系统管理员", "zhang\t张三\t工作队队员\t驻深圳招商工作队"]
    args = ["--db", shared, "--user", "admin", "settings", "set", "role_labels"]
    assert main([*args, "member=招商专员"]) == 0
    assert main(["--db", shared, "--user", "admin", "user", "list"]) == 0
    assert "zhang\t张三\t招商专员\t驻深圳招商工作队" in capsys.readouterr().out
    assert main([*args, "boss=老板"]) == 1
    assert "角色名称应写作 代码=名称" in capsys.readouterr().err
    assert main(["--db", shared, "--user", "admin", "user", "disable", "zhang"]) == 0
    assert main(["--db", shared, "--user", "admin", "user", "disable", "admin"]) == 1
    assert "不能停用最后一个系统管理员" in capsys.readouterr().err
    monkeypatch.setenv("CRM_PASSWORD", MEMBER_PW)
    assert main(["--db", shared, "--user", "zhang", "info"]) == 2
    assert "该账户已停用" in capsys.readouterr().err


def test_change_log_records_the_signed_in_user(shared: str, monkeypatch) -> None:
    monkeypatch.setenv("CRM_PASSWORD", ADMIN_PW)
    assert main(["--db", shared, "--user", "admin", "settings", "set", "bureau_name", "某局"]) == 0
    db = open_database(shared)
    from crm.accounts import sign_in
    from crm.services.projects import create_project

    sign_in(db, "zhang", MEMBER_PW)
    with db.session() as s:
        team = s.scalar(select(Team.id))
        project = create_project(s, name="新线索", team_id=team).id
    with db.read() as s:
        who = set(s.scalars(select(ChangeLog.changed_by).where(ChangeLog.record_id == project)))
    db.close()
    assert who == {"zhang"}


def test_backups_are_an_administrators(shared: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRM_PASSWORD", MEMBER_PW)
    assert main(["--db", shared, "--user", "zhang", "backup", "create"]) == 2
    assert "无权备份" in capsys.readouterr().err
    monkeypatch.setenv("CRM_PASSWORD", ADMIN_PW)
    assert main(["--db", shared, "--user", "admin", "backup", "create"]) == 0
    assert "已备份" in capsys.readouterr().out

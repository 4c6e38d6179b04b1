"""The command line as a user test found it: a refusal is one line and exit code 2 on every
command, before any preview; a missing terminal for a password is one sentence; a closed
pipe ends a command quietly."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crm.accounts import add_user
from crm.cli import main
from crm.db import Database
from crm.services import companies, projects, teams
from tests.conftest import PG_SKIP_REASON, PG_URL
from tests.core.test_access_pg import _init, owner_url  # noqa: F401 (a fixture)

LISI = "用户“李四”（工作队队员）"


@pytest.fixture
def bureau(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Two teams, two projects of the first, a company; an administrator and 李四, a member of
    the second team, signed in through CRM_PASSWORD."""
    with sqlite_db.session() as s:
        team_a = teams.create_team(s, name="驻深圳招商工作队").id
        team_b = teams.create_team(s, name="驻上海招商工作队").id
        company = companies.create_company(s, name="深圳电池有限公司").id
        one = projects.create_project(s, name="电池项目", team_id=team_a, company_id=company)
        two = projects.create_project(s, name="电池项目二期", team_id=team_a)
        add_user(s, login="admin", name="管理员", roles="admin", password="admin-pass-1")
    with sqlite_db.session() as s:
        add_user(s, login="lisi", name="李四", roles="member", password="lisi-pass-1", team=team_b)
    monkeypatch.setenv("CRM_PASSWORD", "lisi-pass-1")
    return {"db": str(sqlite_db.path), "one": one.id, "two": two.id}


def _refused(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("错误 / error: "), captured.err
    return captured.out, captured.err


def test_merging_another_teams_projects_is_refused_before_the_preview(
    bureau: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", bureau["db"], "--user", "lisi", "merge", "project", bureau["one"]]
    assert main([*args, bureau["two"]]) == 2
    out, err = _refused(capsys)
    assert out == ""  # no preview of a merge that cannot happen
    assert err == f"错误 / error: {LISI}无权修改这条记录。\n"


def test_a_members_request_and_ledger_export_are_refused_with_exit_code_2(
    bureau: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    user = ["--db", bureau["db"], "--user", "lisi"]
    out_file = tmp_path / "ledger.xlsx"
    assert main([*user, "export", "ledger", "--out", str(out_file)]) == 2
    assert _refused(capsys)[1] == f"错误 / error: {LISI}无权导出台账。\n"
    assert not out_file.exists()
    request = ["request", "add", "--company", "深圳电池有限公司", "--channel", "other"]
    request += ["--received", "2026-03-01", "--category", "land", "--content", "申请用地指标"]
    assert main([*user, *request]) == 2
    assert _refused(capsys)[1] == f"错误 / error: {LISI}无权新建这条记录。\n"


def test_a_members_import_is_refused_before_the_workbook_is_read(
    bureau: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ledger = tmp_path / "ledger.xlsx"
    monkeypatch.setenv("CRM_PASSWORD", "admin-pass-1")
    admin = ["--db", bureau["db"], "--user", "admin"]
    assert main([*admin, "export", "ledger", "--out", str(ledger)]) == 0
    assert main([*admin, "import", str(ledger), "--dry-run"]) == 0
    capsys.readouterr()

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("the workbook was read")

    monkeypatch.setattr("crm.ledger.plan.read_workbook", never)
    monkeypatch.setenv("CRM_PASSWORD", "lisi-pass-1")
    for dry_run in (["--dry-run"], []):
        assert main(["--db", bureau["db"], "--user", "lisi", "import", str(ledger), *dry_run]) == 2
        out, err = _refused(capsys)
        assert err == f"错误 / error: {LISI}无权导入台账。\n"
        assert "新增" not in out and "更新" not in out


def test_build_plan_refuses_a_member_as_apply_does(sqlite_db: Database, tmp_path: Path) -> None:
    from crm.access import AccessDenied, Actor
    from crm.codes import Role
    from crm.ledger import build_plan

    sqlite_db.user = Actor("lisi", "李四", frozenset({Role.MEMBER}), team_id=None)
    with pytest.raises(AccessDenied) as refused:
        build_plan(sqlite_db, tmp_path / "never-read.xlsx")
    assert refused.value.message_zh == f"{LISI}无权导入台账。"


def test_a_script_without_a_terminal_is_told_which_variable_holds_the_password(
    bureau: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: stdin is no terminal
    monkeypatch.delenv("CRM_PASSWORD")
    monkeypatch.delenv("CRM_NEW_PASSWORD", raising=False)
    add = ["user", "add", "wangwu", "--name", "王五", "--role", "viewer"]
    assert main(["--db", bureau["db"], "--user", "admin", *add]) == 2
    assert _refused(capsys)[1] == (
        "错误 / error: 没有可输入密码的终端：请在环境变量 CRM_PASSWORD 中给出密码。\n"
    )
    monkeypatch.setenv("CRM_PASSWORD", "admin-pass-1")
    assert main(["--db", bureau["db"], "--lang", "en", "--user", "admin", *add]) == 2
    assert _refused(capsys)[1] == (
        "错误 / error: No terminal to ask the password: set the environment variable "
        "CRM_NEW_PASSWORD.\n"
    )
    monkeypatch.setenv("CRM_NEW_PASSWORD", "wangwu-pass-1")
    assert main(["--db", bureau["db"], "--user", "admin", *add]) == 0


def test_a_restore_without_a_terminal_asks_for_yes(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(sqlite_db.path)
    sqlite_db.close()
    assert main(["--db", path, "backup", "create", "--force"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", path, "backup", "restore", "1"]) == 2
    assert "请加 --yes" in _refused(capsys)[1]


def test_closed_stdin_in_a_real_process(tmp_path: Path) -> None:
    """What the user test ran: `crm user add` from a script, stdin closed, no variable."""
    env = {k: v for k, v in os.environ.items() if k not in ("CRM_PASSWORD", "CRM_NEW_PASSWORD")}
    path = tmp_path / "s.sqlite"
    run = [sys.executable, "-c", "import sys; from crm.cli import main; sys.exit(main())"]
    assert (
        subprocess.run([*run, "--db", str(path), "init"], env=env, capture_output=True).returncode
        == 0
    )
    done = subprocess.run(
        [*run, "--db", str(path), "user", "add", "admin", "--name", "管理员", "--role", "admin"],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, start_new_session=True,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "错误 / error: 没有可输入密码的终端：请在环境变量 CRM_NEW_PASSWORD 中给出密码。\n"
    )


@pytest.mark.skipif(not PG_URL, reason=PG_SKIP_REASON)
def test_demo_through_the_application_role_names_the_owners_url(
    owner_url: tuple[str, str],  # noqa: F811 (the fixture imported above)
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, role = owner_url
    app_url = _init(url, role, capsys)
    assert main(["--db", app_url, "demo", "--scale", "tiny", "--quiet"]) == 1
    assert _refused(capsys)[1] == (
        "错误 / error: 演示数据须用数据库所有者的地址写入（即运行 crm init 时所用的地址），"
        "应用账户的地址不行。\n"
    )
    assert main(["--db", url, "demo", "--scale", "tiny", "--quiet"]) == 0


def test_demo_data_on_an_empty_database_sets_a_city_bureau(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "demo.sqlite")
    assert main(["--db", path, "init"]) == 0
    assert main(["--db", path, "demo", "--scale", "tiny", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "settings", "show"]) == 0
    shown = capsys.readouterr().out
    assert "南宁市投资促进局" in shown and "450100" in shown
    level = [line for line in shown.splitlines() if "bureau_level" in line]
    assert level and level[0].rstrip().endswith("city"), shown


def test_a_closed_pipe_ends_the_command_quietly(sqlite_db: Database, tmp_path: Path) -> None:
    """`crm settings show | head`: the reader is gone before the command writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    run = [sys.executable, "-c", "import sys; from crm.cli import main; sys.exit(main())"]
    try:
        done = subprocess.run(
            [*run, "--db", str(sqlite_db.path), "settings", "show"],
            stdout=write_end, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")


def test_info_and_the_demo_summary_name_every_table_once_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "demo.sqlite")
    assert main(["--db", path, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "demo", "--scale", "tiny", "--quiet"]) == 0
    summary = capsys.readouterr().out.splitlines()[1:]
    assert main(["--db", path, "info"]) == 0
    info = capsys.readouterr().out.splitlines()[4:]
    for lines in (summary, info):
        labels = [line.split(":")[0].strip() for line in lines]
        assert len(labels) == len(set(labels)), labels
        assert all(not label.isascii() for label in labels), labels
        assert {"专项", "项目调度信息", "清单项目", "完成投资", "单位年度目标"} <= set(labels)
        assert lines[-1].startswith("  变更日志: ")
    # One change-log row per record the demo wrote (its data depends on today's date, so the
    # rule is checked rather than one day's count).
    *records, log = (int(line.split(":")[1].replace(",", "")) for line in summary)
    assert log == sum(records)


def test_the_merge_preview_names_the_fields_it_fills(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite_db.session() as s:
        team = teams.create_team(s, name="驻深圳招商工作队").id
        kept = projects.create_project(s, name="电池项目").id
        duplicate = projects.create_project(
            s, name="电池项目（重复）", expected_jobs=15, team_id=team
        ).id
    path = str(sqlite_db.path)
    assert main(["--db", path, "merge", "project", kept, duplicate, "--dry-run"]) == 0
    preview = capsys.readouterr().out.splitlines()
    assert "  补充 预计新增就业 = 15" in preview
    assert "  补充 工作队 = 驻深圳招商工作队" in preview
    assert (
        main(["--db", path, "--lang", "en", "merge", "project", kept, duplicate, "--dry-run"]) == 0
    )
    assert "  fills expected jobs = 15" in capsys.readouterr().out.splitlines()


def test_a_member_adding_an_account_is_refused_before_any_password_is_asked(
    bureau: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr("crm.cli.users.new_password", lambda: asked.append("new") or "x")
    user = ["--db", bureau["db"], "--user", "lisi"]
    assert main([*user, "user", "add", "wangwu", "--name", "王五", "--role", "admin"]) == 2
    assert _refused(capsys)[1] == f"错误 / error: {LISI}无权管理用户。\n"
    assert main([*user, "user", "passwd", "admin"]) == 2
    assert _refused(capsys)[1] == f"错误 / error: {LISI}无权管理用户。\n"
    assert asked == []  # nothing was asked of a person who may not do it
    monkeypatch.undo()  # the real prompt again, which reads CRM_NEW_PASSWORD: one's own password
    monkeypatch.setenv("CRM_PASSWORD", "lisi-pass-1")  # (undo dropped the fixture's too)
    monkeypatch.setenv("CRM_NEW_PASSWORD", "lisi-pass-2")
    assert main([*user, "user", "passwd", "lisi"]) == 0

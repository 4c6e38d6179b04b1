"""The sync commands as a bureau IT officer and a team member run them."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm.cli import main
from crm.db import open_database
from crm.services import companies, projects


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pair_export_import_by_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bureau, team = str(tmp_path / "bureau.sqlite"), str(tmp_path / "team.sqlite")
    for db in (bureau, team):
        assert _run(capsys, "--db", db, "init")[0] == 0
    assert _run(capsys, "--db", bureau, "sync", "id", "--out", str(tmp_path / "bureau.id"))[0] == 0
    assert _run(capsys, "--db", team, "sync", "id", "--out", str(tmp_path / "team.id"))[0] == 0
    code, out, _ = _run(capsys, "--db", team, "sync", "pair", str(tmp_path / "bureau.id"), "--yes")
    assert code == 0 and "指纹" in out
    assert _run(capsys, "--db", bureau, "sync", "pair", str(tmp_path / "team.id"), "--yes")[0] == 0

    database = open_database(team)
    with database.session() as s:
        cid = companies.create_company(s, name="比亚迪股份有限公司").id
        projects.create_project(s, name="动力电池项目", company_id=cid, planned_investment="80000")
    database.close()

    package = tmp_path / "team-to-bureau.zspkg"
    code, out, _ = _run(
        capsys, "--db", team, "sync", "export", "--to", str(tmp_path / "bureau.id"),
        "--out", str(package),
    )  # fmt: skip
    assert code == 0 and package.exists()
    code, out, _ = _run(capsys, "--db", bureau, "sync", "import", str(package), "--dry-run")
    assert code == 0 and "预览" in out and "项目：新增 1" in out
    assert (
        _run(capsys, "--db", bureau, "info", "--digest")[1]
        != _run(capsys, "--db", team, "info", "--digest")[1]
    )
    code, out, _ = _run(capsys, "--db", bureau, "sync", "import", str(package))
    assert code == 0 and "已导入" in out
    assert (
        _run(capsys, "--db", bureau, "info", "--digest")[1]
        == _run(capsys, "--db", team, "info", "--digest")[1]
    )
    code, out, _ = _run(capsys, "--db", team, "sync", "status")
    assert code == 0 and "上次交换" in out


def test_package_from_an_unpaired_site_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = (str(tmp_path / f"{n}.sqlite") for n in "abc")
    for db in (a, b, c):
        _run(capsys, "--db", db, "init")
        _run(capsys, "--db", db, "sync", "id", "--out", db + ".id")
    _run(capsys, "--db", a, "sync", "pair", b + ".id", "--yes")
    _run(capsys, "--db", c, "sync", "pair", b + ".id", "--yes")
    _run(capsys, "--db", b, "sync", "pair", c + ".id", "--yes")
    package = tmp_path / "c-to-b.zspkg"
    assert (
        _run(capsys, "--db", c, "sync", "export", "--to", b + ".id", "--out", str(package))[0] == 0
    )
    before = _run(capsys, "--db", a, "info", "--digest")[1]
    # Addressed to b: a refuses it in one line and writes nothing.
    code, _out, err = _run(capsys, "--db", a, "sync", "import", str(package))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "发给另一个站点" in err
    assert _run(capsys, "--db", a, "info", "--digest")[1] == before
    # b never paired with a: a's package to b comes from an unknown sender.
    _run(capsys, "--db", a, "sync", "export", "--to", b + ".id", "--out", str(tmp_path / "x"))
    code, _out, err = _run(capsys, "--db", b, "sync", "import", str(tmp_path / "x"))
    assert code == 1 and "未配对的站点" in err


def test_the_preview_names_a_project_of_this_site_that_gives_its_code_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The team entered ZS2026-00002 first, the bureau then gave the same code to a project
    of its own: the earlier claim keeps it (docs/sync.md rule 4), and the bureau's preview
    says by name which of its projects is left without it (it said only 待处理冲突：1)."""
    bureau, team = str(tmp_path / "bureau.sqlite"), str(tmp_path / "team.sqlite")
    for db in (bureau, team):
        assert _run(capsys, "--db", db, "init")[0] == 0
        assert _run(capsys, "--db", db, "sync", "id", "--out", f"{db}.id")[0] == 0
    assert _run(capsys, "--db", team, "sync", "pair", f"{bureau}.id", "--yes")[0] == 0
    assert _run(capsys, "--db", bureau, "sync", "pair", f"{team}.id", "--yes")[0] == 0
    for db, name in ((team, "队里新线索项目"), (bureau, "局里新线索项目")):  # team first
        database = open_database(db)
        with database.session() as s:
            projects.create_project(s, name=name, code="ZS2026-00002")
        database.close()
    package = tmp_path / "team.zspkg"
    args = ("sync", "export", "--to", f"{bureau}.id", "--out", str(package))
    assert _run(capsys, "--db", team, *args)[0] == 0
    code, out, _ = _run(capsys, "--db", bureau, "sync", "import", str(package), "--dry-run")
    assert code == 0 and "待处理冲突" in out
    assert "本站点的项目“局里新线索项目”让出编号 ZS2026-00002：对方的记录先用了它" in out
    # The import itself says it again, with the code (it read the code after giving it up:
    # 让出编号 None).
    code, out, _ = _run(capsys, "--db", bureau, "sync", "import", str(package))
    assert code == 0
    assert "本站点的项目“局里新线索项目”让出编号 ZS2026-00002：对方的记录先用了它" in out

"""User test 3, finding 8: the bureau's file copied to two laptops, a project deleted on one
and edited on the other in the same window, both packages through the bureau and back.
`crm sync conflicts` says what the database holds (the record is still there: an edit wins
over a delete that had not seen it), and each side names the site that made it and when."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from crm.cli import main
from crm.db import Database, open_database
from crm.models import Project
from crm.services import projects
from crm.services.settings import get_setting, set_setting
from crm.sync.peers import set_site_name
from tests.core.sync_helpers import digest, pair_all, send

MINUTE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


def _site(path: Path, name: str) -> Database:
    site = open_database(path)
    with site.session() as s:
        set_site_name(s, name)
    return site


@pytest.fixture
def three_sites(sqlite_template: Path, tmp_path: Path):
    """The bureau (李明) and two laptops made from its file, each paired with the bureau
    only; 云越 deleted on A, edited on B, and at the bureau (after B's package came, before
    A's); 北万's 责任人 set on both laptops."""
    bureau_path = tmp_path / "bureau.sqlite"
    shutil.copy(sqlite_template, bureau_path)
    bureau = _site(bureau_path, "投促局")
    with bureau.session() as s:
        set_setting(s, "user_name", "李明")
    with bureau.session(actor="李明") as s:
        beiwan = projects.create_project(s, name="北万新材料项目").id
        yunyue = projects.create_project(s, name="云越数据中心项目", code="ZS2024-00276").id
    bureau.close()
    for laptop in ("a", "b"):
        shutil.copy(bureau_path, tmp_path / f"{laptop}.sqlite")  # the clerk copies the file
    bureau = open_database(bureau_path)
    a = _site(tmp_path / "a.sqlite", "驻上海A")
    b = _site(tmp_path / "b.sqlite", "驻上海B")
    pair_all(bureau, a)
    pair_all(bureau, b)
    with a.session(actor="张三") as s:
        projects.update_project(s, beiwan, responsible_person="张三")
        projects.delete_project(s, yunyue)
    with b.session(actor="李四") as s:
        projects.update_project(s, beiwan, responsible_person="李四")
        projects.update_project(s, yunyue, notes="B队编辑")
    send(b, bureau, tmp_path)
    with bureau.session(actor="李明") as s:
        projects.update_project(s, yunyue, responsible_person="贾娟")
    send(a, bureau, tmp_path)
    send(bureau, a, tmp_path)
    send(bureau, b, tmp_path)
    yield bureau, a, b, yunyue
    for site in (bureau, a, b):
        site.close()


def _conflicts(site: Database, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--db", str(site.path), "sync", "conflicts"]) == 0
    out = capsys.readouterr().out
    return [MINUTE.sub("T", line) for line in out.splitlines()]


def _block(lines: list[str], head: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if head in line and line.startswith("["))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    return lines[start + 1 : end]


def test_a_laptop_made_from_the_bureaus_file_does_not_record_as_the_bureaus_clerk(
    three_sites: tuple[Database, Database, Database, str],
) -> None:
    bureau, a, b, _yunyue = three_sites
    assert (bureau.actor, a.actor == "李明", b.actor == "李明") == ("李明", False, False)
    with a.read() as s:
        assert get_setting(s, "user_name") == ""


def test_the_delete_against_an_edit_says_the_record_is_still_there(
    three_sites: tuple[Database, Database, Database, str], capsys: pytest.CaptureFixture[str]
) -> None:
    bureau, a, b, yunyue = three_sites
    assert digest(bureau) == digest(a) == digest(b)
    for site in (bureau, a, b):  # live on every site, as docs/sync.md rule 3 says
        with site.read() as s:
            assert s.scalar(select(Project.deleted_at).where(Project.id == yunyue)) is None
    assert _block(_conflicts(bureau, capsys), "云越数据中心项目") == [
        "    当前状态 / current: 记录仍保留（另一处删除了它，待确认）",
        "    删除 / deleted by: 张三，T，驻上海A",
        "    另一方修改 / edits:",
        "      备注：B队编辑（李四，T，驻上海B）",
        "      责任人：贾娟（李明，T，投促局）",
    ]
    # On the laptop that deleted it, the delete is its own; B is known only through the
    # bureau, so it is named by the start of its site id.
    assert _block(_conflicts(a, capsys), "云越数据中心项目") == [
        "    当前状态 / current: 记录仍保留（本站点删除了它，待确认）",
        "    删除 / deleted by: 张三，T，驻上海A",
        "    另一方修改 / edits:",
        f"      备注：B队编辑（李四，T，站点 {b.site_id[:8]}）",
        "      责任人：贾娟（李明，T，投促局）",
    ]


def test_each_side_of_a_field_conflict_names_its_site(
    three_sites: tuple[Database, Database, Database, str], capsys: pytest.CaptureFixture[str]
) -> None:
    bureau, _a, _b, _yunyue = three_sites
    sides = _block(_conflicts(bureau, capsys), "北万新材料项目")
    # B's change was made after A's: it is the current value; both stay until decided.
    assert sides == [
        "    当前值 / current: 李四（李四，T，驻上海B）",
        "    另一值 / other:   张三（张三，T，驻上海A）",
    ]


def test_the_cli_says_a_copy_lost_its_user_and_how_to_name_one(
    tmp_path: Path, sqlite_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = tmp_path / "bureau.sqlite"
    shutil.copy(sqlite_template, original)
    assert main(["--db", str(original), "settings", "set", "user_name", "李明"]) == 0
    copy = tmp_path / "laptop" / "crm.sqlite"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    capsys.readouterr()
    assert main(["--db", str(copy), "settings", "show"]) == 0
    out, err = capsys.readouterr()
    assert "user_name = \n" in out
    assert err.strip() == (
        "这份数据库是复制来的，已清除原来的使用人（原为 李明）和工作队。"
        "请填写这份副本的使用人：crm settings set user_name 姓名"
    )
    # Said once: the copy is a site of its own from then on.
    assert main(["--db", str(copy), "settings", "set", "user_name", "张三"]) == 0
    assert capsys.readouterr().err == ""
    # The original keeps its user.
    assert main(["--db", str(original), "settings", "show"]) == 0
    out, err = capsys.readouterr()
    assert "user_name = 李明\n" in out and err == ""

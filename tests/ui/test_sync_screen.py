"""The 同步 screen: export from one site, import into another after a preview, settle a
conflict, merge a duplicate, sync with a hub (SQLite, and PostgreSQL when configured) with
cancel. Two SQLite sites in tmp folders, paired with each other."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from crm.db import Database
from crm.models import Company, Project
from crm.services import companies, projects
from tests.core.sync_helpers import digest, make_site, pair_all, send
from tests.core.test_sync_conflict_origins import three_sites  # noqa: F401
from tests.core.test_sync_server import hub  # noqa: F401  (the hub: SQLite, then PostgreSQL)
from ui.context import AppContext


@pytest.fixture
def sites(sqlite_template: Path, tmp_path: Path, qapp: Any) -> Iterator[tuple[Database, Database]]:
    a = make_site(sqlite_template, tmp_path, "team")
    b = make_site(sqlite_template, tmp_path, "bureau")
    pair_all(a, b)
    yield a, b
    a.close()
    b.close()


def _screen(qtbot: Any, db: Database) -> Any:
    from ui.sync.screen import SyncScreen

    screen = SyncScreen(AppContext(db=db, language="zh"))
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    qtbot.waitUntil(lambda: screen.overview is not None, timeout=10_000)
    return screen


def _wait_task(qtbot: Any, screen: Any) -> None:
    qtbot.waitUntil(lambda: screen.task is not None and screen.task.done, timeout=20_000)


def _reload(qtbot: Any, screen: Any) -> None:
    task = screen.refresh()
    qtbot.waitUntil(lambda: task.done, timeout=10_000)


def _rows(table: Any) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _project(db: Database, name: str, company: str) -> str:
    with db.session() as s:
        cid = companies.create_company(s, name=company).id
        return projects.create_project(s, name=name, company_id=cid).id


def _accept_previews(monkeypatch: Any, seen: list[Any]) -> None:
    """The preview dialog is looked at (kept in `seen`) and 导入 pressed."""
    from ui import dialogs
    from ui.sync.dialogs import ImportPreviewDialog

    def accept(dialog: Any) -> int:
        seen.append(dialog)
        if isinstance(dialog, ImportPreviewDialog) and dialog.import_button.isEnabled():
            return ImportPreviewDialog.DialogCode.Accepted
        return 0

    monkeypatch.setattr(dialogs, "exec_dialog", accept)


def _team_package_imported(
    qtbot: Any, sites: Any, tmp_path: Path, answers: dict[str, Any], monkeypatch: Any
) -> tuple[Any, list[Any]]:
    """The team's package exported from its screen and imported on the bureau's after the
    preview: (the bureau's screen, the dialogs shown)."""
    team, bureau = sites
    package = tmp_path / "team.zspkg"
    team_screen = _screen(qtbot, team)
    team_screen.export_package(peer_id=bureau.site_id, path=str(package))
    _wait_task(qtbot, team_screen)
    seen: list[Any] = []
    _accept_previews(monkeypatch, seen)
    screen = _screen(qtbot, bureau)
    screen.import_package(str(package))
    qtbot.waitUntil(lambda: len(answers["infos"]) == 2, timeout=20_000)
    return screen, seen


def test_export_then_import_with_preview(
    qtbot: Any, sites: Any, tmp_path: Path, answers: dict[str, Any], monkeypatch: Any
) -> None:
    team, bureau = sites
    _project(team, "锂电池正极材料项目", "湖南裕能新能源电池材料股份有限公司")
    team_screen = _screen(qtbot, team)
    # The site box and the peer list say who is who.
    assert team_screen.site_id.text() == team.site_id
    assert len(team_screen.fingerprint.text().split()) == 8
    (peer,) = _rows(team_screen.peers)
    assert peer[1] == "同步包" and peer[4] != "0"

    package = tmp_path / "队.zspkg"
    team_screen.export_package(path=str(package))  # the one package peer is chosen by itself
    _wait_task(qtbot, team_screen)
    assert package.exists()
    assert "发往“南宁市投资促进局”" in answers["infos"][-1]

    seen: list[Any] = []
    _accept_previews(monkeypatch, seen)
    bureau_screen = _screen(qtbot, bureau)
    bureau_screen.import_package(str(package))
    qtbot.waitUntil(lambda: len(answers["infos"]) == 2, timeout=20_000)
    preview = seen[0]
    rows = {row[0]: row[1:] for row in _rows(preview.table)}
    assert rows["项目"] == ["1", "0", "0"] and rows["企业"] == ["1", "0", "0"]
    assert "没有新的冲突" in preview.notes.text()
    assert "已导入来自“南宁市投资促进局”的" in answers["infos"][-1]
    assert "导入前的备份" in answers["infos"][-1]
    assert digest(team) == digest(bureau)
    assert answers["errors"] == []

    # The same package again: the preview says it changes nothing, and nothing is imported.
    seen.clear()
    bureau_screen.import_package(str(package))
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert "导入不会改变任何数据" in seen[0].notes.text()
    assert not seen[0].import_button.isEnabled()


def test_a_package_for_another_site_is_refused_with_one_sentence(
    qtbot: Any, sites: Any, sqlite_template: Path, tmp_path: Path, answers: dict[str, Any]
) -> None:
    team, bureau = sites
    other = make_site(sqlite_template, tmp_path, "other")
    pair_all(team, other)
    _project(team, "冷链物流园项目", "广西冷链物流集团有限公司")
    package = tmp_path / "给别人的.zspkg"
    team_screen = _screen(qtbot, team)
    team_screen.export_package(peer_id=other.site_id, path=str(package))
    _wait_task(qtbot, team_screen)
    bureau_screen = _screen(qtbot, bureau)
    before = digest(bureau)
    bureau_screen.import_package(str(package))
    qtbot.waitUntil(lambda: bool(answers["errors"]), timeout=20_000)
    assert "发给另一个站点" in answers["errors"][0] and "未写入任何数据" in answers["errors"][0]
    assert "Traceback" not in answers["errors"][0]
    assert digest(bureau) == before
    other.close()


def test_settle_a_conflict_by_choosing_the_other_value(
    qtbot: Any, sites: Any, tmp_path: Path, answers: dict[str, Any]
) -> None:
    team, bureau = sites
    pid = _project(team, "数据中心项目", "南宁云计算有限公司")
    send(team, bureau, tmp_path)
    with team.session(actor="李队长") as s:
        projects.update_project(s, pid, responsible_person="李明")
    with bureau.session(actor="王科长") as s:
        projects.update_project(s, pid, responsible_person="王芳")
    send(team, bureau, tmp_path)
    send(bureau, team, tmp_path)
    assert digest(team) == digest(bureau)

    screen = _screen(qtbot, bureau)
    assert screen.tabs.tabText(0) == "冲突（1）"
    (row,) = _rows(screen.conflicts.table)
    record, kind, field, current, current_from, other, other_from = row
    assert record == "项目“数据中心项目”" and kind == "字段冲突" and field == "责任人"
    assert {current, other} == {"李明", "王芳"}
    # Who, when, where of each side.
    by_value = {current: current_from, other: other_from}
    assert by_value["李明"].startswith("李队长 · ") and by_value["王芳"].startswith("王科长 · ")
    assert by_value["王芳"].endswith("南宁市投资促进局")  # both test sites carry the bureau's name
    screen.conflicts.table.selectRow(0)
    assert screen.conflicts.keep_loser.isEnabled()
    assert screen.conflicts.settle("loser")
    _reload(qtbot, screen)
    assert screen.conflicts.table.rowCount() == 0 and screen.tabs.tabText(0) == "冲突（0）"
    with bureau.session() as s:
        assert s.get(Project, pid).responsible_person == other
    # The decision syncs: the team's list empties and both hold the same data.
    send(bureau, team, tmp_path)
    team_screen = _screen(qtbot, team)
    assert team_screen.conflicts.table.rowCount() == 0
    assert digest(team) == digest(bureau)


def test_settle_with_a_new_value(
    qtbot: Any, sites: Any, tmp_path: Path, answers: dict[str, Any]
) -> None:
    team, bureau = sites
    pid = _project(team, "光伏组件项目", "隆基绿能科技股份有限公司")
    send(team, bureau, tmp_path)
    for site, text in ((team, "甲"), (bureau, "乙")):
        with site.session() as s:
            projects.update_project(s, pid, notes=text)
    send(team, bureau, tmp_path)
    screen = _screen(qtbot, bureau)
    screen.conflicts.table.selectRow(0)
    answers["text"] = "甲乙两处意见已合并"
    assert screen.conflicts.settle_with_value()
    with bureau.session() as s:
        assert s.get(Project, pid).notes == "甲乙两处意见已合并"


def test_merge_a_company_made_on_both_sites(
    qtbot: Any, sites: Any, tmp_path: Path, answers: dict[str, Any], monkeypatch: Any
) -> None:
    team, bureau = sites
    name = "比亚迪股份有限公司"
    _project(team, "新能源汽车零部件项目", name)
    with bureau.session() as s:
        companies.create_company(s, name=name)
    screen, seen = _team_package_imported(qtbot, sites, tmp_path, answers, monkeypatch)
    assert f"疑似重复的企业：{name}" in seen[0].notes.text()
    _reload(qtbot, screen)
    assert screen.tabs.tabText(2) == "疑似重复（1）"
    assert _rows(screen.duplicates.table) == [["企业", name, "2"]]

    from ui import dialogs

    def merge(dialog: Any) -> int:
        dialog.save()  # the preview of what moves is there; 合并
        return 1

    monkeypatch.setattr(dialogs, "exec_dialog", merge)
    screen.duplicates.table.selectRow(0)
    assert screen.duplicates.merge_current()
    _reload(qtbot, screen)
    assert screen.duplicates.table.rowCount() == 0
    with bureau.session() as s:
        live = (
            select(func.count())
            .select_from(Company)
            .where(Company.name == name, Company.deleted_at.is_(None))
        )
        assert s.scalar(live) == 1
    # The merge travels as changes: the team ends with one company too.
    send(bureau, team, tmp_path)
    assert digest(team) == digest(bureau)


def test_pair_shows_the_fingerprint_first(
    qtbot: Any, sqlite_template: Path, tmp_path: Path, answers: dict[str, Any], monkeypatch: Any
) -> None:
    a = make_site(sqlite_template, tmp_path, "a")
    b = make_site(sqlite_template, tmp_path, "b")
    screen_a, screen_b = _screen(qtbot, a), _screen(qtbot, b)
    identity = tmp_path / "b.json"
    screen_b.export_identity(str(identity))
    _wait_task(qtbot, screen_b)
    assert screen_b.fingerprint.text() in answers["infos"][-1]

    from ui import dialogs

    shown: list[Any] = []
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: shown.append(d) or 0)
    assert not screen_a.pair(str(identity))  # refused: not paired
    assert shown[0].fingerprint.text() == screen_b.fingerprint.text()
    monkeypatch.setattr(dialogs, "exec_dialog", lambda d: 1)
    assert screen_a.pair(str(identity))
    _reload(qtbot, screen_a)
    assert _rows(screen_a.peers)[0][2] == screen_b.fingerprint.text()
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert not screen_a.pair(str(bad))
    assert answers["errors"] == ["这不是本程序的站点身份文件，或文件已损坏。"]
    a.close()
    b.close()


def test_server_sync_with_progress_and_cancel(
    qtbot: Any,
    hub: Database,  # noqa: F811  (the fixture imported above)
    sites: Any,
    answers: dict[str, Any],
    monkeypatch: Any,
) -> None:
    from ui.qsettings import app_settings
    from ui.sync import dialogs as sync_dialogs

    team, _bureau = sites
    for number in range(5):
        _project(team, f"项目{number}", f"企业{number}有限公司")
    pressed = threading.Event()
    real = sync_dialogs.sync_with_server

    def held(db: Any, hub_db: Any, **kwargs: Any) -> Any:
        progress = kwargs.pop("progress")

        def report(done: int, total: int, what: str) -> None:
            progress(done, total, what)
            pressed.wait(10)  # the first batch is in: wait until the user pressed 取消

        return real(db, hub_db, progress=report, **kwargs)

    monkeypatch.setattr(sync_dialogs, "sync_with_server", held)
    screen = _screen(qtbot, team)
    dialog = screen.server_dialog()
    dialog.url.setText(hub.url)
    dialog.batch = 3  # a commit (company + project) per batch
    task = dialog.check()
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert dialog.status.text().startswith("待发送 ") and not dialog.status.text().startswith(
        "待发送 0 项"
    )
    task = dialog.start()
    qtbot.waitUntil(lambda: "正在发送本站点的修改" in dialog.status.text(), timeout=20_000)
    assert dialog.cancel_button.isEnabled() and not dialog.start_button.isEnabled()
    dialog.cancel_button.click()
    pressed.set()
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert dialog.status.text() == "已取消，未写入任何数据。" and answers["errors"] == []
    with hub.session() as s:
        held_on_hub = s.scalar(select(func.count()).select_from(Project))
    assert held_on_hub == 0  # all or nothing: the batch sent before the cancel is not kept

    task = dialog.start()  # starts again and completes
    qtbot.waitUntil(lambda: task.done, timeout=30_000)
    assert dialog.status.text().startswith("已与服务器同步：发送 ")
    assert digest(team) == digest(hub)
    task = dialog.check()
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert dialog.status.text() == "待发送 0 项，待接收 0 项。"
    # The address is remembered for the next sync.
    assert app_settings().value("sync/server_url") == hub.url
    assert screen.server_dialog().url.text() == hub.url


def test_two_unrelated_databases_are_merged_only_after_the_question(
    qtbot: Any,
    hub: Database,  # noqa: F811  (the fixture imported above)
    sites: Any,
    answers: dict[str, Any],
    monkeypatch: Any,
) -> None:
    from crm.sync import exchange
    from ui import dialogs

    monkeypatch.setattr(exchange, "UNRELATED_MIN_PROJECTS", 2)  # a bureau's worth, made small
    asked: list[tuple[str, str]] = []

    def confirm(_parent: Any, title: str, text: str) -> bool:
        asked.append((title, text))
        return bool(answers["confirm"])

    monkeypatch.setattr(dialogs, "ask_confirm", confirm)
    team, _bureau = sites
    for number in range(3):
        _project(team, f"队项目{number}", f"队企业{number}有限公司")
    for number in range(2):
        _project(hub, f"局项目{number}", f"局企业{number}有限公司")
    screen = _screen(qtbot, team)
    dialog = screen.server_dialog()
    dialog.url.setText(hub.url)
    answers["confirm"] = False
    task = dialog.start()
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    question = (
        "本站点（3 个项目）与服务器（2 个项目）从未同步过，也没有一个相同的项目，"
        "像是两个单位各自的数据库。把两边的数据合并在一起？"
    )
    assert asked == [("合并两个数据库？", question)]
    assert dialog.message.text() == "未同步，未写入任何数据。"
    with hub.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 2
    answers["confirm"] = True
    dialog.start()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("已与服务器同步"), timeout=30_000)
    assert digest(team) == digest(hub)


def test_a_remembered_address_never_holds_the_password() -> None:
    from crm.sync.overview import url_to_remember

    assert (
        url_to_remember(" postgresql+psycopg://zhang:秘密@10.0.0.5:5432/crm ")
        == "postgresql+psycopg://zhang@10.0.0.5:5432/crm"
    )
    assert url_to_remember("postgresql+psycopg://zhang@hub/crm") == (
        "postgresql+psycopg://zhang@hub/crm"
    )


def test_a_wrong_server_address_says_so(
    qtbot: Any, sites: Any, tmp_path: Path, answers: dict[str, Any]
) -> None:
    team, _bureau = sites
    screen = _screen(qtbot, team)
    dialog = screen.server_dialog()
    dialog.url.setText(str(tmp_path / "没有这个库.sqlite"))
    task = dialog.start()
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert dialog.message.text() and "Traceback" not in dialog.message.text()
    assert dialog.start_button.isEnabled()
    assert not (tmp_path / "没有这个库.sqlite").exists()


def test_screenshots_of_the_sync_screen(qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from PySide6.QtGui import QImage

    from ui.sync.screenshots import render_sync

    monkeypatch.setenv("CRM_HOME", str(tmp_path / "home"))
    saved = render_sync(tmp_path / "shots", "zh")
    assert os.environ["CRM_HOME"] == str(tmp_path / "home")  # restored
    names = {p.name for p in saved}
    assert {
        "zh-sync-import-preview.png",
        "zh-sync-screen-0.png",
        "zh-sync-screen-delete-conflict.png",
        "zh-sync-merge.png",
        "zh-sync-pair.png",
        "zh-sync-server-done.png",
    } <= names
    for path in saved:
        image = QImage(str(path))
        assert image.width() > 400 and image.height() > 120, path


def test_the_sync_screen_in_english(qtbot: Any, sites: Any, tmp_path: Path, qapp: Any) -> None:
    from ui.i18n import install_translations

    team, bureau = sites
    pid = _project(team, "数据中心项目", "南宁云计算有限公司")
    send(team, bureau, tmp_path)
    for site, person in ((team, "李明"), (bureau, "王芳")):
        with site.session() as s:
            projects.update_project(s, pid, responsible_person=person)
    send(team, bureau, tmp_path)
    install_translations(qapp, "en")
    try:
        from ui.sync.screen import SyncScreen

        screen = SyncScreen(AppContext(db=bureau, language="en"))
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: screen.overview is not None, timeout=10_000)
        headers = [
            screen.conflicts.table.horizontalHeaderItem(c).text()
            for c in range(screen.conflicts.table.columnCount())
        ]
        assert headers[:3] == ["Record", "Kind", "Field"]
        record, kind, field = _rows(screen.conflicts.table)[0][:3]
        assert (record, kind, field) == (
            "Project '数据中心项目'",
            "Field conflict",
            "Responsible person",
        )
        assert screen.tabs.tabText(0) == "Conflicts (1)"
        assert _rows(screen.peers)[0][1] == "packages"
    finally:
        install_translations(qapp, "zh")


def test_a_hidden_screen_reads_again_when_shown(qtbot: Any, sites: Any, tmp_path: Path) -> None:
    team, bureau = sites
    screen = _screen(qtbot, bureau)
    screen.hide()
    _project(team, "冷链物流园项目", "广西冷链物流集团有限公司")
    send(team, bureau, tmp_path)  # e.g. from the command line, or another window
    assert _rows(screen.peers)[0][3] == "从未"
    screen.ctx.bus.announce({"project"})
    assert screen.load_task is not None and screen.load_task.done  # nothing read while hidden
    screen.show()
    qtbot.waitUntil(lambda: not screen.load_task.running, timeout=10_000)
    assert _rows(screen.peers)[0][3] != "从未"  # the exchange above shows


def test_rules_to_review_read_as_sentences(qtbot: Any, ctx: Any) -> None:
    from crm.sync.conflicts import ConflictView
    from crm.sync.overview import SyncOverview
    from ui.sync.panels import RulesPanel

    rule = ConflictView(
        "c1", "rule", "project", "p1", "数据中心项目", "stage", None, None,
        "stage_order:negotiating:signed",
    )  # fmt: skip
    panel = RulesPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_overview(SyncOverview("s", "局", "F", conflicts=[rule]))
    assert _rows(panel.table) == [["项目“数据中心项目”", "当前阶段", "“签约”的日期早于“在谈”"]]


def test_rename_this_site(qtbot: Any, sites: Any, monkeypatch: Any) -> None:
    """The site's own name is edited where it is shown; the identity file then carries it."""
    from crm.sync.overview import sync_overview
    from ui import dialogs

    team, _bureau = sites
    screen = _screen(qtbot, team)
    assert screen.site_name.text() == "南宁市投资促进局"  # no team in the profile: the bureau
    asked: list[str] = []

    def ask(_parent: Any, _title: str, _label: str, default: str = "") -> str:
        asked.append(default)
        return " 上林县驻长沙招商工作队 "

    monkeypatch.setattr(dialogs, "ask_text", ask)
    screen.rename_button.click()
    _wait_task(qtbot, screen)
    qtbot.waitUntil(lambda: screen.site_name.text() == "上林县驻长沙招商工作队", timeout=10_000)
    assert asked == ["南宁市投资促进局"]
    assert sync_overview(team).name == "上林县驻长沙招商工作队"


def test_the_preview_names_what_gives_its_code_up(
    qtbot: Any, sites: Any, tmp_path: Path, answers: dict[str, Any], monkeypatch: Any
) -> None:
    """The team entered ZS2026-00002 first; the bureau then gave it to a project of its own.
    The window's preview says which of the bureau's projects is left without the code (it
    only counted a conflict), and so does the message after the import."""
    team, bureau = sites
    for db, name in ((team, "队里新线索项目"), (bureau, "局里新线索项目")):  # team first
        with db.session() as s:
            projects.create_project(s, name=name, code="ZS2026-00002")
    _screen_shown, seen = _team_package_imported(qtbot, sites, tmp_path, answers, monkeypatch)
    said = "本站点的项目“局里新线索项目”让出编号 ZS2026-00002：对方的记录先用了它"
    assert said in seen[0].notes.text()
    assert said in answers["infos"][-1]
    with bureau.read() as s:
        codes = dict(s.execute(select(Project.name, Project.code)).all())
    assert codes == {"队里新线索项目": "ZS2026-00002", "局里新线索项目": None}


def test_a_delete_against_edits_shows_the_record_kept_and_each_edit_with_its_origin(
    qtbot: Any,
    three_sites: tuple[Database, Database, Database, str],  # noqa: F811
) -> None:
    """User test 3, finding 8: the 冲突 tab read 已删除 for a project live on every site, and
    put the edits of a laptop and of the bureau on one line, all said to be the laptop's."""
    import re

    bureau, _a, _b, _yunyue = three_sites
    screen = _screen(qtbot, bureau)
    rows = {row[0]: row for row in _rows(screen.conflicts.table)}
    _record, kind, field, current, current_from, other, other_from = rows["项目“云越数据中心项目”"]
    minute = r"\d{4}-\d\d-\d\d \d\d:\d\d"
    assert (kind, field) == ("删除与修改冲突", "删除")
    assert current == "记录仍保留（另一处删除了它，待确认）"
    assert re.fullmatch(rf"张三 · {minute} · 驻上海A", current_from)
    assert other == "备注：B队编辑\n责任人：贾娟"
    (by_b, by_bureau) = other_from.split("\n")
    assert re.fullmatch(rf"李四 · {minute} · 驻上海B", by_b)
    assert re.fullmatch(rf"李明 · {minute} · 投促局", by_bureau)

"""The three notices on the Briefs screen: a manager previews 重大项目调度通报, 排序通报 and
企业诉求通报, saves and exports them under `crm brief`'s file names, and signs one off (the
footer then says 签发：NAME DATE); a viewer or a member of staff finds 签发 disabled, and the
core refuses them anyway."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from crm.access import SYSTEM
from crm.accounts import add_user, sign_in
from crm.models import BriefSignoff
from crm.periods import parse_period
from tests.core.dispatch_seed import seed_counties, seed_dispatch
from tests.ui.test_briefs_screen import TODAY, shown_screen

#: The screen's today is TODAY (23 November 2026): 2026年11月中旬 (11–20 November) is over.
PERIOD = "2026-11-2"
BUILD_TIMEOUT_MS = 30_000
#: kind → (title, default file name), worked out from the period by hand.
NOTICES = {
    "dispatch": ("2026年11月中旬重大项目调度通报", "重大项目调度通报_2026-11-2"),
    "ranking": ("2026年11月中旬招商引资排序通报", "排序通报_2026-11-2"),
    "requests": ("企业诉求办理情况通报（2026年11月中旬）", "企业诉求通报_2026-11-2"),
}


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))


@pytest.fixture
def world(sqlite_db: Any) -> Any:
    """The dispatch ledger and county targets of tests/core/dispatch_seed.py; a manager, a
    member of staff and a viewer."""
    with sqlite_db.session(actor=SYSTEM) as s:
        seed_dispatch(s)
        seed_counties(s)
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-secret-1")
        add_user(s, login="wang", name="王局长", roles="manager", password="wang-secret-1")
        add_user(s, login="zhang", name="张干事", roles="staff", password="zhang-secret-1")
        add_user(s, login="kan", name="小看", roles="viewer", password="kan-secret-1")
    sqlite_db.has_accounts = True
    return sqlite_db


@pytest.fixture
def screen(world: Any, qtbot: Any, answers: dict[str, Any]) -> Iterator[Any]:
    """The Briefs screen of the manager."""
    sign_in(world, "wang", "wang-secret-1")
    with shown_screen(world, qtbot) as widget:
        yield widget


def build(qtbot: Any, screen: Any, kind: str, scope: str = "bureau") -> None:
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.set_choice(parse_period(PERIOD), scope, kind)
        screen.build()


def _signoffs(db: Any) -> list[tuple[str, str, str, str]]:
    with db.read() as s:
        rows = s.scalars(select(BriefSignoff).order_by(BriefSignoff.signed_at)).all()
        return [(r.kind, r.period_code, r.scope_code, r.login) for r in rows]


def test_the_kind_list_names_the_brief_and_the_three_notices(screen: Any) -> None:
    labels = [screen.kind.itemText(n) for n in range(screen.kind.count())]
    assert labels == ["简报", "重大项目调度通报", "排序通报", "企业诉求通报"]
    assert screen.kind_code() == "brief"


def test_a_manager_previews_each_notice(qtbot: Any, screen: Any) -> None:
    for kind, (title, _stem) in NOTICES.items():
        build(qtbot, screen, kind)
        built = screen.preview.built
        assert (screen.preview.kind, built.title) == (kind, title)
        assert built.pages >= 1
        assert screen.status.text() == f"{title} · 共 {built.pages} 页"
        assert title in _text(built.pdf)
        assert "签发" not in _text(built.pdf)  # nobody has signed it off yet
        # The brief's newly-signed rows are not a notice's: the panel is empty and hidden.
        assert screen.rows_panel.table.rowCount() == 0
        assert not screen.rows_panel.isVisible()
        assert screen.save_button.isEnabled() and screen.sign_button.isEnabled()
        # The ranking notice ranks every county and park: no scope to choose.
        assert screen.scope.isEnabled() == (kind != "ranking")
    build(qtbot, screen, "brief")
    assert screen.preview.built.title == "招商引资工作旬报（2026年11月中旬）"
    assert screen.rows_panel.isVisible() and screen.rows_panel.table.rowCount() > 0
    assert screen.scope.isEnabled()
    if screen.pages_layout.count():  # pages rendered (QtPdf): sized for the narrower area
        page = screen.pages_layout.itemAt(0).widget()
        assert page.pixmap().width() <= screen.area.viewport().width()


def test_another_kind_opens_at_its_first_page(qtbot: Any, screen: Any) -> None:
    build(qtbot, screen, "dispatch")
    if screen.pages_layout.count() < 2:
        pytest.skip("no PDF renderer (QtPdf) here")
    bar = screen.area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the pages laid out
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    build(qtbot, screen, "requests")
    assert bar.value() == 0


def test_the_ranking_notice_is_built_for_the_whole_bureau(qtbot: Any, screen: Any) -> None:
    qtbot.waitUntil(lambda: screen.scope.count() > 1, timeout=BUILD_TIMEOUT_MS)
    place = next(
        screen.scope.itemData(n)
        for n in range(screen.scope.count())
        if str(screen.scope.itemData(n)).startswith("place:")
    )
    build(qtbot, screen, "ranking", place)
    assert screen.preview.scope.code == "bureau"
    assert screen.scope.toolTip() == "排序通报对全部县区和园区排序，不分范围。"
    build(qtbot, screen, "dispatch", place)
    assert screen.preview.scope.code == place
    assert screen.scope.toolTip() == ""


def test_only_the_requests_notice_goes_without_the_bureaus_region(
    qtbot: Any, tmp_path: Path, answers: dict[str, Any]
) -> None:
    from crm.db import open_database

    fresh = open_database(tmp_path / "fresh.sqlite")  # a new database: no bureau set yet
    try:
        with shown_screen(fresh, qtbot) as screen:
            build(qtbot, screen, "requests")
            assert screen.preview.built.title == NOTICES["requests"][0]
            answers["errors"].clear()
            screen.set_choice(parse_period(PERIOD), "bureau", "dispatch")
            screen.build()
            qtbot.waitUntil(lambda: not screen.busy, timeout=BUILD_TIMEOUT_MS)
            assert answers["errors"] == [
                "尚未设置本单位所在地区：请先在“设置”中填写本单位名称、所在地区和级别"
                "（命令行：crm settings set bureau_region_code 代码）"
            ]
            assert screen.preview.kind == "requests"  # the last preview stays
    finally:
        fresh.close()


@pytest.mark.async_ops  # watches the build's progress while it runs
def test_choosing_a_kind_rebuilds_off_the_gui_thread(qtbot: Any, screen: Any) -> None:
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=BUILD_TIMEOUT_MS)
    shown: list[int] = []
    screen.progress.valueChanged.connect(shown.append)
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.kind.setCurrentIndex(screen.kind.findData("ranking"))
        assert not screen.busy  # the choice itself returns at once; the build follows
    assert screen.preview.kind == "ranking"
    assert shown and max(shown) == 100  # the screen's own bar followed the work
    assert not screen.progress.isVisible()


def test_a_manager_signs_the_dispatch_notice_off(qtbot: Any, screen: Any, world: Any) -> None:
    build(qtbot, screen, "dispatch")
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.sign_button.click()
    assert _signoffs(world) == [("dispatch", "2026-11-2", "bureau", "wang")]
    built = screen.preview.built
    day = built.footer.removeprefix("签发：王局长 ")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", day), built.footer
    assert screen.preview.kind == "dispatch"
    assert screen.status.text() == (
        f"2026年11月中旬重大项目调度通报 · 共 {built.pages} 页　已签发：王局长 {day}。"
    )
    assert f"签发：王局长{day}" in _text(built.pdf)
    # The other kinds of the same period are not signed by it.
    build(qtbot, screen, "ranking")
    assert "签发" not in _text(screen.preview.built.pdf)


def test_a_manager_signs_the_figures_previewed_not_later_ones(
    qtbot: Any, screen: Any, world: Any
) -> None:
    """A preview is a promise: what is signed is the notice on screen. Data changed after the
    preview is not signed unseen; the next print says its figures changed since."""
    from crm.models import Project
    from crm.services import dispatch as svc

    build(qtbot, screen, "dispatch")
    previewed = screen.preview.built.digest
    with world.session(actor=SYSTEM) as s:  # someone enters P2's 旬 figure meanwhile
        p2 = s.scalar(select(Project.id).where(Project.code == "ZS-2"))
        svc.record_completion(s, project_id=p2, period_end=date(2026, 11, 20), year_to_date=9000)
    with qtbot.waitSignal(screen.preview_ready, timeout=BUILD_TIMEOUT_MS):
        screen.sign_button.click()
    with world.session(actor=SYSTEM) as s:
        assert s.scalars(select(BriefSignoff.digest)).all() == [previewed]
    rebuilt = screen.preview.built
    assert rebuilt.digest != previewed  # the new figure is in the rebuilt notice
    assert rebuilt.footer.endswith("（签发后数字已有变动）"), rebuilt.footer


def test_a_notice_saves_under_the_command_lines_name(
    qtbot: Any, screen: Any, world: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    asked: list[str] = []

    def answer(_caption: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return str(tmp_path / suggested)

    monkeypatch.setattr(screen, "ask_save_path", answer)
    for kind, (title, stem) in NOTICES.items():
        build(qtbot, screen, kind)
        with qtbot.waitSignal(screen.exported, timeout=BUILD_TIMEOUT_MS):
            screen.save_pdf()
        assert asked[-1] == f"{stem}.pdf"
        assert title in _text((tmp_path / f"{stem}.pdf").read_bytes())
        with qtbot.waitSignal(screen.exported, timeout=BUILD_TIMEOUT_MS):
            screen.export_xlsx()
        assert asked[-1] == f"{stem}.xlsx"
        sheet = load_workbook(tmp_path / f"{stem}.xlsx").worksheets[0]
        assert str(sheet["A1"].value).startswith(f"{title} — ")

    # `crm brief --kind dispatch` without --out writes the same name into the current folder.
    from crm.cli import main

    cli = tmp_path / "cli"
    cli.mkdir()
    monkeypatch.chdir(cli)
    monkeypatch.setenv("CRM_PASSWORD", "wang-secret-1")
    url = world.engine.url.render_as_string(hide_password=False)
    args = ["--db", url, "brief", "--period", PERIOD, "--issued", TODAY.isoformat()]
    assert main([*args, "--kind", "dispatch", "--user", "wang"]) == 0
    assert [p.name for p in cli.iterdir()] == [f"{NOTICES['dispatch'][1]}.pdf"]


@pytest.mark.parametrize(("login", "password", "refusal"), [
    ("kan", "kan-secret-1", "用户“小看”（只读用户）无权签发简报。"),
    ("zhang", "zhang-secret-1", "用户“张干事”（局机关工作人员）无权签发简报。"),
])  # fmt: skip
def test_only_a_manager_signs_a_notice_off(
    qtbot: Any, world: Any, answers: dict[str, Any], login: str, password: str, refusal: str
) -> None:
    from ui.main_window import MainWindow

    sign_in(world, login, password)
    window = MainWindow(world, start_screen="projects")
    qtbot.addWidget(window)
    screen = window.show_screen("briefs")
    screen.today = TODAY
    build(qtbot, screen, "dispatch")
    assert not screen.sign_button.isEnabled()
    assert screen.sign_button.toolTip() == refusal
    # Asked all the same (the button bypassed), the core refuses and nothing is written.
    screen.sign_off()
    qtbot.waitUntil(lambda: bool(answers["errors"]), timeout=BUILD_TIMEOUT_MS)
    assert answers["errors"] == [refusal]
    assert _signoffs(world) == []


def test_the_kinds_read_in_english_as_the_core_names_them(qapp: Any) -> None:
    from crm.reports.kinds import KINDS
    from ui.briefs.screen import KIND_LABELS
    from ui.i18n import install_translations

    install_translations(qapp, "en")
    try:
        assert [KIND_LABELS(code) for code in KINDS] == [k.label_en for k in KINDS.values()]
    finally:
        install_translations(qapp, "zh")
    assert [KIND_LABELS(code) for code in KINDS] == [k.label_zh for k in KINDS.values()]

"""The interface language reaches every corner: Qt's own dialogs in Chinese, core errors of the
Briefs screen in English, amounts with a unit label that reads in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel

from crm.db import open_database
from ui.context import AppContext
from ui.i18n import install_translations


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    install_translations(qapp, "en")
    yield
    install_translations(qapp, "zh")


def test_the_file_dialog_is_all_chinese(qapp: Any) -> None:
    install_translations(qapp, "zh")
    dialog = QFileDialog(None, "导出", "", "Excel 工作簿 (*.xlsx)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and not [t for t in labels if re.search("[A-Za-z]{2}", t)], labels
    dialog.deleteLater()


def test_briefs_errors_in_english(qtbot: Any, tmp_path: Path, english: None) -> None:
    from ui.briefs.screen import BriefsScreen

    database = open_database(tmp_path / "fresh.sqlite")  # no bureau set: the brief refuses
    try:
        from ui.context import AppContext

        screen = BriefsScreen(AppContext(db=database, language="en"))
        qtbot.addWidget(screen)
        shown: list[str] = []
        from ui import dialogs

        original = dialogs.show_error
        dialogs.show_error = lambda _p, text: shown.append(text)
        try:
            screen.build()
            qtbot.waitUntil(lambda: not screen.busy, timeout=10_000)
        finally:
            dialogs.show_error = original
        assert shown == [
            "The bureau's region is not set yet: fill in the bureau's name, region and level "
            "in Settings first (command line: crm settings set bureau_region_code CODE)"
        ]
        assert not re.search("[\u4e00-\u9fff]", screen.status.text()), screen.status.text()
    finally:
        database.close()


def test_amounts_read_with_an_english_unit(
    qtbot: Any, sqlite_db: Any, sample_projects: Any, english: None
) -> None:
    from ui.projects.screen import ProjectsScreen

    ctx = AppContext(db=sqlite_db, language="en")
    screen = ProjectsScreen(ctx)
    qtbot.addWidget(screen)
    screen.select_id(sample_projects["南宁数据中心"])
    assert screen.detail._fields["planned_investment"].text() == "30,000 ×10k CNY"
    assert "×10k CNY" in screen.detail.funds_summary.text()


def test_english_filter_labels_are_not_clipped(
    qtbot: Any, sqlite_db: Any, sample_projects: Any, english: None
) -> None:
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(AppContext(db=sqlite_db, language="en"))
    qtbot.addWidget(screen)
    screen.resize(1440, 860)
    screen.show()
    qtbot.waitExposed(screen)
    bar = screen.filter_bar
    for combo in (bar.region_group, bar.province, bar.landing):
        text = combo.itemText(0)
        assert text.startswith("All")
        assert combo.width() >= combo.fontMetrics().horizontalAdvance(text) + 24, text


def test_request_steps_in_english(qtbot: Any, ctx: Any, english: None) -> None:
    """The dialogs of a request's steps read in English (their labels were once looked up
    under the screen's name and stayed Chinese)."""
    from ui.requests.dialogs import RequestStepDialog
    from ui.requests.screen import RequestsScreen

    screen = RequestsScreen(ctx)
    qtbot.addWidget(screen)
    escalate = RequestStepDialog(ctx, "escalate", "no-such-request", screen)
    labels = [label.text() for label in escalate.findChildren(QLabel) if label.text()]
    assert escalate.windowTitle() == "Escalate"
    assert labels == ["Escalated to *", "Escalated on"]


def test_record_tables_in_english(qtbot: Any, english: None) -> None:
    """The headers of a company's contacts and tags and of a team's members read in English
    (they once stayed Chinese)."""
    from ui.companies.detail import ContactsTable, TagsTable
    from ui.teams.members_tab import MembersTable

    headers = {}
    for table in (ContactsTable(), TagsTable(), MembersTable()):
        qtbot.addWidget(table)
        table.fill([])
        count = table.columnCount()
        headers[type(table).__name__] = [table.horizontalHeaderItem(c).text() for c in range(count)]
    assert headers == {
        "ContactsTable": ["Name", "Title", "Phone", "Email", "WeChat", "Notes"],
        "TagsTable": ["Lists", "Year", "Rank", "Valid until"],
        "MembersTable": ["Name", "Title", "Phone", "Joined", "Left"],
    }


def test_project_rows_name_industry_and_places_in_english(qtbot: Any, sqlite_db: Any) -> None:
    """resources/reference: industry 36 is Manufacture of Automobiles, 440300 Shenzhen,
    450100 Nanning (industries_en.csv, regions_en.csv)."""
    from decimal import Decimal

    from crm.services import projects
    from ui.projects.screen import ProjectsScreen

    with sqlite_db.session() as s:
        project_id = projects.create_project(
            s,
            name="新能源汽车零部件项目",
            planned_investment=Decimal(50000),
            industry_code="36",
            source_region_code="440300",
            landing_region_code="450100",
        ).id
    screen = ProjectsScreen(AppContext(db=sqlite_db, language="en"))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.row_of(project_id) >= 0, timeout=10_000)
    row = screen.model.row_of(project_id)

    def cell(key: str) -> str:
        return str(screen.model.index(row, screen.model.column_index(key)).data())

    assert cell("industry") == "Manufacture of Automobiles"
    assert cell("source_place") == "Shenzhen"
    assert cell("landing") == "Nanning"


def test_ten_day_periods_read_as_one_phrase(qtbot: Any, english: None) -> None:
    from datetime import date

    from crm.periods import PeriodKind
    from ui.briefs.period_picker import KINDS, PeriodPicker

    picker = PeriodPicker(date(2026, 11, 25))
    qtbot.addWidget(picker)
    picker.kind.setCurrentIndex(KINDS.index(PeriodKind.XUN))
    labels = [picker.number.itemText(i) for i in range(picker.number.count())]
    assert labels[:2] == ["Days 1–10, month 1", "Days 11–20, month 1"]
    assert labels[-1] == "Days 21–end, month 12"


def test_a_many_fold_rise_reads_as_a_ratio_in_english(qtbot: Any, english: None) -> None:
    """+212% is 增长2.1倍 in Chinese; in English the figure is 3.1× last year's."""
    from decimal import Decimal

    from ui.dashboard.screen import FigureCard

    card = FigureCard("x")
    qtbot.addWidget(card)
    card.set_figure("106", "34", Decimal("211.8"))
    assert card.change.text() == "3.1× the same period last year"


def test_a_many_fold_rise_in_chinese_counts_the_increase(qtbot: Any) -> None:
    from decimal import Decimal

    from ui.dashboard.screen import FigureCard

    card = FigureCard("x")
    qtbot.addWidget(card)
    card.set_figure("106", "34", Decimal("211.8"))
    assert card.change.text() == "同比增长 2.1 倍"


def test_the_ten_day_choice_is_wide_enough_to_read(
    qtbot: Any, sqlite_db: Any, english: None
) -> None:
    from crm.periods import PeriodKind
    from tests.ui.test_briefs_screen import shown_screen
    from ui.briefs.period_picker import KINDS

    with shown_screen(sqlite_db, qtbot) as screen:
        picker = screen.picker
        qtbot.wait(50)  # shown (with quarters: short labels) before the kind changes
        picker.kind.setCurrentIndex(KINDS.index(PeriodKind.XUN))
        picker.number.setCurrentIndex(picker.number.count() - 1)
        qtbot.wait(50)
        text = picker.number.currentText()
        assert text == "Days 21–end, month 12"
        assert picker.number.width() > picker.number.fontMetrics().horizontalAdvance(text)


def test_a_layout_saved_in_chinese_shows_english_stages_whole(
    qtbot: Any, qapp: Any, sqlite_db: Any, sample_projects: Any
) -> None:
    """阶段 is narrow in Chinese (在谈); the same saved layout restored in English must still
    show 'Negotiating' whole."""
    from ui.context import AppContext
    from ui.projects.screen import ProjectsScreen

    chinese = ProjectsScreen(AppContext(db=sqlite_db, language="zh"))
    qtbot.addWidget(chinese)
    stage = chinese.model.column_index("stage")
    chinese.table.horizontalHeader().resizeSection(stage, 40)  # as narrow as 在谈 needs
    chinese.layout_state.save()
    install_translations(qapp, "en")
    try:
        english = ProjectsScreen(AppContext(db=sqlite_db, language="en"))
        qtbot.addWidget(english)
        english.layout_state.restore()
        width = english.table.horizontalHeader().sectionSize(stage)
        assert width > english.table.fontMetrics().horizontalAdvance("Negotiating")
    finally:
        install_translations(qapp, "zh")


def test_a_title_wider_than_its_column_ends_in_an_ellipsis(qtbot: Any) -> None:
    """The dashboard's small tables: 'Responsible unit' in a narrow column reads
    'Respon…', not 'esponsible ur' (clipped on both sides)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidget

    from ui.activities.forms import setup_table

    table = QTableWidget(1, 2)
    qtbot.addWidget(table)
    setup_table(table)
    assert table.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideRight


def test_one_record_in_the_status_bar_reads_singular(
    qtbot: Any, sqlite_db: Any, english: None
) -> None:
    """Finding 15: 「1 records」."""
    from crm.services import projects
    from ui.main_window import MainWindow

    with sqlite_db.session() as s:
        projects.create_project(s, name="Nanning data centre")
    window = MainWindow(sqlite_db, language="en", start_screen="projects")
    qtbot.addWidget(window)
    window._show_count(1)
    assert window.count_label.text() == "1 record"
    window._show_count(1234)
    assert window.count_label.text() == "1,234 records"


def test_an_english_export_names_its_sheet_after_the_screen(
    qtbot: Any,
    sqlite_db: Any,
    sample_projects: Any,
    english: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Finding 15: the sheet was named 数据 in an English export."""
    import openpyxl

    import ui.ledger.export
    from ui import dialogs
    from ui.projects.screen import ProjectsScreen

    target = tmp_path / "view"
    monkeypatch.setattr(ui.ledger.export, "choose_xlsx_path", lambda _p, _s: str(target))
    monkeypatch.setattr(dialogs, "show_info", lambda *_a: None)
    screen = ProjectsScreen(AppContext(db=sqlite_db, language="en"))
    qtbot.addWidget(screen)
    screen.export_view()
    book = openpyxl.load_workbook(target.with_suffix(".xlsx"), read_only=True)
    assert book.sheetnames == ["Projects"]


def test_the_amount_filter_follows_the_tables_unit(
    qtbot: Any, sqlite_db: Any, sample_projects: Any, english: None
) -> None:
    """Finding 15: with the table in ×100M CNY, typing 5 in Min kept meaning 5 ×10k CNY."""
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(AppContext(db=sqlite_db, language="en"))
    qtbot.addWidget(screen)
    bar = screen.filter_bar
    assert bar.amount_min.placeholderText() == "Min (×10k CNY)"
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData("yi"))
    assert bar.amount_min.placeholderText() == "Min (×100M CNY)"
    assert bar.amount_max.placeholderText() == "Max (×100M CNY)"
    bar.amount_min.setText("5")  # 5亿元: only the 12亿 project (the others are 3亿 and 0.8亿)
    bar.amount_min.editingFinished.emit()
    names = screen.model.column_index("name")
    rows = [screen.model.index(r, names).data() for r in range(screen.model.rowCount())]
    assert len(rows) == 1 and screen.model.id_at(0) == sample_projects["中石化新材料项目"]
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData("wan"))
    assert bar.amount_min.text() == "50000"  # the same amount, now in ×10k CNY
    assert bar.amount_min.placeholderText() == "Min (×10k CNY)"
    assert screen.model.rowCount() == 1


def test_the_views_list_wraps_instead_of_scrolling_sideways(
    qtbot: Any, sqlite_db: Any, english: None
) -> None:
    """Finding 15: at 1366×768 「Started, not operati」 was cut, with a sideways scroll bar."""
    from PySide6.QtCore import Qt

    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(AppContext(db=sqlite_db, language="en"))
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    qtbot.waitExposed(screen)
    views = screen.sidebar.list
    screen.splitter.setSizes([90, 900, 300])  # narrower than the longest name
    qtbot.wait(50)
    assert views.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not views.horizontalScrollBar().isVisible()
    names = [views.item(i).text() for i in range(views.count())]
    assert "Started, not operating" in names
    item = views.item(names.index("Started, not operating"))
    assert item.toolTip() == "Started, not operating"
    assert views.visualItemRect(item).width() <= views.viewport().width()


def test_dispatch_lists_name_their_level_in_english(
    qtbot: Any, sqlite_db: Any, english: None
) -> None:
    """User test 4, finding 7: the Lists column read 市级重点项目（双百双新） in English. The level
    follows the window; the programme is the bureau's own name and stays as typed."""
    from tests.core.dispatch_seed import seed_dispatch
    from tests.ui.test_dispatch_screen import _row_of, _screen

    with sqlite_db.session() as s:
        seed_dispatch(s)
    screen = _screen(AppContext(db=sqlite_db, language="en"), qtbot, "2026-11-20")
    column = next(c for c in range(screen.projects.columnCount())
                  if screen.projects.horizontalHeaderItem(c).text() == "Lists")  # fmt: skip
    lists = {code: screen.projects.item(_row_of(screen, code), column).text()
             for code in ("ZS-1", "ZS-2", "ZS-3")}  # fmt: skip
    assert lists == {
        "ZS-1": "Province / region key projects",
        "ZS-2": "City key projects (双百双新)",
        "ZS-3": "County key projects",
    }


def test_import_problems_in_english_read_in_full(
    qtbot: Any, sqlite_db: Any, tmp_path: Path, english: None
) -> None:
    """User test 4, finding 7: a kept newer value said 12000万元 in English, sat beside an empty
    Value column and ended in "…". Now its amount is in ×10k CNY, there is no empty column, and
    the message wraps and is its own tooltip."""
    from decimal import Decimal

    import openpyxl

    from crm.ledger import export_ledger
    from crm.ledger.fields import Sheet
    from crm.services import companies, projects
    from ui.ledger import ImportWizard

    with sqlite_db.session() as s:
        cid = companies.create_company(s, name="联达机器人有限公司").id
        pid = projects.create_project(
            s, name="联达工业机器人生产项目", company_id=cid, planned_investment=Decimal(15000)
        ).id
        path = tmp_path / "e1.xlsx"
        export_ledger(s, path, sheets=(Sheet.PROJECTS,))
    with sqlite_db.session("李明") as s:
        projects.update_project(s, pid, planned_investment=Decimal(8888))
    openpyxl.load_workbook(path).save(path)
    wizard = ImportWizard(sqlite_db, language="en")
    qtbot.addWidget(wizard)
    wizard.resize(700, 700)  # narrower than the message
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    table = wizard.preview_page.problems
    assert table.rowCount() == 1
    item = table.item(0, 4)
    assert item.text().startswith("changed on record to 8888 ×10k CNY after the export (李明, ")
    assert item.text().endswith("; the file's old value 15000 ×10k CNY is not written")
    assert item.toolTip() == item.text()
    assert table.isColumnHidden(3)  # no problem names a cell value
    one_line = table.fontMetrics().height()
    assert table.fontMetrics().horizontalAdvance(item.text()) > table.columnWidth(4)  # too long
    qtbot.waitUntil(lambda: 2 * one_line <= table.rowHeight(0) < 5 * one_line)  # wrapped

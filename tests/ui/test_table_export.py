"""Export buttons write the current view (filters, visible columns, on-screen order) to .xlsx."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, answers: Any) -> Path:
    """The file dialog answers with a path in tmp_path (without .xlsx: the export adds it)."""
    import ui.ledger.export

    target = tmp_path / "view"
    monkeypatch.setattr(ui.ledger.export, "choose_xlsx_path", lambda _p, _s: str(target))
    return target.with_suffix(".xlsx")


def _sheet(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _shown(table: Any, model: Any) -> tuple[list[str], list[list[str]]]:
    header = table.horizontalHeader()
    columns = [
        header.logicalIndex(v)
        for v in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(v))
    ]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in columns]
    rows = [[model.index(r, c).data() for c in columns] for r in range(model.rowCount())]
    return titles, rows


def test_projects_export_follows_filter_columns_and_unit(
    qtbot: Any, ctx: Any, sample_projects: Any, save_to: Path, answers: Any
) -> None:
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(ctx)
    qtbot.addWidget(screen)
    header = screen.table.horizontalHeader()
    header.setSectionHidden(screen.model.column_index("industry"), True)
    header.moveSection(header.visualIndex(screen.model.column_index("stage")), 0)
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData("yi"))
    screen.filter_bar.search.setText("项目")  # two of the three projects
    screen.filter_bar.search.flush()
    assert screen.model.rowCount() == 2
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)

    sheet = _sheet(save_to)
    titles, shown = _shown(screen.table, screen.model)
    # What is shown, then the keys an import matches by (hidden in the file).
    assert sheet[0] == [*titles, "项目编号", "系统编号"]
    assert titles[0] == "阶段" and "行业" not in titles and "协议投资额（亿元）" in titles
    assert len(sheet) == 1 + 2
    money = titles.index("协议投资额（亿元）")
    name = titles.index("项目名称")
    for exported, row in zip(sheet[1:], shown, strict=True):
        assert exported[name] == row[name]
        assert exported[0] == row[0]  # the stage label, not its code
        assert f"{exported[money]:,.2f}" == row[money]  # a number, in 亿元 as shown
    planned = {r[name]: r[money] for r in sheet[1:]}
    assert planned["中石化新材料项目"] == 12  # 120000 万元
    assert "已导出 2 行" in answers["infos"][-1]


def test_companies_export_and_file_menu(
    qtbot: Any, sqlite_db: Any, sample_projects: Any, save_to: Path, answers: Any
) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(sqlite_db, start_screen="companies")
    qtbot.addWidget(window)
    screen = window.current_screen()
    assert window.act_export.isEnabled()
    window.act_export.trigger()
    sheet = _sheet(save_to)
    titles, shown = _shown(screen.table, screen.model)
    assert sheet[0] == [*titles, "系统编号"]
    assert [r[0] for r in sheet[1:]] == [r[0] for r in shown] == ["中国石油化工集团有限公司"]
    assert sheet[1][titles.index("协议投资（万元）")] == 120000
    window.show_screen("dashboard")
    assert not window.act_export.isEnabled()


def test_cancelled_export_writes_nothing_and_activities_export(
    qtbot: Any,
    ctx: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    save_to: Path,
    answers: Any,
) -> None:
    import ui.ledger.export
    from ui.activities.screen import ActivitiesScreen
    from ui.problems.screen import ProblemsScreen

    activities = ActivitiesScreen(ctx)
    qtbot.addWidget(activities)
    activities.export_view()
    titles, _shown_rows = _shown(activities.table, activities.model)
    # An empty view still gets its header row (and the hidden keys: 项目系统编号, 系统编号).
    assert _sheet(save_to) == [[*titles, "项目系统编号", "系统编号"]]
    save_to.unlink()
    monkeypatch.setattr(ui.ledger.export, "choose_xlsx_path", lambda _p, _s: None)
    problems = ProblemsScreen(ctx)
    qtbot.addWidget(problems)
    problems.export_view()
    assert not any(tmp_path.glob("*.xlsx"))
    assert len(answers["infos"]) == 1 and answers["errors"] == []


# --- export a view, import it back ------------------------------------------------------------

ROUND_TRIP_TODAY = date(2026, 6, 30)


@pytest.fixture
def demo_ctx(sqlite_db: Any, qapp: Any) -> Any:
    """The tiny demo data (it has projects of one investor with the same name) in a window
    context."""
    from crm import search
    from crm.demo import generate_demo
    from ui.context import AppContext

    generate_demo(sqlite_db, scale="tiny", seed=5, today=ROUND_TRIP_TODAY)
    # As the window does after loading demo data (MainWindow.warm_search_index): a bulk load
    # leaves the name index to be built, and searches in read-only sessions never write it.
    with sqlite_db.session() as session:
        for table in search.SEARCHABLE:
            search.ensure_fresh(session, table)
    return AppContext(db=sqlite_db, language="zh")


def _digest(db: Any) -> tuple[str, int]:
    """Every row of every domain table (ids and stamps included), and the change-log size."""
    from sqlalchemy import func, select

    from crm.models import Base, ChangeLog

    text = []
    with db.session() as s:
        for table in Base.metadata.sorted_tables:
            if table.name in ("change_log", "setting", "alembic_version"):
                continue
            rows = s.execute(select(table).order_by(*table.primary_key.columns)).all()
            text.append(f"{table.name}:{[tuple(r) for r in rows]}")
        log_rows = s.scalar(select(func.count()).select_from(ChangeLog)) or 0
    return hashlib.sha256("\n".join(text).encode()).hexdigest(), log_rows


#: Column sets a clerk may show (keys of ui.projects.columns), and filters of the views.
COLUMN_SETS = {
    "default": None,
    "dates_and_money": ("name", "company", "stage", "planned_investment", "funds_in_place",
                        "signed_on", "funded_on", "started_on", "operating_on"),
    "people_and_places": ("name", "company", "tags", "industry", "chain", "source_place",
                          "landing", "team", "responsible_person", "responsible_unit"),
    "name_only": ("name",),
    "stage_without_dates": ("name", "company", "stage", "days_in_stage", "open_problems"),
}  # fmt: skip
FILTERS = {
    "signed": {"stages": ("signed",)},
    "all": {},
    "funded_and_started": {"stages": ("funded", "started")},
    "search": {"text": "项目"},
}


def _show_only(screen: Any, keys: tuple[str, ...] | None) -> None:
    if keys is None:
        return
    header = screen.table.horizontalHeader()
    for spec in screen.model.columns:
        header.setSectionHidden(screen.model.column_index(spec.key), spec.key not in keys)


@pytest.mark.parametrize(
    ("columns", "view", "unit"),
    [
        ("default", "signed", "wan"),  # the view of the report: 签约, 项目编号 hidden
        ("dates_and_money", "all", "yi"),
        ("people_and_places", "funded_and_started", "wan"),
        ("name_only", "all", "wan"),
        ("stage_without_dates", "search", "yi"),
        ("default", "all", "yi"),
    ],
)
def test_an_exported_view_imports_back_without_changing_anything(
    qtbot: Any, demo_ctx: Any, save_to: Path, answers: Any, columns: str, view: str, unit: str
) -> None:
    from crm.ledger import ImportOptions, apply_plan, build_plan
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(demo_ctx)
    qtbot.addWidget(screen)
    _show_only(screen, COLUMN_SETS[columns])
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData(unit))
    screen.filter_bar.set_filter(screen.filter_bar.current_filter().with_(**FILTERS[view]))
    screen.apply_filter()
    assert screen.model.rowCount() > 0
    screen.export_view()
    before = _digest(demo_ctx.db)

    plan = build_plan(demo_ctx.db, save_to, ImportOptions(today=ROUND_TRIP_TODAY))
    errors = [p.line() for p in plan.problems if p.severity == "error"]
    assert errors == []
    assert [(s.new, s.updated, s.invalid) for s in plan.sheets] == [(0, 0, 0)]
    # The export holds the whole view, even if it started before all rows were in.
    qtbot.waitUntil(lambda: screen.model.complete, timeout=10_000)
    assert plan.sheets[0].unchanged == screen.model.rowCount()
    apply_plan(demo_ctx.db, plan)
    assert _digest(demo_ctx.db) == before


def test_the_export_carries_the_keys_in_hidden_columns(
    qtbot: Any, demo_ctx: Any, save_to: Path, answers: Any
) -> None:
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(demo_ctx)
    qtbot.addWidget(screen)
    screen.export_view()
    book = openpyxl.load_workbook(save_to)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[-2:] == ["项目编号", "系统编号"]  # hidden on screen, written and hidden
    last, before_last = (sheet.cell(1, len(headers)).column_letter,
                         sheet.cell(1, len(headers) - 1).column_letter)  # fmt: skip
    assert sheet.column_dimensions[last].hidden and sheet.column_dimensions[before_last].hidden
    ids = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    qtbot.waitUntil(lambda: screen.model.complete, timeout=10_000)
    assert ids == screen.model.ids


def test_cells_a_clerk_edits_change_exactly_those_fields(
    qtbot: Any, demo_ctx: Any, save_to: Path, answers: Any
) -> None:
    """Export, edit three cells in Excel, import: those fields of those projects change, no
    other field and no other record."""
    from sqlalchemy import select

    from crm.ledger import ImportOptions, apply_plan, build_plan
    from crm.models import Project
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(demo_ctx)
    qtbot.addWidget(screen)
    _show_only(screen, COLUMN_SETS["dates_and_money"] + ("responsible_person",))
    screen.filter_bar.set_filter(screen.filter_bar.current_filter().with_(stages=("signed",)))
    screen.apply_filter()
    screen.export_view()
    columns = ("id", "name", "responsible_person", "planned_investment", "stage", "started_on",
               "updated_at")  # fmt: skip

    def projects() -> dict[str, dict[str, Any]]:
        with demo_ctx.db.session() as s:
            rows = s.execute(select(*(getattr(Project, c) for c in columns))).all()
        return {r.id: dict(r._mapping) for r in rows}

    before = projects()
    book = openpyxl.load_workbook(save_to)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    col = {h: n + 1 for n, h in enumerate(headers)}
    ids = [sheet.cell(r, col["系统编号"]).value for r in range(2, sheet.max_row + 1)]
    sheet.cell(2, col["责任人"]).value = "新责任人"
    sheet.cell(3, col["协议投资额（万元）"]).value = 12345.5
    sheet.cell(4, col["阶段"]).value = "开工"
    sheet.cell(4, col["开工日期"]).value = ROUND_TRIP_TODAY
    book.save(save_to)

    plan = build_plan(demo_ctx.db, save_to, ImportOptions(today=ROUND_TRIP_TODAY))
    assert [(s.new, s.updated, s.invalid) for s in plan.sheets] == [(0, 3, 0)], [
        p.line() for p in plan.problems if p.severity != "info"
    ]
    apply_plan(demo_ctx.db, plan)
    after = projects()
    changed = {
        pid: {k for k in columns if before[pid][k] != after[pid][k]} - {"updated_at"}
        for pid in before
        if before[pid] != after[pid]
    }
    assert changed == {
        ids[0]: {"responsible_person"},
        ids[1]: {"planned_investment"},
        ids[2]: {"stage", "started_on"},
    }
    assert after[ids[0]]["responsible_person"] == "新责任人"
    assert after[ids[1]]["planned_investment"] == Decimal("12345.5")
    assert after[ids[2]]["stage"] == "started"


def test_teams_export_is_the_ledger_teams_sheet_and_imports_back(
    qtbot: Any, demo_ctx: Any, save_to: Path, answers: Any
) -> None:
    from crm.ledger import ImportOptions, apply_plan, build_plan
    from ui.teams.screen import TeamsScreen

    screen = TeamsScreen(demo_ctx)
    qtbot.addWidget(screen)
    assert screen.can_export
    screen.export_view()
    sheet = openpyxl.load_workbook(save_to).worksheets[0]
    headers = [c.value for c in sheet[2]]
    assert headers[1] == "工作队名称" and headers[-1] == "系统编号"
    before = _digest(demo_ctx.db)
    plan = build_plan(demo_ctx.db, save_to, ImportOptions(today=ROUND_TRIP_TODAY))
    assert [(s.new, s.updated, s.invalid) for s in plan.sheets] == [(0, 0, 0)]
    apply_plan(demo_ctx.db, plan)
    assert _digest(demo_ctx.db) == before


# --- the English window's export, imported back ------------------------------------------------


@pytest.fixture(params=["en", "zh"])
def window_ctx(request: pytest.FixtureRequest, demo_ctx: Any, qapp: Any) -> Iterator[Any]:
    """The demo data in a window in English (设置 → 界面语言 English, restarted), or Chinese."""
    from ui.context import AppContext
    from ui.i18n import install_translations

    install_translations(qapp, request.param)
    try:
        yield AppContext(db=demo_ctx.db, language=request.param)
    finally:
        install_translations(qapp, "zh")


def _export_every_column(screen: Any, unit: str) -> None:
    """Every column shown (industry, source, park, tags … as the English window names them),
    amounts in `unit`, then File → Export."""
    header = screen.table.horizontalHeader()
    for spec in screen.model.columns:
        header.setSectionHidden(screen.model.column_index(spec.key), False)
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData(unit))
    screen.apply_filter()
    assert screen.model.rowCount() > 0
    screen.export_view()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("unit", ["yi", "wan"])
def test_every_column_of_a_view_imports_back_in_either_language_and_unit(
    qtbot: Any, demo_ctx: Any, qapp: Any, save_to: Path, answers: Any, language: str, unit: str
) -> None:
    """The README's promise: the window's own export re-imports with nothing changed, whatever
    the interface language and the amount unit (English headers say ×100M CNY, names are
    English: Manufacture of …, Qinzhou, Signed)."""
    from crm.ledger import ImportOptions, apply_plan, build_plan
    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.projects.screen import ProjectsScreen

    install_translations(qapp, language)
    try:
        screen = ProjectsScreen(AppContext(db=demo_ctx.db, language=language))
        qtbot.addWidget(screen)
        _export_every_column(screen, unit)
        qtbot.waitUntil(lambda: screen.model.complete, timeout=10_000)
        rows = screen.model.rowCount()
    finally:
        install_translations(qapp, "zh")
    headers = _sheet(save_to)[0]
    if language == "en":
        money = "×100M CNY" if unit == "yi" else "×10k CNY"
        assert f"Planned ({money})" in headers and "Industry" in headers
    before = _digest(demo_ctx.db)

    plan = build_plan(demo_ctx.db, save_to, ImportOptions(today=ROUND_TRIP_TODAY))
    shown = [p.line() for p in plan.problems if p.severity != "info"]
    assert shown == []
    assert [(s.new, s.updated, s.invalid, s.unchanged) for s in plan.sheets] == [(0, 0, 0, rows)]
    assert plan.change_count == 0
    apply_plan(demo_ctx.db, plan)
    assert _digest(demo_ctx.db) == before


#: The headers of 责任人 and 协议投资额 in 亿元 as each window writes them.
EDITED_HEADERS = {
    "en": ("Responsible person", "Planned (×100M CNY)"),
    "zh": ("责任人", "协议投资额（亿元）"),
}


def test_cells_edited_in_an_export_in_yi_change_exactly_those_fields(
    qtbot: Any, window_ctx: Any, save_to: Path, answers: Any
) -> None:
    """Exported in ×100M CNY (亿元) from the English or the Chinese window: a new responsible
    person and a planned amount of 1.3 change that person and 13000万元, nothing else."""
    from sqlalchemy import select

    from crm.ledger import ImportOptions, apply_plan, build_plan
    from crm.models import Project
    from ui.projects.screen import ProjectsScreen

    screen = ProjectsScreen(window_ctx)
    qtbot.addWidget(screen)
    _export_every_column(screen, "yi")
    columns = ("id", "responsible_person", "planned_investment", "stage", "industry_code",
               "source_region_code", "updated_at")  # fmt: skip

    def projects() -> dict[str, dict[str, Any]]:
        with window_ctx.db.session() as s:
            rows = s.execute(select(*(getattr(Project, c) for c in columns))).all()
        return {r.id: dict(r._mapping) for r in rows}

    before = projects()
    book = openpyxl.load_workbook(save_to)
    sheet = book.worksheets[0]
    col = {c.value: c.column for c in sheet[1]}
    ids = [sheet.cell(r, col["系统编号"]).value for r in range(2, sheet.max_row + 1)]
    person, planned = EDITED_HEADERS[window_ctx.language]
    sheet.cell(2, col[person]).value = "Wang Fang"
    sheet.cell(3, col[planned]).value = 1.3
    book.save(save_to)

    plan = build_plan(window_ctx.db, save_to, ImportOptions(today=ROUND_TRIP_TODAY))
    assert [p.line() for p in plan.problems if p.severity != "info"] == []
    assert [(s.new, s.updated, s.invalid) for s in plan.sheets] == [(0, 2, 0)]
    apply_plan(window_ctx.db, plan)
    after = projects()
    changed = {
        pid: {k for k in columns if before[pid][k] != after[pid][k]} - {"updated_at"}
        for pid in before
        if before[pid] != after[pid]
    }
    assert changed == {ids[0]: {"responsible_person"}, ids[1]: {"planned_investment"}}
    assert after[ids[0]]["responsible_person"] == "Wang Fang"
    assert after[ids[1]]["planned_investment"] == Decimal("13000")


#: The list screens whose File → Export is a ledger sheet (module, class).
LIST_SCREENS = {
    "companies": ("ui.companies.screen", "CompaniesScreen"),
    "activities": ("ui.activities.screen", "ActivitiesScreen"),
    "problems": ("ui.problems.screen", "ProblemsScreen"),
}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("screen_name", list(LIST_SCREENS))
def test_every_list_screens_export_imports_back_unchanged(
    qtbot: Any,
    demo_ctx: Any,
    qapp: Any,
    save_to: Path,
    answers: Any,
    language: str,
    screen_name: str,
) -> None:
    """Companies, activities and problems, every column shown, in either language: the
    English headers (Unified social credit code, Lists, Due, Closed on) name their fields,
    Planned and Overdue are the screens' own figures, and an activity of one of two projects
    of the same name stays with its project (the hidden 项目系统编号)."""
    import importlib

    from crm.ledger import ImportOptions, apply_plan, build_plan
    from ui.context import AppContext
    from ui.i18n import install_translations

    module, name = LIST_SCREENS[screen_name]
    install_translations(qapp, language)
    try:
        screen = getattr(importlib.import_module(module), name)(
            AppContext(db=demo_ctx.db, language=language)
        )
        qtbot.addWidget(screen)
        header = screen.table.horizontalHeader()
        for column in range(header.count()):
            header.setSectionHidden(column, False)
        screen.export_view()
        qtbot.waitUntil(lambda: screen.model.complete, timeout=10_000)
        rows = screen.model.rowCount()
    finally:
        install_translations(qapp, "zh")
    assert rows > 0
    before = _digest(demo_ctx.db)

    plan = build_plan(demo_ctx.db, save_to, ImportOptions(today=ROUND_TRIP_TODAY))
    assert [p.line() for p in plan.problems if p.severity != "info"] == []
    assert [(s.new, s.updated, s.invalid, s.unchanged) for s in plan.sheets] == [(0, 0, 0, rows)]
    apply_plan(demo_ctx.db, plan)
    assert _digest(demo_ctx.db) == before

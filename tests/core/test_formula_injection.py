"""Text that looks like a formula is written as text in every xlsx, and imported back as is."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, export_ledger, export_table_to_xlsx
from crm.models import Company, Project
from crm.services.companies import create_company
from crm.services.projects import create_project

HOSTILE = ['=HYPERLINK("http://x","点我")', "+86-10-1234", "-2+3", "@SUM(A1)", "=1+1", "#N/A"]


def _formulas(path: Path) -> list[str]:
    """Every <f> (formula) element the file holds, whatever the reader."""
    with zipfile.ZipFile(path) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def test_table_export_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    path = export_table_to_xlsx(tmp_path / "v.xlsx", ["名称", "备注"], [[h, h] for h in HOSTILE])
    assert _formulas(path) == []
    sheet = openpyxl.load_workbook(path)["数据"]
    cells = [row for row in sheet.iter_rows(min_row=2)]
    assert [r[0].value for r in cells] == HOSTILE
    assert all(r[0].data_type == "s" and r[0].quotePrefix for r in cells)


def test_brief_xlsx_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    from crm.reports.tables import BriefTable
    from crm.reports.xlsx import write_brief_xlsx
    from crm.stats.scope import BUREAU

    class Figures:  # only what the writer reads
        period = None
        scope = BUREAU  # read by nobody in particular: no reader's note

    table = BriefTable(
        key="t", title="表", header=("项目",), rows=tuple((h,) for h in HOSTILE), widths=(1.0,)
    )
    import crm.reports.xlsx as module

    original = module.brief_title
    module.brief_title = lambda period, scope: "简报"
    try:
        write_brief_xlsx(Figures(), {"t": table}, tmp_path / "b.xlsx")  # type: ignore[arg-type]
    finally:
        module.brief_title = original
    assert _formulas(tmp_path / "b.xlsx") == []
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["t"]
    assert [sheet.cell(row=3 + n, column=1).value for n in range(len(HOSTILE))] == HOSTILE


def test_ledger_export_then_import_keeps_formula_like_names(
    db: Database, sqlite_template: Path, tmp_path: Path
) -> None:
    with db.session() as s:
        company = create_company(s, name='=HYPERLINK("http://x","点我")').id
        create_project(s, name="-2+3 扩建项目", company_id=company, lead_on=date(2026, 1, 5))
        create_project(s, name="@SUM(A1) 项目", company_id=company, lead_on=date(2026, 1, 6))
    path = tmp_path / "ledger.xlsx"
    with db.read() as s:
        export_ledger(s, path)
    assert _formulas(path) == []
    empty = tmp_path / "empty.sqlite"
    shutil.copy(sqlite_template, empty)
    other = open_database(empty)
    try:
        plan = build_plan(
            other, path, ImportOptions(today=date(2026, 6, 30), ignore_unknown_ids=True)
        )
        assert [p.line() for p in plan.problems if p.severity == "error"] == []
        apply_plan(other, plan)
        with other.read() as s:
            assert sorted(s.scalars(select(Project.name))) == ["-2+3 扩建项目", "@SUM(A1) 项目"]
            assert s.scalars(select(Company.name)).all() == [HOSTILE[0]]
    finally:
        other.close()


@pytest.mark.parametrize("name", ["=1+1", "+A1", "@cmd"])
def test_import_accepts_formula_like_names_from_csv(
    db: Database, tmp_path: Path, name: str
) -> None:
    path = tmp_path / "l.csv"
    path.write_text(
        f'项目名称,投资方,总投资（万元）,签约时间\n"{name} 项目","{name} 公司",100,2026/3/5\n',
        encoding="utf-8",
    )
    plan = build_plan(db, path, ImportOptions(today=date(2026, 6, 30), create_missing=True))
    assert [p.line() for p in plan.problems if p.severity == "error"] == []
    apply_plan(db, plan)
    with db.read() as s:
        assert s.scalars(select(Project.name)).all() == [f"{name} 项目"]

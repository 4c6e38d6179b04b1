"""The import wizard: file → columns → preview → commit, each heavy step off the GUI thread."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from crm.models import Company, Project

SHOTS = os.environ.get("CRM_WIZARD_SHOTS")  # a folder to keep the page renderings in


def _ledger(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026台账"
    for row in (
        ["2026年全市招商引资项目台账"],
        ["序号", "项目名称", "投资方", "总投资（亿元）", "项目阶段", "签约时间", "联络员"],
        [1, "年产10万吨铝材项目", "广西某铝业有限公司", 1.2, "已签约", "2026-03-05", "张三"],
        [2, "电子信息产业园", "深圳某电子有限公司", "3000万", "已签约", "2026/3/9", "李四"],
        [3, "坏项目", "某公司", -1, "已签约", "2026-02-30", "王五"],
        [None, "合计", None, 1.5],
    ):
        sheet.append(row)
    sheet.merge_cells("A1:G1")
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    return path


def _shot(widget: Any, tmp_path: Path, name: str) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    image = widget.grab()
    assert not image.isNull()
    assert image.save(str(folder / f"wizard-{name}.png"))


def _count(db: Any, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def wizard(qtbot: Any, sqlite_db: Any) -> Any:
    from ui.ledger import ImportWizard

    widget = ImportWizard(sqlite_db)
    qtbot.addWidget(widget)
    widget.resize(960, 640)
    widget.show()
    return widget


def _to_preview(qtbot: Any, wizard: Any, path: Path, tmp_path: Path) -> None:
    wizard.file_page.path.setText(str(path))
    wizard.file_page.create_missing.setChecked(True)
    _shot(wizard, tmp_path, "1-file")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    _shot(wizard, tmp_path, "2-columns")
    table = wizard.mapping_page.table
    headers = [table.item(r, 1).text() for r in range(table.rowCount())]
    guesses = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert guesses[headers.index("总投资（亿元）")] == "总投资"
    combo = table.cellWidget(headers.index("联络员"), 3)
    combo.setCurrentIndex(combo.findData("responsible_person"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    _shot(wizard, tmp_path, "3-preview")


def test_import_through_every_page(qtbot: Any, wizard: Any, sqlite_db: Any, tmp_path: Path) -> None:
    _to_preview(qtbot, wizard, _ledger(tmp_path), tmp_path)
    page = wizard.preview_page
    counts = [page.summary.item(0, c).text() for c in range(2, 7)]
    assert counts == ["2", "0", "0", "1", "1"]  # new, updated, unchanged, invalid, skipped
    reasons = [page.problems.item(r, 4).text() for r in range(page.problems.rowCount())]
    assert any("不能为负数" in r for r in reasons) and any("日期不存在" in r for r in reasons)
    assert page.isComplete()
    with qtbot.waitSignal(wizard.committed, timeout=20_000) as signal:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.commit_page.done, timeout=10_000)
    _shot(wizard, tmp_path, "4-commit")
    assert signal.args[0].written
    assert "导入完成" in wizard.commit_page.status.text()
    with sqlite_db.session() as s:
        people = dict(s.execute(select(Project.name, Project.responsible_person)).all())
    assert people == {"年产10万吨铝材项目": "张三", "电子信息产业园": "李四"}
    assert _count(sqlite_db, Company) == 2


def test_export_problems_from_the_preview(
    qtbot: Any, wizard: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.ledger import wizard as module

    _to_preview(qtbot, wizard, _ledger(tmp_path), tmp_path)
    target = tmp_path / "problems.xlsx"
    monkeypatch.setattr(module, "choose_save_path", lambda *_a: str(target))
    wizard.preview_page.export_button.click()
    rows = list(openpyxl.load_workbook(target).active.iter_rows(min_row=3, values_only=True))
    assert ("2026台账", 5, "总投资（亿元） [D]", "-1") in [r[:4] for r in rows]


def test_cancelled_commit_writes_nothing(
    qtbot: Any, wizard: Any, sqlite_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.ledger import commit_page as module  # where the write is called

    real = module.apply_plan

    def cancelled_at_once(db: Any, plan: Any, **kwargs: Any) -> Any:
        return real(db, plan, progress=kwargs.get("progress"), should_cancel=lambda: True)

    monkeypatch.setattr(module, "apply_plan", cancelled_at_once)
    _to_preview(qtbot, wizard, _ledger(tmp_path), tmp_path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.commit_page.done, timeout=10_000)
    assert "已取消" in wizard.commit_page.status.text()
    assert _count(sqlite_db, Project) == 0 and _count(sqlite_db, Company) == 0


def test_database_changed_after_the_preview_offers_a_fresh_preview(
    qtbot: Any, wizard: Any, sqlite_db: Any, tmp_path: Path
) -> None:
    """Finding 21: another program writes between preview and import. The import refuses and
    writes nothing; 重新预览 (or 上一步) plans again with the same file and columns, and the
    import then goes through."""
    from PySide6.QtWidgets import QWizard

    from crm.services import projects

    _to_preview(qtbot, wizard, _ledger(tmp_path), tmp_path)
    with sqlite_db.session() as s:
        projects.create_project(s, name="另一程序写入的项目")
    wizard.next()
    page = wizard.commit_page
    qtbot.waitUntil(lambda: page.done, timeout=10_000)
    assert "预览之后数据库已被修改" in page.status.text()
    assert _count(sqlite_db, Project) == 1
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert page.again_button.isVisible() and page.again_button.text() == "重新预览"
    _shot(wizard, tmp_path, "4-changed")
    page.again_button.click()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    counts = [wizard.preview_page.summary.item(0, c).text() for c in range(2, 7)]
    assert counts == ["2", "0", "0", "1", "1"]  # the same file and the column chosen for 联络员
    with qtbot.waitSignal(wizard.committed, timeout=20_000):
        wizard.next()
    qtbot.waitUntil(lambda: page.done, timeout=10_000)
    assert "导入完成" in page.status.text()
    assert not page.again_button.isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    with sqlite_db.session() as s:
        people = dict(s.execute(select(Project.name, Project.responsible_person)).all())
    assert people == {
        "另一程序写入的项目": "",
        "年产10万吨铝材项目": "张三",
        "电子信息产业园": "李四",
    }


def test_unreadable_file_stays_on_the_first_page(qtbot: Any, wizard: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: "文件是空的" in wizard.file_page.status.text(), timeout=10_000)
    assert wizard.currentPage() is wizard.file_page


@pytest.mark.async_ops  # watches the check's progress while it runs
def test_rows_that_fit_two_projects_are_chosen_in_the_preview(
    qtbot: Any, wizard: Any, sqlite_db: Any, tmp_path: Path
) -> None:
    """Nothing is imported for such a row until the user picks; a pick is checked again, and
    the import writes what the preview then showed — with progress while checking."""
    from crm.services import companies, projects

    with sqlite_db.session() as s:
        cid = companies.create_company(s, name="广西某铝业有限公司").id
        first = projects.create_project(s, name="铝材项目", company_id=cid, code="ZS-1").id
        second = projects.create_project(s, name="铝材项目", company_id=cid, code="ZS-2").id
    book = openpyxl.Workbook()
    book.active.append(["项目名称", "投资方", "总投资（万元）", "形象进度"])
    book.active.append(["铝材项目", "广西某铝业有限公司", 800, "在建"])
    path = tmp_path / "l.xlsx"
    book.save(path)
    page = wizard.preview_page
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    combo = wizard.mapping_page.table.cellWidget(0, 3)
    assert all("（" not in combo.itemText(i) for i in range(1, combo.count()))  # no codes
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert values and page.progress.maximum() > 0  # the check reported its progress
    assert not page.isComplete()  # the only row is ambiguous: nothing to import yet
    assert "形象进度" in page.notes.text() and "--map" not in page.notes.text()
    assert page.choices.rowCount() == 1
    box = page.choices.cellWidget(0, 3)
    texts = [box.itemText(i) for i in range(box.count())]
    assert any("ZS-1" in t for t in texts) and any("ZS-2" in t for t in texts)
    _shot(wizard, tmp_path, "3-choices")
    box.setCurrentIndex(box.findData(second))
    assert page.dirty and not page.isComplete()
    page.recheck_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None and page.isComplete(), timeout=10_000)
    assert [page.summary.item(0, c).text() for c in range(2, 6)] == ["0", "1", "0", "0"]
    with qtbot.waitSignal(wizard.committed, timeout=20_000):
        wizard.next()
    with sqlite_db.session() as s:
        planned = dict(s.execute(select(Project.id, Project.planned_investment)).all())
    assert planned == {first: 0, second: 800}


def test_the_preview_says_how_many_teams_a_teams_sheets_rows_are(
    qtbot: Any, wizard: Any, tmp_path: Path
) -> None:
    """User test 4: 3 rows of the teams sheet (a row per team and target year) create 2 teams;
    the window says so beside the table's 新增 3, as `crm import` does."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "驻点工作队"
    for row in (
        ["工作队名称", "派出单位", "驻点城市", "目标年度", "签约投资目标（万元）"],
        ["驻深圳招商工作队", "南宁市投资促进局", "深圳", 2025, 100000],
        ["驻深圳招商工作队", "南宁市投资促进局", "深圳", 2026, 120000],
        ["驻上海招商工作队", "南宁市投资促进局", "上海", 2026, 80000],
    ):
        sheet.append(row)
    path = tmp_path / "teams.xlsx"
    book.save(path)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    page = wizard.preview_page
    assert page.summary.item(0, 2).text() == "3"
    assert "新增工作队 2 个" in page.notes.text()

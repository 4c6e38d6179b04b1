"""The parts of the import that exist for 100k-row ledgers: deferred indexes, batch ids,
the streamed formula scan. Each is checked on small inputs against the plain way."""

from __future__ import annotations

import shutil
import time
import uuid
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from sqlalchemy import text
from test_ledger_support import diff_snapshots, make_uscc, snapshot, write_xlsx

from crm import bulk_insert as crm_bulk
from crm.db import Database, open_database
from crm.ledger import ImportOptions, apply_plan, build_plan, indexes, reader
from crm.ledger import bulk_writer as ledger_bulk
from crm.ledger.ids import RandomIds, uuid7_batch

TODAY = date(2026, 6, 30)


def _book(tmp_path: Path, n: int = 30) -> Path:
    header = ["项目编号", "项目名称", "投资方", "统一社会信用代码", "总投资（万元）",
              "项目阶段", "签约时间", "开工时间", "投资来源地", "企业类型"]  # fmt: skip
    rows = [
        [f"S{i}", f"项目{i}", f"企业{i % 5}有限公司", make_uscc(200 + i % 5), 100 + i,
         ["已签约", "已开工", "在谈"][i % 3], "2025-01-05",
         "2025-03-01" if i % 3 == 1 else None, "深圳", "上市公司" if i % 2 else None]
        for i in range(n)
    ]  # fmt: skip
    funds = [["项目编号", "到位日期", "到位金额（万元）"]] + [
        [f"S{i}", "2025-02-01", 10] for i in range(0, n, 3)
    ]
    return write_xlsx(tmp_path / "book.xlsx", {"项目": [header, *rows], "到位资金": funds})


def _indexes(db: Database) -> set[tuple[str, str]]:
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
        return {(name, sql or "") for name, sql in rows}


def _import(template: Path, target: Path, book: Path, threshold: int) -> Database:
    shutil.copy(template, target)
    database = open_database(target)
    options = ImportOptions(today=TODAY, bulk_threshold=threshold)
    apply_plan(database, build_plan(database, book, options))
    return database


def test_deferred_indexes_give_the_same_rows_and_the_same_indexes(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _book(tmp_path)
    plain = _import(sqlite_template, tmp_path / "plain.sqlite", book, 10**9)
    before = _indexes(plain)
    deferred: list[list[str]] = []
    original = indexes.deferred_indexes

    def spy(conn, tables):  # type: ignore[no-untyped-def]
        deferred.append(list(tables))
        return original(conn, tables)

    monkeypatch.setattr(indexes, "MIN_ROWS", 1)
    monkeypatch.setattr(indexes, "deferred_indexes", spy)
    fast = _import(sqlite_template, tmp_path / "fast.sqlite", book, 0)
    assert {"project", "stage_event", "funds_entry", "change_log"} <= {
        t for tables in deferred for t in tables
    }
    assert {"company", "company_tag"} <= {t for tables in deferred for t in tables}
    assert _indexes(fast) == before  # every plain index is back, as it was
    assert diff_snapshots(snapshot(plain), snapshot(fast)) == {}
    plain.close()
    fast.close()


def test_a_failed_bulk_load_leaves_the_indexes_in_place(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _indexes(sqlite_db)
    monkeypatch.setattr(indexes, "MIN_ROWS", 1)

    def boom(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ledger_bulk, "_write_funds", boom)
    plan = build_plan(sqlite_db, _book(tmp_path), ImportOptions(today=TODAY, bulk_threshold=0))
    with pytest.raises(RuntimeError):
        apply_plan(sqlite_db, plan)
    assert _indexes(sqlite_db) == before
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM project")).scalar() == 0


def test_tables_bigger_than_the_load_keep_their_indexes(sqlite_db: Database) -> None:
    with sqlite_db.engine.begin() as conn:
        assert indexes._holds_fewer(conn, "project", 1)  # empty
        big = conn.execute(text("SELECT count(*) FROM region")).scalar()
        assert big and big > 10
        assert not indexes._holds_fewer(conn, "region", 10)
        assert indexes._holds_fewer(conn, "region", big + 1)


def test_batch_ids_are_uuid7_text() -> None:
    before = time.time_ns() // 1_000_000
    ids = uuid7_batch(3000)
    after = time.time_ns() // 1_000_000
    assert len(set(ids)) == 3000
    for value in ids:
        parsed = uuid.UUID(value)
        assert str(parsed) == value
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
        assert before <= parsed.int >> 80 <= after  # the first 48 bits: the millisecond
    make = RandomIds()
    made = [make() for _ in range(9000)]
    assert len(set(made)) == 9000  # across batch boundaries too
    # In increasing order (each key beside the last in the indexes), batches included.
    assert made == sorted(made) and ids == sorted(ids)


def test_records_of_one_import_are_told_apart_by_their_short_ids() -> None:
    """Where a record has no name (the change log, a conflict), people see a short id: the
    random end of the id, since one import's ids share their first digits (the time)."""
    from crm.models import short_id

    made = uuid7_batch(300)  # 32 random bits each: a repeat is a 1-in-100,000 chance
    assert len({value[:8] for value in made}) == 1  # why the start will not do
    assert len({short_id(value) for value in made}) == 300


def _xlsx_with_formula(path: Path) -> Path:
    book = OpenpyxlWorkbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["项目名称", "总投资（万元）"])
    for i in range(200):
        sheet.append([f"项目{i}", i])
    sheet["B150"] = "=SUM(B2:B149)"  # openpyxl writes no cached value
    book.save(path)
    return path


@pytest.mark.parametrize("chunk", [5, 64, 1000, 1 << 20])
def test_formula_scan_finds_formulas_across_chunk_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(reader, "_SCAN_CHUNK", chunk)
    with_formula = _xlsx_with_formula(tmp_path / "f.xlsx")
    without = write_xlsx(tmp_path / "plain.xlsx", {"项目": [["项目名称"], ["甲"], ["乙"]]})
    with zipfile.ZipFile(with_formula) as archive:
        assert reader._may_have_formulas(archive, "xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(without) as archive:
        member = reader._sheet_members(archive)["项目"]
        assert not reader._may_have_formulas(archive, member)
    book = reader.read_workbook(with_formula)
    assert book.sheets[0].formulas_without_value == {(149, 1)}


def test_deferred_indexes_on_either_database(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables = ("project", "stage_event", "funds_entry", "company", "company_tag", "change_log")

    def plain() -> dict[str, list[tuple[str, str]]]:
        with db.engine.connect() as conn:
            return {t: sorted(crm_bulk.plain_indexes(conn, t)) for t in tables}

    before = plain()
    assert before["project"]  # there is something to defer
    monkeypatch.setattr(indexes, "MIN_ROWS", 1)
    plan = build_plan(db, _book(tmp_path), ImportOptions(today=TODAY, bulk_threshold=0))
    result = apply_plan(db, plan)
    assert result.bulk and result.written
    assert plain() == before
    new = {s.sheet: s.new for s in plan.sheets}
    assert new["项目"] >= 20 and new["到位资金"] >= 5
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM project")).scalar() == new["项目"]
        assert conn.execute(text("SELECT count(*) FROM funds_entry")).scalar() == new["到位资金"]

"""Which record a ledger row is, and the promise of the preview: what it shows is what is written.

Every test here builds its database through the services and its ledger with openpyxl, the way
a bureau's clerk makes one, and runs on SQLite and (when configured) PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from test_ledger_support import diff_snapshots, snapshot, write_xlsx

from crm.db import Database
from crm.ledger import ImportOptions, LedgerError, apply_plan, build_plan, export_ledger
from crm.ledger.context import NEW_PROJECT
from crm.models import ChangeLog, FundsEntry, Project
from crm.services import companies, funds, projects, stages

TODAY = date(2026, 6, 30)


def options(**kwargs: Any) -> ImportOptions:
    return ImportOptions(today=TODAY, **kwargs)


def company(db: Database, name: str) -> str:
    with db.session() as s:
        return companies.create_company(s, name=name).id


def project(db: Database, name: str, company_id: str | None, **moves: Any) -> str:
    """A project; `signed=date` etc. move it there (with a lead date of `lead` when given)."""
    with db.session() as s:
        pid = projects.create_project(
            s,
            name=name,
            company_id=company_id,
            lead_on=moves.pop("lead", None),
            planned_investment=Decimal(moves.pop("planned", 1000)),
            code=moves.pop("code", None),
        ).id
        for stage, day in moves.items():
            skipped = {"negotiating": None} if stage == "signed" else None
            stages.move_stage(s, pid, to_stage=stage, on=day, skipped=skipped, today=TODAY)
    return pid


def rows_of(db: Database) -> dict[str, tuple[Any, ...]]:
    with db.session() as s:
        return {
            p.id: (p.name, p.stage, p.signed_on, p.planned_investment, p.responsible_person)
            for p in s.scalars(select(Project))
        }


def log_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ChangeLog)) or 0


HEADER = ["项目名称", "投资方", "项目阶段", "签约时间", "总投资（万元）", "责任人"]


# --- 1. the preview is the write ---------------------------------------------------------------


def test_the_write_does_exactly_what_the_preview_showed_on_a_messy_ledger(
    db: Database, tmp_path: Path
) -> None:
    """Invalid rows, an ambiguous match, a close company name, stage columns and a funds
    sheet: the counts the preview shows are the counts written, and no row is refused while
    writing. (The lead date of 甲's project is later than the ledger's signing date: the old
    planner, which did not read the stage history, promised that move and the write refused
    it.)"""
    a = company(db, "甲新材料有限公司")
    b = company(db, "乙电子科技有限公司")
    project(db, "甲新材料项目", a, lead=date(2026, 5, 1))
    project(db, "乙电子一期", b, negotiating=date(2026, 1, 5))
    project(db, "乙电子一期", b, negotiating=date(2026, 2, 5))  # the same name twice
    project(db, "丙项目", company(db, "丙集团有限公司"), signed=date(2026, 3, 1))
    path = write_xlsx(
        tmp_path / "messy.xlsx",
        {
            "项目": [
                [*HEADER, "开工时间"],
                ["甲新材料项目", "甲新材料有限公司", "签约", "2026-04-01", 5000, "张三", None],
                ["乙电子一期", "乙电子科技有限公司", "签约", "2026-04-02", 800, "李四", None],
                ["新项目", "甲新材料有限公司（集团）", "在谈", None, 100, "王五", None],
                ["坏行", "某公司", "签约", "2026-02-30", -5, "赵六", None],
                ["丙项目", "丙集团有限公司", "签约", None, 9000, None, None],
                ["丁项目", "丁公司", "开工", "2026-01-10", 300, None, "2026-05-01"],
            ],
            "到位资金": [
                ["项目名称", "投资方", "到位日期", "到位金额（万元）"],
                ["丙项目", "丙集团有限公司", "2026-02-01", 100],  # before signing: refused
                ["丙项目", "丙集团有限公司", "2026-04-01", 200],
                ["丁项目", "丁公司", "2026-03-01", 50],
            ],
        },
    )
    before, logs = snapshot(db), log_count(db)
    plan = build_plan(db, path, options())
    promised = {s.sheet: (s.new, s.updated, s.unchanged, s.invalid) for s in plan.sheets}
    result = apply_plan(db, plan)
    written = {
        sheet: (c["new"], c["updated"], c["unchanged"], c["invalid"])
        for sheet, c in result.counts.items()
    }
    assert written == promised
    assert result.problems == []
    # 甲's row would date signing before its lead date: refused in the preview, not later.
    assert any(p.row == 2 and p.code == "stage_rule" for p in plan.problems)
    # The ambiguous row and the invalid rows wrote nothing; the rest is what was promised.
    diff = diff_snapshots(before, snapshot(db))
    new_projects = diff["project"]["counts"][1] - diff["project"]["counts"][0]
    assert new_projects == promised["项目"][0]
    assert log_count(db) > logs
    funded = {f.amount for f in _funds(db)}
    assert funded == {Decimal(200), Decimal(50)}


def _funds(db: Database) -> list[FundsEntry]:
    with db.session() as s:
        return list(s.scalars(select(FundsEntry)))


def test_a_service_refusal_while_writing_undoes_the_whole_import(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a service still refuse a planned row, nothing is written, the row is named."""
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {"项目": [HEADER, ["一号项目", "一号公司", "线索", None, 10, None],
                   ["二号项目", "二号公司", "线索", None, 20, None]]},
    )  # fmt: skip
    before = snapshot(db)
    plan = build_plan(db, path, options())
    real = projects.create_project

    def refuse_second(session: Any, *, name: str, **kw: Any) -> Any:
        if name == "二号项目":
            from crm.errors import ValidationError

            raise ValidationError("name", name, "不行", "no", code="x")
        return real(session, name=name, **kw)

    monkeypatch.setattr(projects, "create_project", refuse_second)
    with pytest.raises(LedgerError) as caught:
        apply_plan(db, plan)
    assert "第3行" in caught.value.message_zh and "数据库未改动" in caught.value.message_zh
    assert diff_snapshots(before, snapshot(db)) == {}


def test_a_plan_made_before_the_data_changed_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx", {"项目": [HEADER, ["新项目", "新公司", "线索", None, 1, None]]}
    )
    plan = build_plan(db, path, options())
    company(db, "另一家公司")  # someone saves a record after the preview
    before = snapshot(db)
    with pytest.raises(LedgerError) as caught:
        apply_plan(db, plan)
    assert caught.value.code == "database_changed"
    assert diff_snapshots(before, snapshot(db)) == {}


# --- 2. an ambiguous match never updates ------------------------------------------------------


def test_the_candidates_of_an_ambiguous_row_name_their_team_and_amount(
    db: Database, tmp_path: Path
) -> None:
    """Two projects of one name and investor differ in their team and amount: the preview
    says so, or the clerk cannot tell which to choose."""
    from crm.services import teams

    a = company(db, "万强药业有限公司")
    first = project(db, "万强生物医药产业园项目", a, code="ZS-1", planned=6700)
    project(db, "万强生物医药产业园项目", a, code="ZS-2", planned=770)
    with db.session() as s:
        team = teams.create_team(s, name="南宁高新区驻深圳招商工作队").id
        projects.update_project(s, first, team_id=team)
    path = write_xlsx(tmp_path / "l.xlsx", {"项目": [
        HEADER, ["万强生物医药产业园项目", "万强药业有限公司", None, None, 800, "李明"],
    ]})  # fmt: skip
    [message] = [p for p in build_plan(db, path, options()).problems
                 if p.code == "ambiguous_match"]  # fmt: skip
    first_line = (
        "ZS-1 · 万强生物医药产业园项目 · 万强药业有限公司 · 南宁高新区驻深圳招商工作队 · "
        "6700万元 · 线索"
    )
    assert first_line in message.message_zh
    assert "ZS-2 · 万强生物医药产业园项目 · 万强药业有限公司 · 770万元 · 线索" in message.message_zh


def test_a_row_that_fits_two_projects_updates_neither_until_the_user_chooses(
    db: Database, tmp_path: Path
) -> None:
    a = company(db, "汇盈城市发展有限公司")
    lead = project(db, "汇盈产业新城项目", a, code="ZS-1")
    signed = project(db, "汇盈产业新城项目", a, code="ZS-2", signed=date(2025, 6, 1))
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {"项目": [HEADER, ["汇盈产业新城项目", "汇盈城市发展有限公司", "签约", "2025-06-01",
                          1600, "姚涛"]]},
    )  # fmt: skip
    before = rows_of(db)
    plan = build_plan(db, path, options())
    assert [(s.updated, s.invalid) for s in plan.sheets] == [(0, 1)]
    [choice] = plan.choices
    assert choice.ambiguous and (choice.sheet, choice.row) == ("项目", 2)
    assert {(c.id, c.code, c.stage) for c in choice.candidates} == {
        (lead, "ZS-1", "lead"),
        (signed, "ZS-2", "signed"),
    }
    [message] = [p for p in plan.problems if p.code == "ambiguous_match"]
    assert "ZS-1" in message.message_zh and "ZS-2" in message.message_zh
    apply_plan(db, plan)
    assert rows_of(db) == before  # nothing borrowed: no stage, date, amount or person

    chosen = build_plan(db, path, options(same_projects={("项目", 2): "ZS-2"}))
    assert [(s.updated, s.invalid) for s in chosen.sheets] == [(1, 0)]
    apply_plan(db, chosen)
    after = rows_of(db)
    assert after[lead] == before[lead]
    assert after[signed][3:] == (Decimal(1600), "姚涛")


def test_without_an_investor_column_two_projects_of_one_name_are_ambiguous(
    db: Database, tmp_path: Path
) -> None:
    project(db, "数据中心项目", company(db, "甲公司"))
    project(db, "数据中心项目", company(db, "乙公司"))
    path = write_xlsx(
        tmp_path / "l.xlsx", {"项目": [["项目名称", "总投资（万元）"], ["数据中心项目", 5]]}
    )
    plan = build_plan(db, path, options())
    assert [(s.new, s.updated, s.invalid) for s in plan.sheets] == [(0, 0, 1)]
    assert plan.ambiguous and len(plan.ambiguous[0].candidates) == 2
    # "It is a new one" is a choice too.
    new = build_plan(db, path, options(same_projects={(None, 2): NEW_PROJECT}))
    assert [(s.new, s.invalid) for s in new.sheets] == [(1, 0)]


def test_a_funds_row_naming_two_projects_is_listed_with_them(db: Database, tmp_path: Path) -> None:
    a = company(db, "甲公司")
    first = project(db, "一期", a, signed=date(2026, 1, 1))
    project(db, "一期", a, signed=date(2026, 2, 1))
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {"到位资金": [["项目名称", "到位日期", "到位金额（万元）"], ["一期", "2026-03-01", 10]]},
    )
    plan = build_plan(db, path, options())
    assert plan.ambiguous[0].sheet == "到位资金" and plan.sheets[0].invalid == 1
    chosen = build_plan(db, path, options(same_projects={("到位资金", 2): first}))
    apply_plan(db, chosen)
    assert [(f.project_id, f.amount) for f in _funds(db)] == [(first, Decimal(10))]


# --- 3. 系统编号 ----------------------------------------------------------------------------------


def test_the_record_id_wins_over_name_and_investor(db: Database, tmp_path: Path) -> None:
    a = company(db, "甲公司")
    one = project(db, "一期", a)
    two = project(db, "一期", a)
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {"项目": [["项目名称", "投资方", "责任人", "系统编号"],
                   ["一期（更名）", "甲公司", "张三", two.upper()],
                   ["一期", "甲公司", "李四", one]]},
    )  # fmt: skip
    plan = build_plan(db, path, options())
    assert [(s.new, s.updated, s.invalid) for s in plan.sheets] == [(0, 2, 0)]
    apply_plan(db, plan)
    rows = rows_of(db)
    assert rows[two][0] == "一期（更名）" and rows[two][4] == "张三"
    assert rows[one][4] == "李四"


def test_an_unknown_or_deleted_record_id_is_a_row_error_never_a_new_record(
    db: Database, tmp_path: Path
) -> None:
    gone = project(db, "已删项目", company(db, "甲公司"))
    with db.session() as s:
        projects.delete_project(s, gone)
    unknown = "0b8e6a3c-1111-4222-8333-444455556666"
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {"项目": [["项目名称", "投资方", "系统编号"], ["已删项目", "甲公司", gone],
                   ["外来项目", "乙公司", unknown], ["坏编号", "丙公司", "12345"],
                   ["重复", "丁公司", unknown]]},
    )  # fmt: skip
    plan = build_plan(db, path, options())
    codes = {p.row: p.code for p in plan.problems if p.severity == "error"}
    assert codes == {2: "record_deleted", 3: "duplicate_record_id", 4: "bad_record_id",
                     5: "duplicate_record_id"}  # fmt: skip
    assert plan.new_count == 0
    single = write_xlsx(
        tmp_path / "one.xlsx",
        {
            "项目": [
                ["项目名称", "投资方", "总投资（万元）", "项目阶段", "系统编号"],
                ["外来项目", "乙公司", 10, "线索", unknown],
            ]
        },
    )
    refused = build_plan(db, single, options())
    assert [p.code for p in refused.problems if p.severity == "error"] == ["unknown_record_id"]
    # A file from another database: its ids mean nothing here, rows match by name.
    other = build_plan(db, single, options(ignore_unknown_ids=True))
    assert other.new_count == 1 and not other.has_errors


def test_full_ledger_export_imports_back_unchanged_and_edits_by_id(
    db: Database, tmp_path: Path
) -> None:
    a = company(db, "甲公司")
    project(db, "一期", a, signed=date(2026, 1, 1))
    project(db, "一期", a, negotiating=date(2026, 2, 1))  # same name and investor, no code
    with db.session() as s:
        funds.record_funds(
            s, project_id=rows_of_ids(db)[0], received_on=date(2026, 3, 1), amount=5, today=TODAY
        )
        export_ledger(s, tmp_path / "all.xlsx")
    logs = log_count(db)
    plan = build_plan(db, tmp_path / "all.xlsx", options())
    assert not plan.has_errors, [p.line() for p in plan.problems if p.severity == "error"]
    assert all(s.new == s.updated == s.invalid == 0 for s in plan.sheets)
    apply_plan(db, plan)
    assert log_count(db) == logs


def rows_of_ids(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Project.id).where(Project.stage == "signed")))


# --- 5. duplicate projects at import ---------------------------------------------------------


def test_a_close_name_of_the_same_investor_is_a_warning_and_can_be_the_same(
    db: Database, tmp_path: Path
) -> None:
    a = company(db, "中铝广西有限公司")
    existing = project(db, "年产10万吨铝材项目", a, code="ZS-9")
    project(db, "年产10万吨铝材项目", company(db, "别家公司"))  # another investor: never
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "项目": [
                HEADER,
                ["年产10万吨铝材加工项目", "中铝广西有限公司", "签约", "2026-05-01", 700, None],
            ]
        },
    )
    plan = build_plan(db, path, options())
    [choice] = plan.choices
    assert not choice.ambiguous and [c.id for c in choice.candidates] == [existing]
    [warning] = [p for p in plan.problems if p.code == "similar_project"]
    assert warning.severity == "warning" and "可能与已有项目重复" in warning.message_zh
    assert "ZS-9" in warning.message_zh
    assert plan.sheets[0].new == 1  # said, and imported as new unless the user says otherwise
    same = build_plan(db, path, options(same_projects={("项目", 2): "ZS-9"}))
    assert [(s.new, s.updated) for s in same.sheets] == [(0, 1)]
    apply_plan(db, same)
    assert rows_of(db)[existing][1:3] == ("signed", date(2026, 5, 1))


# --- 9. a stage date that lives on the funds sheet --------------------------------------------


def test_a_funded_date_from_invalid_funds_rows_says_where_it_came_from(
    db: Database, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "项目": [HEADER, ["新项目", "新公司", "资金到位", "2026-01-05", 100, None]],
            "到位资金": [
                ["项目名称", "投资方", "到位日期", "到位金额（万元）"],
                ["新项目", "新公司", "2026-02-01", "一百万"],
            ],
        },
    )
    plan = build_plan(db, path, options())
    [stage] = [p for p in plan.problems if p.sheet == "项目" and p.severity == "error"]
    assert stage.code == "funds_row_invalid"
    assert stage.message_zh.startswith(
        "资金到位日期取自“到位资金”表第2行，但该行无效：不是有效金额"
    )


def test_a_funded_stage_takes_its_date_from_the_funds_sheet(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "项目": [HEADER, ["新项目", "新公司", "资金到位", "2026-01-05", 100, None]],
            "到位资金": [
                ["项目名称", "到位日期", "到位金额（万元）"],
                ["新项目", "2026-02-01", 30],
            ],
        },
    )
    apply_plan(db, build_plan(db, path, options()))
    with db.session() as s:
        row = s.scalars(select(Project)).one()
        assert (row.stage, row.funded_on) == ("funded", date(2026, 2, 1))


# --- 10. plain words ---------------------------------------------------------------------------


def test_messages_show_labels_and_amounts_as_people_write_them(
    db: Database, tmp_path: Path
) -> None:
    pid = project(db, "老项目", company(db, "老公司"), signed=date(2026, 1, 1))
    with db.session() as s:  # recorded funds move it to 资金到位
        funds.record_funds(s, project_id=pid, received_on=date(2026, 2, 1), amount=5, today=TODAY)
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "项目": [
                [*HEADER, "到位资金（万元）"],
                ["老项目", "老公司", "签约", None, 1000, None, 12],
            ]
        },
    )
    plan = build_plan(db, path, options())
    lines = " ".join(p.line() for p in plan.problems)
    assert "「签约」" in lines and "signed" not in lines
    assert "「12万元」" in lines and "（5万元）" in lines and ".000000" not in lines

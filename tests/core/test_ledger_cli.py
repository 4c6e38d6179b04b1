"""`crm import` and `crm export ledger` from the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from test_ledger_support import write_xlsx

from crm.cli import main
from crm.models import Project


@pytest.fixture
def db_path(sqlite_template: Path, tmp_path: Path) -> Path:
    import shutil

    path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, path)
    return path


def _ledger(tmp_path: Path, amount: object = 100) -> Path:
    return write_xlsx(
        tmp_path / "ledger.xlsx",
        {
            "台账": [
                ["2026年项目台账"],
                ["序号", "项目名称", "投资方", "总投资（万元）", "签约时间", "落地园区"],
                [1, "铝材项目", "某铝业有限公司", amount, "2026-01-05", "南宁高新区"],
            ]
        },
    )


def test_import_dry_run_then_import_then_again(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path)
    assert main(["--db", str(db_path), "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "未写入" in out and "南宁高新区" in out
    assert main(["--db", str(db_path), "import", str(path), "--create-missing"]) == 0
    out = capsys.readouterr().out
    assert "新增 1" in out and "backup" in out
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    assert "新增 0" in capsys.readouterr().out


def test_invalid_rows_give_a_non_zero_exit_and_a_problems_workbook(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path, amount="-5")
    problems = tmp_path / "problems.xlsx"
    code = main(["--db", str(db_path), "import", str(path), "--problems", str(problems)])
    assert code == 1
    out = capsys.readouterr().out
    assert "台账 / 第3行 / 总投资（万元） [D]" in out
    rows = list(openpyxl.load_workbook(problems)["问题清单"].iter_rows(min_row=2, values_only=True))
    assert ("台账", 3, "总投资（万元） [D]", "-5") in [r[:4] for r in rows]


def test_unusable_file_is_one_line_and_exit_two(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert main(["--db", str(db_path), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "empty.xlsx" in err and "文件是空的" in err


def test_map_option_and_export(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(
        tmp_path / "odd.xlsx",
        {"S": [["招商项目", "合作企业", "签约时间"], ["甲项目", "甲公司", "2026-01-05"]]},
    )
    assert (
        main(
            [
                "--db",
                str(db_path),
                "import",
                str(path),
                "--map",
                "招商项目=name",
                "--map",
                "合作企业=company",
                "--save-map",
            ]
        )
        == 0
    )
    capsys.readouterr()
    out_file = tmp_path / "out.xlsx"
    assert (
        main(["--db", str(db_path), "export", "ledger", "--out", str(out_file), "--stage", "签约"])
        == 0
    )
    assert "项目 1" in capsys.readouterr().out
    names = [
        r[2]
        for r in openpyxl.load_workbook(out_file)["项目"].iter_rows(min_row=3, values_only=True)
    ]
    assert names == ["甲项目"]


# --- what a new user ran into -----------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ("foo=bar", ["foo", "台账"]),  # neither the column nor the field exists
        ("项目名称=bogus", ["bogus", "name", "planned_investment"]),  # lists the projects fields
        ("不存在的列=projects.name", ["不存在的列", "台账"]),
        ("项目名称=projects.bogus", ["bogus", "planned_investment"]),
        ("项目名称=received_on", ["received_on", "planned_investment"]),  # a funds field
    ],
)
def test_map_with_an_unknown_field_or_column_is_one_clear_error(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], mapping: str, words: list
) -> None:
    path = _ledger(tmp_path)
    assert main(["--db", str(db_path), "import", str(path), "--map", mapping, "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert len(_lines(captured.err)) == 1, captured.err
    assert all(word in captured.err for word in words), captured.err


def test_map_that_names_a_real_column_and_field_still_works(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path)
    args = ["--db", str(db_path), "import", str(path), "--dry-run", "--map", "落地园区=-"]
    assert main(args) == 0
    assert "南宁高新区" not in capsys.readouterr().out  # the column was ignored on purpose


def test_redirected_output_has_no_progress(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path)
    assert main(["--db", str(db_path), "import", str(path), "--create-missing"]) == 0
    assert capsys.readouterr().err == ""
    out = tmp_path / "out.xlsx"
    assert main(["--db", str(db_path), "export", "ledger", "--out", str(out)]) == 0
    assert capsys.readouterr().err == ""


def test_progress_on_a_terminal_ends_its_line_before_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from crm.cli.ledger import StderrProgress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with pytest.raises(RuntimeError), StderrProgress() as progress:
        progress(1, 2, "projects")
        raise RuntimeError
    assert capsys.readouterr().err.endswith("\n")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with StderrProgress() as progress:
        progress(1, 2, "projects")
    assert capsys.readouterr().err == ""


def test_a_text_file_named_xlsx_is_not_an_excel_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("项目名称,投资方\n甲,乙\n", encoding="utf-8")
    assert main(["--db", str(db_path), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1
    assert "notes.xlsx" in err and "不是 Excel 文件" in err
    assert main(["--db", str(db_path), "--lang", "en", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "notes.xlsx" in err and "Not an Excel file" in err


def test_a_folder_is_not_a_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "some" / "dir"
    folder.mkdir(parents=True)
    assert main(["--db", str(db_path), "import", str(folder)]) == 2
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and "文件夹" in err and str(folder) in err


@pytest.mark.parametrize("where", ["folder", "missing_folder", "unwritable"])
def test_export_to_a_bad_place_is_one_line_and_leaves_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    target = {
        "folder": tmp_path,
        "missing_folder": tmp_path / "nowhere" / "x.xlsx",
        "unwritable": Path("/proc/x.xlsx"),
    }[where]

    def files() -> list[Path]:  # the data folder's log file may record the failure
        return sorted(p for p in tmp_path.rglob("*") if "crm-home" not in p.parts)

    before = files()
    assert main(["--db", str(db_path), "export", "ledger", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and str(target) in err and "Traceback" not in err
    assert files() == before
    assert not Path("/proc/x.xlsx.part").exists()


def test_write_failure_removes_the_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm.errors import CrmError
    from crm.ledger.xlsx import export_table_to_xlsx

    def refuse(self: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)  # e.g. the file is open in Excel on Windows
    with pytest.raises(CrmError) as info:
        export_table_to_xlsx(tmp_path / "out.xlsx", ["a"], [[1]])
    assert "out.xlsx" in str(info.value) and "Permission denied" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_dry_run_does_not_create_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path)
    missing = tmp_path / "new.sqlite"
    assert main(["--db", str(missing), "import", str(path), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and str(missing) in err and "--dry-run" in err
    assert not missing.exists()


def test_import_into_an_empty_database_makes_no_backup(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path)
    assert main(["--db", str(db_path), "import", str(path), "--create-missing"]) == 0
    out = capsys.readouterr().out
    assert "未做导入前备份" in out and "backup before import" not in out
    assert not list(db_path.parent.rglob("*import*.sqlite*"))
    assert main(["--db", str(db_path), "import", str(_ledger(tmp_path, amount=200))]) == 0
    assert "backup before import" in capsys.readouterr().out


def test_export_summary_counts_teams_and_targets_apart(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teams = write_xlsx(
        tmp_path / "teams.xlsx",
        {
            "驻点工作队": [
                ["工作队名称", "目标年度", "签约投资目标（万元）"],
                ["深圳队", 2025, 1000],
                ["深圳队", 2026, 2000],
                ["上海队", 2026, 3000],
            ]
        },
    )
    assert main(["--db", str(db_path), "import", str(teams)]) == 0
    capsys.readouterr()
    out = tmp_path / "out.xlsx"
    assert main(["--db", str(db_path), "export", "ledger", "--out", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "驻点工作队 2" in summary and "年度目标 3" in summary, summary


def test_ambiguous_rows_are_listed_and_matched_with_same_project(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from crm.db import open_database
    from crm.services import companies, projects

    database = open_database(db_path)
    with database.session() as s:
        cid = companies.create_company(s, name="某铝业有限公司").id
        for code in ("ZS-1", "ZS-2"):
            projects.create_project(s, name="铝材项目", company_id=cid, code=code)
    database.close()
    path = write_xlsx(
        tmp_path / "l.xlsx",
        {
            "台账": [
                ["项目名称", "投资方", "总投资（万元）", "形象进度"],
                ["铝材项目", "某铝业有限公司", 500, "在建"],
            ]
        },
    )
    assert main(["--db", str(db_path), "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "--same-project 台账!2=ZS-1" in out and "--same-project 台账!2=ZS-2" in out
    assert "--same-project 台账!2=新建" in out
    assert "形象进度 [D]" in out and "未导入的列" in out  # every column not read is listed
    assert "新增 0，更新 0" in out
    # The preview of the choice names the project by its code on record (user test 2, F14).
    chosen = ["--db", str(db_path), "import", str(path), "--same-project", "2=ZS-2"]
    assert main([*chosen, "--dry-run"]) == 0
    assert "更新 铝材项目（ZS-2）" in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", str(path), "--same-project", "2=ZS-2"]) == 0
    assert "更新 1" in capsys.readouterr().out
    database = open_database(db_path)
    with database.session() as s:
        amounts = {p.code: p.planned_investment for p in s.scalars(select(Project))}
    database.close()
    assert amounts == {"ZS-1": 0, "ZS-2": 500}
    assert main(["--db", str(db_path), "import", str(path), "--same-project", "x=ZS-2"]) == 1
    assert "--same-project" in capsys.readouterr().err


def test_a_dropped_project_is_not_reopened_by_an_import_and_its_dates_are_compared(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ZS-9 signed on 1 March 2025 and dropped on 1 August 2025; a ledger row says it is
    签约 again, signed on 1 March 2026. The preview says an import does not reopen a dropped
    project and how to, and names the 签约时间 that differs from the one on record. It said
    台账阶段（签约）落后于系统 and nothing of the date (user test 2, F1)."""
    from datetime import date

    from crm.db import open_database
    from crm.services import projects, stages

    database = open_database(db_path)
    with database.session() as s:
        pid = projects.create_project(s, name="铝材项目", code="ZS-9").id
        stages.move_stage(s, pid, to_stage="signed", on=date(2025, 3, 1),
                          skipped={"negotiating": None})  # fmt: skip
        stages.move_stage(s, pid, to_stage="dropped", on=date(2025, 8, 1), reason="投资方撤资")
    database.close()
    path = write_xlsx(
        tmp_path / "reopen.xlsx",
        {"台账": [["项目编号", "项目名称", "项目阶段", "签约时间"],
                  ["ZS-9", "铝材项目", "签约", "2026-03-01"]]},
    )  # fmt: skip
    assert main(["--db", str(db_path), "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "项目已于2025-08-01终止，导入不会重新启用它" in out and "落后于系统" not in out
    assert "与系统中已记录的日期不同（2025-03-01）" in out
    database = open_database(db_path)
    with database.read() as s:
        assert s.get(Project, pid).stage == "dropped"
    database.close()


def test_a_new_project_shows_the_stage_its_dates_reach(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No 项目阶段 column read (项目进展 is not one), 签约时间 filled: the project is written
    签约, and the preview says so (it listed no stage: user test 2, F9)."""
    path = write_xlsx(
        tmp_path / "stage.xlsx",
        {"台账": [["项目名称", "投资方", "总投资（万元）", "签约时间", "项目进展"],
                  ["测试子项目", "某铝业有限公司", 500, "2026-03-01", "签约"]]},
    )  # fmt: skip
    assert main(["--db", str(db_path), "import", str(path), "--dry-run"]) == 0
    assert "签约时间: 2026-03-01；项目阶段: 签约" in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    from crm.db import open_database

    database = open_database(db_path)
    with database.read() as s:
        assert s.scalars(select(Project.stage)).all() == ["signed"]
    database.close()


def test_the_export_says_what_the_ledger_does_not_carry(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User test 2, finding F11: the whole ledger imported into another database gave other
    figures (dispatch lists and completion and unit targets are not in the workbook) and
    nothing said so. 增资, a reopened project's first signing, unit targets, list entries,
    dispatch profiles (建设性质, 竣工, 入库, 包保领导) and completion entries are now in it
    (their sheets and column): nothing is left to list, and no 台账不含 line is printed."""
    from datetime import date, datetime

    from crm.db import open_database
    from crm.services import dispatch, increases, projects, stages

    database = open_database(db_path)
    with database.session() as s:
        pid = projects.create_project(s, name="铝材项目", planned_investment=1000).id
        stages.move_stage(s, pid, to_stage="signed", on=date(2025, 3, 1),
                          skipped={"negotiating": None})  # fmt: skip
        stages.move_stage(s, pid, to_stage="dropped", on=date(2025, 8, 1), reason="资金不足")
        stages.reopen_project(s, pid, to_stage="signed", on=date(2026, 3, 1))
        increases.record_increase(s, project_id=pid, increased_on=date(2026, 4, 1), amount=500)
        dispatch.put_on_list(s, project_id=pid, year=2026, level="city", year_plan=800)
        dispatch.record_completion(s, project_id=pid, period_end=date(2026, 4, 10), amount=100)
        dispatch.set_target(s, year=2026, scope="bureau", measure="signed_projects", value=10)
        dispatch.set_profile(s, project_id=pid, construction_nature="new")
    database.close()
    out = tmp_path / "ledger.xlsx"
    assert main(["--db", str(db_path), "export", "ledger", "--out", str(out)]) == 0
    out_text = capsys.readouterr().out
    assert "台账不含" not in out_text
    assert "项目调度信息 1，完成投资 1 / " in out_text
    book = openpyxl.load_workbook(out)
    increase = [c.value for c in book["增资"][3]]
    assert increase[2:7] == ["铝材项目", None, datetime(2026, 4, 1), 500, None]
    projects_sheet = book["项目"]
    headers = [c.value for c in projects_sheet[2]]
    first = projects_sheet.cell(3, headers.index("首次签约日期") + 1).value
    assert first == datetime(2025, 3, 1)
    target = [c.value for c in book["单位年度目标"][3]]
    assert target[1:8] == [2026, "全局", None, None, None, "签约项目数", 10]
    entry = [c.value for c in book["清单项目"][3]]
    assert (entry[1], *entry[3:7]) == (2026, "铝材项目", "市级", None, 800)
    completion = [c.value for c in book["完成投资"][3]]
    assert completion[3:7] == [datetime(2026, 4, 10), "旬", 100, 100]
    profile = [c.value for c in book["项目调度信息"][3]]
    assert profile[2:8] == ["铝材项目", "新建", None, None, None, None]


def test_the_teams_sheet_says_how_many_teams_its_rows_are(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """User test 4: a teams sheet has a row per team and target year, so its 新增 counts rows
    (3 here) while the import creates 2 teams; the preview says so."""
    sheet = write_xlsx(
        tmp_path / "teams.xlsx",
        {
            "驻点工作队": [
                ["工作队名称", "派出单位", "驻点城市", "目标年度", "签约投资目标（万元）"],
                ["驻深圳招商工作队", "南宁市投资促进局", "深圳", 2025, 100000],
                ["驻深圳招商工作队", "南宁市投资促进局", "深圳", 2026, 120000],
                ["驻上海招商工作队", "南宁市投资促进局", "上海", 2026, 80000],
            ]
        },
    )
    assert main(["--db", str(db_path), "import", str(sheet), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "新增工作队 2 个" in out


def test_a_counted_table_no_sheet_carries_is_said_after_the_export(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 台账不含 line stays a live check, not a list kept by hand: were the unit targets'
    sheet missing (a table the figures read that the export does not write), one live target
    on record is named after the export."""
    from crm.db import open_database
    from crm.ledger import export as ledger_export
    from crm.services import dispatch

    database = open_database(db_path)
    with database.session() as s:
        dispatch.set_target(s, year=2026, scope="bureau", measure="signed_projects", value=10)
    database.close()
    monkeypatch.setattr(ledger_export, "CARRIED", ledger_export.CARRIED - {"target"})
    out = tmp_path / "ledger.xlsx"
    assert main(["--db", str(db_path), "export", "ledger", "--out", str(out)]) == 0
    assert "台账不含（导入另一数据库时需另行录入，否则统计数字不同）：单位年度目标 1 条" in (
        capsys.readouterr().out
    )

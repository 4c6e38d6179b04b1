"""`crm import` and `crm export ledger` from the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_ledger_support import write_xlsx

from crm.cli import main


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


def test_unusable_file_is_one_line_and_exit_one(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert main(["--db", str(db_path), "import", str(path)]) == 1
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

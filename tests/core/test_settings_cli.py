"""`crm settings` and `crm merge` from the command line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from crm.cli import main
from crm.db import open_database
from crm.models import FundsEntry, Project
from crm.services import funds, projects, stages
from crm.services.settings import get_setting


def test_a_new_database_has_no_bureau_and_the_cli_sets_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "new.sqlite")
    assert main(["--db", path, "init"]) == 0
    assert main(["--db", path, "settings", "show"]) == 0
    out = capsys.readouterr().out
    assert "bureau_name = \n" in out and "bureau_region_code = \n" in out
    assert "site_id" not in out and "settings_version" not in out
    assert main(["--db", path, "settings", "set", "bureau_region_code", "450200"]) == 0
    assert main(["--db", path, "settings", "set", "bureau_name", "柳州市投资促进局"]) == 0
    assert main(["--db", path, "settings", "set", "bureau_level", "city"]) == 0
    assert main(["--db", path, "settings", "set", "include_own_area", "yes"]) == 0
    assert main(["--db", path, "settings", "set", "stalled_no_update_days", "45"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "settings", "show"]) == 0
    out = capsys.readouterr().out
    assert "bureau_region_code = 450200（柳州市）" in out
    assert "include_own_area = true" in out
    db = open_database(path)
    with db.session() as s:
        assert get_setting(s, "stalled_no_update_days") == 45
        assert get_setting(s, "include_own_area") is True
    db.close()


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("bureau_region_code", "999999", "未知的行政区划代码：999999"),
        ("bureau_level", "town", "单位级别应为"),
        ("include_own_area", "maybe", "include_own_area 应为 true 或 false"),
        ("stalled_no_update_days", "thirty", "应为整数"),
        ("stalled_no_update_days", "0", "1 到 3650"),
        ("project_code_pattern", "ZS{year}", "项目编号格式无效"),
        ("colour", "red", "未知的设置项：colour"),
        ("site_id", "x", "由程序自己维护"),
    ],
)
def test_bad_settings_get_one_line_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, says: str
) -> None:
    path = str(tmp_path / "new.sqlite")
    assert main(["--db", path, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "settings", "set", key, value]) == 1
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1
    main(["--db", path, "settings", "show"])
    assert "bureau_region_code = \n" in capsys.readouterr().out


def test_merge_from_the_command_line(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, path)
    db = open_database(path)
    with db.session() as s:
        kept = projects.create_project(s, name="光伏组件项目", code="P-1").id
        gone = projects.create_project(
            s, name="光伏组件项目", code="P-2", chain_code="green_chem",
            expected_annual_output="38000",
        ).id  # fmt: skip
        stages.move_stage(
            s,
            gone,
            to_stage="signed",
            on=date(2026, 3, 1),
            skipped={"negotiating": None},
        )
        funds.record_funds(s, project_id=gone, received_on=date(2026, 4, 1), amount="300")
    db.close()
    assert main(["--db", str(path), "merge", "project", "P-1", "P-2", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "将“光伏组件项目”并入“光伏组件项目”" in out and "移入 到位资金: 1" in out
    # What the survivor takes, as the ledger writes it (it said green_chem and 38000.000000).
    assert "补充 产业链 = 绿色化工" in out and "补充 预计年产值 = 38000万元" in out
    assert main(["--db", str(path), "merge", "project", "P-1", "P-2"]) == 0
    assert "已合并" in capsys.readouterr().out
    assert main(["--db", str(path), "merge", "project", "P-1", "P-2"]) == 1
    assert "找不到项目：P-2" in capsys.readouterr().err
    db = open_database(path)
    with db.session() as s:
        assert s.get(Project, gone).merged_into_id == kept
        assert funds.funds_total(s, kept) == Decimal(300)
        assert s.query(FundsEntry).filter_by(project_id=kept).count() == 1
    db.close()

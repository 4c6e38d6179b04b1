"""The table export every screen uses: headers, numbers as numbers, dates as dates, widths."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from crm.ledger import export_table_to_xlsx


def test_table_export_types_formats_and_layout(tmp_path: Path) -> None:
    path = export_table_to_xlsx(
        tmp_path / "view.xlsx",
        ["项目名称", "总投资（万元）", "签约时间", "项目数", "占比", "重大项目"],
        [
            [
                "年产10万吨高端铝合金材料项目（一期工程）",
                Decimal("12345.678901"),
                date(2026, 3, 5),
                3,
                0.25,
                True,
            ],
            ["乙", Decimal("0"), None, None, None, False],
        ],
        ["text", "money", "date", "int", "percent", "bool"],
        title="项目列表",
    )
    sheet = openpyxl.load_workbook(path)["数据"]
    assert sheet["A1"].value == "项目列表" and sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]] == [
        "项目名称",
        "总投资（万元）",
        "签约时间",
        "项目数",
        "占比",
        "重大项目",
    ]
    assert (
        sheet["B3"].value == pytest.approx(12345.678901) and sheet["B3"].number_format == "#,##0.00"
    )
    assert (
        sheet["C3"].value.date() == date(2026, 3, 5) and sheet["C3"].number_format == "yyyy-mm-dd"
    )
    assert sheet["D3"].value == 3 and sheet["F3"].value == "是" and sheet["F4"].value == "否"
    assert sheet["C4"].value is None
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["D"].width >= 6
    assert not list(tmp_path.glob("*.part"))


def test_bad_column_kinds_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export_table_to_xlsx(tmp_path / "x.xlsx", ["a"], [[1]], ["money", "text"])

"""Hostile and broken ledger files: refused in one sentence, fast, in little memory."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from crm.cli import main
from crm.ledger import read_workbook
from crm.ledger.problems import LedgerError

HEADER = "项目名称,投资方,总投资（万元）,签约时间\n"


def _xlsx(path: Path, cells: dict[str, object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目名称", "投资方", "总投资（万元）"])
    sheet.append(["甲项目", "甲公司", 100])
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(path)
    return path


def _refused(path: Path, code: str) -> str:
    began = time.monotonic()
    with pytest.raises(LedgerError) as caught:
        read_workbook(path)
    assert time.monotonic() - began < 5
    assert caught.value.code == code, caught.value
    message = caught.value.message("zh")
    assert "\n" not in message and path.name in message
    return message


def test_one_cell_far_away_is_refused_before_reading(tmp_path: Path) -> None:
    # calamine builds the whole rectangle: 16,384 × 1,048,576 cells from a 6 KB file.
    path = _xlsx(tmp_path / "far.xlsx", {"XFD1048576": "x"})
    assert path.stat().st_size < 10_000
    assert "16,384" in _refused(path, "too_many_columns")


def test_a_million_rows_by_fifty_columns_is_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "tall.xlsx", {"AX1048576": "x"})
    assert "1,048,576 行 × 50 列" in _refused(path, "too_big")


def test_zip_bomb_part_is_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "bomb.xlsx", {})
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (64 << 20))
    assert path.stat().st_size < 1 << 20
    assert "压缩比" in _refused(path, "too_big")


def test_huge_shared_strings_count_is_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "sst.xlsx", {})
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="9000000" uniqueCount="9000000"><si><t>x</t></si></sst>'
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", sst)
    assert "共享字符串 9,000,000 个" in _refused(path, "too_big")


def test_unbalanced_quote_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    rows = "".join(f"乙{n}项目,乙公司,100,2026/3/5\n" for n in range(10))
    path.write_text(HEADER + '"甲项目,甲公司,100,2026/3/5\n' + rows, encoding="utf-8")
    message = _refused(path, "csv_quote")
    assert "第2行" in message


def test_quote_closed_rows_later_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    rows = "".join(f"乙{n}项目,乙公司,100,2026/3/5\n" for n in range(10))
    text = HEADER + '甲项目,"甲公司,100,2026/3/5\n' + rows + '丙项目,丙公司",100,2026/3/5\n'
    path.write_text(text, encoding="utf-8")
    assert "第2行" in _refused(path, "csv_quote")


def test_stray_quote_inside_a_field_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + '甲项目,甲公司,100,2026/3/5\n乙项目,"乙"公司,100,\n', encoding="utf-8")
    assert "第3行" in _refused(path, "csv_broken")


def test_huge_field_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "field.csv"
    path.write_text(HEADER + "甲项目," + "长" * 300_000 + ",100,2026/3/5\n", encoding="utf-8")
    assert "第2行" in _refused(path, "csv_field")


def test_odd_length_utf16_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes((HEADER + "甲项目,甲公司,100,2026/3/5\n").encode("utf-16") + b"\x00")
    with pytest.raises(LedgerError) as caught:
        read_workbook(path)
    assert caught.value.code == "utf16_broken"


@pytest.mark.parametrize("junk", ["\x00", "\x01", "\x1b"])
def test_control_characters_are_refused_with_their_line(tmp_path: Path, junk: str) -> None:
    path = tmp_path / "junk.csv"
    path.write_text(HEADER + f"甲项目,甲公司,100,2026/3/5\n{junk},乙公司,1,\n", encoding="utf-8")
    message = _refused(path, "control_char") if junk != "\x00" else None
    if message is None:  # a NUL byte early in the file: not text at all
        with pytest.raises(LedgerError) as caught:
            read_workbook(path)
        assert caught.value.code in ("not_spreadsheet", "control_char")
    else:
        assert "第3行" in message


def test_ten_thousand_columns_are_refused_fast(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"列{n}" for n in range(10_000)) + "\n" + "1," * 9_999 + "1\n")
    assert "10,000" in _refused(path, "too_many_columns")


def test_command_line_says_one_line_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    capsys.readouterr()
    path = _xlsx(tmp_path / "far.xlsx", {"XFD1048576": "x"})
    assert main(["--db", str(db), "import", str(path)]) == 2  # the whole file refused
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "列数超出上限" in err


def test_peak_memory_on_hostile_files_stays_small(tmp_path: Path) -> None:
    """Read in a child process; its peak resident memory is what the hostile file costs."""
    files = [
        _xlsx(tmp_path / "fine.xlsx", {}),
        _xlsx(tmp_path / "far.xlsx", {"XFD1048576": "x"}),
        _xlsx(tmp_path / "tall.xlsx", {"AX1048576": "x"}),
    ]
    code = (
        "import resource, sys\n"
        "from crm.ledger import read_workbook\n"
        "from crm.ledger.problems import LedgerError\n"
        "read_workbook(sys.argv[1])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "for p in sys.argv[2:]:\n"
        "    try:\n        read_workbook(p)\n    except LedgerError:\n        pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)], capture_output=True, text=True, check=True
    )
    baseline, peak = (int(n) / 1024 for n in out.stdout.split())
    print(f"peak memory on hostile files: {peak:.0f} MB (a valid file: {baseline:.0f} MB)")
    assert peak - baseline < 50, (baseline, peak)


def test_a_workbook_named_for_another_format_is_read_by_its_content(tmp_path: Path) -> None:
    """An .xlsx renamed .xls (a clerk 'fixing' the extension) is read as the .xlsx it is."""
    book = openpyxl.Workbook()
    book.active.title = "项目"
    book.active.append(["项目名称", "投资方"])
    book.active.append(["测试项目", "测试有限公司"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    renamed = path.rename(tmp_path / "台账.xls")

    read = read_workbook(renamed)

    assert read.sheet("项目").rows[1][:2] == ["测试项目", "测试有限公司"]


def test_a_stray_nul_in_a_csv_is_refused_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(
        "项目名称,投资方,总投资（万元）,项目阶段\n控制\x00字符项目,测试有限公司,100,线索\n".encode()
    )
    assert "第2行" in _refused(path, "control_char")

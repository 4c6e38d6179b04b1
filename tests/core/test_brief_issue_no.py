"""Briefs and notices carry an issue number (第N期) under the title and end with the bureau's
distribution line (报：… 送：… 发：…), as official briefs do.

The number: the one asked for; else, when signing, the next after the highest signed for that
kind in that year (kept by a re-signing of the same document); a reprint of a signed document
shows its recorded number; a draft shows none. The distribution line: three bureau settings,
each part on its own line at the end; an empty part prints nothing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from test_stats_data import Builder

from crm.access import Actor
from crm.accounts import add_user
from crm.cli import main
from crm.codes import Role
from crm.db import Database
from crm.errors import ValidationError
from crm.models import BriefSignoff
from crm.periods import parse_period
from crm.reports.build import build_brief
from crm.reports.notice import build_notice
from crm.services.settings import get_setting, set_setting
from crm.stats import BUREAU
from tests.core.sync_helpers import send
from tests.core.test_sync_basics import sites  # noqa: F401  (bureau, team: paired)

Q1 = parse_period("2026-Q1")
Q2 = parse_period("2026-Q2")
ISSUED = date(2026, 6, 30)
MANAGER = Actor("wangju", "王局长", frozenset({Role.MANAGER}))
VIEWER = Actor("kan", "只读", frozenset({Role.VIEWER}))
ISSUE = re.compile(r"第(\d+)期")
PARTS = {
    "brief_report_to": "市委、市政府领导。",
    "brief_copy_to": "各县（市、区）人民政府，市直有关部门。",
    "brief_send_to": "各驻点招商工作队。",
}


def _pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


def _text(path: Path) -> str:
    return "".join(_pages(path))


CM = 72 / 2.54
FOOTER_RULE = 1.45 * CM


def _line_heights(path: Path) -> dict[str, float]:
    """The height above the page's foot (pt) of each line of the last page, by its first two
    characters."""
    lines: dict[float, str] = {}

    def visit(text, cm, tm, _font, _size) -> None:  # type: ignore[no-untyped-def]
        y = round(cm[5] + tm[5], 1)
        lines[y] = lines.get(y, "") + text.strip()

    PdfReader(path).pages[-1].extract_text(visitor_text=visit)
    return {text[:2]: y for y, text in lines.items() if text}


def _issues(path: Path) -> list[str]:
    return ISSUE.findall(_text(path))


@pytest.fixture
def world(db: Database) -> Database:
    with db.session() as s:
        b = Builder(s, today=ISSUED)
        b.project("电池项目", investment="5000", signed=date(2026, 2, 1))
    return db


def _brief(db: Database, path: Path, period=Q1, **options):  # type: ignore[no-untyped-def]
    options.setdefault("issued_on", ISSUED)
    with db.session() as s:
        return build_brief(s, period, BUREAU, pdf_path=path, **options)


def _dispatch(db: Database, path: Path, **options):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return build_notice(
            s, parse_period("2026-06"), BUREAU, kind="dispatch", issued_on=ISSUED,
            pdf_path=path, **options,
        )  # fmt: skip


def test_an_issue_number_asked_for_prints_under_the_title(world: Database, tmp_path: Path) -> None:
    built = _brief(world, tmp_path / "b.pdf", issue_no=12)
    assert built.issue_no == 12
    first = _pages(tmp_path / "b.pdf")[0]
    assert _issues(tmp_path / "b.pdf") == ["12"]
    # Under the title, above the bureau and date line and the body.
    assert first.index(built.title) < first.index("第12期") < first.index("南宁市投资促进局")
    assert first.index("第12期") < first.index("一、总体情况")


def test_a_draft_prints_no_number(world: Database, tmp_path: Path) -> None:
    built = _brief(world, tmp_path / "draft.pdf")
    assert built.issue_no is None
    assert _issues(tmp_path / "draft.pdf") == []


def test_signing_numbers_each_kind_in_its_year(world: Database, tmp_path: Path) -> None:
    world.user = MANAGER
    assert _brief(world, tmp_path / "q1.pdf", sign=True).issue_no == 1
    assert _issues(tmp_path / "q1.pdf") == ["1"]
    # The next brief signed in 2026 (another period) is the second issue.
    assert _brief(world, tmp_path / "q2.pdf", Q2, sign=True).issue_no == 2
    assert _issues(tmp_path / "q2.pdf") == ["2"]
    # Another kind counts on its own.
    assert _dispatch(world, tmp_path / "d.pdf", sign=True).issue_no == 1
    assert _issues(tmp_path / "d.pdf") == ["1"]
    # A new year starts again at 1.
    jan = _brief(world, tmp_path / "y.pdf", Q2, issued_on=date(2027, 1, 5), sign=True)
    assert jan.issue_no == 1
    with world.read() as s:
        rows = s.execute(
            select(BriefSignoff.kind, BriefSignoff.period_code, BriefSignoff.issue_no,
                   BriefSignoff.issue_year).order_by(BriefSignoff.signed_at, BriefSignoff.id)
        ).all()  # fmt: skip
    assert sorted(map(tuple, rows)) == [
        ("brief", "2026-Q1", 1, 2026),
        ("brief", "2026-Q2", 1, 2027),
        ("brief", "2026-Q2", 2, 2026),
        ("dispatch", "2026-06", 1, 2026),
    ]


def test_a_reprint_and_a_re_signing_keep_the_recorded_number(
    world: Database, tmp_path: Path
) -> None:
    world.user = MANAGER
    _brief(world, tmp_path / "q1.pdf", issue_no=7, sign=True)
    _brief(world, tmp_path / "q2.pdf", Q2, sign=True)  # the next after 7
    assert _issues(tmp_path / "q2.pdf") == ["8"]
    world.user = VIEWER
    assert _brief(world, tmp_path / "again.pdf").issue_no == 7
    assert _issues(tmp_path / "again.pdf") == ["7"]
    # The figures change and the manager signs the same brief again: the same issue.
    world.user = Actor("zhang", "张干事", frozenset({Role.STAFF}))
    with world.session() as s:
        Builder(s, today=ISSUED).project("芯片项目", investment="7000", signed=date(2026, 3, 1))
    world.user = MANAGER
    assert _brief(world, tmp_path / "resigned.pdf", sign=True).issue_no == 7
    assert _issues(tmp_path / "resigned.pdf") == ["7"]


def test_a_number_taken_by_another_brief_is_refused(world: Database, tmp_path: Path) -> None:
    world.user = MANAGER
    _brief(world, tmp_path / "q1.pdf", issue_no=3, sign=True)
    with pytest.raises(ValidationError, match="2026年第3期已用于另一期（2026-Q1）"):
        _brief(world, tmp_path / "q2.pdf", Q2, issue_no=3, sign=True)
    with pytest.raises(ValidationError, match="期号应为 1 到 9999 之间的整数"):
        _brief(world, tmp_path / "zero.pdf", issue_no=0)
    with world.read() as s:
        assert s.scalars(select(BriefSignoff.period_code)).all() == ["2026-Q1"]


def _set_parts(db: Database, parts: dict[str, str]) -> None:
    with db.session() as s:
        for key, value in parts.items():
            set_setting(s, key, value)


def test_the_distribution_line_ends_a_brief_and_a_notice(world: Database, tmp_path: Path) -> None:
    _set_parts(world, PARTS)
    _brief(world, tmp_path / "b.pdf")
    _dispatch(world, tmp_path / "d.pdf")
    for path in (tmp_path / "b.pdf", tmp_path / "d.pdf"):
        last = _pages(path)[-1]
        lines = (
            "报：市委、市政府领导。送：各县（市、区）人民政府，市直有关部门。发：各驻点招商工作队。"
        )
        assert lines in last, last
        assert _text(path).count("报：") == 1
        # At the foot of the last page, as a 版记: above the footer's rule (1.45 cm).
        heights = _line_heights(path)
        assert FOOTER_RULE < heights["发："] < heights["送："] < heights["报："] < 4 * CM


def test_an_empty_part_prints_nothing(world: Database, tmp_path: Path) -> None:
    _brief(world, tmp_path / "none.pdf")
    assert "报：" not in _text(tmp_path / "none.pdf")
    # Only 发 set, and typed with its label: one line, the label not doubled.
    _set_parts(world, {"brief_send_to": "发：各驻点招商工作队。"})
    _dispatch(world, tmp_path / "d.pdf")
    text = _text(tmp_path / "d.pdf")
    assert "发：各驻点招商工作队。" in text
    assert "报：" not in text and "送：" not in text and "发：发：" not in text


def test_the_xlsx_heading_carries_the_number(world: Database, tmp_path: Path) -> None:
    built = _brief(world, tmp_path / "b.pdf", issue_no=12, xlsx_path=tmp_path / "b.xlsx")
    sheet = load_workbook(tmp_path / "b.xlsx").worksheets[0]
    assert sheet["A1"].value.startswith(f"{built.title} 第12期 — ")
    _brief(world, tmp_path / "draft.pdf", xlsx_path=tmp_path / "draft.xlsx")
    assert "期 — " not in load_workbook(tmp_path / "draft.xlsx").worksheets[0]["A1"].value


def test_crm_brief_issue_and_settings_set(
    world: Database, tmp_path: Path, monkeypatch, capsys
) -> None:
    with world.session() as s:
        add_user(s, login="admin", name="管理员", roles="admin", password="admin-pass-1")
    monkeypatch.setenv("CRM_PASSWORD", "admin-pass-1")
    url = world.engine.url.render_as_string(hide_password=False)
    base = ["--db", url, "--user", "admin"]
    set_report = [*base, "settings", "set", "brief_report_to", "市委、市政府领导。"]
    assert main(set_report) == 0
    assert "已设置 brief_report_to = 市委、市政府领导。" in capsys.readouterr().out
    assert main([*base, "settings", "show"]) == 0
    shown = capsys.readouterr().out
    assert "brief_report_to = 市委、市政府领导。\n" in shown
    assert "brief_copy_to = \n" in shown
    with world.read() as s:
        assert get_setting(s, "brief_report_to") == "市委、市政府领导。"
    out = tmp_path / "brief.pdf"
    brief = [*base, "brief", "--period", "2026-Q1", "--issued", "2026-06-30", "--out", str(out)]
    assert main([*brief, "--issue", "3"]) == 0
    assert "期号 / issue: 第3期" in capsys.readouterr().out
    assert _issues(out) == ["3"]
    assert "报：市委、市政府领导。" in _pages(out)[-1]
    assert "送：" not in _text(out)
    # A number that is not one: one line, exit code 2 (argparse), nothing written.
    out.unlink()
    with pytest.raises(SystemExit) as refused:
        main([*brief, "--issue", "十二"])
    assert refused.value.code == 2
    assert not out.exists()


def test_the_distribution_line_travels_to_the_teams_by_sync(
    sites,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    bureau, team = sites
    _set_parts(bureau, PARTS)
    send(bureau, team, tmp_path)
    with team.read() as s:
        assert {key: get_setting(s, key) for key in PARTS} == PARTS

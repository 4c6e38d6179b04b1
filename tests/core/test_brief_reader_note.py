"""A brief or notice printed by someone who does not see every project says so under its
title (PDF) and on every sheet (xlsx): a member's 全市 brief counts fewer projects than the
administrator's, and without the note the two read alike. Nothing is said when nothing is
left out: staff and above, a database without accounts, a team's own brief printed by one
of its people.

The world of tests/core/test_access_figures.py (2026-Q1): four projects, one public and one
confidential per team; a member of team A sees 3 projects / 11000万元 (1.1亿元), staff all 4 /
15000万元 (1.5亿元)."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from test_access_figures import AS_OF, Q1, reader, world  # noqa: F401 (world: a fixture)

from crm.access import local_actor
from crm.db import Database
from crm.reports.build import build_brief
from crm.reports.kinds import KINDS
from crm.stats import BUREAU
from crm.stats.scope import parse_scope

BRIEF_NOTE = "本简报按您的查看权限统计，不含您无权查看的保密线索。"
NOTICE_NOTE = "本通报按您的查看权限统计，不含您无权查看的保密线索。"


def _text(pdf: Path | bytes) -> str:
    source = pdf if isinstance(pdf, Path) else BytesIO(pdf)
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(source).pages))


def _print(db: Database, tmp_path: Path, scope: str = "bureau") -> tuple[str, list]:
    pdf, xlsx = tmp_path / "brief.pdf", tmp_path / "brief.xlsx"
    with db.read() as s:
        build_brief(s, Q1, parse_scope(s, scope), issued_on=AS_OF, pdf_path=pdf, xlsx_path=xlsx)
    return _text(pdf), load_workbook(xlsx).worksheets


def test_a_members_brief_says_what_it_leaves_out_and_the_administrators_does_not(
    db: Database,
    world: dict[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    db.user = reader("member", "驻深圳招商工作队", world)
    text, sheets = _print(db, tmp_path)
    # Under the title, before the body; the member's own figures follow.
    assert text.index(BRIEF_NOTE) < text.index("一、总体情况")
    assert "新签约项目3个，总投资额1.1亿元" in text
    for sheet in sheets:  # every sheet: a sheet may be copied on its own
        assert sheet["A2"].value == BRIEF_NOTE
        assert sheet["A3"].value is not None and sheet.freeze_panes == "A4"

    db.user = reader("staff", None, world)
    text, sheets = _print(db, tmp_path)
    assert "查看权限" not in text
    assert "新签约项目4个，总投资额1.5亿元" in text
    assert all("查看权限" not in str(s["A2"].value) for s in sheets)
    assert sheets[0].freeze_panes == "A3"


@pytest.mark.parametrize(
    ("role", "team", "scope", "noted"),
    [
        ("viewer", None, "bureau", True),
        ("leader", "驻上海招商工作队", "bureau", True),
        ("manager", None, "bureau", False),
        ("admin", None, "bureau", False),
        # A team sees all of its own leads: its own brief leaves nothing out.
        ("member", "驻深圳招商工作队", "team:驻深圳招商工作队", False),
        # Another team's brief leaves out that team's confidential lead.
        ("member", "驻深圳招商工作队", "team:驻上海招商工作队", True),
    ],
)
def test_who_gets_the_note(
    db: Database,
    world: dict[str, str],  # noqa: F811
    tmp_path: Path,
    role: str,
    team: str | None,
    scope: str,
    noted: bool,
) -> None:
    db.user = reader(role, team, world)
    text, _ = _print(db, tmp_path, scope)
    assert (BRIEF_NOTE in text) is noted


def test_a_database_without_accounts_prints_no_note(
    db: Database,
    world: dict[str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    db.user = local_actor("张三")  # the local profile of a single-user laptop
    text, _ = _print(db, tmp_path)
    assert "查看权限" not in text and "新签约项目4个" in text


@pytest.mark.parametrize("kind", ["requests", "dispatch", "ranking"])
def test_the_notices_carry_the_note_for_a_member_only(
    db: Database,
    world: dict[str, str],  # noqa: F811
    tmp_path: Path,
    kind: str,
) -> None:
    for role, team, noted in (("member", "驻深圳招商工作队", True), ("staff", None, False)):
        db.user = reader(role, team, world)
        xlsx = tmp_path / f"{kind}-{role}.xlsx"
        with db.read() as s:
            built = KINDS[kind].build(s, Q1, BUREAU, issued_on=AS_OF, xlsx_path=xlsx)
        assert (NOTICE_NOTE in _text(built.pdf)) is noted, role
        first = load_workbook(xlsx).worksheets[0]
        assert (first["A2"].value == NOTICE_NOTE) is noted, role

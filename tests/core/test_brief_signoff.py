"""A manager signs off a printed brief: who, when, which brief and a digest of its figures are
recorded; the PDF's footer says 签发：NAME DATE; a print after the figures changed says so, and
re-signing says that they changed and who changed data in between. Other roles are refused
(the command line: one line, exit code 2, nothing written)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from test_stats_data import Builder

from crm.access import AccessDenied, Actor
from crm.accounts import add_user
from crm.codes import Role
from crm.db import Database
from crm.errors import ValidationError
from crm.models import BriefSignoff, Team
from crm.periods import parse_period
from crm.reports.build import build_brief
from crm.services import projects
from crm.stats import BUREAU

Q1 = parse_period("2026-Q1")
ISSUED = date(2026, 6, 30)
MANAGER = Actor("wangju", "王局长", frozenset({Role.MANAGER}))


def _text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.fixture
def world(db: Database) -> Database:
    with db.session() as s:
        b = Builder(s, today=ISSUED)
        b.team("驻深圳招商工作队")
        b.project("电池项目", investment="5000", signed=date(2026, 2, 1), team="驻深圳招商工作队")
    return db


def _print(db: Database, path: Path, *, sign: bool = False):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return build_brief(s, Q1, BUREAU, issued_on=ISSUED, pdf_path=path, sign=sign)


def test_a_manager_signs_off_and_the_footer_follows_the_figures(
    world: Database, tmp_path: Path
) -> None:
    db = world
    assert _print(db, tmp_path / "unsigned.pdf").footer == ""
    assert "签发" not in _text(tmp_path / "unsigned.pdf")

    db.user = MANAGER
    built = _print(db, tmp_path / "signed.pdf", sign=True)
    today = built.signed.signoff.day
    assert built.footer == f"签发：王局长 {today}"
    assert f"签发：王局长{today}" in _text(tmp_path / "signed.pdf")
    assert built.signed.previous is None
    assert built.signed.message() == f"已签发：王局长 {today}。"
    with db.read() as s:
        row = s.scalars(select(BriefSignoff)).one()
        assert (row.kind, row.period_code, row.scope_code, row.login, row.name) == (
            "brief", "2026-Q1", "bureau", "wangju", "王局长",
        )  # fmt: skip
        assert re.fullmatch(r"[0-9a-f]{64}", row.digest)

    # Anyone printing the same figures later sees who signed them.
    db.user = Actor("kan", "只读", frozenset({Role.VIEWER}))
    assert _print(db, tmp_path / "again.pdf").footer == f"签发：王局长 {today}"

    # A member of staff signs a new project in the quarter: the figures changed.
    db.user = Actor("zhang", "张干事", frozenset({Role.STAFF}))
    with db.session() as s:
        b = Builder(s, today=ISSUED)
        b.project("芯片项目", investment="7000", signed=date(2026, 3, 1))
    changed = _print(db, tmp_path / "changed.pdf")
    assert changed.footer == f"签发：王局长 {today}（签发后数字已有变动）"
    assert "签发后数字已有变动" in _text(tmp_path / "changed.pdf")

    db.user = MANAGER
    resigned = _print(db, tmp_path / "resigned.pdf", sign=True)
    assert resigned.signed.figures_changed
    assert resigned.signed.changed_by == ("zhang",)
    assert resigned.signed.message() == (
        f"已签发：王局长 {today}。数字与 {today} 签发时相比已有变动（其间修改数据的用户：zhang）。"
    )
    assert resigned.footer == f"签发：王局长 {today}（较上次签发数字有变动）"
    with db.read() as s:
        assert len(s.scalars(select(BriefSignoff)).all()) == 2


@pytest.mark.parametrize("role", ["viewer", "member", "leader", "staff"])
def test_only_managers_sign_off(world: Database, tmp_path: Path, role: str) -> None:
    world.user = Actor("someone", "某人", frozenset({Role(role)}))
    with pytest.raises(AccessDenied, match="无权签发简报"):
        _print(world, tmp_path / "x.pdf", sign=True)
    with world.read() as s:
        assert s.scalars(select(BriefSignoff)).all() == []


def test_crm_brief_sign(world: Database, tmp_path: Path, monkeypatch, capsys) -> None:
    from crm.cli import main

    with world.session() as s:
        add_user(s, login="admin", name="管理员", roles="admin", password="admin-pass-1")
        add_user(s, login="zhang", name="张干事", roles="staff", password="zhang-pass-1")
        add_user(s, login="wangju", name="王局长", roles="manager", password="wang-pass-1")
    url = world.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "brief.pdf"
    args = ["--db", url, "brief", "--period", "2026-Q1", "--issued", "2026-06-30"]

    monkeypatch.setenv("CRM_PASSWORD", "zhang-pass-1")
    assert main([*args, "--user", "zhang", "--out", str(out), "--sign"]) == 2
    # One line (on PostgreSQL after the warning that the owner's URL escapes row security).
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("错误")]
    assert errors == ["错误 / error: 用户“张干事”（局机关工作人员）无权签发简报。"]
    assert not out.exists()

    monkeypatch.setenv("CRM_PASSWORD", "wang-pass-1")
    assert main([*args, "--user", "wangju", "--out", str(out), "--sign"]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"已签发：王局长 \d{4}-\d\d-\d\d。", printed)
    assert re.search(r"签发：王局长\d{4}-\d\d-\d\d", _text(out))
    with world.read() as s:
        assert s.scalars(select(BriefSignoff.login)).all() == ["wangju"]


def test_a_reader_who_sees_less_is_not_told_the_signed_figures_changed(
    world: Database, tmp_path: Path
) -> None:
    """User test 4, finding 5: 驻上海's confidential lead is left out of a 驻深圳 member's
    figures, so their digest differs from the signed one — but nothing changed. Their footer
    says who signed, not 「签发后数字已有变动」 (which also told them something was hidden)."""
    db = world
    with db.session() as s:
        b = Builder(s, today=ISSUED)
        shanghai = b.team("驻上海招商工作队")
        b.project("保密项目", investment="3000", signed=date(2026, 3, 1), team="驻上海招商工作队")
        projects.update_project(s, b.ids["保密项目"], confidential=True)
        shenzhen = b.session.scalar(select(Team.id).where(Team.name == "驻深圳招商工作队"))
    db.user = MANAGER
    today = _print(db, tmp_path / "signed.pdf", sign=True).signed.signoff.day
    db.user = Actor("li", "李队员", frozenset({Role.MEMBER}), team_id=shenzhen)
    member = _print(db, tmp_path / "member.pdf")
    assert member.footer == f"签发：王局长 {today}"
    assert "按您的查看权限统计" in _text(tmp_path / "member.pdf")  # the title says so instead
    # A member of the lead's own team sees it: the signed figures, the same footer.
    db.user = Actor("zhao", "赵队员", frozenset({Role.MEMBER}), team_id=shanghai)
    assert _print(db, tmp_path / "own.pdf").footer == f"签发：王局长 {today}"


def test_a_signed_brief_is_not_reprinted_under_another_number(
    world: Database, tmp_path: Path
) -> None:
    """User test 4, finding 6: signed as 第5期, a reprint asking for 第7期 is refused (two
    copies of one signed brief would go out as two issues); 5 or no number prints 第5期."""
    db = world
    db.user = MANAGER
    with db.session() as s:
        build_brief(s, Q1, BUREAU, issued_on=ISSUED, pdf_path=tmp_path / "s.pdf", sign=True,
                    issue_no=5)  # fmt: skip
    with pytest.raises(ValidationError) as refused, db.session() as s:
        build_brief(s, Q1, BUREAU, issued_on=ISSUED, pdf_path=tmp_path / "r.pdf", issue_no=7)
    assert refused.value.code == "issue_no_signed"
    assert "签发为第5期：重印请不填期号（或填5）" in refused.value.message("zh")
    for asked in (5, None):
        with db.session() as s:
            build_brief(s, Q1, BUREAU, issued_on=ISSUED, pdf_path=tmp_path / "r.pdf",
                        issue_no=asked)  # fmt: skip
        assert "第5期" in _text(tmp_path / "r.pdf")

"""`crm brief --kind dispatch|requests|ranking --sign`: a manager signs a notice off as the
brief (who, when, kind, period, scope, digest of what it prints; footer 签发：NAME DATE); any
other role is refused with one line and exit code 2, and nothing is written."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from crm.access import Actor
from crm.accounts import add_user
from crm.cli import main
from crm.codes import Role
from crm.db import Database
from crm.models import BriefSignoff
from crm.periods import parse_period
from crm.reports.requests_notice import build_requests_notice
from crm.services import companies
from crm.services import requests as svc
from crm.stats import BUREAU
from tests.core.dispatch_seed import seed_counties, seed_dispatch


def _text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.fixture
def world(db: Database) -> tuple[Database, list[str]]:
    with db.session() as s:
        seed_dispatch(s)
        seed_counties(s)
        add_user(s, login="admin", name="管理员", roles="admin", password="admin-pass-1")
        add_user(s, login="li", name="李队员", roles="member", password="li-pass-1")
        add_user(s, login="wangju", name="王局长", roles="manager", password="wang-pass-1")
    url = db.engine.url.render_as_string(hide_password=False)
    return db, ["--db", url, "brief", "--period", "2026-11-2", "--issued", "2026-11-20"]


def _signoffs(db: Database) -> list[tuple[str, str, str, str]]:
    with db.read() as s:
        rows = s.scalars(select(BriefSignoff).order_by(BriefSignoff.signed_at)).all()
        return [(r.kind, r.period_code, r.scope_code, r.login) for r in rows]


def test_a_manager_signs_a_dispatch_notice(world, tmp_path: Path, monkeypatch, capsys) -> None:
    db, args = world
    out = tmp_path / "dispatch.pdf"
    monkeypatch.setenv("CRM_PASSWORD", "wang-pass-1")
    assert main([*args, "--kind", "dispatch", "--user", "wangju", "--out", str(out), "--sign"]) == 0
    printed = capsys.readouterr().out
    day = re.search(r"已签发：王局长 (\d{4}-\d\d-\d\d)。", printed)
    assert day, printed
    assert f"签发：王局长{day.group(1)}" in _text(out)
    assert _signoffs(db) == [("dispatch", "2026-11-2", "bureau", "wangju")]

    # A member printing the same notice later sees who signed it; the brief itself is not signed.
    monkeypatch.setenv("CRM_PASSWORD", "li-pass-1")
    again = tmp_path / "again.pdf"
    assert main([*args, "--kind", "dispatch", "--user", "li", "--out", str(again)]) == 0
    assert f"签发：王局长{day.group(1)}" in _text(again)
    ranking = tmp_path / "ranking.pdf"
    assert main([*args, "--kind", "ranking", "--user", "li", "--out", str(ranking)]) == 0
    assert "签发" not in _text(ranking)


@pytest.mark.parametrize("kind", ["dispatch", "requests", "ranking"])
def test_a_member_may_not_sign_a_notice(world, tmp_path: Path, monkeypatch, capsys, kind) -> None:
    db, args = world
    out = tmp_path / "n.pdf"
    monkeypatch.setenv("CRM_PASSWORD", "li-pass-1")
    assert main([*args, "--kind", kind, "--user", "li", "--out", str(out), "--sign"]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("错误")]
    assert errors == ["错误 / error: 用户“李队员”（工作队队员）无权签发简报。"]
    assert not out.exists()
    assert _signoffs(db) == []


@pytest.mark.parametrize("kind", ["requests", "ranking"])
def test_the_other_notices_sign_too(world, tmp_path: Path, monkeypatch, capsys, kind) -> None:
    db, args = world
    out = tmp_path / "n.pdf"
    monkeypatch.setenv("CRM_PASSWORD", "wang-pass-1")
    assert main([*args, "--kind", kind, "--user", "wangju", "--out", str(out), "--sign"]) == 0
    assert re.search(r"签发：王局长\d{4}-\d\d-\d\d", _text(out))
    assert _signoffs(db) == [(kind, "2026-11-2", "bureau", "wangju")]


def test_a_notice_printed_after_its_figures_changed_says_so(world, tmp_path: Path) -> None:
    db, _ = world
    period, issued = parse_period("2026-11-2"), date(2026, 11, 20)
    db.user = Actor("wangju", "王局长", frozenset({Role.MANAGER}))
    with db.session() as s:
        built = build_requests_notice(s, period, BUREAU, issued_on=issued, sign=True)
    day = built.signed.signoff.day
    assert built.footer == f"签发：王局长 {day}"
    with db.session() as s:
        company = companies.create_company(s, name="甲公司", hq_region_code="450100").id
        svc.raise_request(s, company_id=company, channel="visit", received_on=date(2026, 11, 15),
                          category="land", content="用地指标不足", today=issued)  # fmt: skip
    out = tmp_path / "changed.pdf"
    with db.read() as s:
        again = build_requests_notice(s, period, BUREAU, issued_on=issued, pdf_path=out)
    assert again.signed is None
    assert again.footer == f"签发：王局长 {day}（签发后数字已有变动）"
    assert "签发后数字已有变动" in _text(out)

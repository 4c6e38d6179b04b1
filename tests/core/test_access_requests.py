"""Enterprise requests, their figures and notice, and the key-enterprise coverage leave out
what belongs to another team's confidential project (crm.access), per role, by hand.

The world (November 2026; the 旬 2026-11-2 is 11-11..11-20):

  甲队保密扩产项目  team 甲, confidential, of 甲公司 (a key enterprise, commissioner 张三)
  乙队公开项目      team 乙, public, of 乙公司

  R1  甲公司, no project,           用地指标不足, 自然资源局, received 11-02, due 11-10
  R2  甲公司, 甲队保密扩产项目,     保密扩产用电增容, 供电局, received 11-03, due 11-10
  R3  乙公司, 乙队公开项目,         公开项目环评, 生态环境局, received 11-04, due 11-10
  P1  a problem of 甲队保密扩产项目 raised 11-05, due 11-09
  a visit to 甲队保密扩产项目 on 11-12 by 张三 (the only contact of 甲公司 in the 旬)

Every case is open at the month's end and overdue. Worked out by hand:
  staff, member of 甲队     R1 R2 R3 listed; 3 requests + 1 problem received, 4 overdue;
                            甲公司 contacted (coverage 100%)
  viewer, member of 乙队    R1 R3 listed; 2 requests + 0 problems, 2 overdue; 甲公司 not
                            contacted (coverage 0%): the visit is as confidential as its project
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_access_figures import reader
from test_stats_data import Builder

from crm.db import Database
from crm.errors import NotFoundError
from crm.periods import parse_period, xun
from crm.queries.requests import RequestFilter, list_requests, request_detail
from crm.reports.requests_notice import build_requests_notice
from crm.services import activities, companies, projects
from crm.services import key_enterprises as key
from crm.services import requests as svc
from crm.stats import BUREAU
from crm.stats.coverage import key_enterprise_coverage
from crm.stats.requests import request_figures

TODAY = date(2026, 11, 30)
NOV = parse_period("2026-11")
SECRET = "甲队保密扩产项目"


@pytest.fixture
def world(db: Database) -> dict[str, str]:
    with db.session() as s:
        b = Builder(s, today=TODAY)
        b.team("甲队")
        b.team("乙队")
        b.company("甲公司")
        b.company("乙公司")
        b.project(SECRET, investment="5000", company="甲公司", team="甲队")
        projects.update_project(s, b.ids[SECRET], confidential=True)
        b.project("乙队公开项目", investment="3000", company="乙公司", team="乙队")
        listed = key.define_company_list(s, name_zh="市级重点企业").id
        companies.add_company_tag(s, company_id=b.ids["甲公司"], tag=listed, edition_year=2026)
        key.assign_liaison(s, company_id=b.ids["甲公司"], commissioner="张三",
                           start_on=date(2026, 1, 1))  # fmt: skip
        for rid, company, project, content, unit, day in (
            ("R1", "甲公司", None, "用地指标不足", "自然资源局", 2),
            ("R2", "甲公司", SECRET, "保密扩产用电增容", "供电局", 3),
            ("R3", "乙公司", "乙队公开项目", "公开项目环评", "生态环境局", 4),
        ):
            b.ids[rid] = svc.raise_request(
                s, company_id=b.ids[company], project_id=b.ids[project] if project else None,
                channel="visit", received_on=date(2026, 11, day), category="land",
                content=content, handling_unit=unit, due_on=date(2026, 11, 10), today=TODAY,
            ).id  # fmt: skip
        b.problem(SECRET, "land", raised=date(2026, 11, 5), due=date(2026, 11, 9))
        activities.log_activity(s, occurred_on=date(2026, 11, 12), kind="visit",
                                project_id=b.ids[SECRET], participants="张三")  # fmt: skip
        return dict(b.ids)


ROLES = {
    "staff": ("staff", None),
    "member of 甲队": ("member", "甲队"),
    "viewer": ("viewer", None),
    "member of 乙队": ("member", "乙队"),
}
#: who → (requests listed, requests received, problems received, overdue, 甲公司 contacted)
EXPECTED = {
    "staff": ({"R1", "R2", "R3"}, 3, 1, 4, True),
    "member of 甲队": ({"R1", "R2", "R3"}, 3, 1, 4, True),
    "viewer": ({"R1", "R3"}, 2, 0, 2, False),
    "member of 乙队": ({"R1", "R3"}, 2, 0, 2, False),
}


def _as(db: Database, ids: dict[str, str], who: str) -> None:
    db.user = reader(*ROLES[who], ids)


@pytest.mark.parametrize("who", list(EXPECTED))
def test_requests_and_coverage_per_role(db: Database, world: dict[str, str], who: str) -> None:
    listed, requests, problems, overdue, contacted = EXPECTED[who]
    _as(db, world, who)
    by_id = {v: k for k, v in world.items()}
    with db.read() as s:
        rows = list_requests(s, RequestFilter(today=TODAY))
        assert {by_id[r.id] for r in rows} == listed
        names = {by_id[r.id]: r.project_name for r in rows}
        assert names.get("R2", SECRET) == SECRET and names["R3"] == "乙队公开项目"
        assert names["R1"] == ""
        if "R2" in listed:
            assert request_detail(s, world["R2"], today=TODAY).row.content == "保密扩产用电增容"
        else:
            with pytest.raises(NotFoundError):
                request_detail(s, world["R2"], today=TODAY)
        assert request_detail(s, world["R1"], today=TODAY).row.content == "用地指标不足"

        f = request_figures(s, NOV, BUREAU)
        assert (f.requests.received, f.problems.received) == (requests, problems)
        assert f.total.overdue_at_end == overdue == len(f.overdue)
        assert ("供电局" in {u.key for u in f.by_unit}) is contacted

        cov = key_enterprise_coverage(s, xun(2026, 11, 2))
        assert [(r.company_name, r.contacted, r.commissioner) for r in cov.rows] == [
            ("甲公司", contacted, "张三")
        ]
        assert cov.coverage_pct == (Decimal(100) if contacted else Decimal(0))


@pytest.mark.parametrize("who", list(EXPECTED))
def test_the_requests_notice_names_no_hidden_project(
    db: Database, world: dict[str, str], tmp_path: Path, who: str
) -> None:
    _as(db, world, who)
    out = tmp_path / "notice.pdf"
    with db.read() as s:
        build_requests_notice(s, NOV, BUREAU, issued_on=TODAY, pdf_path=out)
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(out).pages))
    assert "用地指标不足" in text and "公开项目环评" in text
    sees = EXPECTED[who][4]
    for secret in (SECRET, "保密扩产用电增容", "供电局"):
        assert (secret in text) is sees, secret

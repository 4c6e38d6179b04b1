"""Key enterprises: lists the bureau keeps, commissioners over time and the 旬 visit
coverage (走访覆盖率), worked out by hand, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from crm.cli import main
from crm.db import open_database
from crm.errors import ValidationError
from crm.models import ChangeLog, CompanyTag, EnterpriseLiaison, TagKindRef
from crm.periods import xun
from crm.services import activities, companies, projects
from crm.services import key_enterprises as key
from crm.stats.coverage import key_enterprise_coverage


def d(m: int, day: int) -> date:
    return date(2026, m, day)


def _company(s, name: str) -> str:
    return companies.create_company(s, name=name, hq_region_code="450100").id


def test_a_bureau_list_is_accepted_with_year_level_and_validity(db) -> None:
    with db.session() as s:
        company = _company(s, "甲铝业有限公司")
        # Before: a list the bureau keeps failed with "Unknown code for tag".
        code = key.define_company_list(s, name_zh="自治区重点企业", validity_years=1).id
        tag = companies.add_company_tag(
            s, company_id=company, tag="自治区重点企业", edition_year=2026, level="省级",
            valid_until=d(12, 31),
        ).id  # fmt: skip
        # The national tags keep working by their labels.
        companies.add_company_tag(s, company_id=company, tag="上市公司")
    with db.session() as s:
        row = s.get(CompanyTag, tag)
        assert (row.tag, row.edition_year, row.level, row.valid_until) == (
            code,
            2026,
            "province",
            d(12, 31),
        )
        assert s.get(TagKindRef, code).is_bureau
        assert key.bureau_lists(s) == [(code, "自治区重点企业")]
        # Defining the same name again gives the same list; the new list is in the change log.
        assert key.define_company_list(s, name_zh="自治区重点企业").id == code
        logged = s.scalar(select(ChangeLog.table_name).where(ChangeLog.record_id == code))
        assert logged == "tag_kind"
    with pytest.raises(ValidationError) as info, db.session() as s:
        companies.add_company_tag(s, company_id=company, tag="不存在的名单")
    assert (info.value.field, info.value.code) == ("tag", "unknown_code")
    assert "没有这个企业名单：不存在的名单" in info.value.message_zh


def test_a_new_commissioner_ends_the_previous_assignment(db) -> None:
    with db.session() as s:
        company = _company(s, "甲铝业有限公司")
        key.assign_liaison(s, company_id=company, commissioner="张三", leader="王副市长",
                           start_on=d(1, 1))  # fmt: skip
        key.assign_liaison(s, company_id=company, commissioner="李四", leader="王副市长",
                           start_on=d(11, 15))  # fmt: skip
    with db.session() as s:
        rows = s.execute(
            select(EnterpriseLiaison.commissioner, EnterpriseLiaison.end_on).order_by(
                EnterpriseLiaison.start_on
            )
        ).all()
        assert [tuple(r) for r in rows] == [("张三", d(11, 14)), ("李四", None)]
        assert key.liaison_on(s, company, d(11, 14)).commissioner == "张三"
        assert key.liaison_on(s, company, d(11, 15)).commissioner == "李四"
    with pytest.raises(ValidationError) as info, db.session() as s:
        key.assign_liaison(s, company_id=company, start_on=d(12, 1))
    assert info.value.code == "required"


def test_xun_coverage_by_hand(db) -> None:
    with db.session() as s:
        listed = key.define_company_list(s, name_zh="市级重点企业").id
        ids = {n: _company(s, n) for n in ("甲公司", "乙公司", "丙公司", "丁公司", "戊公司")}
        for name in ("甲公司", "乙公司", "丙公司", "丁公司"):
            companies.add_company_tag(s, company_id=ids[name], tag=listed, edition_year=2026)
        # 戊 was on the list until October only.
        companies.add_company_tag(
            s, company_id=ids["戊公司"], tag=listed, edition_year=2026, valid_until=d(10, 31)
        )
        key.assign_liaison(s, company_id=ids["甲公司"], commissioner="张三", start_on=d(1, 1))
        key.assign_liaison(s, company_id=ids["甲公司"], commissioner="李四", start_on=d(11, 15))
        key.assign_liaison(s, company_id=ids["乙公司"], commissioner="李四", start_on=d(1, 1))
        key.assign_liaison(s, company_id=ids["丁公司"], commissioner="赵六", start_on=d(1, 1))
        visit = {"kind": "visit"}
        # 甲: visited by 张三 on the 12th, his commissioner that day → contacted.
        activities.log_activity(s, occurred_on=d(11, 12), company_id=ids["甲公司"],
                                participants="张三、王五", **visit)  # fmt: skip
        # 乙: someone else on the 16th, and 李四 only on the 5th (the first 旬) → not contacted.
        activities.log_activity(s, occurred_on=d(11, 16), company_id=ids["乙公司"],
                                participants="张三", **visit)  # fmt: skip
        activities.log_activity(s, occurred_on=d(11, 5), company_id=ids["乙公司"],
                                participants="李四", **visit)  # fmt: skip
        # 丙 has no commissioner: a visit does not make it covered.
        activities.log_activity(s, occurred_on=d(11, 13), company_id=ids["丙公司"],
                                participants="张三", **visit)  # fmt: skip
        # 丁: visited through its project by 赵六 → contacted.
        project = projects.create_project(
            s, name="丁公司扩产项目", planned_investment=Decimal(5000), company_id=ids["丁公司"]
        ).id
        activities.log_activity(s, occurred_on=d(11, 18), project_id=project,
                                participants="赵六", **visit)  # fmt: skip
        activities.log_activity(s, occurred_on=d(11, 19), company_id=ids["戊公司"],
                                participants="孙七", **visit)  # fmt: skip
    with db.read() as s:
        cov = key_enterprise_coverage(s, xun(2026, 11, 2), list_code=listed)
    assert (cov.on_list, cov.contacted, cov.coverage_pct) == (4, 2, Decimal(50))
    assert cov.without_commissioner == 1
    assert [(r.company_name, r.contacted, r.commissioner) for r in cov.rows] == [
        ("丙公司", False, ""),
        ("乙公司", False, "李四"),
        ("丁公司", True, "赵六"),
        ("甲公司", True, "李四"),  # the commissioner at the 旬's end
    ]
    with db.read() as s:
        # Without a list: every list the bureau keeps (here the same one).
        assert key_enterprise_coverage(s, xun(2026, 11, 2)).on_list == 4


def test_keylist_from_the_command_line(
    sqlite_template, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as s:
        first = _company(s, "甲公司")
        _company(s, "乙公司")
    database.close()
    db = ["--db", str(path)]
    assert main([*db, "keylist", "define", "上规培育库"]) == 0
    # Said by the name the clerk typed and uses in every other command, not by its code.
    assert capsys.readouterr().out == "已定义名单：上规培育库\n"
    assert main([*db, "keylist", "define", "上规培育库"]) == 0
    assert capsys.readouterr().out == "名单已有：上规培育库\n"
    for name in ("甲公司", "乙公司"):
        add = [*db, "keylist", "add", name, "上规培育库", "--year", "2026", "--level", "市级"]
        assert main(add) == 0
    liaison = [*db, "keylist", "liaison", "甲公司", "--commissioner", "张三"]
    assert main([*liaison, "--from", "2026-01-01"]) == 0
    assert main([*db, "keylist", "add", "甲公司", "没有的名单"]) == 1
    assert "没有这个企业名单：没有的名单" in capsys.readouterr().err
    database = open_database(path)
    with database.session() as s:
        activities.log_activity(
            s, occurred_on=d(11, 3), kind="visit", company_id=first, participants="张三"
        )
    database.close()
    assert main([*db, "keylist", "coverage", "--period", "2026-11-1", "--json"]) == 0
    cov = json.loads(capsys.readouterr().out)
    assert (cov["on_list"], cov["contacted"], cov["coverage_pct"]) == (2, 1, 50.0)
    assert [r["company_name"] for r in cov["rows"]] == ["乙公司", "甲公司"]
    xlsx = tmp_path / "走访.xlsx"
    assert main([*db, "keylist", "coverage", "--period", "2026-11-1", "--xlsx", str(xlsx)]) == 0
    assert "名单内2家，已走访1家，走访覆盖率50.0%" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(xlsx)["重点企业走访"]
    listed = [r[:5] for r in sheet.iter_rows(min_row=3, max_row=4, values_only=True)]
    assert listed == [
        ("乙公司", "上规培育库", "—", "—", "未走访"),
        ("甲公司", "上规培育库", "张三", "—", "已走访"),
    ]


def test_lists_commissioners_and_requests_travel_with_sync(
    sqlite_template: Path, tmp_path: Path
) -> None:
    from crm.models import EnterpriseRequest, RequestVisit
    from crm.services import requests as svc
    from tests.core.sync_helpers import digest, make_site, pair_all, send

    team, bureau = (
        make_site(sqlite_template, tmp_path, "team"),
        make_site(sqlite_template, tmp_path, "bureau"),
    )
    try:
        pair_all(team, bureau)
        with team.session() as s:
            company = _company(s, "甲公司")
            listed = key.define_company_list(s, name_zh="自治区重点企业").id
            companies.add_company_tag(s, company_id=company, tag=listed, edition_year=2026)
            key.assign_liaison(s, company_id=company, commissioner="张三", start_on=d(1, 1))
            rid = svc.raise_request(
                s, company_id=company, channel="visit", received_on=d(11, 2), category="land",
                content="缺用地指标", today=d(12, 1),
            ).id  # fmt: skip
            svc.reply_request(s, rid, reply="已调剂", replied_on=d(11, 9), today=d(12, 1))
            svc.record_return_visit(
                s, rid, visited_on=d(11, 10), satisfaction="满意", today=d(12, 1)
            )
        send(team, bureau, tmp_path)
        with bureau.read() as s:
            request = s.get(EnterpriseRequest, rid)
            assert (request.status, request.closed_on) == ("closed", d(11, 10))
            assert s.scalar(select(RequestVisit.satisfaction)) == "satisfied"
            assert s.get(TagKindRef, listed).is_bureau
            assert key.liaison_on(s, company, d(11, 15)).commissioner == "张三"
        assert digest(team) == digest(bureau)
    finally:
        team.close()
        bureau.close()


def test_the_brief_names_the_enterprises_not_visited(sqlite_template, tmp_path) -> None:
    from pypdf import PdfReader

    path = tmp_path / "brief.sqlite"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.session() as s:
        listed = key.define_company_list(s, name_zh="市级重点企业").id
        seen, unseen = _company(s, "甲公司"), _company(s, "乙公司")
        for company in (seen, unseen):
            companies.add_company_tag(s, company_id=company, tag=listed, edition_year=2026)
            key.assign_liaison(s, company_id=company, commissioner="张三", start_on=d(1, 1))
        activities.log_activity(
            s, occurred_on=d(11, 12), kind="visit", company_id=seen, participants="张三"
        )
    database.close()
    pdf = tmp_path / "brief.pdf"
    args = ["--db", str(path), "brief", "--period", "2026-11-2", "--out", str(pdf)]
    assert main([*args, "--issued", "2026-12-02"]) == 0
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert (
        "本单位重点企业名单内企业2家，本期特派员走访1家，走访覆盖率50.0%；未走访：乙公司。" in text
    )


def test_an_assignment_made_again_the_same_day_corrects_it(db) -> None:
    with db.session() as s:
        company = _company(s, "丙化工有限公司")
        first = key.assign_liaison(s, company_id=company, commissioner="张三", start_on=d(3, 1))
        again = key.assign_liaison(
            s, company_id=company, commissioner="李四", leader="王副市长", start_on=d(3, 1)
        )
        assert (again.id, again.op) == (first.id, "update")
    with db.session() as s:
        rows = s.scalars(select(EnterpriseLiaison).where(EnterpriseLiaison.company_id == company))
        assert [(r.commissioner, r.leader, r.start_on, r.end_on) for r in rows] == [
            ("李四", "王副市长", d(3, 1), None)
        ]


def test_only_the_bureau_defines_its_lists(sqlite_db, monkeypatch, capsys) -> None:
    """User test 2, finding F4: a read-only user (and a member) defined a new list with
    `crm keylist define` (exit 0, written), the one write a viewer could make."""
    from crm.accounts import add_user

    with sqlite_db.session() as s:
        add_user(s, login="boss", name="管理员", roles="admin", password="boss-pass-1")
    with sqlite_db.session() as s:
        add_user(s, login="kan", name="只读甲", roles="viewer", password="kan-pass-1")
        add_user(s, login="ju", name="局机关乙", roles="staff", password="ju-pass-1")
    path = str(sqlite_db.path)
    sqlite_db.close()
    monkeypatch.setenv("CRM_PASSWORD", "kan-pass-1")
    assert main(["--db", path, "--user", "kan", "keylist", "define", "只读名单"]) == 2
    assert "用户“只读甲”（只读用户）无权新建企业名单。" in capsys.readouterr().err
    monkeypatch.setenv("CRM_PASSWORD", "ju-pass-1")
    assert main(["--db", path, "--user", "ju", "keylist", "define", "市级重点企业"]) == 0
    database = open_database(Path(path))
    try:
        with database.read() as s:
            names = set(s.scalars(select(TagKindRef.name_zh).where(TagKindRef.is_bureau)))
    finally:
        database.close()
    assert names == {"市级重点企业"}


def test_a_list_not_defined_says_where_to_define_it(sqlite_db, capsys) -> None:
    """User test 2, finding F24: 「没有这个企业名单：…（可先在设置中新建名单）」 — 设置 has no
    lists."""
    with sqlite_db.session() as s:
        _company(s, "甲铝业有限公司")
    path = str(sqlite_db.path)
    sqlite_db.close()
    assert main(["--db", path, "keylist", "add", "甲铝业有限公司", "不存在名单"]) == 1
    assert capsys.readouterr().err.endswith(
        "没有这个企业名单：不存在名单（请先新建：“重点企业”中的“新建重点企业名单”，"
        "或命令 crm keylist define 不存在名单）\n"
    )

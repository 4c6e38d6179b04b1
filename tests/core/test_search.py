"""Name search: substrings, full pinyin, initials, former names; the index stays fresh."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, update

from crm import search
from crm.models import Company, Project, utcnow
from crm.services import companies, projects


def _company(s, name: str, **kw) -> str:
    return companies.create_company(s, name=name, **kw).id


def test_pinyin_keys_give_full_pinyin_and_initials() -> None:
    assert search.pinyin_keys("中国石化") == ("zhongguoshihua", "zgsh")
    assert search.pinyin_keys("ABC 新材料") == ("abcxincailiao", "abcxcl")
    assert search.pinyin_keys("") == ("", "")


def test_projects_found_by_name_pinyin_initials_and_investor(db) -> None:
    with db.session() as s:
        sinopec = _company(s, "中国石油化工集团有限公司", former_names="中国石化")
        with_company = projects.create_project(
            s, name="年产10万吨新材料项目", company_id=sinopec
        ).id
        alone = projects.create_project(s, name="南宁数据中心").id
    with db.session() as s:
        assert search.search_ids(s, "project", "zgsh") == [with_company]
        assert search.search_ids(s, "project", "zhongguo") == [with_company]
        assert search.search_ids(s, "project", "zhong guo") == [with_company]
        assert search.search_ids(s, "project", "数据") == [alone]
        assert search.search_ids(s, "project", "南") == [alone]
        assert search.search_ids(s, "project", "nnsjzx") == [alone]
        assert search.search_ids(s, "project", "新材料") == [with_company]
        assert search.search_ids(s, "project", "不存在的名字") == []
        assert search.search_ids(s, "company", "中国石化") == [sinopec]
        assert search.search_ids(s, "company", "zgsyhg") == [sinopec]
        assert set(search.search_ids(s, "project", "")) == {with_company, alone}


def test_index_follows_renames_deletes_and_bulk_inserts(db) -> None:
    with db.session() as s:
        pid = projects.create_project(s, name="光伏组件项目").id
    with db.session() as s:
        assert search.search_ids(s, "project", "gfzj") == [pid]
        assert search.search_ids(s, "project", "光伏") == [pid]
    with db.session() as s:
        projects.update_project(s, pid, name="储能电池项目")
    with db.session() as s:
        assert search.search_ids(s, "project", "gfzj") == []
        assert search.search_ids(s, "project", "cndc") == [pid]
        # Short words go to the in-memory names, which follow the same changes.
        assert search.search_ids(s, "project", "光伏") == []
        assert search.search_ids(s, "project", "储能") == [pid]
    with db.session() as s:
        projects.delete_project(s, pid)
    with db.session() as s:
        assert search.search_ids(s, "project", "cndc") == []
    # A bulk load (Core insert, old timestamps) is picked up by the row-count check.
    with db.session() as s:
        old = datetime(2020, 1, 1)
        s.execute(
            insert(Company),
            [
                {
                    "id": "c-bulk",
                    "name": "华为技术有限公司",
                    "name_normalized": "华为技术",
                    "created_at": old,
                    "updated_at": old,
                }
            ],
        )
    with db.session() as s:
        assert search.search_ids(s, "company", "hwjs") == ["c-bulk"]


def test_rebuild_and_fresh_index_do_no_work_when_unchanged(db) -> None:
    with db.session() as s:
        projects.create_project(s, name="测试项目")
    with db.session() as s:
        search.ensure_fresh(s, "project")
        assert search.ensure_fresh(s, "project") == 0
        assert search.rebuild(s, "project") == 1


def test_special_characters_do_not_break_queries(db) -> None:
    with db.session() as s:
        pid = projects.create_project(s, name='100% "纯" 项目_一期').id
    with db.session() as s:
        assert search.search_ids(s, "project", "100%") == [pid]
        assert search.search_ids(s, "project", '"纯"') == [pid]
        assert search.search_ids(s, "project", "_一期") == [pid]
        assert search.search_ids(s, "project", "%") == [pid]
        # Writers outside the ORM must bump updated_at (the index's freshness signal).
        s.execute(update(Project).where(Project.id == pid).values(name="x", updated_at=utcnow()))
    with db.session() as s:
        assert search.search_ids(s, "project", "纯") == []


def test_memory_and_fts_routes_agree(sqlite_db) -> None:
    with sqlite_db.session() as s:
        sinopec = _company(s, "中国石油化工集团有限公司", former_names="中国石化")
        for name in ("新能源汽车项目", "新材料产业园", "光伏新能源基地", "数据中心"):
            projects.create_project(s, name=name, company_id=sinopec if "新" in name else None)
    queries = ["xinneng", "xny", "新能源", "zgsh", "shuju", "中心", "新", "xcl cyy"]
    with sqlite_db.session() as s:
        search._MEMORY.clear()
        by_fts = {q: sorted(search.search_ids(s, "project", q)) for q in queries if len(q) >= 3}
        search.warm_memory(s)
        by_memory = {q: sorted(search.search_ids(s, "project", q)) for q in by_fts}
    assert by_fts == by_memory
    assert len(by_memory["zgsh"]) == 3  # every project of the investor

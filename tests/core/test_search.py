"""Name search: substrings, full pinyin, initials, former names; the index stays fresh."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import insert, update

from crm import search, search_memory
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
        s.info.pop("search_cache", None)  # a cold cache: the FTS route
        by_fts = {q: sorted(search.search_ids(s, "project", q)) for q in queries if len(q) >= 3}
        search.warm_memory(s)
        by_memory = {q: sorted(search.search_ids(s, "project", q)) for q in by_fts}
    assert by_fts == by_memory
    assert len(by_memory["zgsh"]) == 3  # every project of the investor


# --- one owner for the names in memory: writes and searches on different threads ------------


def test_each_database_owns_its_search_memory(sqlite_db, tmp_path) -> None:
    """The names in memory belong to the Database (no module-wide cache): another database
    opened in the same process starts cold and sees only its own records."""
    from crm.db import open_database

    with sqlite_db.session() as s:
        projects.create_project(s, name="南宁数据中心")
        search.warm_memory(s)
    assert sqlite_db.search_cache.names["project"].seen is not None
    other = open_database(tmp_path / "other.sqlite")
    try:
        assert other.search_cache is not sqlite_db.search_cache
        with other.session() as s:
            assert not search._is_warm(s, "project")
            assert search.search_ids(s, "project", "数据") == []
    finally:
        other.close()


def test_a_rename_during_a_rejoin_of_the_names_is_not_lost(sqlite_db, monkeypatch) -> None:
    """A search re-joins the names in memory (on a worker) while the window's database worker
    renames a project and re-indexes it: the search afterwards finds the new name. The join
    is held open until the rename has tried to land, so the two always overlap."""
    import threading

    with sqlite_db.session() as s:
        pid = projects.create_project(s, name="南宁数据中心").id
        projects.create_project(s, name="柳州汽车零部件产业园")
        search.ensure_fresh(s, "project")
        search.ensure_fresh(s, "company")
        search.warm_memory(s)
    sqlite_db.search_cache.names["project"]._stale = True  # the next search re-joins
    joining, renamed = threading.Event(), threading.Event()
    blob = search_memory.Blob

    def slow_blob(texts: list[str]) -> search_memory.Blob:
        if threading.current_thread().name == "searcher" and not joining.is_set():
            joining.set()
            renamed.wait(timeout=1)  # the writer must wait for the lock, or land here
        return blob(texts)

    monkeypatch.setattr(search_memory, "Blob", slow_blob)

    def searcher() -> None:
        with sqlite_db.read() as s:
            search.search_ids(s, "project", "南宁")

    def writer() -> None:
        joining.wait(timeout=5)
        with sqlite_db.session() as s:
            # Renamed and re-indexed by hand: the index state stays, so the names in memory
            # are not reloaded afterwards and must have taken the change themselves.
            s.execute(
                update(Project).where(Project.id == pid).values(name="钦州绿色化工新材料基地")
            )
            search.index_records(s, "project", [pid])
        renamed.set()

    threads = [threading.Thread(target=searcher, name="searcher"), threading.Thread(target=writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    with sqlite_db.read() as s:
        assert search.search_ids(s, "project", "钦州") == [pid]
        assert search.search_ids(s, "project", "qzlshg") == [pid]
        assert search.search_ids(s, "project", "南宁") == []


def test_searches_and_writes_on_many_threads_find_every_record(sqlite_db) -> None:
    """Four searching threads and one writing thread at once: no error, and afterwards every
    record written is found by its name, in memory and through the index alike."""
    import threading

    with sqlite_db.session() as s:
        search.warm_memory(s)
    errors: list[BaseException] = []
    done = threading.Event()
    names = [f"第{n}号新能源电池项目" for n in range(40)]

    def search_loop() -> None:
        try:
            while not done.is_set():
                with sqlite_db.read() as s:
                    search.search_ids(s, "project", "新能源")
                    search.search_ids(s, "project", "xny")
        except BaseException as exc:
            errors.append(exc)

    def write_loop() -> None:
        try:
            for name in names:
                with sqlite_db.session() as s:
                    pid = projects.create_project(s, name=name).id
                    search.index_records(s, "project", [pid])
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    threads = [threading.Thread(target=search_loop) for _ in range(4)]
    threads.append(threading.Thread(target=write_loop))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with sqlite_db.read() as s:
        assert len(search.search_ids(s, "project", "新能源电池")) == len(names)
        assert len(search.search_ids(s, "project", "第17号")) == 1


# --- a search sees every committed record, whoever wrote it ------------------------------------


def _bulk_ledger(tmp_path) -> object:
    from test_ledger_support import make_uscc, write_xlsx

    header = ["项目编号", "项目名称", "投资方", "统一社会信用代码", "总投资（万元）",
              "项目阶段", "签约时间", "投资来源地"]  # fmt: skip
    rows = [
        ["B1", "柳州汽车零部件产业园", "广西玉柴机器股份有限公司", make_uscc(901), 5000,
         "已签约", "2025-01-05", "深圳"],
        ["B2", "钦州绿色化工新材料基地", "华谊集团有限公司", make_uscc(902), 8000,
         "已签约", "2025-02-05", "深圳"],
    ]  # fmt: skip
    return write_xlsx(tmp_path / "bulk.xlsx", {"项目": [header, *rows]})


@pytest.mark.parametrize("warm", [True, False], ids=["window-warm", "cold"])
def test_a_bulk_import_in_one_database_is_found_from_another(db, tmp_path, warm: bool) -> None:
    """A ledger import through the bulk writer in one Database object (another window or
    process), then searches from another one in read-only sessions (as the window searches),
    before anything re-indexed: the new projects and investors are found by name, pinyin and
    initials, and a rename written outside the services is followed too."""
    from datetime import date

    from crm.db import open_database
    from crm.ledger import ImportOptions, apply_plan, build_plan

    with db.session() as s:
        projects.create_project(s, name="南宁数据中心")
    reader = open_database(db.url)
    try:
        if warm:  # the window warmed its names at start, before the import
            with reader.session() as s:
                search.ensure_fresh(s, "project")
                search.ensure_fresh(s, "company")
                search.warm_memory(s)
            with reader.read() as s:
                assert search.search_ids(s, "project", "柳州") == []
        options = ImportOptions(today=date(2026, 6, 30), bulk_threshold=0)
        result = apply_plan(db, build_plan(db, _bulk_ledger(tmp_path), options))
        assert result.bulk
        with reader.read() as s:
            (liuzhou,) = search.search_ids(s, "project", "柳州")
            (qinzhou,) = search.search_ids(s, "project", "qzlshg")
            assert search.search_ids(s, "project", "liuzhouqiche") == [liuzhou]
            assert search.search_ids(s, "project", "玉柴") == [liuzhou]  # by its investor
            assert search.search_ids(s, "project", "ycjq") == [liuzhou]
            assert len(search.search_ids(s, "company", "华谊")) == 1
            assert len(search.search_ids(s, "project", "数据")) == 1
        with db.session() as s:  # a rename written outside the services (as sync applies)
            s.execute(
                update(Project)
                .where(Project.id == qinzhou)
                .values(name="北海电子信息产业园", updated_at=utcnow())
            )
        with reader.read() as s:
            assert search.search_ids(s, "project", "北海") == [qinzhou]
            assert search.search_ids(s, "project", "bhdzxx") == [qinzhou]
            assert search.search_ids(s, "project", "钦州") == []
            assert search.search_ids(s, "project", "qzlshg") == []
    finally:
        reader.close()


def test_typing_a_word_letter_by_letter_finds_what_a_fresh_search_finds(sqlite_db) -> None:
    """Each keystroke looks only among the records holding the previous word; the answers are
    those of a search from scratch, and a rename in between is seen."""
    with sqlite_db.session() as s:
        car = projects.create_project(s, name="新能源汽车项目").id
        materials = projects.create_project(s, name="新材料产业园").id
        info = projects.create_project(s, name="信息产业园").id
        data = projects.create_project(s, name="南宁数据中心").id  # zhongxin
        search.ensure_fresh(s, "project")
        search.warm_memory(s)

    def typed(word: str) -> dict[str, set[str]]:
        with sqlite_db.read() as s:
            return {word[:n]: set(search.search_ids(s, "project", word[:n])) for n in (1, 3, 4, 7)}

    assert typed("xinneng") == {
        "x": {car, materials, info, data},
        "xin": {car, materials, info, data},
        "xinn": {car},
        "xinneng": {car},
    }
    with sqlite_db.read() as s:
        assert set(search.search_ids(s, "project", "xin 产业")) == {materials, info}
        assert set(search.search_ids(s, "project", "xin 产业园")) == {materials, info}
    with sqlite_db.session() as s:
        projects.update_project(s, materials, name="新能源电池项目")
    assert typed("xinneng")["xinneng"] == {car, materials}

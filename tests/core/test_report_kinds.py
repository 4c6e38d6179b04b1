"""crm.reports.kinds: the one table of the kinds of printout the command line and the window
offer — their codes and names, their default file names (as `crm brief` writes them), what
each needs before it is built, and one way to build each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crm.db import Database, open_database
from crm.errors import ValidationError
from crm.periods import date_range, parse_period
from crm.reports.kinds import KINDS
from crm.stats import BUREAU, Scope, ScopeKind
from tests.core.dispatch_seed import seed_counties, seed_dispatch

XUN = parse_period("2026-11-2")
TEAM = Scope(ScopeKind.TEAM, key="t1", label="驻深圳招商工作队")


def test_the_kinds_and_their_names() -> None:
    assert [(k.code, k.label("zh"), k.label("en")) for k in KINDS.values()] == [
        ("brief", "简报", "Brief"),
        ("dispatch", "重大项目调度通报", "Major-project dispatch notice"),
        ("ranking", "排序通报", "Ranking notice"),
        ("requests", "企业诉求通报", "Enterprise requests notice"),
    ]


@pytest.mark.parametrize(("kind", "bureau", "team"), [
    ("brief", "招商引资简报_2026-11-2", "招商引资简报_2026-11-2_驻深圳招商工作队"),
    ("dispatch", "重大项目调度通报_2026-11-2", "重大项目调度通报_2026-11-2"),
    ("ranking", "排序通报_2026-11-2", "排序通报_2026-11-2"),
    ("requests", "企业诉求通报_2026-11-2", "企业诉求通报_2026-11-2_驻深圳招商工作队"),
])  # fmt: skip
def test_file_stems(kind: str, bureau: str, team: str) -> None:
    stem = KINDS[kind].file_stem
    assert (stem(XUN, BUREAU), stem(XUN, TEAM)) == (bureau, team)


def test_a_span_of_days_names_both_ends() -> None:
    span = date_range(date(2026, 1, 5), date(2026, 2, 10))
    assert KINDS["dispatch"].file_stem(span, BUREAU) == "重大项目调度通报_2026-01-05_2026-02-10"


def test_only_the_requests_notice_goes_without_the_bureaus_region(tmp_path: Path) -> None:
    fresh = open_database(tmp_path / "fresh.sqlite")  # a new database: no bureau set
    try:
        with fresh.read() as s:
            for code in ("brief", "dispatch", "ranking"):
                with pytest.raises(ValidationError) as refused:
                    KINDS[code].scope_for(s, "bureau")
                assert refused.value.code == "bureau_missing", code
            assert KINDS["requests"].scope_for(s, "") == BUREAU
    finally:
        fresh.close()


def test_only_the_ranking_notice_takes_no_scope() -> None:
    assert [k.code for k in KINDS.values() if not k.takes_scope] == ["ranking"]


def test_every_kind_builds_in_memory(db: Database) -> None:
    with db.session() as s:
        seed_dispatch(s)
        seed_counties(s)
    titles = {
        "brief": "招商引资工作旬报（2026年11月中旬）",
        "dispatch": "2026年11月中旬重大项目调度通报",
        "ranking": "2026年11月中旬招商引资排序通报",
        "requests": "企业诉求办理情况通报（2026年11月中旬）",
    }
    with db.read() as s:
        for code, kind in KINDS.items():
            scope = kind.scope_for(s, "bureau")
            built = kind.build(s, XUN, scope, issued_on=date(2026, 11, 23), keep_pdf_bytes=True)
            assert (built.title, built.pdf[:5], built.signed) == (titles[code], b"%PDF-", None)

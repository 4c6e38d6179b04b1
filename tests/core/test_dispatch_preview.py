"""Dispatch and key-enterprise sheets: the preview lists each value a row changes, with the
value on record."""

from __future__ import annotations

from pathlib import Path

from crm.ledger import ImportOptions, build_plan
from tests.core.dispatch_seed import seed_dispatch
from tests.core.test_dispatch_import import P1, _sheet


def test_a_dispatch_row_lists_its_changed_figures(db, tmp_path: Path) -> None:
    with db.session() as s:
        seed_dispatch(s)
    path = _sheet(tmp_path / "d.xlsx", [P1])

    plan = build_plan(db, path, ImportOptions())

    # Seeded: the 中旬 entry 2000 (18000 this year); the sheet says 2500 (18500), and words.
    assert [c.line() for c in plan.planned] == [
        "调度 第4行 更新 铝材深加工项目 — 本期完成投资: 2000万元 → 2500万元；"
        "本年累计完成投资: 18000万元 → 18500万元；形象进度: 主体结构封顶 → 主体封顶；"
        "存在问题: 用电增容待批 → 用电增容"
    ]


def test_a_key_list_row_lists_its_new_commissioner_and_level(db, tmp_path: Path) -> None:
    from tests.core.test_keylist_import import TODAY, _seed
    from tests.core.test_keylist_import import _sheet as key_sheet

    _seed(db)  # 乙玻璃: on the 市级 list (level city), 王五 and 赵副市长 answer for it
    path = key_sheet(tmp_path / "key.xlsx", [
        [1, "南宁乙玻璃有限公司", None, "市级重点企业", "省级", TODAY.year, "孙六", ""],
    ])  # fmt: skip

    plan = build_plan(db, path, ImportOptions())

    assert [c.line() for c in plan.planned] == [
        "重点企业 第3行 更新 南宁乙玻璃有限公司 — 级别: 市级 → 省级；特派员: 王五 → 孙六"
    ]

"""A dispatch sheet's preview lists each figure it changes, with the value on record."""

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

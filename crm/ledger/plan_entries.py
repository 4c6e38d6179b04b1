"""What the dispatch-data sheets (单位年度目标, 清单项目, 完成投资) share: their services keep
one record per natural key (crm.services.dispatch upserts), so a sheet's rows are matched by
their 系统编号, else by that key; two rows with one key, or a 系统编号 whose record has
another key, are refused rather than written otherwise than the preview says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select

from crm.ledger.context import PlanContext
from crm.ledger.parse import INVALID, NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_others import _by_id, _changed, _load_keyed, _matched, _rows_to_plan
from crm.models import Project

Key = tuple[Any, ...]


class Entries:
    """A table's live records by natural key and by id, loaded once per import."""

    def __init__(
        self,
        ctx: PlanContext,
        model: Any,
        names: tuple[str, ...],
        key: Callable[..., Key],
        words: tuple[str, str],
    ) -> None:
        """`words`: what the key is, said in a refusal (年度、范围、地点和指标)."""
        self.ctx, self.model, self.key, self.words = ctx, model, key, words
        self.existing = _load_keyed(ctx, model, names, key)
        self.by_id = _by_id(self.existing)

    def rows(self, items: list[Item]) -> Iterable[tuple[Item, str | None]]:
        """The valid rows with the live record their 系统编号 names (None: matched by key)."""
        return _rows_to_plan(self.ctx, items, self.model, self.by_id)

    def match(
        self,
        item: Item,
        record_id: str | None,
        key: Key,
        names: tuple[str, ...],
        describe: Callable[[dict[str, Any]], str],
    ) -> None:
        """Set the row's status, record and changes (`names`: the fields a row may change).
        A 系统编号 naming a record of another key is refused: the service would write the row's
        key as another record."""
        record = _matched(self.existing, self.by_id, record_id, key,
                          lambda r: _changed(item.values, r, names))  # fmt: skip
        if record is None:
            item.status = NEW
            return
        if self.key(record) != key:
            what, (zh, en) = describe(record), self.words
            detail = (f"{what}，其{zh}不能在表中改动", f"{what}: its {en} cannot change here")
            self.ctx.report(item, "record_id", record["id"], "entry_key_changed", detail)
            return
        item.target_id = record["id"]
        item.changes = _changed(item.values, record, names)
        item.status = UPDATED if item.changes else UNCHANGED
        item.keep_before(record)

    def refuse_repeats(
        self, keyed: list[tuple[Item, Key]], field_name: str
    ) -> list[tuple[Item, Key]]:
        """Rows of the file with one natural key are all refused (which one would be kept?);
        the others are returned. A key holding a row of the file not yet written (a new
        project, a park to create) is told apart by that row."""
        rows: dict[Key, list[Item]] = defaultdict(list)
        for item, key in keyed:
            rows[_comparable(key)].append(item)
        zh, en = self.words
        for same in rows.values():
            if len(same) > 1:
                where = ", ".join(str(i.row) for i in same)
                detail = (f"与第 {where} 行是同一条记录（{zh}相同）",
                          f"Same record as rows {where} (same {en})")  # fmt: skip
                for item in same:
                    value = item.values.get(field_name)
                    self.ctx.report(item, field_name, value, "duplicate_entry", detail)
        return [(item, key) for item, key in keyed if item.status != INVALID]


def _comparable(key: Key) -> Key:
    return tuple(("row", id(part)) if isinstance(part, Item) else part for part in key)


def project_describer(
    ctx: PlanContext, what: Callable[[dict[str, Any]], str]
) -> Callable[[dict[str, Any]], str]:
    """Names a project's record in a refusal: 「2026年市级清单的 ZS-2 新能源电池项目」."""

    def describe(record: dict[str, Any]) -> str:
        code, name = ctx.session.execute(
            select(Project.code, Project.name).where(Project.id == record["project_id"])
        ).one()
        return f"{what(record)}的 " + f"{code or ''} {name}".strip()

    return describe

"""Small tables of records (tens of rows: members, targets, a company's projects …) built from
their columns: each a header and the text one record shows in it.

`ProjectsTable` is the one list of projects that a team and a company both show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QTableWidget, QWidget

from crm.codes import Stage
from ui.activities.forms import fill_table, fmt_date, setup_table
from ui.widgets.money import format_amount

# A column: its header, and the text of a record in it.
Column = tuple[str, Callable[[Any], str]]


class RecordTable(QTableWidget):
    """Subclasses give `columns()` (and may give `ordered`, `colors`, `last_row`);
    `fill(records)` shows them, a row's id the record's `id_attr` (none when None)."""

    # Columns of numbers, aligned right.
    right_columns: frozenset[int] = frozenset()
    stretch_last = True
    id_attr: str | None = "id"

    def __init__(self, parent: QWidget | None = None, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
        setup_table(self, stretch_last=self.stretch_last)

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def ordered(self, records: Sequence[Any]) -> Sequence[Any]:
        """The records in the order shown (as given unless a table says otherwise)."""
        return records

    def colors(self, records: Sequence[Any]) -> list[str | None] | None:
        """A text colour per record (None: the default)."""
        return None

    def last_row(self, records: Sequence[Any]) -> list[str] | None:
        """A row under the records (the totals …), or None."""
        return None

    def fill(self, records: Sequence[Any]) -> None:
        records, columns = self.ordered(records), self.columns()
        rows = [[text(record) for _header, text in columns] for record in records]
        last = self.last_row(records)
        if last is not None:
            rows.append(last)
        fill_table(
            self,
            [header for header, _text in columns],
            rows,
            ids=[getattr(r, self.id_attr) for r in records] if self.id_attr else None,
            colors=self.colors(records),
            right_columns=self.right_columns,
        )


class ProjectsTable(RecordTable):
    """Projects with stage, agreed investment and signing date (and funds in place)."""

    def __init__(
        self, language: str, parent: QWidget | None = None, *, with_funds: bool = True
    ) -> None:
        self.with_funds = with_funds
        self.right_columns = frozenset({2, 4} if with_funds else {2})
        super().__init__(parent, language)

    def columns(self) -> list[Column]:
        columns = [
            (self.tr("项目名称"), lambda p: p.name),
            (self.tr("阶段"), lambda p: Stage.label_of(p.stage, self.language)),
            (self.tr("协议投资（万元）"), lambda p: format_amount(p.planned_investment)),
            (self.tr("签约日期"), lambda p: fmt_date(p.signed_on)),
        ]
        if self.with_funds:
            columns.append((self.tr("到位资金（万元）"), lambda p: format_amount(p.funds_in_place)))
        return columns

"""Column specs of the projects table (formatting prepared once per column)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from crm.codes import Stage
from crm.queries.project_list import COL
from ui.widgets.money import UNIT_YI, format_amount
from ui.widgets.paged_model import CENTER, LEFT, RIGHT, ColumnSpec, plain

#: Columns shown when the user has not chosen, in their default order (others are in the
#: header's menu): at 1366×768 name, stage, amount and team are in view beside the detail panel.
DEFAULT_VISIBLE = (
    "name",
    "stage",
    "planned_investment",
    "team",
    "company",
    "industry",
    "source_place",
    "funds_in_place",
    "signed_on",
    "days_in_stage",
    "responsible_person",
    "open_problems",
)
#: Default widths in characters of the table's font (at least the header's own text).
DEFAULT_WIDTHS = {
    "name": 13,
    "company": 11,
    "tags": 8,
    "industry": 8,
    "chain": 7,
    "source_place": 5,
    "landing": 7,
    "team": 8,
    "stage": 4,
    "planned_investment": 6,
    "funds_in_place": 6,
    "signed_on": 6,
    "funded_on": 6,
    "started_on": 6,
    "operating_on": 6,
    "days_in_stage": 4,
    "responsible_person": 4,
    "responsible_unit": 8,
    "open_problems": 4,
}


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _count(value: Any) -> str:
    return str(value) if value else ""


def _problems_color(value: Any) -> Any:
    return QColor("#c0392b") if value else None


class _Column(NamedTuple):
    """One row of the table below; `kind` picks the formatting and the alignment."""

    key: str
    header: str  # source text in the "ProjectColumns" context; %1 is the amount unit
    kind: str = "text"  # text, stage, money, date or count
    sort: str | None = None
    tooltip: bool = False


#: All columns, in default order.
_COLUMNS: tuple[_Column, ...] = (
    _Column("name", QT_TRANSLATE_NOOP("ProjectColumns", "项目名称"), sort="name", tooltip=True),
    _Column("code", QT_TRANSLATE_NOOP("ProjectColumns", "项目编号"), sort="code"),
    _Column("company", QT_TRANSLATE_NOOP("ProjectColumns", "投资方"), sort="company", tooltip=True),
    _Column("tags", QT_TRANSLATE_NOOP("ProjectColumns", "企业标签"), tooltip=True),
    _Column("industry", QT_TRANSLATE_NOOP("ProjectColumns", "行业"), sort="industry", tooltip=True),
    _Column("chain", QT_TRANSLATE_NOOP("ProjectColumns", "产业链"), sort="chain", tooltip=True),
    _Column(
        "source_place",
        QT_TRANSLATE_NOOP("ProjectColumns", "来源地"),
        sort="source_place",
        tooltip=True,
    ),
    _Column("landing", QT_TRANSLATE_NOOP("ProjectColumns", "落地园区"), tooltip=True),
    _Column("team", QT_TRANSLATE_NOOP("ProjectColumns", "工作队"), sort="team", tooltip=True),
    _Column("stage", QT_TRANSLATE_NOOP("ProjectColumns", "阶段"), "stage", sort="stage"),
    _Column(
        "planned_investment",
        QT_TRANSLATE_NOOP("ProjectColumns", "协议投资额（%1）"),
        "money",
        sort="planned_investment",
    ),
    _Column("funds_in_place", QT_TRANSLATE_NOOP("ProjectColumns", "到位资金（%1）"), "money"),
    _Column("signed_on", QT_TRANSLATE_NOOP("ProjectColumns", "签约日期"), "date", sort="signed_on"),
    _Column(
        "funded_on", QT_TRANSLATE_NOOP("ProjectColumns", "资金到位日期"), "date", sort="funded_on"
    ),
    _Column(
        "started_on", QT_TRANSLATE_NOOP("ProjectColumns", "开工日期"), "date", sort="started_on"
    ),
    _Column(
        "operating_on", QT_TRANSLATE_NOOP("ProjectColumns", "投产日期"), "date", sort="operating_on"
    ),
    _Column(
        "days_in_stage", QT_TRANSLATE_NOOP("ProjectColumns", "本阶段天数"), "count", sort="stage_on"
    ),
    _Column(
        "responsible_person",
        QT_TRANSLATE_NOOP("ProjectColumns", "责任人"),
        sort="responsible_person",
    ),
    _Column("responsible_unit", QT_TRANSLATE_NOOP("ProjectColumns", "责任单位"), tooltip=True),
    _Column("open_problems", QT_TRANSLATE_NOOP("ProjectColumns", "未销号问题"), "count"),
)
#: Alignment by kind: dates and stages centred, amounts and counts to the right.
_ALIGN = {"stage": CENTER, "money": RIGHT, "date": CENTER, "count": RIGHT}
#: Text colour by column (a value that needs attention).
_FOREGROUND = {"open_problems": _problems_color}


def project_columns(language: str = "zh", unit: str = "wan") -> list[ColumnSpec]:
    """All columns, in default order."""
    stage_labels = {s.value: s.label(language) for s in Stage}
    unit_text = (
        QCoreApplication.translate("ProjectColumns", "亿元")
        if unit == UNIT_YI
        else QCoreApplication.translate("ProjectColumns", "万元")
    )

    def money(value: Decimal | None) -> str:
        return format_amount(value, unit)

    def stage(value: str | None) -> str:
        return stage_labels.get(value or "", value or "")

    formats = {"text": plain, "stage": stage, "money": money, "date": _date, "count": _count}
    return [
        ColumnSpec(
            column.key,
            QCoreApplication.translate("ProjectColumns", column.header).replace("%1", unit_text),
            COL[column.key],
            formats[column.kind],
            _ALIGN.get(column.kind, LEFT),
            sort_key=column.sort,
            tooltip=column.tooltip,
            foreground=_FOREGROUND.get(column.key),
        )
        for column in _COLUMNS
    ]

"""Column specs of the projects table (formatting prepared once per column)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from crm.codes import Stage
from crm.queries.project_list import COL
from ui.widgets.money import UNIT_YI, format_amount
from ui.widgets.paged_model import CENTER, RIGHT, ColumnSpec

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

    return [
        ColumnSpec(
            "name",
            QCoreApplication.translate("ProjectColumns", "项目名称"),
            COL["name"],
            sort_key="name",
            tooltip=True,
        ),
        ColumnSpec(
            "code",
            QCoreApplication.translate("ProjectColumns", "项目编号"),
            COL["code"],
            sort_key="code",
        ),
        ColumnSpec(
            "company",
            QCoreApplication.translate("ProjectColumns", "投资方"),
            COL["company"],
            sort_key="company",
            tooltip=True,
        ),
        ColumnSpec(
            "tags",
            QCoreApplication.translate("ProjectColumns", "企业标签"),
            COL["tags"],
            tooltip=True,
        ),
        ColumnSpec(
            "industry",
            QCoreApplication.translate("ProjectColumns", "行业"),
            COL["industry"],
            sort_key="industry",
            tooltip=True,
        ),
        ColumnSpec(
            "chain",
            QCoreApplication.translate("ProjectColumns", "产业链"),
            COL["chain"],
            sort_key="chain",
            tooltip=True,
        ),
        ColumnSpec(
            "source_place",
            QCoreApplication.translate("ProjectColumns", "来源地"),
            COL["source_place"],
            sort_key="source_place",
            tooltip=True,
        ),
        ColumnSpec(
            "landing",
            QCoreApplication.translate("ProjectColumns", "落地园区"),
            COL["landing"],
            tooltip=True,
        ),
        ColumnSpec(
            "team",
            QCoreApplication.translate("ProjectColumns", "工作队"),
            COL["team"],
            sort_key="team",
            tooltip=True,
        ),
        ColumnSpec(
            "stage",
            QCoreApplication.translate("ProjectColumns", "阶段"),
            COL["stage"],
            stage,
            CENTER,
            sort_key="stage",
        ),
        ColumnSpec(
            "planned_investment",
            QCoreApplication.translate("ProjectColumns", "协议投资额（%1）").replace(
                "%1", unit_text
            ),
            COL["planned_investment"],
            money,
            RIGHT,
            sort_key="planned_investment",
        ),
        ColumnSpec(
            "funds_in_place",
            QCoreApplication.translate("ProjectColumns", "到位资金（%1）").replace("%1", unit_text),
            COL["funds_in_place"],
            money,
            RIGHT,
        ),
        ColumnSpec(
            "signed_on",
            QCoreApplication.translate("ProjectColumns", "签约日期"),
            COL["signed_on"],
            _date,
            CENTER,
            "signed_on",
        ),
        ColumnSpec(
            "funded_on",
            QCoreApplication.translate("ProjectColumns", "资金到位日期"),
            COL["funded_on"],
            _date,
            CENTER,
            "funded_on",
        ),
        ColumnSpec(
            "started_on",
            QCoreApplication.translate("ProjectColumns", "开工日期"),
            COL["started_on"],
            _date,
            CENTER,
            "started_on",
        ),
        ColumnSpec(
            "operating_on",
            QCoreApplication.translate("ProjectColumns", "投产日期"),
            COL["operating_on"],
            _date,
            CENTER,
            "operating_on",
        ),
        ColumnSpec(
            "days_in_stage",
            QCoreApplication.translate("ProjectColumns", "本阶段天数"),
            COL["days_in_stage"],
            _count,
            RIGHT,
            "stage_on",
        ),
        ColumnSpec(
            "responsible_person",
            QCoreApplication.translate("ProjectColumns", "责任人"),
            COL["responsible_person"],
            sort_key="responsible_person",
        ),
        ColumnSpec(
            "responsible_unit",
            QCoreApplication.translate("ProjectColumns", "责任单位"),
            COL["responsible_unit"],
            tooltip=True,
        ),
        ColumnSpec(
            "open_problems",
            QCoreApplication.translate("ProjectColumns", "未销号问题"),
            COL["open_problems"],
            _count,
            RIGHT,
            foreground=_problems_color,
        ),
    ]

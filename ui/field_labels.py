"""What people call the fields of projects and funds entries, and how a logged value reads.

One place for the change history, the merge preview and anything else that names a field:
labels instead of internal names (`name_normalized` never reaches a screen), and values as
people write them (codes as their labels, amounts in 万元, ids as names, yes/no).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from crm.codes import AgreementType, Coded, FundsSource, SourceClass, Stage
from ui.widgets.money import format_amount

#: Fields holding an amount in 万元.
MONEY_FIELDS = frozenset(
    {
        "planned_investment",
        "foreign_investment",
        "expected_annual_output",
        "amount",
        "fixed_asset_amount",
    }
)
BOOLEAN_FIELDS = frozenset({"is_major", "not_applicable"})
CODED_FIELDS: dict[str, type[Coded]] = {
    "stage": Stage,
    "agreement_type": AgreementType,
    "source": FundsSource,
    "source_class": SourceClass,
}


def _t(text: str) -> str:
    return QCoreApplication.translate("FieldLabels", text)


def field_label(field: str) -> str:
    """The label of a project or funds-entry field (the internal name only for unknown ones)."""
    labels = {
        "*": _t("（全部字段）"),
        "name": _t("项目名称"),
        "code": _t("项目编号"),
        "company_id": _t("投资方"),
        "industry_code": _t("行业"),
        "chain_code": _t("产业链"),
        "planned_investment": _t("协议投资额"),
        "foreign_investment": _t("其中外资"),
        "source_region_code": _t("来源地"),
        "source_country_code": _t("来源国家/地区"),
        "landing_region_code": _t("落地地区"),
        "park_id": _t("落地园区"),
        "responsible_unit": _t("责任单位"),
        "responsible_person": _t("责任人"),
        "team_id": _t("工作队"),
        "is_major": _t("重大项目"),
        "expected_jobs": _t("预计就业（人）"),
        "expected_annual_output": _t("预计年产值"),
        "stage": _t("当前阶段"),
        "signed_on": _t("签约日期"),
        "agreement_type": _t("协议类型"),
        "funded_on": _t("资金到位日期"),
        "started_on": _t("开工日期"),
        "operating_on": _t("投产日期"),
        "dropped_on": _t("终止日期"),
        "drop_reason": _t("终止原因"),
        "expected_signing_on": _t("预计签约日期"),
        "expected_start_on": _t("预计开工日期"),
        "expected_operation_on": _t("预计投产日期"),
        "notes": _t("备注"),
        "deleted_at": _t("删除时间"),
        "merged_into_id": _t("并入项目"),
        "received_on": _t("到位日期"),
        "amount": _t("金额"),
        "fixed_asset_amount": _t("其中固定资产投资"),
        "source": _t("资金来源"),
        "note": _t("说明/凭证"),
    }
    return labels.get(field, field)


def value_text(field: str, value: str | None, name: str | None, language: str) -> str:
    """A logged value as people read it. `name`: what an id or reference code stands for."""
    if value is None or value == "":
        return ""
    if name:
        return name
    if field in MONEY_FIELDS:
        try:
            return f"{format_amount(Decimal(value))} {_t('万元')}"
        except InvalidOperation:
            return value
    if field in BOOLEAN_FIELDS:
        return _t("是") if value in ("1", "true", "True") else _t("否")
    if field in CODED_FIELDS:
        try:
            return CODED_FIELDS[field](value).label(language)
        except ValueError:
            return value
    if field.endswith("_at"):
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return value if len(value) <= 120 else value[:117] + "…"

"""What people call the fields of projects and funds entries, and how a logged value reads.

One place for the change history, the merge preview and anything else that names a field:
labels instead of internal names (`name_normalized` never reaches a screen), and values as
people write them (codes as their labels, amounts in 万元, ids as names, yes/no).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm.codes import (
    ActivityKind,
)
from crm.logged_values import BOOLEAN_FIELDS, CODED_FIELDS, MONEY_FIELDS, is_true, shown_time
from crm.queries.logged_names import record_fields
from crm.queries.project_detail import HISTORY_HIDDEN_FIELDS
from ui.i18n import Labels
from ui.widgets.money import format_amount

#: The entries of a project's stage history (stage_event.kind).
_STEP_KINDS = Labels(
    "FieldLabels",
    {
        "advance": QT_TRANSLATE_NOOP("FieldLabels", "推进"),
        "skip": QT_TRANSLATE_NOOP("FieldLabels", "跳过"),
        "correction": QT_TRANSLATE_NOOP("FieldLabels", "更正"),
        "drop": QT_TRANSLATE_NOOP("FieldLabels", "终止"),
        "reopen": QT_TRANSLATE_NOOP("FieldLabels", "重新启用"),
        "upgrade": QT_TRANSLATE_NOOP("FieldLabels", "协议升格"),
    },
)

#: The fields of projects, funds entries and the other records a change history names.
_FIELD_LABELS = Labels(
    "FieldLabels",
    {
        "*": QT_TRANSLATE_NOOP("FieldLabels", "导入/新建记录"),
        "name": QT_TRANSLATE_NOOP("FieldLabels", "项目名称"),
        "code": QT_TRANSLATE_NOOP("FieldLabels", "项目编号"),
        "company_id": QT_TRANSLATE_NOOP("FieldLabels", "投资方"),
        "industry_code": QT_TRANSLATE_NOOP("FieldLabels", "行业"),
        "chain_code": QT_TRANSLATE_NOOP("FieldLabels", "产业链"),
        "planned_investment": QT_TRANSLATE_NOOP("FieldLabels", "协议投资额"),
        "foreign_investment": QT_TRANSLATE_NOOP("FieldLabels", "其中外资"),
        "source_region_code": QT_TRANSLATE_NOOP("FieldLabels", "来源地"),
        "source_country_code": QT_TRANSLATE_NOOP("FieldLabels", "来源国家/地区"),
        "landing_region_code": QT_TRANSLATE_NOOP("FieldLabels", "落地地区"),
        "park_id": QT_TRANSLATE_NOOP("FieldLabels", "落地园区"),
        "responsible_unit": QT_TRANSLATE_NOOP("FieldLabels", "责任单位"),
        "responsible_person": QT_TRANSLATE_NOOP("FieldLabels", "责任人"),
        "team_id": QT_TRANSLATE_NOOP("FieldLabels", "工作队"),
        "is_major": QT_TRANSLATE_NOOP("FieldLabels", "重大项目"),
        "expected_jobs": QT_TRANSLATE_NOOP("FieldLabels", "预计就业（人）"),
        "expected_annual_output": QT_TRANSLATE_NOOP("FieldLabels", "预计年产值"),
        "stage": QT_TRANSLATE_NOOP("FieldLabels", "当前阶段"),
        "signed_on": QT_TRANSLATE_NOOP("FieldLabels", "签约日期"),
        "agreement_type": QT_TRANSLATE_NOOP("FieldLabels", "协议类型"),
        "funded_on": QT_TRANSLATE_NOOP("FieldLabels", "资金到位日期"),
        "started_on": QT_TRANSLATE_NOOP("FieldLabels", "开工日期"),
        "operating_on": QT_TRANSLATE_NOOP("FieldLabels", "投产日期"),
        "dropped_on": QT_TRANSLATE_NOOP("FieldLabels", "终止日期"),
        "drop_reason": QT_TRANSLATE_NOOP("FieldLabels", "终止原因"),
        "expected_signing_on": QT_TRANSLATE_NOOP("FieldLabels", "预计签约日期"),
        "expected_start_on": QT_TRANSLATE_NOOP("FieldLabels", "预计开工日期"),
        "expected_operation_on": QT_TRANSLATE_NOOP("FieldLabels", "预计投产日期"),
        "notes": QT_TRANSLATE_NOOP("FieldLabels", "备注"),
        "deleted_at": QT_TRANSLATE_NOOP("FieldLabels", "删除时间"),
        "merged_into_id": QT_TRANSLATE_NOOP("FieldLabels", "并入项目"),
        "received_on": QT_TRANSLATE_NOOP("FieldLabels", "到位日期"),
        "amount": QT_TRANSLATE_NOOP("FieldLabels", "金额"),
        "fixed_asset_amount": QT_TRANSLATE_NOOP("FieldLabels", "其中固定资产投资"),
        "source": QT_TRANSLATE_NOOP("FieldLabels", "资金来源"),
        "note": QT_TRANSLATE_NOOP("FieldLabels", "说明/凭证"),
        "uscc": QT_TRANSLATE_NOOP("FieldLabels", "统一社会信用代码"),
        "former_names": QT_TRANSLATE_NOOP("FieldLabels", "曾用名"),
        "english_name": QT_TRANSLATE_NOOP("FieldLabels", "英文名称"),
        "hq_region_code": QT_TRANSLATE_NOOP("FieldLabels", "总部所在地"),
        "ownership": QT_TRANSLATE_NOOP("FieldLabels", "企业性质"),
        "parent_id": QT_TRANSLATE_NOOP("FieldLabels", "所属集团"),
        "website": QT_TRANSLATE_NOOP("FieldLabels", "网站"),
        "first_signed_on": QT_TRANSLATE_NOOP("FieldLabels", "首次签约日期"),
        "project_id": QT_TRANSLATE_NOOP("FieldLabels", "项目"),
        "occurred_on": QT_TRANSLATE_NOOP("FieldLabels", "发生日期"),
        "description": QT_TRANSLATE_NOOP("FieldLabels", "问题描述"),
        "category": QT_TRANSLATE_NOOP("FieldLabels", "类别"),
        "summary": QT_TRANSLATE_NOOP("FieldLabels", "内容摘要"),
        "contact_name": QT_TRANSLATE_NOOP("FieldLabels", "联系人"),
        "content": QT_TRANSLATE_NOOP("FieldLabels", "诉求内容"),
        "handling_unit": QT_TRANSLATE_NOOP("FieldLabels", "承办单位"),
        "confidential": QT_TRANSLATE_NOOP("FieldLabels", "保密线索"),
        "sequence": QT_TRANSLATE_NOOP("FieldLabels", "顺序号"),
        "kind": QT_TRANSLATE_NOOP("FieldLabels", "记录类型"),
        "not_applicable": QT_TRANSLATE_NOOP("FieldLabels", "不适用"),
        "comment": QT_TRANSLATE_NOOP("FieldLabels", "说明"),
        "value": QT_TRANSLATE_NOOP("FieldLabels", "设置值"),
    },
)
#: The settings a change log names (the record of a `setting` change is its key).
_SETTING_LABELS = Labels(
    "FieldLabels",
    {
        "bureau_name": QT_TRANSLATE_NOOP("FieldLabels", "投促局名称"),
        "bureau_region_code": QT_TRANSLATE_NOOP("FieldLabels", "本单位所在地区"),
        "bureau_level": QT_TRANSLATE_NOOP("FieldLabels", "单位级别"),
        "include_own_area": QT_TRANSLATE_NOOP("FieldLabels", "本地资金计入总体数字"),
        "project_code_pattern": QT_TRANSLATE_NOOP("FieldLabels", "项目编号格式"),
        "size_bands_wan": QT_TRANSLATE_NOOP("FieldLabels", "投资规模分档"),
        "brief_amount_places": QT_TRANSLATE_NOOP("FieldLabels", "简报金额小数位"),
        "brief_percent_places": QT_TRANSLATE_NOOP("FieldLabels", "简报百分比小数位"),
        "stalled_signed_not_started_days": QT_TRANSLATE_NOOP("FieldLabels", "签约未开工提醒（天）"),
        "stalled_started_not_operating_days": QT_TRANSLATE_NOOP(
            "FieldLabels", "开工未投产提醒（天）"
        ),
        "stalled_no_update_days": QT_TRANSLATE_NOOP("FieldLabels", "无跟进提醒（天）"),
        "user_name": QT_TRANSLATE_NOOP("FieldLabels", "我的姓名"),
        "my_team_id": QT_TRANSLATE_NOOP("FieldLabels", "我的工作队"),
        "usd_rate": QT_TRANSLATE_NOOP("FieldLabels", "美元汇率"),
        "backup_every_minutes": QT_TRANSLATE_NOOP("FieldLabels", "自动备份间隔（分钟）"),
        "backup_keep_daily": QT_TRANSLATE_NOOP("FieldLabels", "保留每日备份（天）"),
        "backup_keep_weekly": QT_TRANSLATE_NOOP("FieldLabels", "保留每周备份（周）"),
        "backup_keep_monthly": QT_TRANSLATE_NOOP("FieldLabels", "保留每月备份（月）"),
        "role_labels": QT_TRANSLATE_NOOP("FieldLabels", "角色名称"),
        "saved_analyses": QT_TRANSLATE_NOOP("FieldLabels", "保存的分析"),
    },
)


#: Labels that depend on the record: a name or a company of anything but a project, and a
#: request's received_on (the day it was 受理, where a funds entry's is the day money arrived).
_ELSEWHERE = Labels(
    "FieldLabels",
    {
        "name": QT_TRANSLATE_NOOP("FieldLabels", "名称"),
        "company_id": QT_TRANSLATE_NOOP("FieldLabels", "企业"),
        "code": QT_TRANSLATE_NOOP("FieldLabels", "代码"),
    },
)
_BY_TABLE = {
    "enterprise_request": Labels(
        "FieldLabels", {"received_on": QT_TRANSLATE_NOOP("FieldLabels", "受理日期")}
    ),
}


def field_label(field: str, table: str = "project") -> str:
    """The label of a field of `table`'s records (the internal name only for unknown ones)."""
    own = _BY_TABLE.get(table)
    if own is not None and own(field) != field:
        return own(field)
    if table != "project" and _ELSEWHERE(field) != field:
        return _ELSEWHERE(field)
    return _FIELD_LABELS(field)


def step_kind_label(kind: str) -> str:
    """An entry of a project's stage history: 推进, 跳过, 更正 …"""
    return _STEP_KINDS(kind)


def setting_label(key: str) -> str:
    """What the settings screen calls a setting (its key only for unknown ones)."""
    return _SETTING_LABELS(key)


def setting_value_text(value: str | None) -> str:
    """A logged setting value (JSON text) as people read it: "city" → city, true → 是."""
    if value is None:
        return ""
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    if isinstance(decoded, bool):
        if decoded:
            return QCoreApplication.translate("FieldLabels", "是")
        return QCoreApplication.translate("FieldLabels", "否")
    if isinstance(decoded, str):
        return decoded
    if not decoded and decoded != 0:
        return ""
    return json.dumps(decoded, ensure_ascii=False)


def value_text(
    field: str, value: str | None, name: str | None, language: str, table: str = "project"
) -> str:
    """A logged value as people read it. `name`: what an id or reference code stands for;
    `table`: the record's (a `kind` is an activity's kind or a stage entry's)."""
    if value is None or value == "":
        return ""
    if name:
        return name
    if field == "kind":
        if table == "stage_event":
            return step_kind_label(value)
        if table == "activity":
            try:
                return ActivityKind(value).label(language)
            except ValueError:
                return value
    if field in MONEY_FIELDS:
        try:
            unit = QCoreApplication.translate("FieldLabels", "万元")
            return f"{format_amount(Decimal(value))} {unit}"
        except InvalidOperation:
            return value
    if field in BOOLEAN_FIELDS:
        return (
            QCoreApplication.translate("FieldLabels", "是")
            if is_true(value)
            else QCoreApplication.translate("FieldLabels", "否")
        )
    if field in CODED_FIELDS:
        try:
            return CODED_FIELDS[field](value).label(language)
        except ValueError:
            return value
    if field.endswith("_at"):
        return shown_time(value)
    return value if len(value) <= 120 else value[:117] + "…"


def record_text(
    value: str | None,
    names: tuple[tuple[str, str], ...],
    language: str,
    *,
    table: str = "project",
    limit: int = 200,
) -> str:
    """A record loaded whole (a change of field `*`, its values as JSON) as "字段: 值" pairs:
    the fields people have a label for, references by `names`, codes and amounts readable."""
    named = dict(names)
    pairs = []
    for field, logged in record_fields("*", value).items():
        label = field_label(field, table)
        if label == field or field in HISTORY_HIDDEN_FIELDS:
            continue  # the program's own fields (matching keys, order numbers)
        if field.endswith(("_id", "_code")) and field not in named:
            continue  # an id or a code with no name to show
        shown = value_text(field, logged, named.get(field), language, table)
        pairs.append(f"{label}: {shown}")
    separator = "; " if language == "en" else "；"
    text = separator.join(pairs)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def logged_text(
    field: str,
    value: str | None,
    name: str | None,
    language: str,
    record_names: tuple[tuple[str, str], ...] = (),
    table: str = "project",
    limit: int = 200,
) -> str:
    """A change's value as people read it, a record loaded whole (field `*`) as its fields
    (at most `limit` characters)."""
    if field == "*":
        return record_text(value, record_names, language, table=table, limit=limit)
    return value_text(field, value, name, language, table)

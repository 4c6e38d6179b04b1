"""The fields of a dispatch sheet (重大项目调度表), and the headers that carry a date
(「1-11月中旬累计完成投资」, 「2026年计划投资」, 「11月中旬完成投资」): matched by pattern, and the
date read from them (crm.ledger.dispatch_dates).

Imported by crm.ledger.fields after FieldSpec and _f are defined (it registers this kind).
"""

from __future__ import annotations

import re
from dataclasses import replace

from crm.ledger.fields import _PROJECT, _PROJECT_CODE, _PROJECT_ID, _SEQ, FieldSpec
from crm.ledger.fields import _f as _field
from crm.limits import LIMITS

_STORED = {"company": ("company", "name"), "project": ("project", "name"),
           "project_code": ("project", "code"), "leader_name": ("dispatch_profile", "leader_name"),
           "programme": ("programme", "name")}  # fmt: skip


def _limited(field: FieldSpec, max_length: int = 0) -> FieldSpec:
    """The field with the length limit of the column it is stored in (crm.limits)."""
    table, column = _STORED.get(field.name, ("completion_entry", field.name))
    return replace(field, max_length=LIMITS.get(table, {}).get(column, 0) or max_length)


def _f(
    name: str, kind: str, label: str, *synonyms: str, max_length: int = 0, en: str = ""
) -> FieldSpec:
    return _limited(_field(name, kind, label, *synonyms, en=en), max_length)


DISPATCH = "dispatch"

DISPATCH_FIELDS: tuple[FieldSpec, ...] = (
    _SEQ,
    _limited(_PROJECT_CODE),
    _PROJECT_ID,
    _limited(_PROJECT),
    _f("company", "name", "项目业主", "建设单位", "业主单位", "项目单位", "投资主体",
       max_length=300, en="owner"),
    _f("construction_nature", "text", "建设性质", max_length=20, en="construction nature"),
    _f("level", "text", "项目级别", "清单级别", "项目层级", max_length=20, en="list level"),
    _f("programme", "text", "专项", "所属专项", "专项行动", max_length=100, en="programme"),
    _f("planned_investment", "money", "总投资", "计划总投资", "总投资额", en="planned total"),
    _f("year_plan", "money", "年度计划投资", "本年计划投资", "年计划投资", en="year plan"),
    _f("year_to_date", "money", "本年累计完成投资", "累计完成投资", "年度累计完成投资",
       en="completed this year"),
    _f("amount", "money", "本期完成投资", "本旬完成投资", "本月完成投资", en="completed in period"),
    _f("cumulative", "money", "开工以来累计完成投资", "开工累计完成投资",
       en="completed since start"),
    _f("image_progress", "longtext", "形象进度", "工程形象进度", max_length=2000,
       en="construction progress"),
    _f("progress_note", "longtext", "本期进展", "进展情况", "本旬进展", "推进情况",
       max_length=5000, en="progress"),
    _f("issues", "longtext", "存在问题", "存在困难和问题", "困难问题", "存在的问题",
       max_length=5000, en="issues"),
    _f("leader_name", "text", "包保领导", "挂点领导", "包保责任领导", "责任领导",
       max_length=100, en="responsible leader"),
    _f("expected_start_on", "date", "计划开工时间", "计划开工日期", en="planned start"),
    _f("started_on", "date", "实际开工时间", "实际开工日期", "开工时间", "开工日期",
       en="started on"),
    _f("expected_completion_on", "date", "计划竣工时间", "计划竣工日期", en="planned completion"),
    _f("completed_on", "date", "实际竣工时间", "竣工时间", "竣工日期", en="completed on"),
    _f("pooled_on", "date", "入库时间", "纳统时间", "入库纳统时间", en="pooled on"),
)  # fmt: skip

#: Headers with a date in them, folded (crm.ledger.fields.fold, punctuation removed).
DISPATCH_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[\d月至到]*(上旬|中旬|下旬)?(累计)?完成(投资)?累计$"), "year_to_date"),
    (re.compile(r"^[\d月至到]+(上旬|中旬|下旬)?累计完成(投资)?$"), "year_to_date"),
    (re.compile(r"^\d{4}年(度)?计划(完成)?投资$"), "year_plan"),
    (re.compile(r"^\d{1,2}月(上旬|中旬|下旬)?完成(投资)?$"), "amount"),
)
DISPATCH_HINTS = ("调度", "重大项目", "重点项目", "dispatch")
DISPATCH_REQUIRED = {"project"}

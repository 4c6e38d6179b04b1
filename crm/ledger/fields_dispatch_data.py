"""The fields of the sheets that carry dispatch data of the whole ledger: annual targets of
the bureau, its counties and parks (单位年度目标), yearly key-project lists (清单项目) and
investment completed (完成投资), each row one record with its 系统编号 hidden.

Imported by crm.ledger.fields after FieldSpec and _f are defined (it registers these kinds).
Their headers keep to their own words where a dispatch sheet (重大项目调度表) has its own, so
that neither is taken for the other (crm.ledger.layout).
"""

from __future__ import annotations

from dataclasses import replace

from crm.ledger.fields import _PROJECT, _PROJECT_CODE, _PROJECT_ID, _RECORD_ID, _SEQ, FieldSpec
from crm.ledger.fields import _f as _field
from crm.limits import LIMITS

TARGETS = "targets"
LISTS = "lists"
COMPLETIONS = "completions"
#: 项目调度信息: a project's dispatch profile (建设性质, 竣工, 入库/纳统, 包保领导).
PROFILES = "profiles"
DATA_LABELS = {
    TARGETS: ("单位年度目标", "Unit targets"),
    LISTS: ("清单项目", "Key-project lists"),
    COMPLETIONS: ("完成投资", "Investment completed"),
    PROFILES: ("项目调度信息", "Dispatch profiles"),
}
DATA_HINTS = {
    TARGETS: ("年度目标", "目标", "target"),
    LISTS: ("清单", "list"),
    COMPLETIONS: ("完成投资", "completed", "completion"),
    PROFILES: ("调度信息", "profile"),
}
#: Fields a header must have for the sheet to be taken as that kind.
DATA_REQUIRED = {
    TARGETS: {"year", "scope", "measure", "value"},
    LISTS: {"year", "level", "project"},
    COMPLETIONS: {"period_end", "project"},
    PROFILES: {"project"},
}
#: ... and their own column (crm.ledger.layout.DETECT_ANY): shared headers (项目名称, 年度)
#: keep their weight in the other kinds.
DATA_ANY = {TARGETS: {"measure"}, LISTS: {"level"}, COMPLETIONS: {"period_end"},
            PROFILES: {"construction_nature", "expected_completion_on", "completed_on",
                       "pooled_on", "leader_name"}}  # fmt: skip
#: ... and none of another kind's fields but a few (crm.ledger.layout.DETECT_NOT): a projects
#: ledger with a 建设性质 or 包保领导 column stays a projects sheet.
DATA_NOT = {PROFILES: ("projects", frozenset({"seq", "record_id", "code", "name"}))}


def _f(name: str, kind: str, label: str, *synonyms: str, table: str = "", en: str = "",
       required: bool = False) -> FieldSpec:  # fmt: skip
    field = _field(name, kind, label, *synonyms, en=en, required=required)
    limit = LIMITS.get(table, {}).get(name, 0)
    return replace(field, max_length=limit) if limit else field


_YEAR = _f("year", "year", "年度", "目标年度 清单年度", en="year", required=True)
_PROJECT_LIMITED = replace(_PROJECT, max_length=LIMITS["project"]["name"])

DATA_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    TARGETS: (
        _SEQ,
        _RECORD_ID,
        _YEAR,
        _f("scope", "target_scope", "范围", "目标范围 目标层级", en="scope", required=True),
        _f("region_code", "text", "县区代码", "县（市、区）代码 县区行政区划代码",
           en="county code"),
        _f("county", "name", "县区名称", "县（市、区） 县区", en="county"),
        _f("park", "park", "园区", "园区名称", en="park"),
        _f("measure", "target_measure", "指标", "目标指标 考核指标", en="measure",
           required=True),
        _f("value", "figure", "目标值", "目标 目标任务", en="target value", required=True),
    ),
    LISTS: (
        _SEQ,
        _RECORD_ID,
        _YEAR,
        _PROJECT_CODE,
        _PROJECT_ID,
        _PROJECT_LIMITED,
        _f("level", "list_level", "清单级别", "清单层级", en="list level", required=True),
        replace(_f("programme", "name", "专项", "所属专项", en="programme"),
                max_length=LIMITS["programme"]["name"]),
        _f("year_plan", "money", "年度计划投资", "本年计划投资", en="year plan"),
    ),
    COMPLETIONS: (
        _SEQ,
        _RECORD_ID,
        _PROJECT_CODE,
        _PROJECT_ID,
        _PROJECT_LIMITED,
        _f("period_end", "date", "期末日期", "截止日期 填报截止日期", en="period end",
           required=True),
        _f("period_kind", "completion_period", "期间", "填报周期 周期", en="period"),
        _f("amount", "money", "本期完成", "本期完成额", en="completed in period"),
        _f("year_to_date", "money", "年度累计", "年度累计完成", en="completed this year"),
        _f("cumulative", "money", "开工以来累计", "开工累计", en="completed since start"),
        _f("image_progress", "longtext", "形象进度", "工程形象进度", table="completion_entry",
           en="construction progress"),
        _f("progress_note", "longtext", "本期进展", "进展情况", table="completion_entry",
           en="progress"),
        _f("issues", "longtext", "存在问题", "困难问题", table="completion_entry", en="issues"),
    ),
    # The dispatch sheet's words (crm.ledger.fields_dispatch): a 重大项目调度表 matches these
    # too, and is told apart by its completion columns. 计划开工时间 and 实际开工时间 are the
    # projects sheet's (the stage machine keeps the start): not repeated here.
    PROFILES: (
        _SEQ,
        _PROJECT_CODE,
        _PROJECT_ID,
        _PROJECT_LIMITED,
        _f("construction_nature", "text", "建设性质", en="construction nature"),
        _f("expected_completion_on", "date", "计划竣工时间", "计划竣工日期",
           en="planned completion"),
        _f("completed_on", "date", "实际竣工时间", "竣工时间 竣工日期", en="completed on"),
        _f("pooled_on", "date", "入库纳统时间", "纳统时间", en="pooled on"),
        _f("leader_name", "text", "包保领导", "挂点领导 包保责任领导 责任领导",
           table="dispatch_profile", en="responsible leader"),
    ),
}  # fmt: skip

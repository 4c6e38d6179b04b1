"""A field's Chinese name for the messages of an import: its sheet header, or what the
services call a field that is no ledger column."""

from __future__ import annotations

from crm.ledger.fields import FIELDS

#: Names the services give fields that are no ledger column (a stage move's date …).
_SERVICE_FIELDS = {"on": "日期", "to_stage": "项目阶段", "stage": "项目阶段", "reason": "终止原因",
                   "comment": "说明",
                   "project_id": "项目", "company_id": "企业", "team_id": "工作队",
                   "park_id": "落地园区", "source_region_code": "投资来源地",
                   "industry_code": "所属行业", "chain_code": "产业链",
                   "region_group_code": "覆盖区域", "leader_name": "队长",
                   "station_region_code": "驻点城市", "person_name": "姓名",
                   "hq_region_code": "总部所在地", "parent_id": "所属集团",
                   "landing_region_code": "落地区域", "increased_on": "增资日期",
                   "from_on": "起始日期", "to_on": "截止日期", "start_on": "开始日期",
                   "end_on": "结束日期", "period_end": "截止日期",
                   # Fields a sync conflict can name (crm sync conflicts) that no sheet has.
                   "source_country_code": "来源国家/地区", "hq_country_code": "总部所在国家/地区",
                   "first_signed_on": "首次签约日期", "stage_on": "阶段日期",
                   "merged_into_id": "并入记录", "confidential": "保密线索"}  # fmt: skip


def field_label(kind: str, name: str) -> str:
    """A field's Chinese name for messages: its header, or what the services call it."""
    for field in FIELDS.get(kind, ()):
        if field.name == name:
            return field.label
    if name.startswith("skipped."):
        from crm.codes import Stage

        code = name.split(".", 1)[1]
        return f"{Stage(code).zh}日期" if code in Stage._value2member_map_ else "日期"
    return _SERVICE_FIELDS.get(name, name)


def any_field_label(name: str) -> str:
    """A field's Chinese name when the kind of record is not at hand (a service's message):
    the first sheet that has the field, else what the services call it."""
    for kind in FIELDS:
        label = field_label(kind, name)
        if label != name:
            return label
    return _SERVICE_FIELDS.get(name, name)

"""The fields of an enterprise-requests sheet (企业诉求台账).

Imported by crm.ledger.fields after FieldSpec and _f are defined (this module keeps that one
short enough to read).
"""

from __future__ import annotations

from crm.ledger.fields import _RECORD_ID, _SEQ, FieldSpec, _f

# Headers shared with other kinds weigh less in telling a sheet's kind (crm.ledger.layout):
# a request list keeps to its own words (no 项目名称 / 统一社会信用代码 / 问题描述 / 来源,
# and field names that are no other kind's English header), so that short project,
# company and funds sheets stay what they are. A request's project, if any,
# is linked in the window or with `crm request add --project`.
REQUEST_FIELDS: tuple[FieldSpec, ...] = (
    _SEQ,
    _RECORD_ID,
    _f("enterprise", "name", "企业名称", "诉求企业", "反映企业", "企业全称", required=True),
    _f("channel", "request_channel", "诉求来源", "来源渠道", "渠道", "诉求渠道",
       "收集渠道", required=True),
    _f("received", "date", "受理日期", "受理时间", "收到日期", "反映日期", "诉求时间",
       required=True, en="received on"),
    _f("category", "problem_category", "诉求类别", "诉求类型", "诉求分类", required=True),
    _f("content", "longtext", "诉求内容", "诉求事项", "具体诉求", "诉求",
       required=True),
    _f("handling_unit", "name", "承办单位", "办理单位", "主办单位", en="handling unit"),
    _f("co_units", "longtext", "协办单位", "配合单位", en="co-units"),
    _f("due_on", "date", "办理时限", "办理期限", en="due on"),
    _f("status", "request_status", "办理状态", "诉求状态"),
    _f("reject_reason", "longtext", "不予受理理由", "不受理原因",
       en="reason not accepted"),
    _f("reply", "longtext", "答复内容", "答复情况", "答复意见"),
    _f("replied_on", "date", "答复日期", "答复时间", en="replied on"),
    _f("closed_on", "date", "办结日期", "办结时间", en="closed on"),
    _f("satisfaction", "satisfaction", "回访结果", "满意度", "企业评价", "回访满意度"),
    _f("visited_on", "date", "回访日期", "回访时间", en="visited on"),
    _f("visited_by", "name", "回访人", en="visited by"),
    _f("escalation_unit", "name", "督办单位", en="escalation unit"),
    _f("escalated_on", "date", "督办日期", "督办时间", en="escalated on"),
)  # fmt: skip

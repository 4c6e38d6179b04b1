"""The fields of a key-enterprise list sheet (重点企业名单): each row an enterprise on one of
the bureau's lists with its level and year, and the commissioner (特派员) and responsible
leader (包保领导) who answer for it.

Imported by crm.ledger.fields after FieldSpec and _f are defined (it registers this kind).
"""

from __future__ import annotations

from dataclasses import replace

from crm.ledger.fields import _RECORD_ID, _SEQ, FieldSpec
from crm.ledger.fields import _f as _field
from crm.limits import LIMITS

KEYLIST = "keylist"


def _f(name: str, kind: str, label: str, *synonyms: str, table: str = "", en: str = "",
       required: bool = False) -> FieldSpec:  # fmt: skip
    field = _field(name, kind, label, *synonyms, en=en, required=required)
    limit = LIMITS.get(table, {}).get(name, 0)
    return replace(field, max_length=limit) if limit else field


KEYLIST_FIELDS: tuple[FieldSpec, ...] = (
    _SEQ,
    _RECORD_ID,  # the membership's (company_tag)
    replace(_f("company", "name", "企业名称", "重点企业", "企业全称", "企业", en="company",
               required=True), max_length=LIMITS["company"]["name"]),
    _f("uscc", "uscc", "统一社会信用代码", "信用代码", "社会信用代码", en="uscc"),
    _f("list", "text", "名单", "名单名称", "所属名单", "企业名单", "重点企业名单", en="list"),
    _f("level", "text", "级别", "名单级别", "层级", en="level"),
    _f("year", "year", "年度", "列入年度", "名单年度", en="year"),
    _f("valid_until", "date", "有效期至", "有效期", en="valid until"),
    _f("commissioner", "name", "特派员", "联络员", "服务专员", table="enterprise_liaison",
       en="commissioner"),
    _f("leader", "name", "包保领导", "挂点领导", "包保责任领导", "联系领导",
       table="enterprise_liaison", en="responsible leader"),
    _f("liaison_from", "date", "包保起始日期", "指定日期", "任职日期", en="assigned from"),
)  # fmt: skip

KEYLIST_HINTS = ("重点企业", "名单", "特派员", "key enterprise")

"""The fields a ledger can carry, per kind of sheet, with the headers people write for them.

Headers are compared after folding (full-width → half-width, lower case, no spaces or
punctuation); a unit in the header (万元, 亿元, 万美元 …) is taken off and kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from crm.limits import LIMITS


class Sheet:
    """The kinds of sheet a ledger holds (the keys of FIELDS and KIND_LABELS)."""

    PROJECTS = "projects"
    COMPANIES = "companies"
    CONTACTS = "contacts"
    FUNDS = "funds"
    #: 增资: more investment in a signed project, dated (counted as newly signed investment).
    INCREASES = "increases"
    TEAMS = "teams"
    PARKS = "parks"
    ACTIVITIES = "activities"
    PROBLEMS = "problems"
    #: Enterprise requests (企业诉求): raised by a company, with or without a project.
    REQUESTS = "requests"


#: Order of application: what later sheets refer to comes first.
SHEET_KINDS = (
    Sheet.TEAMS, Sheet.PARKS, Sheet.COMPANIES, Sheet.CONTACTS, Sheet.PROJECTS, Sheet.FUNDS,
    Sheet.INCREASES, Sheet.ACTIVITIES, Sheet.PROBLEMS, Sheet.REQUESTS,
)  # fmt: skip
KIND_LABELS = {
    Sheet.PROJECTS: ("项目", "Projects"),
    Sheet.COMPANIES: ("企业", "Companies"),
    Sheet.CONTACTS: ("联系人", "Contacts"),
    Sheet.FUNDS: ("到位资金", "Funds in place"),
    Sheet.INCREASES: ("增资", "Investment increases"),
    Sheet.TEAMS: ("驻点工作队", "Resident teams"),
    Sheet.PARKS: ("园区", "Parks"),
    Sheet.ACTIVITIES: ("跟进记录", "Activities"),
    Sheet.PROBLEMS: ("问题清单", "Problems"),
    Sheet.REQUESTS: ("企业诉求", "Enterprise requests"),
}

IGNORE = "-"  # the target of a mapping that drops a column on purpose


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # how values are parsed: see crm.ledger.parse.PARSERS
    label: str  # the Chinese header the export writes
    synonyms: tuple[str, ...] = ()
    required: bool = False
    max_length: int = 0
    label_en: str = ""

    def header(self, unit: str | None = None) -> str:
        """The header written on export, with its unit: 总投资（万元）."""
        if unit is None and self.kind == "money":
            unit = "万元"
        return f"{self.label}（{unit}）" if unit else self.label


def _f(
    name: str,
    kind: str,
    label: str,
    *synonyms: str,
    required: bool = False,
    en: str = "",
) -> FieldSpec:
    english = en or name.replace("_", " ")
    return FieldSpec(
        name,
        kind,
        label,
        # The English name is a header too: a table exported from the English window says it.
        (label, name, *(word for words in synonyms for word in words.split()), english),
        required,
        0,  # set from crm.limits below
        english,
    )


_USCC = _f(
    "uscc",
    "uscc",
    "统一社会信用代码",
    "信用代码 社会信用代码 creditcode",
    en="unified social credit code",
)
_CHAIN = _f("chain", "chain", "产业链", "所属产业链 industrychain")
_SEQ = _f("seq", "ignore", "序号", "no no. # 行号", en="No.")
_NOTES = _f("notes", "longtext", "备注", "说明 remark remarks notes")
_PROJECT_CODE = _f(
    "project_code", "text", "项目编号", "项目代码 项目编码 projectcode", en="project code"
)
_PROJECT = _f("project", "name", "项目名称", "项目 项目名 projectname")
#: The record's own UUID (every export writes it, in a hidden column): the surest match.
RECORD_ID = "record_id"
RECORD_ID_LABEL = "系统编号"
_RECORD_ID = _f(RECORD_ID, "uuid", RECORD_ID_LABEL, "记录编号 recordid systemid", en="record id")
#: The UUID of the project a funds entry, activity or problem belongs to (an export of those
#: views writes it, hidden: a project's name may be several projects').
PROJECT_ID_LABEL = "项目系统编号"
_PROJECT_ID = _f("project_id", "uuid", PROJECT_ID_LABEL, "projectid", en="project record id")

#: Headers for the investor that projects and funds entries name, besides their own ones.
_INVESTOR_HEADERS = ("投资主体", "企业名称", "签约企业")

# The request sheet's fields live in their own module (this one is long enough).
from crm.ledger.fields_requests import REQUEST_FIELDS  # noqa: E402  (needs _f above)

#: The columns a row of one project's entries starts with (funds, 增资, problems): its place
#: in the sheet, its own id, and the project it belongs to by code, id and name.
_ENTRY_HEAD = (_SEQ, _RECORD_ID, _PROJECT_CODE, _PROJECT_ID, _PROJECT)
#: The investor a funds or 增资 row names beside its project.
_ENTRY_INVESTOR = _f("company", "name", "投资方", *_INVESTOR_HEADERS, "investor")

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    Sheet.PROJECTS: (
        _SEQ,
        _RECORD_ID,
        _f("code", "text", "项目编号", "项目代码 项目编码 编号 projectcode", en="project code"),
        _f(
            "name",
            "name",
            "项目名称",
            "项目 项目名 projectname project",
            required=True,
            en="project name",
        ),
        _f(
            "company",
            "name",
            "投资方",
            *_INVESTOR_HEADERS,
            "投资企业 投资方名称 企业 项目业主 业主单位 建设单位 "
            "项目单位 投资单位 签约主体 investor company",
            en="investor",
        ),
        _USCC,
        _f("company_tags", "tags", "企业类型", "企业属性 企业标签 tags", en="company tags"),
        _f(
            "source",
            "place",
            "投资来源地",
            "来源地 投资方所在地 项目来源地 资金来源地 投资来源 "
            "客商来源地 投资方来源地 sourceplace",
            en="source place",
        ),
        _f("industry", "industry", "所属行业", "行业 行业分类 国民经济行业分类"),
        _CHAIN,
        _f(
            "planned_investment",
            "money",
            "总投资",
            "总投资额 计划总投资 协议投资额 投资额 协议投资 投资总额 "
            "项目总投资 签约金额 签约投资额 签约额 合同投资额 "
            "协议金额 totalinvestment planned",  # planned: the English window's 协议投资额
            en="planned investment",
        ),
        _f("foreign_investment", "money", "其中外资", "外资 利用外资 外资金额"),
        _f(
            "funds_total",
            "money",
            "到位资金",
            "实际到位资金 累计到位资金 到位资金合计 已到位资金 累计到位 fundsinplace",
            en="funds in place",
        ),
        _f("stage", "stage", "项目阶段", "进展阶段 当前状态 阶段 项目状态 status"),
        _f("agreement_type", "agreement", "协议类型", "签约类型 协议性质"),
        _f(
            "signed_on",
            "date_na",
            "签约时间",
            "签约日期 签订时间 协议签订时间 签约签订时间 signingdate",
            en="signed on",
        ),
        # A reopened project's first signing (what 新签约 counts), when older than 签约时间.
        _f(
            "first_signed_on",
            "date",
            "首次签约日期",
            "首次签约时间 firstsignedon",
            en="first signed on",
        ),
        _f(
            "funded_on",
            "date_na",
            "资金到位时间",
            "首笔资金到位时间 资金到位日期 fundeddate",
            en="funded on",
        ),
        _f(
            "started_on",
            "date_na",
            "开工时间",
            "开工日期 实际开工时间 实际开工日期 startdate",
            en="started on",
        ),
        _f(
            "operating_on",
            "date",
            "投产时间",
            "竣工投产时间 投产日期 实际投产时间 建成投产时间 实际竣工投产时间 operationdate",
            en="operating on",
        ),
        _f("dropped_on", "date", "终止时间", "退库时间 终止日期", en="dropped on"),
        _f("drop_reason", "longtext", "终止原因", "退库原因"),
        _f("lead_on", "date", "入库时间", "线索时间 录入时间", en="lead on"),
        _f("negotiating_on", "date_na", "洽谈时间", "在谈时间 首次洽谈时间", en="negotiating on"),
        _f("landing_region", "region_code", "落地区域", "落地县区 落地地区 landingregion"),
        _f("park", "park", "落地园区", "园区 所在园区 landingpark"),
        _f("responsible_unit", "name", "责任单位", "牵头单位 包保单位"),
        _f("responsible_person", "name", "责任人", "项目负责人 项目责任人"),
        _f("team", "team", "驻点工作队", "工作队 招商工作队 驻点招商工作队", en="resident team"),
        _f("is_major", "bool", "是否重大项目", "重大项目 major"),
        _f("confidential", "bool", "保密线索", "是否保密 是否保密线索 保密项目"),
        _f("expected_jobs", "int", "预计新增就业", "预计就业 新增就业", en="expected jobs"),
        _f(
            "expected_annual_output",
            "money",
            "预计年产值",
            "达产年产值 年产值",
            en="expected annual output",
        ),
        _f("expected_signing_on", "date", "预计签约时间", "计划签约时间"),
        _f("expected_start_on", "date", "计划开工时间", "预计开工时间 计划开工日期 预计开工日期"),
        _f(
            "expected_operation_on",
            "date",
            "计划投产时间",
            "预计投产时间 计划竣工投产时间 预计竣工投产时间",
        ),
        _NOTES,
    ),
    Sheet.COMPANIES: (
        _SEQ,
        _RECORD_ID,
        _f(
            "name",
            "name",
            "企业名称",
            "企业 公司名称 投资方 投资主体 签约企业 company companyname",
            required=True,
            en="company name",
        ),
        _USCC,
        _f("former_names", "name", "曾用名", "formername", en="former names"),
        _f("english_name", "name", "英文名称", "英文名 englishname"),
        _f(
            "hq",
            "place",
            "总部所在地",
            "总部 注册地 所在地 企业所在地 headquarters",
            en="headquarters",
        ),
        _f("ownership", "ownership", "企业性质", "所有制 经济类型 所有制性质 性质"),
        _f("industry", "industry", "所属行业", "行业 行业分类"),
        _CHAIN,
        _f("parent", "name", "所属集团", "母公司 集团 parentgroup", en="parent group"),
        _f("tags", "tags", "企业标签", "企业类型 企业属性 标签 榜单 lists", en="company tags"),
        _f("website", "name", "网站", "官网 网址"),
        _NOTES,
    ),
    Sheet.CONTACTS: (
        _SEQ,
        _RECORD_ID,
        _f(
            "company",
            "name",
            "企业名称",
            "企业 公司名称 所在企业 company",
            required=True,
            en="company name",
        ),
        _USCC,
        _f(
            "name",
            "name",
            "姓名",
            "联系人 联系人姓名 contact contactname",
            required=True,
            en="contact name",
        ),
        _f("title", "name", "职务", "职位 title"),
        _f("phone", "text", "电话", "联系电话 手机 手机号码 phone"),
        _f("email", "text", "电子邮箱", "邮箱 email e-mail"),
        _f("wechat", "text", "微信", "微信号 wechat"),
        _NOTES,
    ),
    Sheet.PARKS: (
        _SEQ,
        _RECORD_ID,
        _f("name", "name", "园区名称", "园区 park parkname", required=True, en="park name"),
        _f("region", "place", "所在地区", "所在区域 地区 region", en="region"),
        # A county's code or name (crm.ledger.plan_targets.county_of), set by set_park_county.
        _f("county", "text", "所属县区", "所在县区 县区 县区代码 县区名称", en="county"),
    ),
    Sheet.FUNDS: (
        *_ENTRY_HEAD,
        _ENTRY_INVESTOR,
        _f(
            "received_on",
            "date",
            "到位日期",
            "到位时间 到账日期 到账时间 日期 receiveddate date",
            required=True,
            en="received on",
        ),
        _f(
            "amount",
            "money",
            "到位金额",
            "到位资金 金额 到账金额 本期到位资金 实际到位资金 到位金额合计",
            required=True,
        ),
        _f(
            "fixed_asset_amount",
            "money",
            "其中固定资产投资",
            "固定资产投资 固定资产",
            en="fixed-asset amount",
        ),
        _f(
            "source",
            "funds_source",
            "资金来源",
            "来源 资金来源类别 来源类别 fundssource",
            en="funds source",
        ),
        _f("note", "longtext", "备注", "说明 remark"),
    ),
    Sheet.INCREASES: (
        *_ENTRY_HEAD,
        _ENTRY_INVESTOR,
        _f("increased_on", "date", "增资日期", "增资时间", required=True, en="increased on"),
        _f("amount", "money", "增资金额", "增资额", required=True, en="increase amount"),
        _f("note", "longtext", "备注", "说明 remark"),
    ),
    Sheet.TEAMS: (
        _SEQ,
        _RECORD_ID,
        _f(
            "name",
            "name",
            "工作队名称",
            "工作队 驻点工作队 驻点招商工作队 队名 team",
            required=True,
            en="team name",
        ),
        _f("home_unit", "name", "派出单位", "所属单位"),
        _f("station", "place", "驻点城市", "驻点地 驻点地区 驻点", en="station"),
        _f("region_group", "region_group", "覆盖区域", "对接区域 负责区域", en="region group"),
        _f("leader", "name", "队长", "领队"),
        _f("members", "members", "队员", "成员 工作队成员"),
        _f("active_from", "date", "派驻开始", "派驻开始时间 派驻时间", en="active from"),
        _f("active_to", "date", "派驻结束", "派驻结束时间", en="active to"),
        _f("target_year", "year", "目标年度", "年度 year", en="target year"),
        _f(
            "target_signed_investment",
            "money",
            "签约投资目标",
            "年度签约投资目标 年度签约目标 签约目标 年度目标任务 "
            "目标任务 年度目标 签约额目标 签约任务",
            en="signed investment target",
        ),
        _f(
            "target_signed_projects",
            "int",
            "签约项目数目标",
            "签约项目目标 签约项目个数目标 年度签约项目数目标",
            en="signed projects target",
        ),
        _f(
            "target_funds_in_place",
            "money",
            "到位资金目标",
            "年度到位资金目标 到位资金目标任务 年度到位资金目标任务",
            en="funds in place target",
        ),
        _f(
            "target_projects_over_100m",
            "int",
            "亿元以上项目目标",
            "亿元以上项目数目标",
            en="projects over 100m target",
        ),
        _NOTES,
    ),
    Sheet.ACTIVITIES: (
        _SEQ,
        _RECORD_ID,
        _f("occurred_on", "date", "日期", "跟进日期 活动日期 时间 date", required=True, en="date"),
        _f("kind", "activity_kind", "方式", "跟进方式 活动类型 类型", required=True),
        _PROJECT_CODE,
        _PROJECT_ID,
        _PROJECT,
        _f("company", "name", "企业名称", "企业 投资方"),
        _f("team", "team", "工作队", "驻点工作队"),
        _f("participants", "longtext", "参加人员", "参与人员 参与人"),
        _f("summary", "longtext", "内容", "跟进内容 情况 摘要 内容摘要"),
        _f("next_step", "longtext", "下一步", "下一步工作 下步计划", en="next step"),
        _f("next_step_due", "date", "下一步期限", "完成时限 期限 due", en="next step due"),
    ),
    Sheet.PROBLEMS: (
        *_ENTRY_HEAD,
        _f("category", "problem_category", "问题类别", "问题类型 类别", required=True),
        _f("description", "longtext", "问题描述", "问题 困难问题 企业诉求", required=True),
        _f("responsible_unit", "name", "责任单位", "牵头单位"),
        _f("raised_on", "date", "提出日期", "提出时间 反映时间", required=True, en="raised on"),
        _f("due_on", "date", "办结时限", "完成时限 期限 办结期限", en="due on"),
        _f("status", "problem_status", "办理状态", "状态 status"),
        _f("resolution", "longtext", "办理结果", "解决情况"),
        _f("resolved_on", "date", "销号日期", "办结日期 closedon", en="resolved on"),
    ),
    Sheet.REQUESTS: REQUEST_FIELDS,
}

#: The table each kind of sheet is stored in; fields stored elsewhere (an investor: company).
_TABLES = {
    Sheet.PROJECTS: "project", Sheet.COMPANIES: "company", Sheet.CONTACTS: "contact",
    Sheet.FUNDS: "funds_entry", Sheet.INCREASES: "investment_increase", Sheet.TEAMS: "team",
    Sheet.PARKS: "park",
    Sheet.ACTIVITIES: "activity", Sheet.PROBLEMS: "problem", Sheet.REQUESTS: "enterprise_request",
}  # fmt: skip
#: The kind of sheet a table's records are written in (for naming a record's fields).
KIND_OF_TABLE = {table: kind for kind, table in _TABLES.items()}
_STORED_AS = {"company": ("company", "name"), "parent": ("company", "name"),
              "project": ("project", "name"), "project_code": ("project", "code"),
              "leader": ("team", "leader_name")}  # fmt: skip


def _limited(kind: str, field: FieldSpec) -> FieldSpec:
    """The field with the length limit of the column it is stored in (crm.limits)."""
    table, column = _STORED_AS.get(field.name, (_TABLES[kind], field.name))
    limit = LIMITS.get(table, {}).get(column, 0)
    return replace(field, max_length=limit) if limit else field


FIELDS = {kind: tuple(_limited(kind, field) for field in fields) for kind, fields in FIELDS.items()}

# The dispatch sheet's fields live in their own module (this one is long enough).
from crm.ledger.fields_dispatch import DISPATCH, DISPATCH_FIELDS  # noqa: E402  (needs _f above)
from crm.ledger.fields_key import KEYLIST, KEYLIST_FIELDS  # noqa: E402  (needs _f above)

FIELDS[DISPATCH], FIELDS[KEYLIST] = DISPATCH_FIELDS, KEYLIST_FIELDS
KIND_LABELS[DISPATCH] = ("重大项目调度", "Project dispatch")
KIND_LABELS[KEYLIST] = ("重点企业名单", "Key enterprises")
SHEET_KINDS = (*SHEET_KINDS, DISPATCH, KEYLIST)

from crm.ledger.fields_dispatch_data import DATA_FIELDS, DATA_LABELS  # noqa: E402

FIELDS.update(DATA_FIELDS)
KIND_LABELS.update(DATA_LABELS)
SHEET_KINDS = (*SHEET_KINDS, *DATA_FIELDS)


def spec(kind: str, name: str) -> FieldSpec:
    for field in FIELDS[kind]:
        if field.name == name:
            return field
    raise KeyError(f"{kind}.{name}")


def field_names(kind: str) -> list[str]:
    return [f.name for f in FIELDS[kind]]

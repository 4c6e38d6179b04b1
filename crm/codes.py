"""Stable codes for every list of choices, each with a Chinese and an English label.

Codes are what the database stores; labels are what people read. Never store labels.
"""

from __future__ import annotations

from enum import StrEnum


class Coded(StrEnum):
    """A StrEnum whose members are declared with their labels: `LEAD = "lead", "线索", "Lead"`
    (the code stored, the Chinese and the English label), so a code and what people read of
    it are written in one place."""

    _zh: str
    _en: str

    def __new__(cls, value: str, zh: str = "", en: str = "") -> Coded:
        member = str.__new__(cls, value)
        member._value_ = value
        member._zh = zh or value
        member._en = en or value
        return member

    @property
    def zh(self) -> str:
        return self._zh

    @property
    def en(self) -> str:
        return self._en

    def label(self, language: str = "zh") -> str:
        return self.en if language.startswith("en") else self.zh

    @classmethod
    def label_of(cls, value: str | None, language: str = "zh") -> str:
        """The label of a stored code; the code itself when this version does not know it
        (data written by a newer one is shown, not hidden), '' for none."""
        member = cls._value2member_map_.get(value) if value else None
        return member.label(language) if isinstance(member, Coded) else (value or "")

    @classmethod
    def from_text(cls, text: str) -> Coded | None:
        """Match a code, a Chinese label or an English label (case-insensitive)."""
        key = text.strip().lower()
        for member in cls:
            if key in (member.value, member.zh.lower(), member.en.lower()):
                return member
        return None


class Stage(Coded):
    LEAD = "lead", "线索", "Lead"
    NEGOTIATING = "negotiating", "在谈", "Negotiating"
    SIGNED = "signed", "签约", "Signed"
    FUNDED = "funded", "资金到位", "Funded"
    STARTED = "started", "开工", "Started"
    OPERATING = "operating", "投产", "Operating"
    DROPPED = "dropped", "终止", "Dropped"

    @property
    def order(self) -> int:
        return PIPELINE.index(self) if self in PIPELINE else -1


#: The forward path; dropped stands outside it.
PIPELINE: tuple[Stage, ...] = (
    Stage.LEAD,
    Stage.NEGOTIATING,
    Stage.SIGNED,
    Stage.FUNDED,
    Stage.STARTED,
    Stage.OPERATING,
)


class AgreementType(Coded):
    INTENT = "intent", "意向协议", "Letter of intent"
    FRAMEWORK = "framework", "框架协议", "Framework agreement"
    FORMAL = "formal", "正式合同", "Formal contract"


class Ownership(Coded):
    STATE = "state", "国有", "State-owned"
    PRIVATE = "private", "民营", "Private"
    FOREIGN = "foreign", "外资", "Foreign"
    HMT = "hmt", "港澳台资", "Hong Kong/Macao/Taiwan"
    MIXED = "mixed", "混合所有制", "Mixed"


class SourceClass(Coded):
    """Where an investor comes from, relative to the bureau (crm.places says how). The
    bureau's own area keeps the stored code `in_city` at every level (市内, 县内, or 省内
    for a province bureau); labels here are a city bureau's, crm.places.AreaWords gives
    each bureau's own words."""

    OWN_AREA = "in_city", "市内", "Own area"
    IN_CITY = "in_city"  # the former name, an alias
    IN_PROVINCE = "in_province", "市外省内", "In province"
    OUT_OF_PROVINCE = "out_of_province", "省外境内", "Out of province"
    FOREIGN = "foreign", "境外", "Foreign"


class FundsSource(Coded):
    """Where money received came from: the same codes as SourceClass."""

    OUT_OF_PROVINCE = "out_of_province", "省外境内", "Out of province"
    FOREIGN = "foreign", "境外", "Foreign"
    IN_PROVINCE = "in_province", "省内", "In province"
    OWN_AREA = "in_city", "市内", "Own area"


class ActivityKind(Coded):
    VISIT = "visit", "拜访", "Visit"
    NEGOTIATION = "negotiation", "洽谈", "Negotiation"
    PHONE = "phone", "电话", "Phone call"
    CLOUD_MEETING = "cloud_meeting", "云洽谈", "Cloud meeting"
    SITE_INSPECTION = "site_inspection", "考察", "Site inspection"
    PROMOTION_EVENT = "promotion_event", "推介会", "Promotion event"
    SIGNING_CEREMONY = "signing_ceremony", "签约仪式", "Signing ceremony"


class ProblemCategory(Coded):
    LAND = "land", "用地", "Land"
    ENVIRONMENT = "environment", "环评", "Environmental approval"
    FUNDING = "funding", "资金", "Funding"
    LABOUR = "labour", "用工", "Labour"
    UTILITIES = "utilities", "水电气", "Utilities"
    PERMITS = "permits", "审批手续", "Permits"
    #: Kinds an enterprise's own requests (企业诉求) often fall in; problems may use them too,
    #: so that project problems and requests count in one table by category.
    POLICY = "policy", "政策兑现", "Policy support"
    FINANCING = "financing", "融资", "Financing"
    MARKET = "market", "市场拓展", "Market access"
    OTHER = "other", "其他", "Other"


class ProblemStatus(Coded):
    OPEN = "open", "待办", "Open"
    IN_PROGRESS = "in_progress", "办理中", "In progress"
    RESOLVED = "resolved", "已销号", "Resolved"


class RequestChannel(Coded):
    """How an enterprise's request reached the bureau (企业诉求的来源渠道)."""

    VISIT = "visit", "走访", "Visit"
    HOTLINE = "hotline", "热线", "Hotline"
    FORUM = "forum", "座谈会", "Forum"
    ONLINE = "online", "网上平台", "Online platform"
    LETTER = "letter", "来信来访", "Letter or walk-in"
    OTHER = "other", "其他", "Other"


class RequestStatus(Coded):
    """受理 → 办理中 → 已答复 → 已办结, or 不予受理; the moves are in crm/request_states.py."""

    ACCEPTED = "accepted", "受理", "Accepted"
    HANDLING = "handling", "办理中", "Being handled"
    REPLIED = "replied", "已答复", "Replied"
    CLOSED = "closed", "已办结", "Closed"
    REJECTED = "rejected", "不予受理", "Not accepted"


class Satisfaction(Coded):
    """The enterprise's word on the return visit (回访)."""

    SATISFIED = "satisfied", "满意", "Satisfied"
    FAIRLY = "fairly", "基本满意", "Fairly satisfied"
    UNSATISFIED = "unsatisfied", "不满意", "Not satisfied"


class ListLevel(Coded):
    """The level of the authority keeping a company list (重点企业名单的层级)."""

    NATIONAL = "national", "国家级", "National"
    PROVINCE = "province", "省级", "Provincial"
    CITY = "city", "市级", "City"
    COUNTY = "county", "县级", "County"


class TagKind(Coded):
    FORTUNE_GLOBAL_500 = "fortune_global_500", "世界500强", "Fortune Global 500"
    CHINA_500 = "china_500", "中国500强", "China Top 500"
    CHINA_MANUFACTURING_500 = (
        "china_manufacturing_500",
        "中国制造业500强",
        "China Manufacturing 500",
    )
    CHINA_PRIVATE_500 = "china_private_500", "中国民营企业500强", "China Private 500"
    LITTLE_GIANT = "little_giant", "专精特新小巨人", "Little giant (SRDI)"
    SRDI_PROVINCIAL = "srdi_provincial", "省级专精特新", "Provincial SRDI"
    GAZELLE = "gazelle", "瞪羚企业", "Gazelle"
    UNICORN = "unicorn", "独角兽", "Unicorn"
    INDUSTRY_LEADER = "industry_leader", "行业领军企业", "Industry leader"
    LISTED = "listed", "上市公司", "Listed company"


class TeamRole(Coded):
    LEADER = "leader", "队长", "Leader"
    DEPUTY = "deputy", "副队长", "Deputy leader"
    MEMBER = "member", "队员", "Member"


class ProjectListLevel(Coded):
    """The level of a yearly key-project list (年度重点项目 / 重大项目)."""

    PROVINCE = "province", "自治区/省级", "Province / region"
    CITY = "city", "市级", "City"
    COUNTY = "county", "县级", "County"


class ConstructionNature(Coded):
    """建设性质 of a project on a dispatch list."""

    NEW = "new", "新建", "New"
    EXPANSION = "expansion", "扩建", "Expansion"
    UPGRADE = "upgrade", "改建/技术改造", "Technical upgrade"
    RELOCATION = "relocation", "迁建", "Relocation"


class CompletionPeriod(Coded):
    """What one investment-completion entry covers: a 旬 or a month."""

    XUN = "xun", "旬", "Ten days"
    MONTH = "month", "月", "Month"


class TargetScope(Coded):
    """Whom an annual target is set for (teams keep their own targets)."""

    BUREAU = "bureau", "全局", "Bureau"
    COUNTY = "county", "县（市、区）", "County / district"
    PARK = "park", "园区", "Park"


class TargetMeasure(Coded):
    """What an annual target counts; amounts in 万元, the rest are counts."""

    SIGNED_PROJECTS = "signed_projects", "签约项目数", "Signed projects"
    SIGNED_INVESTMENT = "signed_investment", "签约额", "Signed investment"
    FUNDS_IN_PLACE = "funds_in_place", "到位资金", "Funds in place"
    PROJECTS_OVER_100M = "projects_over_100m", "亿元以上项目数", "Projects of 100M+"
    STARTED_PROJECTS = "started_projects", "开工项目数", "Projects started"
    COMPLETED_PROJECTS = "completed_projects", "竣工项目数", "Projects completed"
    UPGRADE_POOL = "upgrade_pool", "技改入库数", "Upgrade projects pooled"

    @property
    def is_amount(self) -> bool:
        return self in (TargetMeasure.SIGNED_INVESTMENT, TargetMeasure.FUNDS_IN_PLACE)


class Role(Coded):
    """What a person may do (crm.access holds the rules; a bureau may rename the labels)."""

    VIEWER = "viewer", "只读用户", "Viewer"
    MEMBER = "member", "工作队队员", "Team member"
    LEADER = "leader", "工作队队长", "Team leader"
    STAFF = "staff", "局机关工作人员", "Bureau staff"
    MANAGER = "manager", "局领导", "Manager"
    ADMIN = "admin", "系统管理员", "Administrator"

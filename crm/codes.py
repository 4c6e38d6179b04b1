"""Stable codes for every list of choices, each with a Chinese and an English label.

Codes are what the database stores; labels are what people read. Never store labels.
"""

from __future__ import annotations

from enum import StrEnum


class Coded(StrEnum):
    """A StrEnum whose members carry zh/en labels via the class-level LABELS table."""

    @property
    def zh(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]

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
    LEAD = "lead"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    FUNDED = "funded"
    STARTED = "started"
    OPERATING = "operating"
    DROPPED = "dropped"

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
    INTENT = "intent"
    FRAMEWORK = "framework"
    FORMAL = "formal"


class Ownership(Coded):
    STATE = "state"
    PRIVATE = "private"
    FOREIGN = "foreign"
    HMT = "hmt"
    MIXED = "mixed"


class SourceClass(Coded):
    """Where an investor comes from, relative to the bureau (crm.places says how). The
    bureau's own area keeps the stored code `in_city` at every level (市内, 县内, or 省内
    for a province bureau); labels here are a city bureau's, crm.places.AreaWords gives
    each bureau's own words."""

    OWN_AREA = "in_city"
    IN_CITY = "in_city"  # the former name, an alias
    IN_PROVINCE = "in_province"
    OUT_OF_PROVINCE = "out_of_province"
    FOREIGN = "foreign"


class FundsSource(Coded):
    """Where money received came from: the same codes as SourceClass."""

    OUT_OF_PROVINCE = "out_of_province"
    FOREIGN = "foreign"
    IN_PROVINCE = "in_province"
    OWN_AREA = "in_city"


class ActivityKind(Coded):
    VISIT = "visit"
    NEGOTIATION = "negotiation"
    PHONE = "phone"
    CLOUD_MEETING = "cloud_meeting"
    SITE_INSPECTION = "site_inspection"
    PROMOTION_EVENT = "promotion_event"
    SIGNING_CEREMONY = "signing_ceremony"


class ProblemCategory(Coded):
    LAND = "land"
    ENVIRONMENT = "environment"
    FUNDING = "funding"
    LABOUR = "labour"
    UTILITIES = "utilities"
    PERMITS = "permits"
    #: Kinds an enterprise's own requests (企业诉求) often fall in; problems may use them too,
    #: so that project problems and requests count in one table by category.
    POLICY = "policy"
    FINANCING = "financing"
    MARKET = "market"
    OTHER = "other"


class ProblemStatus(Coded):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class RequestChannel(Coded):
    """How an enterprise's request reached the bureau (企业诉求的来源渠道)."""

    VISIT = "visit"
    HOTLINE = "hotline"
    FORUM = "forum"
    ONLINE = "online"
    LETTER = "letter"
    OTHER = "other"


class RequestStatus(Coded):
    """受理 → 办理中 → 已答复 → 已办结, or 不予受理; the moves are in crm/request_states.py."""

    ACCEPTED = "accepted"
    HANDLING = "handling"
    REPLIED = "replied"
    CLOSED = "closed"
    REJECTED = "rejected"


class Satisfaction(Coded):
    """The enterprise's word on the return visit (回访)."""

    SATISFIED = "satisfied"
    FAIRLY = "fairly"
    UNSATISFIED = "unsatisfied"


class ListLevel(Coded):
    """The level of the authority keeping a company list (重点企业名单的层级)."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


class TagKind(Coded):
    FORTUNE_GLOBAL_500 = "fortune_global_500"
    CHINA_500 = "china_500"
    CHINA_MANUFACTURING_500 = "china_manufacturing_500"
    CHINA_PRIVATE_500 = "china_private_500"
    LITTLE_GIANT = "little_giant"
    SRDI_PROVINCIAL = "srdi_provincial"
    GAZELLE = "gazelle"
    UNICORN = "unicorn"
    INDUSTRY_LEADER = "industry_leader"
    LISTED = "listed"


class TeamRole(Coded):
    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBER = "member"


class ProjectListLevel(Coded):
    """The level of a yearly key-project list (年度重点项目 / 重大项目)."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


class ConstructionNature(Coded):
    """建设性质 of a project on a dispatch list."""

    NEW = "new"
    EXPANSION = "expansion"
    UPGRADE = "upgrade"
    RELOCATION = "relocation"


class CompletionPeriod(Coded):
    """What one investment-completion entry covers: a 旬 or a month."""

    XUN = "xun"
    MONTH = "month"


class TargetScope(Coded):
    """Whom an annual target is set for (teams keep their own targets)."""

    BUREAU = "bureau"
    COUNTY = "county"
    PARK = "park"


class TargetMeasure(Coded):
    """What an annual target counts; amounts in 万元, the rest are counts."""

    SIGNED_PROJECTS = "signed_projects"
    SIGNED_INVESTMENT = "signed_investment"
    FUNDS_IN_PLACE = "funds_in_place"
    PROJECTS_OVER_100M = "projects_over_100m"
    STARTED_PROJECTS = "started_projects"
    COMPLETED_PROJECTS = "completed_projects"
    UPGRADE_POOL = "upgrade_pool"

    @property
    def is_amount(self) -> bool:
        return self in (TargetMeasure.SIGNED_INVESTMENT, TargetMeasure.FUNDS_IN_PLACE)


class Role(Coded):
    """What a person may do (crm.access holds the rules; a bureau may rename the labels)."""

    VIEWER = "viewer"
    MEMBER = "member"
    LEADER = "leader"
    STAFF = "staff"
    MANAGER = "manager"
    ADMIN = "admin"


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "Stage": {
        "lead": ("线索", "Lead"),
        "negotiating": ("在谈", "Negotiating"),
        "signed": ("签约", "Signed"),
        "funded": ("资金到位", "Funded"),
        "started": ("开工", "Started"),
        "operating": ("投产", "Operating"),
        "dropped": ("终止", "Dropped"),
    },
    "AgreementType": {
        "intent": ("意向协议", "Letter of intent"),
        "framework": ("框架协议", "Framework agreement"),
        "formal": ("正式合同", "Formal contract"),
    },
    "Ownership": {
        "state": ("国有", "State-owned"),
        "private": ("民营", "Private"),
        "foreign": ("外资", "Foreign"),
        "hmt": ("港澳台资", "Hong Kong/Macao/Taiwan"),
        "mixed": ("混合所有制", "Mixed"),
    },
    "SourceClass": {
        "in_city": ("市内", "Own area"),
        "in_province": ("市外省内", "In province"),
        "out_of_province": ("省外境内", "Out of province"),
        "foreign": ("境外", "Foreign"),
    },
    "FundsSource": {
        "out_of_province": ("省外境内", "Out of province"),
        "foreign": ("境外", "Foreign"),
        "in_province": ("省内", "In province"),
        "in_city": ("市内", "Own area"),
    },
    "ActivityKind": {
        "visit": ("拜访", "Visit"),
        "negotiation": ("洽谈", "Negotiation"),
        "phone": ("电话", "Phone call"),
        "cloud_meeting": ("云洽谈", "Cloud meeting"),
        "site_inspection": ("考察", "Site inspection"),
        "promotion_event": ("推介会", "Promotion event"),
        "signing_ceremony": ("签约仪式", "Signing ceremony"),
    },
    "ProblemCategory": {
        "land": ("用地", "Land"),
        "environment": ("环评", "Environmental approval"),
        "funding": ("资金", "Funding"),
        "labour": ("用工", "Labour"),
        "utilities": ("水电气", "Utilities"),
        "permits": ("审批手续", "Permits"),
        "policy": ("政策兑现", "Policy support"),
        "financing": ("融资", "Financing"),
        "market": ("市场拓展", "Market access"),
        "other": ("其他", "Other"),
    },
    "ProblemStatus": {
        "open": ("待办", "Open"),
        "in_progress": ("办理中", "In progress"),
        "resolved": ("已销号", "Resolved"),
    },
    "RequestChannel": {
        "visit": ("走访", "Visit"),
        "hotline": ("热线", "Hotline"),
        "forum": ("座谈会", "Forum"),
        "online": ("网上平台", "Online platform"),
        "letter": ("来信来访", "Letter or walk-in"),
        "other": ("其他", "Other"),
    },
    "RequestStatus": {
        "accepted": ("受理", "Accepted"),
        "handling": ("办理中", "Being handled"),
        "replied": ("已答复", "Replied"),
        "closed": ("已办结", "Closed"),
        "rejected": ("不予受理", "Not accepted"),
    },
    "Satisfaction": {
        "satisfied": ("满意", "Satisfied"),
        "fairly": ("基本满意", "Fairly satisfied"),
        "unsatisfied": ("不满意", "Not satisfied"),
    },
    "ListLevel": {
        "national": ("国家级", "National"),
        "province": ("省级", "Provincial"),
        "city": ("市级", "City"),
        "county": ("县级", "County"),
    },
    "TagKind": {
        "fortune_global_500": ("世界500强", "Fortune Global 500"),
        "china_500": ("中国500强", "China Top 500"),
        "china_manufacturing_500": ("中国制造业500强", "China Manufacturing 500"),
        "china_private_500": ("中国民营企业500强", "China Private 500"),
        "little_giant": ("专精特新小巨人", "Little giant (SRDI)"),
        "srdi_provincial": ("省级专精特新", "Provincial SRDI"),
        "gazelle": ("瞪羚企业", "Gazelle"),
        "unicorn": ("独角兽", "Unicorn"),
        "industry_leader": ("行业领军企业", "Industry leader"),
        "listed": ("上市公司", "Listed company"),
    },
    "Role": {
        "viewer": ("只读用户", "Viewer"),
        "member": ("工作队队员", "Team member"),
        "leader": ("工作队队长", "Team leader"),
        "staff": ("局机关工作人员", "Bureau staff"),
        "manager": ("局领导", "Manager"),
        "admin": ("系统管理员", "Administrator"),
    },
    "TeamRole": {
        "leader": ("队长", "Leader"),
        "deputy": ("副队长", "Deputy leader"),
        "member": ("队员", "Member"),
    },
    "ProjectListLevel": {
        "province": ("自治区/省级", "Province / region"),
        "city": ("市级", "City"),
        "county": ("县级", "County"),
    },
    "ConstructionNature": {
        "new": ("新建", "New"),
        "expansion": ("扩建", "Expansion"),
        "upgrade": ("改建/技术改造", "Technical upgrade"),
        "relocation": ("迁建", "Relocation"),
    },
    "CompletionPeriod": {
        "xun": ("旬", "Ten days"),
        "month": ("月", "Month"),
    },
    "TargetScope": {
        "bureau": ("全局", "Bureau"),
        "county": ("县（市、区）", "County / district"),
        "park": ("园区", "Park"),
    },
    "TargetMeasure": {
        "signed_projects": ("签约项目数", "Signed projects"),
        "signed_investment": ("签约额", "Signed investment"),
        "funds_in_place": ("到位资金", "Funds in place"),
        "projects_over_100m": ("亿元以上项目数", "Projects of 100M+"),
        "started_projects": ("开工项目数", "Projects started"),
        "completed_projects": ("竣工项目数", "Projects completed"),
        "upgrade_pool": ("技改入库数", "Upgrade projects pooled"),
    },
}

"""Names in a ledger → codes and ids of the reference lists and of existing teams and parks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from crm.codes import (
    ActivityKind,
    AgreementType,
    Coded,
    CompletionPeriod,
    FundsSource,
    Ownership,
    ProblemCategory,
    ProblemStatus,
    ProjectListLevel,
    RequestChannel,
    RequestStatus,
    Satisfaction,
    Stage,
    TagKind,
    TargetMeasure,
    TargetScope,
)
from crm.ledger.headers import fold
from crm.ledger.values import CellError, parse_date
from crm.places import HMT_COUNTRIES, level_of


@dataclass(frozen=True, slots=True)
class Missing:
    """A team, park or chain named in the ledger that does not exist yet."""

    kind: str  # team / park / chain
    name: str


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    # Pure, and a ledger names the same few teams, parks and chains on every row.
    return _NOT_KEY.sub("", fold(text))


_NOT_KEY = re.compile(r"[\s\W_]+")


_STAGE_WORDS = {
    "线索": Stage.LEAD, "意向": Stage.LEAD, "储备": Stage.LEAD, "谋划": Stage.LEAD,
    "在谈": Stage.NEGOTIATING, "洽谈": Stage.NEGOTIATING, "在洽谈": Stage.NEGOTIATING,
    "签约": Stage.SIGNED, "签订": Stage.SIGNED, "履约": Stage.SIGNED,
    "资金到位": Stage.FUNDED, "到位": Stage.FUNDED, "到资": Stage.FUNDED,
    "开工": Stage.STARTED, "在建": Stage.STARTED, "动工": Stage.STARTED, "开业": Stage.STARTED,
    "投产": Stage.OPERATING, "竣工投产": Stage.OPERATING, "建成投产": Stage.OPERATING,
    "运营": Stage.OPERATING, "竣工": Stage.OPERATING, "投入运营": Stage.OPERATING,
    "终止": Stage.DROPPED, "退库": Stage.DROPPED, "终止退库": Stage.DROPPED, "停止": Stage.DROPPED,
}  # fmt: skip

#: The kinds of field (FieldSpec.kind) whose values are codes of one list (parse_coded).
CODED_KINDS: dict[str, type[Coded]] = {
    "agreement": AgreementType,
    "ownership": Ownership,
    "activity_kind": ActivityKind,
    "problem_category": ProblemCategory,
    "problem_status": ProblemStatus,
    "request_channel": RequestChannel,
    "request_status": RequestStatus,
    "satisfaction": Satisfaction,
    "target_scope": TargetScope,
    "target_measure": TargetMeasure,
    "list_level": ProjectListLevel,
    "completion_period": CompletionPeriod,
}

_EXTRA: dict[type[Coded], dict[str, str]] = {
    AgreementType: {"意向": "intent", "意向书": "intent", "框架": "framework",
                    "合同": "formal", "正式协议": "formal", "投资协议": "formal",
                    "正式": "formal"},
    Ownership: {"国企": "state", "国有企业": "state", "央企": "state", "民企": "private",
                "民营企业": "private", "私营": "private", "外企": "foreign",
                "外资企业": "foreign", "港资": "hmt", "澳资": "hmt", "台资": "hmt",
                "港澳台": "hmt", "混合": "mixed"},
    FundsSource: {"省外": "out_of_province", "国内省外": "out_of_province", "外资": "foreign",
                  "境外资金": "foreign", "省内": "in_province", "市外省内": "in_province"},
    ActivityKind: {"走访": "visit", "上门拜访": "visit", "谈判": "negotiation",
                   "电话联系": "phone", "视频会议": "cloud_meeting",
                   "线上洽谈": "cloud_meeting", "实地考察": "site_inspection",
                   "来访考察": "site_inspection", "推介": "promotion_event",
                   "招商推介会": "promotion_event", "签约": "signing_ceremony"},
    ProblemCategory: {"土地": "land", "用地保障": "land", "环保": "environment",
                      "环评审批": "environment", "资金缺口": "funding",
                      "招工": "labour", "用工难": "labour", "水电": "utilities",
                      "用电": "utilities", "审批": "permits", "手续": "permits",
                      "证照": "permits"},
    RequestChannel: {"上门走访": "visit", "走访企业": "visit", "12345热线": "hotline",
                     "电话": "hotline", "政企座谈会": "forum", "座谈": "forum",
                     "网络平台": "online", "线上": "online", "来信": "letter", "来访": "letter"},
    RequestStatus: {"已受理": "accepted", "待办": "accepted", "正在办理": "handling",
                    "办理": "handling", "答复": "replied", "办结": "closed", "已解决": "closed",
                    "不受理": "rejected"},
    TargetScope: {"全市": "bureau", "本局": "bureau", "局": "bureau", "县区": "county",
                  "县市区": "county", "县": "county"},
    ProjectListLevel: {"省级": "province", "自治区级": "province", "市": "city", "县": "county"},
    CompletionPeriod: {"旬报": "xun", "月报": "month", "月度": "month"},
    Satisfaction: {"非常满意": "satisfied", "比较满意": "fairly", "一般": "fairly"},
    ProblemStatus: {"未解决": "open", "待解决": "open", "未办结": "open",
                    "推进中": "in_progress", "正在办理": "in_progress", "已解决": "resolved",
                    "已办结": "resolved", "办结": "resolved", "销号": "resolved",
                    "解决": "resolved"},
}  # fmt: skip


def parse_stage(text: str) -> str:
    member = Stage.from_text(text)
    if member is not None:
        return member.value
    key = _key(text)
    for candidate in (
        key,
        key.removeprefix("已"),
        key.removesuffix("中"),
        key.removeprefix("已").removesuffix("中"),
        key.removeprefix("正在"),
    ):
        if candidate in _STAGE_WORDS:
            return _STAGE_WORDS[candidate].value
    raise CellError("unknown_stage")


def parse_coded(codes: type[Coded], text: str) -> str:
    member = codes.from_text(text)
    if member is not None:
        return member.value
    key = _key(text)
    extra = _EXTRA.get(codes, {})
    for candidate in (
        key,
        key.removeprefix("已"),
        key.removesuffix("类"),
        key.removesuffix("问题"),
    ):
        if candidate in extra:
            return extra[candidate]
        for member in codes:
            if candidate in (_key(member.zh), _key(member.en), member.value):
                return member.value
    raise CellError("unknown_code", "、".join(m.zh for m in codes))


_TAG_WORDS = {
    "世界500强": "fortune_global_500", "财富世界500强": "fortune_global_500",
    "fortune500": "fortune_global_500", "中国500强": "china_500", "中国企业500强": "china_500",
    "中国制造业500强": "china_manufacturing_500", "中国制造业企业500强": "china_manufacturing_500",
    "制造业500强": "china_manufacturing_500", "中国民营企业500强": "china_private_500",
    "民营500强": "china_private_500", "民营企业500强": "china_private_500",
    "中国民营500强": "china_private_500", "小巨人": "little_giant",
    "专精特新小巨人": "little_giant", "国家级专精特新小巨人": "little_giant",
    "国家级小巨人": "little_giant", "专精特新小巨人企业": "little_giant",
    "省级专精特新": "srdi_provincial", "省级专精特新中小企业": "srdi_provincial",
    "专精特新": "srdi_provincial", "专精特新企业": "srdi_provincial", "瞪羚": "gazelle",
    "瞪羚企业": "gazelle", "独角兽": "unicorn", "独角兽企业": "unicorn",
    "行业领军": "industry_leader", "行业领军企业": "industry_leader", "龙头企业": "industry_leader",
    "行业龙头": "industry_leader", "上市公司": "listed", "上市企业": "listed", "上市": "listed",
}  # fmt: skip
_TAG_DETAIL = re.compile(
    r"^(.*?)[(\[]?((?:19|20)\d{2})?(?:年)?(?:[,，]?\s*(?:第|rank|no\.?)?\s*(\d+)\s*(?:位|名)?)?[)\]]?$"
)


_VALID_UNTIL = re.compile(r"[,;]?\s*有效期至\s*([0-9]{4}[-./年][0-9]{1,2}[-./月][0-9]{1,2}日?)")
VALID_UNTIL_WORD = "有效期至"


@dataclass(frozen=True, slots=True)
class Landed:
    """A 落地区域 read only in part: the place (`code`) and why the rest was left out, as a
    warning (`problem` with `detail`)."""

    code: str
    problem: str
    detail: tuple[str, str]  # Chinese, English


#: Higher levels first when one short name is a city's and a county's (朝阳市, 朝阳县).
LEVEL_RANK = {"province": 0, "city": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class TagValue:
    tag: str
    edition_year: int | None = None
    rank: int | None = None
    valid_until: date | None = None


@dataclass
class References:
    """Lookups built once per import from the database's reference lists."""

    regions: dict[str, str] = field(default_factory=dict)  # folded name/short/code → code
    provinces: dict[str, str] = field(default_factory=dict)
    cities_by_province: dict[str, dict[str, str]] = field(default_factory=dict)
    city_prefixes: list[tuple[str, str]] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)
    country_prefixes: list[tuple[str, str]] = field(default_factory=list)
    industries: dict[str, str] = field(default_factory=dict)
    chains: dict[str, str] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)
    parks: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    region_groups: dict[str, str] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)  # code → full name
    country_names: dict[str, str] = field(default_factory=dict)
    industry_names: dict[str, str] = field(default_factory=dict)
    chain_names: dict[str, str] = field(default_factory=dict)
    team_names: dict[str, str] = field(default_factory=dict)  # id → name
    park_names: dict[str, str] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)
    #: Names of deleted teams and parks: the services refuse a new one of the same name.
    deleted_teams: set[str] = field(default_factory=set)
    deleted_parks: set[str] = field(default_factory=set)
    #: Counties and districts (县级, crm.models.County): folded name or short name → codes
    #: (朝阳区 is a district of 北京 and of 长春); parent (city, or province) → its counties
    #: by folded name and short name; code → the name an export writes (南宁市武鸣区).
    counties: dict[str, list[str]] = field(default_factory=dict)
    counties_by_parent: dict[str, dict[str, str]] = field(default_factory=dict)
    county_labels: dict[str, str] = field(default_factory=dict)
    #: The bureau's region code (Settings): a district's name is looked for there first.
    bureau_region: str = ""
    #: English names two cities share (taizhou): the names that tell them apart.
    ambiguous_english: dict[str, list[str]] = field(default_factory=dict)

    # --- places -------------------------------------------------------------------------------

    def place(self, text: str) -> tuple[str | None, str]:
        """(region code, country code): 广东省深圳市 / 深圳 → 440300, CN; 法国 → None, FR."""
        key = _key(text)
        if key.isdigit() and len(key) == 6:
            if key in self.region_names:
                return key, "CN"
            city = key[:4] + "00"
            if city in self.region_names:
                return city, "CN"
        if key in self.regions:
            return self.regions[key], "CN"
        upper = key.upper()
        if len(upper) == 2 and upper in self.country_names:
            return _hmt(None, upper)
        if key in self.countries:
            return _hmt(None, self.countries[key])
        found = self._prefix_place(key)
        if found:
            return found
        self._refuse_ambiguous(key)
        raise CellError("unknown_place")

    def _refuse_ambiguous(self, key: str) -> None:
        """Taizhou names two cities: refused, naming the English names that tell them apart."""
        if key in self.ambiguous_english:
            raise CellError("ambiguous_city", "、".join(self.ambiguous_english[key]))

    def landing_region(self, text: str) -> str | Landed:
        """落地区域 → a region code: a province, a city or a county/district, by its name
        (西乡塘区, 武鸣), by its city's name and its own (南宁市西乡塘区, 广西南宁市武鸣区), or by
        a code. A district's name that several cities have is taken in the bureau's area,
        else its province, else refused as ambiguous. A city followed by words that name
        none of its districts (南宁市高新区) gives the city, with a warning (`Landed`)."""
        key = _key(text)
        if key.isdigit() and len(key) == 6:
            return key
        named = self.landing_by_name(key)
        if named:
            return named
        partial: tuple[str, str] | None = None
        for parent, rest in self._parent_prefixes(key):
            if not rest:
                return parent
            county = self.counties_by_parent.get(parent, {}).get(rest)
            if county:
                return county
            partial = partial or (parent, rest)
        if partial is None:
            self._refuse_ambiguous(key)
            raise CellError("unknown_place")
        parent, rest = partial
        name = self.region_names.get(parent, parent)
        return Landed(
            parent,
            "not_a_district",
            (
                f"“{rest}”不是{name}的县区，落地区域只记到{name}",
                f"'{rest}' is not a district of {name}; the landing region is {name} alone",
            ),
        )

    def landing_by_name(self, key: str) -> str | None:
        """A province, city or county whose whole name or short name is `key`: the one
        nearest the bureau (its own area, its city, its province, then anywhere), a city
        before a county of the same short name (朝阳 → 朝阳市 unless the bureau's area has
        a 朝阳区); several equally near: refused, naming them."""
        found = set(self.counties.get(key, ()))
        if key in self.regions:
            found.add(self.regions[key])
        if not found:
            return None
        bureau = self.bureau_region if len(self.bureau_region) == 6 else ""
        for scope in dict.fromkeys((bureau, bureau[:4], bureau[:2], "")):
            near = sorted(code for code in found if code.startswith(scope))
            if not near:
                continue
            if len(near) > 1:
                top = min(LEVEL_RANK[level_of(code)] for code in near)
                near = [code for code in near if LEVEL_RANK[level_of(code)] == top]
            if len(near) == 1:
                return near[0]
            names = "、".join(self.landing_label(code) for code in near)
            raise CellError("ambiguous_place", names)
        return None

    def landing_exact(self, key: str) -> str | None:
        """The place a folded text names in whole, as the projects screen writes it in its
        落地园区 column when a project has no park: a name (landing_by_name: 隆安县,
        Nanning) or a place followed by one of its districts (南宁市隆安县); None when any
        part is no place (南宁市高新区 may be a park's name)."""
        named = self.landing_by_name(key)
        if named:
            return named
        for parent, rest in self._parent_prefixes(key):
            found = self.counties_by_parent.get(parent, {}).get(rest) if rest else parent
            if found:
                return found
        return None

    def _parent_prefixes(self, key: str) -> list[tuple[str, str]]:
        """Ways `key` may start with a province and/or a city: (that place, the rest)."""
        found: list[tuple[str, str]] = []
        starts = [
            (code, key[len(province_key) :])
            for province_key, code in self._province_prefixes()
            if key.startswith(province_key)
        ]
        for province, rest in [*starts, (None, key)]:
            cities = (
                self.cities_by_province.get(province, {}).items()
                if province
                else self.city_prefixes
            )
            for city_key, city in cities:
                if rest.startswith(city_key):
                    found.append((city, rest[len(city_key) :]))
            if province:
                found.append((province, rest))
        return found

    def landing_label(self, code: str | None) -> str:
        """A 落地区域 as the export writes it and landing_region reads it back: 广西壮族自治区
        南宁市 for a city, 南宁市武鸣区 for a district (北京市朝阳区 under a municipality);
        an unknown code as it is."""
        if not code:
            return ""
        if code in self.county_labels:
            return self.county_labels[code]
        if code in self.region_names:
            return self.place_label(code, None)
        return code

    def _prefix_place(self, key: str) -> tuple[str | None, str] | None:
        for province_key, code in self._province_prefixes():
            if key.startswith(province_key):
                rest = key[len(province_key) :]
                for city_key, city in self.cities_by_province.get(code, {}).items():
                    if rest.startswith(city_key):
                        return city, "CN"
                return code, "CN"
        for city_key, city in self.city_prefixes:
            if key.startswith(city_key):
                return city, "CN"
        for country_key, country in self.country_prefixes:
            if key.startswith(country_key):
                return _hmt(None, country)
        return None

    def _province_prefixes(self) -> list[tuple[str, str]]:
        return sorted(self.provinces.items(), key=lambda kv: -len(kv[0]))

    def place_label(self, region: str | None, country: str | None) -> str:
        if region:
            name = self.region_names.get(region, region)
            province = region[:2] + "0000"
            if region != province and province in self.region_names:
                return self.region_names[province] + name
            return name
        if country and country != "CN":
            return self.country_names.get(country, country)
        return ""

    # --- industries, chains, tags, groups -----------------------------------------------------

    def industry(self, text: str) -> str:
        key = _key(text)
        if key.upper() in self.industry_names:
            return key.upper()
        match = re.match(r"^([a-t])?(\d{2})", key)
        if match and match[2] in self.industry_names:
            return match[2]
        if re.fullmatch(r"[a-t]", key):
            return key.upper()
        if key in self.industries:
            return self.industries[key]
        stripped = re.sub(r"^[a-t]?\d*", "", key)
        if stripped in self.industries:
            return self.industries[stripped]
        raise CellError("unknown_industry")

    def chain(self, text: str) -> str | Missing:
        key = _key(text)
        return self.chains.get(key) or Missing("chain", clean_name(text))

    def team(self, text: str) -> str | Missing:
        return self.teams.get(_key(text)) or Missing("team", clean_name(text))

    def park(self, text: str) -> str | Missing:
        return self.parks.get(_key(text)) or Missing("park", clean_name(text))

    def region_group(self, text: str) -> str | Missing:
        """A region group by its name, English name, code or alias, compared loosely:
        成渝地区 → 成渝地区双城经济圈, 长江三角洲 → 长三角. Unknown: Missing (a team is
        imported without it, or the group made with the user's consent)."""
        key = _key(text)
        if key in self.region_groups:
            return self.region_groups[key]
        core = group_core(key)
        found = {code for name, code in self.region_groups.items() if group_core(name) == core}
        if core and len(found) == 1:
            return found.pop()
        return Missing("region_group", clean_name(text))

    def tag(self, text: str) -> TagValue:
        """省级专精特新（2024，第5位，有效期至2027-12-31） → tag, edition, rank, valid until."""
        folded, valid_until = _split_valid_until(fold(text))
        match = _TAG_DETAIL.match(folded)
        name, year, rank = (match[1], match[2], match[3]) if match else (folded, None, None)
        code = self.tags.get(_key(name)) or _TAG_WORDS.get(_key(name))
        if code is None:
            code = self.tags.get(_key(folded)) or _TAG_WORDS.get(_key(folded))
            year = rank = None
        if code is None:
            raise CellError("unknown_tag")
        return TagValue(code, int(year) if year else None, int(rank) if rank else None, valid_until)

    def tag_label(self, tag: TagValue) -> str:
        label = TagKind.label_of(tag.tag)
        details = [str(tag.edition_year)] if tag.edition_year else []
        if tag.rank:
            details.append(f"第{tag.rank}位")
        if tag.valid_until:
            details.append(f"{VALID_UNTIL_WORD}{tag.valid_until.isoformat()}")
        return f"{label}（{'，'.join(details)}）" if details else label

    def add_team(self, name: str, team_id: str) -> None:
        _remember(self.teams, self.team_names, name, team_id)

    def add_park(self, name: str, park_id: str) -> None:
        _remember(self.parks, self.park_names, name, park_id)

    def add_group(self, name: str, code: str) -> None:
        _remember(self.region_groups, self.group_names, name, code)

    def add_chain(self, name: str, code: str) -> None:
        _remember(self.chains, self.chain_names, name, code)


#: Words that end a region group's name and say nothing about which one it is.
_GROUP_ENDINGS = ("双城经济圈", "一体化发展", "一体化", "城市群", "经济圈", "经济区", "经济带",
                  "地区", "区域", "都市圈")  # fmt: skip


def group_core(key: str) -> str:
    """成渝地区双城经济圈 → 成渝; 长三角城市群 → 长三角 (a folded key in, its core out)."""
    changed = True
    while changed and key:
        changed = False
        for ending in _GROUP_ENDINGS:
            if key.endswith(ending) and len(key) > len(ending):
                key, changed = key[: -len(ending)], True
    return key


def _split_valid_until(folded: str) -> tuple[str, date | None]:
    """The “有效期至 …” part of a folded tag text, taken out (an emptied bracket too)."""
    match = _VALID_UNTIL.search(folded)
    if not match:
        return folded, None
    day = parse_date(match[1])
    rest = (folded[: match.start()] + folded[match.end() :]).replace("()", "").replace("[]", "")
    return re.sub(r"\(,", "(", rest), day


def _hmt(region: str | None, country: str) -> tuple[str | None, str]:
    if country in HMT_COUNTRIES:
        return HMT_COUNTRIES[country], "CN"
    return region, country


def clean_name(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def key_of(text: str) -> str:
    return _key(text)


def _remember(by_key: dict[str, str], names: dict[str, str], name: str, record_id: str) -> None:
    """A record made during the import, findable by its name's key and named by its id."""
    by_key[_key(name)] = record_id
    names[record_id] = name

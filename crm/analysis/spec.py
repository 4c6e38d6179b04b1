"""What an analysis asks: a measure, one or two dimensions, a period, filters and a scope.

Codes only (measures, dimensions, filter keys); the labels people read are in LABELS, in
both languages, so the command line and the window name them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crm.errors import ValidationError
from crm.periods import Period, parse_period

#: Measures: newly signed projects (first signing, crm/stats/KEYS.md), their investment with
#: the period's 增资, funds in place, 完成投资 as the projects report it (crm/stats/dispatch.py).
MEASURES = ("signed_count", "signed_investment", "funds", "completed_investment")
DIMENSIONS = (
    "industry",
    "chain",
    "source_province",
    "source_group",
    "team",
    "place",
    "tag",
    "stage",
    "month",
)
#: Dimensions where one project can sit in several rows (a firm on two lists, a city in two
#: region groups): their rows do not add up to the 合计, which counts each project once.
OVERLAPPING = frozenset({"source_group", "tag"})

#: (zh, en) labels of measures and dimensions.
LABELS: dict[str, tuple[str, str]] = {
    "signed_count": ("签约项目数", "Projects signed"),
    "signed_investment": ("签约额", "Signed investment"),
    "funds": ("到位资金", "Funds in place"),
    "completed_investment": ("完成投资", "Investment completed"),
    "industry": ("行业门类", "Industry section"),
    "chain": ("产业链", "Industry chain"),
    "source_province": ("来源省份", "Source province"),
    "source_group": ("来源区域", "Source region group"),
    "team": ("工作队", "Team"),
    "place": ("落地园区/地区", "Landing place"),
    "tag": ("企业标签", "Company list"),
    "stage": ("当前阶段", "Current stage"),
    "month": ("月份", "Month"),
}
#: Units of the measures: counts are 个, money 万元 (exact; briefs print 亿元).
UNITS: dict[str, tuple[str, str]] = {
    "signed_count": ("个", "projects"),
    "signed_investment": ("万元", "10k CNY"),
    "funds": ("万元", "10k CNY"),
    "completed_investment": ("万元", "10k CNY"),
}


def label(code: str, language: str = "zh") -> str:
    zh, en = LABELS[code]
    return en if language.startswith("en") else zh


@dataclass(frozen=True)
class AnalysisSpec:
    """measure × dimensions over a period. filters: dimension → accepted keys or labels
    (any of them), e.g. {"industry": ("C",), "team": ("南宁市驻深圳招商工作队",)}. scope: the
    text crm.stats.parse_scope reads ('' = the whole bureau)."""

    measure: str
    dimensions: tuple[str, ...]
    period: Period
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    scope: str = ""

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise _bad("measure", self.measure, "指标", "measure", MEASURES)
        if not 1 <= len(self.dimensions) <= 2 or len(set(self.dimensions)) != len(self.dimensions):
            raise ValidationError(
                "by",
                ",".join(self.dimensions),
                "请选择一个或两个不同的分组维度",
                "Choose one or two different dimensions",
                code="bad_dimensions",
            )
        for dim in (*self.dimensions, *self.filters):
            if dim not in DIMENSIONS:
                raise _bad("by", dim, "分组维度", "dimension", DIMENSIONS)

    def to_json(self) -> dict[str, Any]:
        """The saved form: the period by its code, so '2026-YTD' stays a year to date."""
        return {
            "measure": self.measure,
            "dimensions": list(self.dimensions),
            "period": self.period.code,
            "filters": {k: list(v) for k, v in self.filters.items()},
            "scope": self.scope,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnalysisSpec:
        return cls(
            measure=str(data["measure"]),
            dimensions=tuple(data["dimensions"]),
            period=parse_period(str(data["period"])),
            filters={str(k): tuple(str(x) for x in v) for k, v in data.get("filters", {}).items()},
            scope=str(data.get("scope", "")),
        )


def parse_filters(texts: list[str] | tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """'industry=C,I' 'team=南宁市驻深圳招商工作队' → {"industry": ("C", "I"), …}."""
    result: dict[str, tuple[str, ...]] = {}
    for text in texts:
        dim, sep, values = text.partition("=")
        dim = dim.strip()
        if not sep or dim not in DIMENSIONS or not values.strip():
            raise ValidationError(
                "filter",
                text,
                f"筛选条件“{text}”应写作 维度=值[,值]，维度为 {'、'.join(DIMENSIONS)} 之一",
                f"Filter '{text}' should read DIMENSION=VALUE[,VALUE] with a dimension of "
                f"{', '.join(DIMENSIONS)}",
                code="bad_filter",
            )
        parts = tuple(v.strip() for v in values.replace("，", ",").split(",") if v.strip())
        result[dim] = result.get(dim, ()) + parts
    return result


def _bad(
    field_name: str, value: str, what_zh: str, what_en: str, known: tuple[str, ...]
) -> Exception:
    return ValidationError(
        field_name,
        value,
        f"未知的{what_zh}：{value}（可选：{'、'.join(known)}）",
        f"Unknown {what_en}: {value} (one of {', '.join(known)})",
        code=f"bad_{what_en}",
    )

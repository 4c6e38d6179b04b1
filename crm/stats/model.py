"""The figures statistics return: plain frozen dataclasses, exact numbers, no sentences.

Money is Decimal 万元 (exact); percentages are Decimal percent (exact, unrounded); counts are
int. Rounding belongs to whoever prints them (crm.reports.numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Generic, TypeVar

from crm.periods import Period
from crm.places import AreaWords
from crm.stalled import StalledRules
from crm.stats.scope import Scope

if TYPE_CHECKING:
    from crm.stats.coverage import Coverage
    from crm.stats.requests import RequestFigures

N = TypeVar("N", int, Decimal)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Figure(Generic[N]):
    """A number in the period and in the same period of the previous year."""

    current: N
    previous: N

    @property
    def change_pct(self) -> Decimal | None:
        """同比 in %; None against a zero base (printed as '—')."""
        if not self.previous:
            return None
        return (Decimal(self.current) - Decimal(self.previous)) * 100 / Decimal(self.previous)

    @property
    def change_points(self) -> Decimal:
        """For shares: the change in percentage points (个百分点)."""
        return Decimal(self.current) - Decimal(self.previous)


def share_pct(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """part / whole in %; 0 when the whole is 0 (an empty period gives zeros, not errors)."""
    if not whole:
        return ZERO
    return Decimal(part) * 100 / Decimal(whole)


@dataclass(frozen=True)
class Totals:
    """Project count and planned investment (万元), this period against last year's."""

    count: Figure[int]
    investment: Figure[Decimal]


@dataclass(frozen=True)
class Row:
    """One line of a breakdown of newly signed projects.

    share: investment share of the breakdown's total (%), this period and last year's.
    firms: distinct firms (tags only; the group holding the list membership).
    """

    key: str
    label: str
    count: Figure[int]
    investment: Figure[Decimal]
    share: Figure[Decimal]
    count_share: Decimal = ZERO
    firms: int | None = None


@dataclass(frozen=True)
class AmountRow:
    """One line of a breakdown of funds in place (万元)."""

    key: str
    label: str
    amount: Figure[Decimal]
    share: Figure[Decimal]


@dataclass(frozen=True)
class SignedFigures:
    """Newly signed projects: signed_on in the period, each project once."""

    total: Totals
    ytd: Totals | None
    by_section: tuple[Row, ...]
    manufacturing: Row
    non_manufacturing: Row
    by_source_class: tuple[Row, ...]
    by_region_group: tuple[Row, ...]
    key_regions: Row
    by_province: tuple[Row, ...]
    by_country: tuple[Row, ...]
    by_tag: tuple[Row, ...]
    top_500: Row
    by_team: tuple[Row, ...]
    size_bands: tuple[Row, ...]


@dataclass(frozen=True)
class TrendPoint:
    label: str
    start: date
    end: date
    amount: Decimal
    previous: Decimal


@dataclass(frozen=True)
class FundsFigures:
    """Funds in place: the sum of entries received in the period."""

    total: Figure[Decimal]
    ytd: Figure[Decimal] | None
    manufacturing: Figure[Decimal]
    manufacturing_share: Figure[Decimal]
    by_source: tuple[AmountRow, ...]
    trend_granularity: str  # "month" or "week"
    trend: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class Movement:
    """Projects that reached a stage in the period (by the stage's date), and year to date.
    The amount is their planned investment, except for 资金到位 (funded): there it is the
    money received in the period (all funds entries dated in it)."""

    stage: str
    label: str
    period: Totals
    ytd: Totals | None


@dataclass(frozen=True)
class PipelineStage:
    stage: str
    label: str
    count: int
    investment: Decimal


@dataclass(frozen=True)
class Stalled:
    """Projects stalled at the period's end (crm.stalled; thresholds from Settings)."""

    signed_not_started: int = 0
    started_not_operating: int = 0
    no_update: int = 0


@dataclass(frozen=True)
class StageFigures:
    movements: tuple[Movement, ...]
    #: The stage every live project was in at the period's end.
    pipeline: tuple[PipelineStage, ...]
    #: Stalled projects of the scope at the period's end (every live project, own area too).
    stalled: Stalled = Stalled()

    def movement(self, stage: str) -> Movement:
        return next(m for m in self.movements if m.stage == stage)


@dataclass(frozen=True)
class TeamTargets:
    signed_investment: Decimal | None = None
    signed_projects: int | None = None
    funds_in_place: Decimal | None = None
    projects_over_100m: int | None = None


@dataclass(frozen=True)
class TeamRow:
    """A resident team. Completion compares year-to-date figures with the annual target;
    ahead_points = completion − time elapsed (序时进度), None without a target."""

    team_id: str
    name: str
    rank: int
    signed: Totals
    signed_ytd_count: int
    signed_ytd_investment: Decimal
    over_100m_ytd: int
    funds: Figure[Decimal]
    funds_ytd: Decimal
    share: Decimal
    targets: TeamTargets
    completion_pct: Decimal | None
    completion_projects_pct: Decimal | None
    completion_funds_pct: Decimal | None
    ahead_points: Decimal | None
    stalled: Stalled


@dataclass(frozen=True)
class TeamsTotal:
    """All teams together, as a part of the scope's whole."""

    team_count: int
    signed: Totals
    signed_ytd_count: int
    signed_ytd_investment: Decimal
    funds: Figure[Decimal]
    funds_ytd: Decimal
    share: Decimal
    count_share: Decimal
    target_signed_investment: Decimal
    completion_pct: Decimal | None
    ahead_points: Decimal | None
    stalled: Stalled


@dataclass(frozen=True)
class TeamFigures:
    year: int
    elapsed_pct: Decimal
    rows: tuple[TeamRow, ...]
    total: TeamsTotal


@dataclass(frozen=True)
class ProblemRow:
    key: str
    label: str
    raised: int
    closed: int
    open_at_end: int
    overdue_at_end: int


@dataclass(frozen=True)
class OverdueProblem:
    problem_id: str
    project_name: str
    team_name: str
    category: str
    category_label: str
    description: str
    responsible_unit: str
    raised_on: date
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class ProblemFigures:
    by_category: tuple[ProblemRow, ...]
    total: ProblemRow
    overdue: tuple[OverdueProblem, ...]


@dataclass(frozen=True)
class KeyProject:
    project_id: str
    name: str
    investor: str
    tags: tuple[str, ...]
    tag_labels: tuple[str, ...]
    investment: Decimal
    team_name: str
    stage: str
    stage_label: str
    signed_on: date
    industry_label: str
    source_label: str


@dataclass(frozen=True)
class BriefFigures:
    """Everything a brief prints, for one period and scope."""

    period: Period
    previous: Period
    ytd: Period | None
    scope: Scope
    bureau_name: str
    bureau_region_code: str
    area_word: str
    #: The bureau's words (全区, 区内市外, 区外境内 …) and its level.
    words: AreaWords
    bureau_level: str
    #: Whether the investment figures count money from the bureau's own area.
    include_own_area: bool
    #: The stalled thresholds the stalled counts used (days).
    stalled_days: StalledRules
    signed: SignedFigures
    funds: FundsFigures
    stages: StageFigures
    teams: TeamFigures
    problems: ProblemFigures
    key_projects: tuple[KeyProject, ...]
    #: Enterprise requests and project problems together (办结率, 满意率 …), at the end so
    #: that positional readers of the fields above are not moved.
    requests: RequestFigures
    #: Visit coverage of the enterprises on the bureau's own lists (走访覆盖率).
    key_enterprises: Coverage


@dataclass(frozen=True)
class DashboardFigures:
    """Year to date against the same days of last year, for the dashboard."""

    today: date
    period: Period
    funds: Figure[Decimal]
    signed_count: Figure[int]
    signed_investment: Figure[Decimal]
    started: Figure[int]
    operating: Figure[int]
    #: Live projects per stage now (lead … operating, then dropped).
    funnel: tuple[PipelineStage, ...]
    #: Teams with a target, best completion first (at most five).
    top_teams: tuple[TeamRow, ...]
    elapsed_pct: Decimal
    #: Stalled projects today (the projects screen's ready-made views count the same).
    stalled: Stalled = Stalled()

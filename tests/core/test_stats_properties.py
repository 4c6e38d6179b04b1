"""Property: figures summed over the parts (industries, sources, provinces and countries,
teams, funds sources, trend buckets) equal the total, for any data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.db import Database
from crm.models import FundsEntry, Project, Team, utcnow
from crm.periods import parse_period
from crm.places import source_class
from crm.stats import brief_figures

INDUSTRIES = [None, "36", "13", "C", "65", "47", "K", "01"]
#: (region, country): domestic cities and provinces, Hong Kong, foreign countries.
SOURCES = [
    ("440300", "CN"),
    ("310000", "CN"),
    ("450200", "CN"),
    ("450100", "CN"),
    ("110000", "CN"),
    ("810000", "CN"),
    (None, "JP"),
    (None, "US"),
]
START = date(2025, 12, 1)

project_strategy = st.fixed_dictionaries(
    {
        "industry": st.sampled_from(INDUSTRIES),
        "source": st.sampled_from(SOURCES),
        "team": st.sampled_from([None, 0, 1, 2]),
        "fen": st.integers(min_value=0, max_value=10**12),
        "signed": st.one_of(st.none(), st.integers(min_value=0, max_value=150)),
        "deleted": st.booleans(),
        "funds": st.lists(
            st.tuples(st.integers(min_value=0, max_value=150), st.integers(1, 10**10)), max_size=3
        ),
    }
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(projects=st.lists(project_strategy, max_size=25))
def test_parts_sum_to_the_total(sqlite_db: Database, projects: list[dict]) -> None:
    with sqlite_db.session() as session:
        teams = [Team(name=f"工作队{n}") for n in range(3)]
        session.add_all(teams)
        session.flush()
        for n, spec in enumerate(projects):
            region, country = spec["source"]
            klass = source_class(region, country, "450100")
            project = Project(
                name=f"项目{n}",
                industry_code=spec["industry"],
                source_region_code=region,
                source_country_code=country,
                source_class=klass.value if klass else None,
                team_id=None if spec["team"] is None else teams[spec["team"]].id,
                planned_investment=Decimal(spec["fen"]) / 1_000_000,
                signed_on=None if spec["signed"] is None else START + timedelta(spec["signed"]),
                stage="signed" if spec["signed"] is not None else "lead",
                deleted_at=utcnow() if spec["deleted"] else None,
            )
            session.add(project)
            session.flush()
            for day, fen in spec["funds"]:
                session.add(
                    FundsEntry(
                        project_id=project.id,
                        received_on=START + timedelta(day),
                        amount=Decimal(fen) / 1_000_000,
                        source="foreign"
                        if klass and klass.value == "foreign"
                        else "out_of_province",
                    )
                )
        session.flush()
        figures = brief_figures(session, parse_period("2026-Q1"))
        _check(figures)
        session.rollback()


def _sums(rows) -> tuple[int, Decimal]:
    return sum(r.count.current for r in rows), sum((r.investment.current for r in rows), Decimal(0))


def _check(figures) -> None:
    s = figures.signed
    total = (s.total.count.current, s.total.investment.current)
    assert _sums(s.by_section) == total
    assert _sums([s.manufacturing, s.non_manufacturing]) == total
    assert _sums(s.by_source_class) == total
    assert _sums(s.by_team) == total
    foreign_countries = [r for r in s.by_country if r.key not in ("HK", "MO", "TW")]
    assert _sums([*s.by_province, *foreign_countries]) == total
    team_rows = figures.teams.rows
    no_team = [r for r in s.by_team if r.key == ""]
    assert (
        sum(r.signed.count.current for r in team_rows) + sum(r.count.current for r in no_team)
        == total[0]
    )
    assert figures.stages.movement("signed").period.count.current == total[0]
    assert figures.stages.movement("signed").period.investment.current == total[1]
    funds = figures.funds
    assert sum((r.amount.current for r in funds.by_source), Decimal(0)) == funds.total.current
    assert sum((p.amount for p in funds.trend), Decimal(0)) == funds.total.current
    assert sum((p.previous for p in funds.trend), Decimal(0)) == funds.total.previous
    if s.total.investment.current:
        assert sum((r.share.current for r in s.by_section), Decimal(0)).quantize(
            Decimal("0.000001")
        ) == Decimal(100)

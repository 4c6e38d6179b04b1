"""Hand-built data for the statistics and brief tests (no tests here; imported by them).

The data set `build_small_world` is small enough that every figure is worked out by hand in
the tests; the comments say what each record is for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from crm.models import Project
from crm.services import companies, funds, problems, projects, stages, teams

TODAY = date(2026, 11, 23)


@dataclass
class Builder:
    """Thin helpers over the services, so a test reads as a list of facts."""

    session: Session
    today: date = TODAY
    ids: dict[str, str] = field(default_factory=dict)

    def company(
        self,
        name: str,
        *,
        parent: str | None = None,
        tags: Iterable[str] = (),
        region: str | None = "440300",
    ) -> str:
        company_id = companies.create_company(
            self.session,
            name=name,
            parent_id=self.ids[parent] if parent else None,
            hq_region_code=region,
        ).id
        for tag in tags:
            companies.add_company_tag(self.session, company_id=company_id, tag=tag)
        self.ids[name] = company_id
        return company_id

    def team(
        self,
        name: str,
        *,
        target_wan: str | None = None,
        year: int = 2026,
        group: str | None = None,
    ) -> str:
        team_id = teams.create_team(self.session, name=name, region_group_code=group).id
        if target_wan is not None:
            teams.set_target(
                self.session, team_id=team_id, year=year, signed_investment=Decimal(target_wan)
            )
        self.ids[name] = team_id
        return team_id

    def project(
        self,
        name: str,
        *,
        investment: str,
        signed: date | None = None,
        industry: str = "36",
        region: str | None = "440300",
        country: str | None = None,
        company: str | None = None,
        team: str | None = None,
        started: date | None = None,
        operating: date | None = None,
        funds_entries: Iterable[tuple[date, str]] = (),
        landing: str | None = None,
        agreement: str | None = None,
    ) -> str:
        project_id = projects.create_project(
            self.session,
            name=name,
            planned_investment=Decimal(investment),
            industry_code=industry,
            source_region_code=region,
            source_country_code=country,
            company_id=self.ids[company] if company else None,
            team_id=self.ids[team] if team else None,
            landing_region_code=landing,
        ).id
        self.ids[name] = project_id
        if signed:
            self.move(
                name, "signed", signed, skipped={"negotiating": None}, agreement_type=agreement
            )
        for day, amount in funds_entries:
            self.funds(name, day, amount)
        if started:
            skipped = {} if self._stage(name) == "funded" else {"funded": None}
            self.move(name, "started", started, skipped=skipped)
        if operating:
            self.move(name, "operating", operating)
        return project_id

    def move(self, name: str, to_stage: str, on: date, **kwargs: object) -> None:
        stages.move_stage(
            self.session, self.ids[name], to_stage=to_stage, on=on, today=self.today, **kwargs
        )

    def funds(self, name: str, day: date, amount: str) -> str:
        return funds.record_funds(
            self.session,
            project_id=self.ids[name],
            received_on=day,
            amount=Decimal(amount),
            today=self.today,
        ).id

    def problem(
        self,
        name: str,
        category: str,
        *,
        raised: date,
        due: date | None = None,
        closed: date | None = None,
    ) -> str:
        problem_id = problems.raise_problem(
            self.session,
            project_id=self.ids[name],
            category=category,
            description=f"{name}的{category}问题",
            raised_on=raised,
            due_on=due,
            today=self.today,
        ).id
        if closed:
            problems.close_problem(
                self.session, problem_id, resolution="已解决", resolved_on=closed, today=self.today
            )
        return problem_id

    def _stage(self, name: str) -> str:
        project = self.session.get(Project, self.ids[name])
        assert project is not None
        return project.stage


def build_small_world(session: Session) -> Builder:
    """Worked out by hand in test_stats.py. Amounts in 万元.

    2026-Q1 newly signed: P1 50000 (2026-01-01, first day), P2 120000 (2026-03-31, last day),
    P7 5000 → 3 projects, 175000. 2025-Q1: P5 20000, P8 10000 (2025-03-31) → 2, 30000.
    """
    b = Builder(session)
    b.company("华润集团", tags=["fortune_global_500", "china_500"], region="440300")
    b.company("华润电力（深圳）有限公司", parent="华润集团")
    b.company("星河科技股份有限公司", tags=["little_giant", "gazelle"], region="310000")
    b.team("南宁市驻深圳招商工作队", target_wan="100000")
    b.team("南宁市驻上海招商工作队")  # no target
    # P1: manufacturing (division 36), Shenzhen (GBA), via the parent's 500强 lists.
    b.project(
        "P1 新能源电池项目",
        investment="50000",
        signed=date(2026, 1, 1),
        company="华润电力（深圳）有限公司",
        team="南宁市驻深圳招商工作队",
        funds_entries=[(date(2026, 1, 15), "1000"), (date(2026, 3, 31), "2000"),
                       (date(2026, 4, 1), "4000")],
    )  # fmt: skip
    # P2: software (section I), Shanghai (YRD), little giant + gazelle, signed on the last day.
    b.project(
        "P2 软件研发中心",
        investment="120000",
        signed=date(2026, 3, 31),
        industry="65",
        region="310000",
        company="星河科技股份有限公司",
        team="南宁市驻上海招商工作队",
        funds_entries=[(date(2026, 3, 31), "500")],
    )
    # P3: Hong Kong (foreign), signed the day after Q1.
    b.project(
        "P3 港资物流园", investment="8000", signed=date(2026, 4, 1), industry="30", country="HK"
    )
    # P4: deleted — must never count, nor its funds.
    b.project(
        "P4 已删除项目",
        investment="99999",
        signed=date(2026, 2, 1),
        funds_entries=[(date(2026, 2, 2), "9999")],
    )
    # P5: last year's Q1, Guangzhou (GBA), team Shenzhen.
    b.project(
        "P5 去年项目",
        investment="20000",
        signed=date(2025, 2, 15),
        region="440100",
        team="南宁市驻深圳招商工作队",
        funds_entries=[(date(2025, 3, 1), "500")],
    )
    # P6: signed on the last day of 2025 — in no Q1.
    b.project("P6 年末项目", investment="30000", signed=date(2025, 12, 31))
    # P7: in-province (Liuzhou), construction, started without funds; a deleted funds entry.
    b.project(
        "P7 柳州建筑项目",
        investment="5000",
        signed=date(2026, 2, 10),
        industry="47",
        region="450200",
        team="南宁市驻深圳招商工作队",
        started=date(2026, 2, 20),
        landing="450102",
    )
    deleted_entry = b.funds("P7 柳州建筑项目", date(2026, 2, 15), "700")
    funds.delete_funds_entry(session, deleted_entry)
    # P8: Japan (foreign), exactly 1亿 on last year's Q1's last day.
    b.project(
        "P8 日资项目",
        investment="10000",
        signed=date(2025, 3, 31),
        industry="39",
        region=None,
        country="JP",
        funds_entries=[(date(2025, 3, 31), "300")],
    )
    b.problem("P1 新能源电池项目", "land", raised=date(2026, 1, 10), due=date(2026, 2, 28))
    b.problem("P2 软件研发中心", "permits", raised=date(2026, 3, 1), due=date(2026, 4, 30))
    b.problem("P7 柳州建筑项目", "funding", raised=date(2025, 12, 1), closed=date(2026, 2, 1))
    b.problem("P5 去年项目", "labour", raised=date(2026, 3, 31), due=date(2026, 3, 31))
    b.problem("P4 已删除项目", "land", raised=date(2026, 1, 5), due=date(2026, 1, 6))
    projects.delete_project(session, b.ids["P4 已删除项目"])
    session.flush()
    return b

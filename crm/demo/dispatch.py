"""Dispatch demo data (重大项目调度): this year's key-project list with plans, profiles and
completion entries per 旬, programmes, targets for the bureau and its parks, the bureau's
key-enterprise lists with commissioners (特派员) and their visits in the last 旬, and a few
enterprise requests — so the dispatch screens and notices show something on a fresh demo.

Small beside the ledger (a few hundred listed projects at the large scale), drawn from its
own random stream: the same seed and day give the same rows.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from crm.demo.draw import id_maker, person_name, round_amount
from crm.demo.projects import ProjectInfo
from crm.sync.keyed_ids import profile_id

Row = dict[str, Any]
Stamp = Callable[..., Row]

LEADERS = ("王副市长", "李副市长", "陈副市长", "黄副县长", "刘副区长", "周副县长")
PROGRESS = ("场地平整", "基础施工", "主体施工", "主体封顶", "设备安装", "试生产")
ISSUES = ("用地报批进度较慢", "用电增容待批复", "施工用水未接通", "项目融资到位较慢", "环评审批中")
PROGRAMMES = ("双百双新", "千企技改")
#: The bureau's own lists (code, name, level of the list).
KEY_LISTS = (("shi_ji_zhong_dian_qi_ye", "市级重点企业", "city"),
             ("gui_shang_gong_ye_qi_ye", "规上工业企业", "county"))  # fmt: skip
NATURES = (("new", 0.55), ("expansion", 0.2), ("upgrade", 0.2), ("relocation", 0.05))
UNITS = ("自然资源局", "住建局", "供电局", "生态环境局", "人社局", "发改委")
REQUESTS = (("land", "项目用地指标不足，申请协调"), ("utilities", "厂区用电增容申请迟迟未批"),
            ("permits", "施工许可办理时间长"), ("labour", "技术工人招聘困难"),
            ("financing", "流动资金贷款需要对接银行"))  # fmt: skip
STARTED = ("started", "operating")


@dataclass
class DispatchData:
    programmes: list[Row] = field(default_factory=list)
    lists: list[Row] = field(default_factory=list)
    profiles: list[Row] = field(default_factory=list)
    entries: list[Row] = field(default_factory=list)
    targets: list[Row] = field(default_factory=list)
    tag_kinds: list[Row] = field(default_factory=list)
    memberships: list[Row] = field(default_factory=list)
    liaisons: list[Row] = field(default_factory=list)
    visits: list[Row] = field(default_factory=list)
    requests: list[Row] = field(default_factory=list)


def xun_ends(year: int, before: date) -> list[date]:
    """The ends of the year's 旬 (10th, 20th, month's last day) that are over before `before`."""
    ends = []
    for month in range(1, 13):
        last = calendar.monthrange(year, month)[1]
        ends += [d for d in (date(year, month, 10), date(year, month, 20),
                             date(year, month, last)) if d < before]  # fmt: skip
    return ends


class DispatchMaker:
    def __init__(self, rng: random.Random, stamp: Stamp, today: date, actor: str) -> None:
        self.rng, self.stamp, self.today, self.actor = rng, stamp, today, actor
        self.ids = id_maker(rng)
        self.year = today.year
        self.data = DispatchData()

    def make(
        self, projects: list[ProjectInfo], parks: list[tuple[str, str]], listed: int
    ) -> DispatchData:
        chosen = self._listed(projects, listed)
        programmes = self._programmes()
        for p in chosen:
            self._project(p, programmes)
        self._targets(projects, parks)
        self._key_enterprises(chosen)
        return self.data

    def _row(self, **values: Any) -> Row:
        return {"id": self.ids(), **values, **self.stamp(self.rng)}

    def _listed(self, projects: list[ProjectInfo], count: int) -> list[ProjectInfo]:
        """The biggest signed projects still going: this year's key projects."""
        going = [p for p in projects if p.signed is not None and p.stage in
                 ("signed", "funded", *STARTED) and p.planned >= 5000]  # fmt: skip
        going.sort(key=lambda p: (-p.planned, p.id))
        return going[:count]

    def _programmes(self) -> list[str]:
        rows = [self._row(name=name, notes="") for name in PROGRAMMES]
        self.data.programmes = rows
        return [r["id"] for r in rows]

    def _project(self, p: ProjectInfo, programmes: list[str]) -> None:
        rng = self.rng
        nature = rng.choices([n for n, _ in NATURES], [w for _, w in NATURES])[0]
        programme = programmes[1] if nature == "upgrade" and rng.random() < 0.6 else (
            programmes[0] if rng.random() < 0.25 else None)  # fmt: skip
        share = 0.15 + 0.35 * rng.random()  # a project not started yet plans its early works
        plan = round_amount(p.planned * (share if p.started else share / 5))
        self.data.lists.append(self._row(
            project_id=p.id, year=self.year, programme_id=programme, year_plan=Decimal(plan),
            level=rng.choices(("province", "city", "county"), (2, 5, 3))[0],
        ))  # fmt: skip
        started = date.fromordinal(p.started) if p.started else None
        base = started or self.today
        expected = base + timedelta(days=300 + int(rng.random() * 500))
        completed = None
        if p.stage == "operating" and started is not None:
            completed = min(started + timedelta(days=200 + int(rng.random() * 300)), self.today)
        # The profile's id as the service makes it, from the project (crm.sync.keyed_ids).
        self.data.profiles.append(self._row(
            id=profile_id(p.id), project_id=p.id, construction_nature=nature,
            expected_completion_on=expected,
            completed_on=completed, leader_name=rng.choice(LEADERS),
            pooled_on=(started or date.fromordinal(p.signed or 1)) if nature == "upgrade"
            else None,
        ))  # fmt: skip
        if started is not None:
            self._entries(p.id, plan, started, completed or expected)

    def _entries(self, project_id: str, plan: int, started: date, done_by: date) -> None:
        """One entry a 旬 since the start; 形象进度 follows the share of the works' time gone
        by (start → completion, or the expected completion)."""
        rng = self.rng
        pace = 0.55 + 0.75 * rng.random()  # some projects fall behind 序时进度
        behind = pace < 0.85
        ytd, ends = 0, [e for e in xun_ends(self.year, self.today) if e >= started]
        for end in ends:
            amount = round_amount(plan / 36 * pace * (0.5 + rng.random()))
            ytd += amount
            gone = (end - started).days / max((done_by - started).days, 1)
            stage = min(len(PROGRESS) - 1, int(gone * len(PROGRESS)))
            self.data.entries.append(self._row(
                project_id=project_id, period_end=end, period_kind="xun",
                amount=Decimal(amount), year_to_date=Decimal(ytd), cumulative=None,
                image_progress=PROGRESS[stage], progress_note="",
                issues=rng.choice(ISSUES) if behind and rng.random() < 0.5 else "",
            ))  # fmt: skip

    def _targets(self, projects: list[ProjectInfo], parks: list[tuple[str, str]]) -> None:
        """Bureau targets near last year's pace, and each park's 签约额."""
        rng = self.rng
        last = [p for p in projects if p.signed and date.fromordinal(p.signed).year
                == self.year - 1]  # fmt: skip
        signed = max(len(last), 10)
        amount = max(sum(p.planned for p in last), 100_000)
        bureau = {"signed_projects": signed, "signed_investment": round_amount(amount * 1.1),
                  "funds_in_place": round_amount(amount * 0.4),
                  "started_projects": max(signed // 3, 3),
                  "completed_projects": max(signed // 6, 2), "upgrade_pool": 20}  # fmt: skip
        for measure, value in bureau.items():
            self.data.targets.append(self._row(
                year=self.year, scope="bureau", region_code=None, park_id=None,
                measure=measure, value=Decimal(value),
            ))  # fmt: skip
        for park_id, _name in parks:
            value = round_amount(amount / max(len(parks), 1) * (0.6 + 0.8 * rng.random()))
            self.data.targets.append(self._row(
                year=self.year, scope="park", region_code=None, park_id=park_id,
                measure="signed_investment", value=Decimal(value),
            ))  # fmt: skip

    def _key_enterprises(self, listed: list[ProjectInfo]) -> None:
        """The investors of the listed projects on the bureau's lists, a commissioner and a
        leader each since January, three in four visited by their commissioner in the last
        旬 that is over, and a few requests."""
        rng = self.rng
        self.data.tag_kinds = [
            {"code": code, "name_zh": name, "name_en": "", "publisher": "", "has_rank": False,
             "validity_years": 1, "is_500": False, "is_bureau": True}
            for code, name, _level in KEY_LISTS
        ]  # fmt: skip
        companies = list(dict.fromkeys((p.company_id, p.brand) for p in listed))
        ends = xun_ends(self.year, self.today)
        last_xun_end = ends[-1] if ends else self.today
        first = date(
            last_xun_end.year,
            last_xun_end.month,
            20 if last_xun_end.day > 20 else last_xun_end.day - 10 or 1,
        )  # the day before the 旬 (visits come after it)
        commissioners = [person_name(rng) for _ in range(max(len(companies) // 4, 2))]
        january = date(self.year, 1, 1)
        for n, (company_id, brand) in enumerate(companies):
            code, _name, level = KEY_LISTS[0] if n % 3 else KEY_LISTS[1]
            self.data.memberships.append(self._row(
                company_id=company_id, tag=code, edition_year=self.year, rank=None,
                valid_until=date(self.year, 12, 31), level=level,
            ))  # fmt: skip
            who = commissioners[n % len(commissioners)]
            self.data.liaisons.append(self._row(
                company_id=company_id, commissioner=who, leader=rng.choice(LEADERS),
                start_on=january, end_on=None,
            ))  # fmt: skip
            for start, end in ((first, last_xun_end), (last_xun_end, self.today)):
                if end > start and rng.random() < 0.75:  # the 旬 over, and the one running
                    day = start + timedelta(days=1 + int(rng.random() * (end - start).days))
                    self.data.visits.append(self._row(
                        occurred_on=min(day, end), kind="visit", project_id=None,
                        company_id=company_id, team_id=None, participants=who,
                        summary=f"走访{brand}，了解生产经营情况", next_step="",
                        next_step_due=None, next_step_open=False,
                    ))  # fmt: skip
            if n % 4 == 0:
                self._request(company_id, n)

    def _request(self, company_id: str, n: int) -> None:
        rng = self.rng
        category, content = REQUESTS[n // 4 % len(REQUESTS)]
        received = self.today - timedelta(days=5 + int(rng.random() * 80))
        due = received + timedelta(days=30)
        closed = rng.random() < 0.5 and received + timedelta(days=20) < self.today
        replied_on = received + timedelta(days=15) if closed else None
        self.data.requests.append(self._row(
            company_id=company_id, project_id=None, channel=rng.choice(("visit", "hotline")),
            received_on=received, category=category, content=content,
            handling_unit=UNITS[n // 4 % len(UNITS)], co_units="", due_on=due,
            status="closed" if closed else "accepted", reject_reason="",
            reply="已协调相关部门办理完毕" if closed else "", replied_on=replied_on,
            closed_on=replied_on, satisfaction=None, escalated_on=None, escalation_unit="",
            reopened_count=0,
        ))  # fmt: skip

"""A small dispatch ledger whose figures are worked out by hand in the tests that use it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crm.models import Park
from crm.services import dispatch as svc
from crm.services.projects import create_project
from crm.services.stages import move_stage

TODAY = date(2026, 11, 20)


def _project(s, name: str, code: str, planned: int, **fields) -> str:
    return create_project(s, name=name, code=code, planned_investment=Decimal(planned), **fields).id


def _started(s, pid: str, signed_on: date, started_on: date) -> None:
    move_stage(
        s, pid, to_stage="started", on=started_on, agreement_type="formal",
        skipped={"negotiating": None, "signed": signed_on, "funded": None}, today=TODAY,
    )  # fmt: skip


def _signed(s, pid: str, signed_on: date) -> None:
    move_stage(
        s, pid, to_stage="signed", on=signed_on, agreement_type="formal",
        skipped={"negotiating": None}, today=TODAY,
    )  # fmt: skip


def seed_dispatch(s) -> dict[str, str]:
    """Four listed projects (P1–P4) and one pooled 技改 project off the lists (P5)."""
    park = Park(name="东盟经开区")
    s.add(park)
    s.flush()
    ids = {"park": park.id}
    ids["programme"] = svc.create_programme(s, name="双百双新").id
    ids["p1"] = _project(s, "铝材深加工项目", "ZS-1", 80000, expected_start_on=date(2026, 3, 1),
                         park_id=park.id)  # fmt: skip
    _started(s, ids["p1"], date(2025, 12, 1), date(2026, 3, 15))
    svc.put_on_list(s, project_id=ids["p1"], year=2026, level="province", year_plan=20000)
    svc.set_profile(
        s, project_id=ids["p1"], construction_nature="upgrade", pooled_on=date(2026, 4, 1),
        expected_completion_on=date(2026, 12, 31), leader_name="王副市长",
    )  # fmt: skip
    svc.record_completion(s, project_id=ids["p1"], period_end=date(2026, 10, 31),
                          period_kind="month", year_to_date=15000)  # fmt: skip
    svc.record_completion(s, project_id=ids["p1"], period_end=date(2026, 11, 10), amount=1000)
    svc.record_completion(
        s, project_id=ids["p1"], period_end=date(2026, 11, 20), amount=2000,
        image_progress="主体结构封顶", issues="用电增容待批",
    )  # fmt: skip

    ids["p2"] = _project(s, "新能源电池项目", "ZS-2", 150000, expected_start_on=date(2026, 5, 1))
    svc.put_on_list(s, project_id=ids["p2"], year=2026, level="city", year_plan=30000,
                    programme_id=ids["programme"])  # fmt: skip
    svc.record_completion(s, project_id=ids["p2"], period_end=date(2026, 11, 20),
                          year_to_date=6000)  # fmt: skip

    ids["p3"] = _project(s, "物流园项目", "ZS-3", 20000)
    _started(s, ids["p3"], date(2025, 3, 1), date(2025, 6, 1))
    svc.put_on_list(s, project_id=ids["p3"], year=2026, level="county", year_plan=5000)
    svc.set_profile(
        s,
        project_id=ids["p3"],
        construction_nature="new",
        expected_completion_on=date(2026, 9, 30),
        completed_on=date(2026, 9, 30),
    )
    svc.record_completion(s, project_id=ids["p3"], period_end=date(2026, 9, 30),
                          period_kind="month", year_to_date=5000)  # fmt: skip

    ids["p4"] = _project(s, "储备项目", "ZS-4", 3000)
    svc.put_on_list(s, project_id=ids["p4"], year=2026, level="county", year_plan=0)

    ids["p5"] = _project(s, "老厂技改项目", "ZS-5", 12000)
    svc.set_profile(s, project_id=ids["p5"], construction_nature="upgrade",
                    pooled_on=date(2025, 8, 1))  # fmt: skip
    return ids


def seed_counties(s) -> dict[str, str]:
    """Three counties with signed-investment targets; B signs in 2026-11 中旬."""
    for code, amount in (("450102", 100000), ("450103", 50000), ("450105", 40000)):
        svc.set_target(s, year=2026, scope="county", region_code=code,
                       measure="signed_investment", value=amount)  # fmt: skip
    svc.set_target(s, year=2026, scope="bureau", measure="signed_projects", value=10)
    for name, code, planned, signed_on in (
        ("甲项目", "450102", 60000, date(2026, 3, 10)),
        ("乙项目", "450103", 40000, date(2026, 11, 15)),
        ("丙项目", "450105", 20000, date(2026, 2, 1)),
    ):
        pid = _project(s, name, f"QY-{code}", planned, landing_region_code=code)
        _signed(s, pid, signed_on)
    return {}

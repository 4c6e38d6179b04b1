"""Convergence, property-based: sites making real edits offline and exchanging packages in
any order — duplicated, re-ordered, re-sent, with interrupted server syncs — end with the
same data, the same conflict list, and no value lost (docs/sync.md)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from crm.db import Database
from crm.errors import CrmError
from crm.models import ChangeLog, FundsEntry, Problem, Project
from crm.models.sync import SyncConflict
from crm.services import activities, companies, funds, problems, projects, stages
from crm.sync.exchange import export_package, import_package, sync_with_server
from tests.conftest import PG_SKIP_REASON, PG_URL, _postgres_database
from tests.core.sync_helpers import digest, make_site, pair_all

DAY0 = date(2026, 1, 5)
STAGES = ("negotiating", "signed", "funded", "started", "operating", "dropped")
PEOPLE = ("张三", "李四", "王五", "赵六")

op = st.tuples(
    st.integers(0, 3),  # site
    st.sampled_from(
        (
            "project",
            "edit",
            "edit",
            "edit",
            "stage",
            "stage",
            "funds",
            "unfunds",
            "activity",
            "problem",
            "close",
            "delete",
            "restore",
            "company_edit",
            "send",
            "send",
            "server",
        )
    ),
    st.integers(0, 1000),  # which record / which peer
    st.integers(0, 1000),  # a value
)


def _live(db: Database, model) -> list[str]:
    with db.session() as s:
        return list(
            s.scalars(select(model.id).where(model.deleted_at.is_(None)).order_by(model.id))
        )


def _all(db: Database, model) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(model.id).order_by(model.id)))


def _pick(ids: list[str], n: int) -> str | None:
    return ids[n % len(ids)] if ids else None


def _act(db: Database, kind: str, n: int, v: int, step: int) -> None:
    today = DAY0 + timedelta(days=step)
    with db.session(actor=f"site-{db.site_id[:4]}") as s:
        if kind == "project":
            cid = companies.create_company(s, name=f"企业{v % 7}号{db.site_id[:4]}").id
            projects.create_project(
                s, name=f"项目{v}", company_id=cid, planned_investment=str(1000 + v)
            )
            return
        if kind == "company_edit":
            from crm.models import Company

            cid = _pick(
                list(
                    s.scalars(
                        select(Company.id).where(Company.deleted_at.is_(None)).order_by(Company.id)
                    )
                ),
                n,
            )
            if cid:
                companies.update_company(s, cid, notes=f"备注{v}")
            return
    pid = _pick(_live(db, Project), n) if kind not in ("restore",) else _pick(_all(db, Project), n)
    if pid is None:
        return
    with db.session(actor=f"site-{db.site_id[:4]}") as s:
        if kind == "edit":
            if v % 2:
                projects.update_project(s, pid, responsible_person=PEOPLE[v % 4])
            else:
                projects.update_project(s, pid, planned_investment=str(2000 + v))
        elif kind == "stage":
            target = STAGES[v % len(STAGES)]
            if target == "dropped":
                stages.move_stage(
                    s, pid, to_stage="dropped", on=today, reason="企业撤资", today=today
                )
            else:
                state = stages.load_state(s, pid)
                from crm.codes import PIPELINE, Stage

                wanted = Stage(target)
                skipped = (
                    {x.value: None for x in PIPELINE[state.stage.order + 1 : wanted.order]}
                    if wanted.order > state.stage.order
                    else None
                )
                stages.move_stage(
                    s, pid, to_stage=target, on=today, skipped=skipped, today=today,
                    comment="更正" if skipped is None else "",
                )  # fmt: skip
        elif kind == "funds":
            funds.record_funds(
                s, project_id=pid, received_on=today, amount=str(10 + v), today=today
            )
        elif kind == "unfunds":
            live = FundsEntry.deleted_at.is_(None) & (FundsEntry.project_id == pid)
            fid = _pick(
                list(s.scalars(select(FundsEntry.id).where(live).order_by(FundsEntry.id))), v
            )
            if fid:
                funds.delete_funds_entry(s, fid)
        elif kind == "activity":
            activities.log_activity(
                s, occurred_on=today, kind="visit", project_id=pid, summary=f"拜访{v}"
            )
        elif kind == "problem":
            problems.raise_problem(
                s,
                project_id=pid,
                category="land",
                description=f"用地{v}",
                raised_on=today,
                today=today,
            )
        elif kind == "close":
            open_ = Problem.deleted_at.is_(None) & (Problem.status != "resolved")
            prid = _pick(list(s.scalars(select(Problem.id).where(open_).order_by(Problem.id))), v)
            if prid:
                problems.close_problem(
                    s, prid, resolution=f"已解决{v}", resolved_on=today, today=today
                )
        elif kind == "delete":
            projects.delete_project(s, pid)
        elif kind == "restore" and s.get(Project, pid).deleted_at is not None:
            projects.restore_project(s, pid)


def _send(
    sender: Database, receiver: Database, folder: Path, kept: list[tuple[Database, Path]]
) -> None:
    path = folder / f"{len(kept)}.zspkg"
    export_package(sender, receiver.site_id, path)
    kept.append((receiver, path))
    import_package(receiver, path)


def _interrupted_server_sync(site: Database, hub: Database, batches: int) -> None:
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > batches

    with contextlib.suppress(CrmError):
        sync_with_server(site, hub, batch=3, should_cancel=cancel)


def _conflicts(db: Database) -> set[tuple]:
    with db.session() as s:
        return {
            (c.kind, c.table_name, c.record_id, c.field, c.winner_id, c.loser_id, c.detail)
            for c in s.scalars(select(SyncConflict))
        }


def _change_ids(db: Database) -> set[str]:
    # Settings changes are logged too, but stay on their site (settings are not synced).
    with db.session() as s:
        return set(s.scalars(select(ChangeLog.id).where(ChangeLog.table_name != "setting")))


@settings(
    max_examples=int(os.environ.get("CRM_SYNC_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(op, min_size=5, max_size=30))
def test_sites_converge_whatever_the_order(sqlite_template: Path, ops) -> None:
    folder = Path(tempfile.mkdtemp())
    sites = [make_site(sqlite_template, folder, name) for name in ("hub", "a", "b", "c")]
    try:
        _converge(sites, ops, folder)
    finally:
        for site in sites:
            site.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not PG_URL, reason=PG_SKIP_REASON)
@settings(
    max_examples=int(os.environ.get("CRM_SYNC_PG_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(op, min_size=5, max_size=30))
def test_sites_converge_with_a_postgresql_hub(sqlite_template: Path, ops) -> None:
    from crm.db import open_database

    folder = Path(tempfile.mkdtemp())
    hub_maker = _postgres_database(open_database)
    hub = next(hub_maker)
    sites = [hub] + [make_site(sqlite_template, folder, name) for name in ("a", "b", "c")]
    try:
        _converge(sites, ops, folder)
    finally:
        for site in sites[1:]:
            site.close()
        hub_maker.close()
        shutil.rmtree(folder, ignore_errors=True)


def _converge(sites: list[Database], ops, folder: Path) -> None:
    """Run `ops` on the sites (the first is the hub), exchange everything, check the end."""
    pair_all(*sites)
    hub = sites[0]
    kept: list[tuple[Database, Path]] = []
    # The ledger every site starts from: a few projects the bureau already had.
    for number in range(3):
        _act(hub, "project", 0, number, 0)
    for site in sites[1:]:
        _send(hub, site, folder, kept)
    for step, (who, kind, n, v) in enumerate(ops):
        site = sites[who]
        if kind == "send":
            other = sites[n % 4]
            if other is not site:
                _send(site, other, folder, kept)
            if kept and v % 3 == 0:  # an old package arrives again
                receiver, path = kept[v % len(kept)]
                import_package(receiver, path)
            continue
        if kind == "server":
            if site is not hub:
                _interrupted_server_sync(site, hub, v % 4)
            continue
        # A move the rules refuse at that site writes nothing.
        with contextlib.suppress(CrmError):
            _act(site, kind, n, v, step)
    # Everyone exchanges everything through the hub, twice round.
    for _round in range(2):
        for site in sites[1:]:
            if _round == 0 and site is sites[3]:
                sync_with_server(site, hub, batch=7)
            else:
                _send(site, hub, folder, kept)
        for site in sites[1:]:
            _send(hub, site, folder, kept)

    digests = {digest(site) for site in sites}
    assert len(digests) == 1
    conflict_lists = [_conflicts(site) for site in sites]
    assert all(c == conflict_lists[0] for c in conflict_lists)
    # No value lost: every change any site wrote is held everywhere (current, in the
    # conflict list, or in the history).
    every = set().union(*(_change_ids(site) for site in sites))
    for site in sites:
        assert _change_ids(site) == every

"""Values a record derives from its own fields and its history: one home for every writer.

The services, the ledger importer's bulk writer, the demo generator and offline sync all call
these, so a project's stage and milestone dates, its source class and the normalised names
come out the same whichever way a record was written. Derived columns are not changes: the
change log leaves them out and every site recomputes them (docs/sync.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from crm.codes import Stage
from crm.names import normalize_company_name, normalize_project_name
from crm.places import Bureau, normalize_place, source_class
from crm.sqlin import chunks, in_ids
from crm.stages import StageState, StageStep, replay
from crm.stages import milestones as stage_columns

#: Per table, the columns computed from other columns or other rows.
DERIVED_FIELDS: dict[str, frozenset[str]] = {
    "project": frozenset(
        {
            "name_normalized",
            "source_class",
            "stage",
            "stage_on",
            "signed_on",
            "first_signed_on",
            "agreement_type",
            "funded_on",
            "started_on",
            "operating_on",
            "dropped_on",
            "drop_reason",
        }
    ),
    "company": frozenset({"name_normalized"}),
    # Whether its next step awaits a follow-up: a rule over the subject's activities
    # (crm.follow_ups), kept by every writer.
    "activity": frozenset({"next_step_open"}),
}


def history_order(events: Any) -> tuple[Any, Any]:
    """The order a project's stage history is replayed in, the same on every site: its
    sequence, then the event's id (two sites may append the same sequence offline)."""
    return (events.c.sequence, events.c.id)


def is_derived(table_name: str, field: str) -> bool:
    return field in DERIVED_FIELDS.get(table_name, frozenset())


def milestones(state: StageState) -> dict[str, Any]:
    """A replayed stage history as the project's columns (the rule lives in crm.stages)."""
    return stage_columns(state)


def project_source(
    region_code: str | None, country_code: str | None, bureau: Bureau | str
) -> dict[str, Any]:
    """The stored form of a project's source place and its class relative to the bureau."""
    region, country = normalize_place(region_code, country_code)
    klass = source_class(region, country, bureau)
    return {
        "source_region_code": region,
        "source_country_code": country,
        "source_class": klass.value if klass else None,
    }


#: The investor's columns a new project takes its defaults from.
INVESTOR_DEFAULTS = ("industry_code", "chain_code", "hq_region_code", "hq_country_code")


def fill_from_investor(values: dict[str, Any], investor: Mapping[str, Any]) -> None:
    """A project's industry, chain and source place default to its investor's (its
    headquarters); values given stay. `investor` holds the company's columns."""
    values.setdefault("industry_code", investor.get("industry_code"))
    values.setdefault("chain_code", investor.get("chain_code"))
    if values.get("source_region_code") is None and values.get("source_country_code") is None:
        values["source_region_code"] = investor.get("hq_region_code")
        values["source_country_code"] = investor.get("hq_country_code")


def project_name_key(name: str | None) -> str:
    return normalize_project_name(name or "")


def company_name_key(name: str | None) -> str:
    return normalize_company_name(name or "")


# --- refreshing stored rows (sync and bulk writers) ------------------------------------------


def event_step(row: Any) -> StageStep:
    """A stage_event row as a step of the stage machine."""
    return StageStep(
        Stage(row.stage),
        row.kind,
        row.occurred_on,
        not_applicable=bool(row.not_applicable),
        agreement_type=row.agreement_type,
        comment=row.comment or "",
    )


def event_values(step: StageStep, sequence: int) -> dict[str, Any]:
    """A step of the stage machine as the columns of its stage_event row (event_step reads
    them back); every writer of stage history stores steps this way."""
    return {
        "stage": step.stage.value,
        "occurred_on": step.on,
        "not_applicable": step.not_applicable,
        "kind": step.kind,
        "agreement_type": step.agreement_type,
        "comment": step.comment,
        "sequence": sequence,
    }


def refresh_projects(conn: Connection, project_ids: Iterable[str], bureau: Bureau) -> int:
    """Recompute the derived columns of these projects from their rows and stage history;
    returns how many rows changed."""
    from crm.bulk_insert import update_many
    from crm.models import Project, StageEvent

    project = Project.__table__
    events = StageEvent.__table__
    ids = list(dict.fromkeys(project_ids))
    updates: list[tuple[str, dict[str, Any]]] = []
    for chunk in chunks(conn, ids):
        history: dict[str, list[Any]] = {pid: [] for pid in chunk}
        query = (
            select(events)
            .where(in_ids(conn, events.c.project_id, chunk), events.c.deleted_at.is_(None))
            .order_by(events.c.project_id, *history_order(events))
        )
        for row in conn.execute(query):
            history[row.project_id].append(row)
        rows = conn.execute(select(project).where(in_ids(conn, project.c.id, chunk))).all()
        for row in rows:
            values = {
                **milestones(replay(event_step(e) for e in history[row.id])),
                **project_source(row.source_region_code, row.source_country_code, bureau),
                "name_normalized": project_name_key(row.name),
            }
            differing = _differing(row._mapping, values)
            if differing:
                updates.append((row.id, differing))
    return update_many(conn, project, updates)


def refresh_companies(conn: Connection, company_ids: Iterable[str]) -> int:
    from crm.bulk_insert import update_many
    from crm.models import Company

    company = Company.__table__
    ids = list(dict.fromkeys(company_ids))
    updates: list[tuple[str, dict[str, Any]]] = []
    for chunk in chunks(conn, ids):
        for row in conn.execute(
            select(company.c.id, company.c.name, company.c.name_normalized).where(
                in_ids(conn, company.c.id, chunk)
            )
        ):
            key = company_name_key(row.name)
            if key != row.name_normalized:
                updates.append((row.id, {"name_normalized": key}))
    return update_many(conn, company, updates)


def _differing(row: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if _comparable(row[k]) != _comparable(v)}


def _comparable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value

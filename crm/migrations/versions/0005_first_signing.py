"""first signing, investment increases (增资), the bureau's own area

- project.first_signed_on: the first signing, which statistics count (crm.stages says how
  corrections, drops, reopens and upgrades affect it); filled from the stage history;
- investment_increase: dated 增资 entries;
- source classes: `in_city` now means the bureau's own area at its level (a province
  bureau's own province, a county bureau's own county); funds entries of own-area projects
  that carried `in_province` get `in_city`, the funds source for the own area.

The rules are written out here as they stand at this revision (a migration must not follow
later changes of the application's code).
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import check, columns, create_indexes, create_tracked_table, foreign_key


revision: str = "0005_first_signing"
down_revision: str | None = "0004_merge_and_sort_keys"


# The statistics' covering index of the project table as 0003 made it.
PIPELINE_COVER_0003 = [
    "stage", "team_id", "stage_on", "signed_on", "funded_on", "started_on", "operating_on",
    "dropped_on", "created_at", "planned_investment", "deleted_at", "id",
]


def upgrade() -> None:
    create_tracked_table(
        "investment_increase",
        *columns("""
            project_id    String(36)
            increased_on  Date
            amount        BigInteger
            note          Text
        """),
        check("investment_increase", "amount_positive", "amount > 0"),
        foreign_key("investment_increase", "project_id", "project"),
    )
    create_indexes("investment_increase", {
        "ix_investment_increase_cover": ["increased_on", "project_id", "amount", "deleted_at"],
        "ix_investment_increase_project": ["project_id"],
    })
    create_indexes(
        "activity", {"ix_activity_date_project": ["occurred_on", "project_id", "deleted_at"]}
    )
    _replace_index("funds_entry", "ix_funds_entry_project", ["project_id", "received_on", "deleted_at"])
    _replace_index(
        "stage_event", "ix_stage_event_project_id", ["project_id", "deleted_at", "occurred_on"]
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_signed_on", sa.Date(), nullable=True))
        batch_op.drop_index("ix_project_pipeline_cover")
        batch_op.create_index(
            "ix_project_pipeline_cover", [*PIPELINE_COVER_0003, "source_class"], unique=False
        )
        batch_op.drop_index("ix_project_stats_signed")
        batch_op.create_index(
            "ix_project_stats_signed", ["first_signed_on", "planned_investment"], unique=False
        )

    connection = op.get_bind()
    _fill_first_signing(connection)
    _own_area_classes(connection)


def downgrade() -> None:
    op.execute("UPDATE funds_entry SET source = 'in_province' WHERE source = 'in_city'")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index("ix_project_stats_signed")
        batch_op.create_index(
            "ix_project_stats_signed", ["signed_on", "planned_investment"], unique=False
        )
        batch_op.drop_index("ix_project_pipeline_cover")
        batch_op.create_index("ix_project_pipeline_cover", PIPELINE_COVER_0003, unique=False)
        batch_op.drop_column("first_signed_on")

    op.drop_table("investment_increase")
    _replace_index("funds_entry", "ix_funds_entry_project", ["project_id"])
    _replace_index("stage_event", "ix_stage_event_project_id", ["project_id"])
    op.drop_index("ix_activity_date_project", table_name="activity")


def _replace_index(table: str, name: str, columns: list[str]) -> None:
    op.drop_index(name, table_name=table)
    op.create_index(name, table, columns, unique=False)


PIPELINE = ("lead", "negotiating", "signed", "funded", "started", "operating")


def _fill_first_signing(connection: sa.Connection) -> None:
    """signed_on where the history has no correction or reopen; replayed otherwise."""
    connection.execute(sa.text("UPDATE project SET first_signed_on = signed_on"))
    rows = connection.execute(
        sa.text(
            "SELECT project_id, stage, kind, occurred_on FROM stage_event"
            " WHERE deleted_at IS NULL AND project_id IN (SELECT project_id FROM stage_event"
            " WHERE kind IN ('correction', 'reopen') AND deleted_at IS NULL)"
            " ORDER BY project_id, sequence"
        )
    ).all()
    histories: dict[str, list[tuple[str, str, object]]] = {}
    for project_id, stage, kind, occurred_on in rows:
        histories.setdefault(project_id, []).append((stage, kind, occurred_on))
    update = sa.text("UPDATE project SET first_signed_on = :first WHERE id = :id")
    params = [{"id": pid, "first": _first_signing(steps)} for pid, steps in histories.items()]
    if params:
        connection.execute(update, params)


def _first_signing(steps: list[tuple[str, str, object]]) -> object:
    first, settled, signed = None, False, None
    for stage, kind, on in steps:
        if kind in ("advance", "skip") and stage == "signed":
            signed = on
            first = first if first is not None else on
        elif kind in ("correction", "reopen"):
            if kind == "reopen":
                settled = first is not None
            order = PIPELINE.index(stage) if stage in PIPELINE else -1
            if order < 2:
                signed = None
                first = first if settled else None
            elif stage == "signed":
                signed = on if on is not None else signed
                if kind == "correction" and not settled:
                    first = signed
                elif first is None:
                    first = on
    return first


def _setting(connection: sa.Connection, key: str) -> str:
    value = connection.execute(
        sa.text("SELECT value FROM setting WHERE key = :key"), {"key": key}
    ).scalar()
    return str(json.loads(value) or "") if value else ""


def _own_area_classes(connection: sa.Connection) -> None:
    code = _setting(connection, "bureau_region_code")
    if len(code) != 6:
        return  # no bureau yet: classes are made when it is set
    level = _setting(connection, "bureau_level") or (
        "province" if code[2:] == "0000" else "city" if code[4:] == "00" else "county"
    )
    if level == "province":
        connection.execute(
            sa.text(
                "UPDATE project SET source_class = 'in_city' WHERE source_class = 'in_province'"
            )
        )
    elif level == "county":
        # Classed as a city before: only the county itself is its own area now.
        connection.execute(
            sa.text(
                "UPDATE project SET source_class = 'in_province' WHERE source_class = 'in_city'"
                " AND (source_region_code IS NULL OR source_region_code <> :code)"
            ),
            {"code": code},
        )
        connection.execute(
            sa.text(
                "UPDATE project SET source_class = 'in_city' WHERE source_region_code = :code"
                " AND source_country_code = 'CN'"
            ),
            {"code": code},
        )
    connection.execute(
        sa.text(
            "UPDATE funds_entry SET source = 'in_city' WHERE source = 'in_province' AND"
            " project_id IN (SELECT id FROM project WHERE source_class = 'in_city')"
        )
    )

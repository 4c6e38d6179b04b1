"""offline sync: change-log lineage (prev_id, context, supersedes), commit numbering, peers"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from crm.migrations.ddl import columns, primary_key

revision: str = "0006_sync"
down_revision: str | None = "0005_first_signing"


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): the change log can be millions of rows.
    op.add_column("change_log", sa.Column("prev_id", sa.String(length=36), nullable=True))
    op.add_column("change_log", sa.Column("context", sa.Text(), nullable=True))
    op.add_column("change_log", sa.Column("supersedes", sa.Text(), nullable=True))
    op.add_column("change_log", sa.Column("seq", sa.BigInteger(), nullable=True))
    op.create_table(
        "sync_peer",
        *columns("""
            site_id           String(36)
            name              String(200)
            sign_public       String(64)
            box_public        String(64)
            fingerprint       String(60)
            paired_at         DateTime
            acked             BigInteger
            received          BigInteger
            last_sent_at      DateTime     null
            last_received_at  DateTime     null
        """),
        primary_key("sync_peer", "site_id"),
    )
    op.create_table(
        "sync_counter",
        *columns("""
            name   String(40)
            value  BigInteger
        """),
        primary_key("sync_counter", "name"),
    )
    op.create_table(
        "sync_group",
        sa.Column("last_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("first_seq", sa.BigInteger(), nullable=False),
        primary_key("sync_group", "last_seq"),
    )
    op.create_table(
        "sync_conflict",
        *columns("""
            id          String(36)
            kind        String(20)
            table_name  String(40)
            record_id   String(36)
            field       String(60)
            winner_id   String(36)  null
            loser_id    String(36)  null
            detail      Text
        """),
        primary_key("sync_conflict", "id"),
    )
    op.create_index(
        "ix_sync_conflict_record", "sync_conflict", ["table_name", "record_id"], unique=False
    )
    _backfill()
    op.create_index("ix_change_log_seq", "change_log", ["seq"], unique=False)
    op.create_index(
        "ix_change_log_unnumbered",
        "change_log",
        ["hlc", "id"],
        unique=False,
        sqlite_where=sa.text("seq IS NULL"),
        postgresql_where=sa.text("seq IS NULL"),
    )


def _backfill() -> None:
    """Existing rows: numbered in stamp order, each linked to the change it replaced (a single
    site made them all, so each replaced the one before it), deletes marked as having seen
    everything before them."""
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE change_log SET seq = n.n FROM (SELECT id, row_number() OVER "
            "(ORDER BY hlc, id) AS n FROM change_log) AS n WHERE change_log.id = n.id"
        )
    )
    total = bind.execute(sa.text("SELECT count(*) FROM change_log")).scalar_one()
    bind.execute(
        sa.text("INSERT INTO sync_counter (name, value) VALUES ('seq', :n)"), {"n": total}
    )
    if total:
        bind.execute(
            sa.text("INSERT INTO sync_group (first_seq, last_seq) VALUES (1, :n)"), {"n": total}
        )
    bind.execute(
        sa.text(
            "UPDATE change_log SET prev_id = p.p FROM (SELECT id, lag(id) OVER "
            "(PARTITION BY table_name, record_id, field ORDER BY hlc, site_id, id) AS p "
            "FROM change_log WHERE field <> '*') AS p "
            "WHERE change_log.id = p.id AND p.p IS NOT NULL"
        )
    )
    bind.execute(
        sa.text(
            "UPDATE change_log SET prev_id = (SELECT w.id FROM change_log w "
            "WHERE w.table_name = change_log.table_name AND w.record_id = change_log.record_id"
            " AND w.field = '*' AND w.hlc < change_log.hlc ORDER BY w.hlc DESC, w.id DESC "
            "LIMIT 1) WHERE field <> '*' AND prev_id IS NULL AND op <> 'insert'"
        )
    )
    deletes = bind.execute(
        sa.text(
            "SELECT id, table_name, record_id, hlc FROM change_log "
            "WHERE field = 'deleted_at' AND new_value IS NOT NULL"
        )
    ).all()
    for change_id, table_name, record_id, hlc in deletes:
        seen = bind.execute(
            sa.text(
                "SELECT id FROM change_log WHERE table_name = :t AND record_id = :r "
                "AND hlc < :h ORDER BY id"
            ),
            {"t": table_name, "r": record_id, "h": hlc},
        ).scalars()
        bind.execute(
            sa.text("UPDATE change_log SET context = :c WHERE id = :i"),
            {"c": json.dumps(list(seen)), "i": change_id},
        )


def downgrade() -> None:
    op.drop_index("ix_change_log_unnumbered", table_name="change_log")
    op.drop_index("ix_change_log_seq", table_name="change_log")
    op.drop_index("ix_sync_conflict_record", table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_table("sync_group")
    op.drop_table("sync_counter")
    op.drop_table("sync_peer")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_column("seq")
        batch_op.drop_column("supersedes")
        batch_op.drop_column("context")
        batch_op.drop_column("prev_id")

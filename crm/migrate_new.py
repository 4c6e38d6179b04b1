"""Developer command: autogenerate the next migration against a scratch database at head.

Usage: python -m crm.migrate_new "what changed"
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from crm.db import make_engine, sqlite_url
from crm.migrate import alembic_config


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head() or "0000"
    next_id = f"{int(head[:4]) + 1:04d}"
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(sqlite_url(Path(folder) / "scratch.sqlite"))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            command.revision(config, message=argv[0], autogenerate=True, rev_id=next_id)
        engine.dispose()
    print(f"Now set SCHEMA_HEAD = {next_id!r} in crm/schema.py (a test checks it).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

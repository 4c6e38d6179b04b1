"""Render the 同步 screen and its dialogs to PNG, on two sites that met a conflict.

    python -m ui.sync.screenshots OUTDIR [--lang zh|en]

A bureau and a team laptop (fresh databases in a temporary CRM_HOME) each edit the same
project, delete against edit, and make the same company twice; the team's package is then
previewed and imported at the bureau, whose screen shows what waits for a person.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when rendering: the environment is set first
    from crm.db import Database

SIZE = (1280, 800)


def render_sync(out: Path, language: str) -> list[Path]:
    from ui.screenshots import _prepare_environment

    saved_home = os.environ.get("CRM_HOME")
    try:
        return _render_in_temporary_home(out, language, _prepare_environment)
    finally:  # the folder is gone: do not leave CRM_HOME pointing at it
        if saved_home is None:
            os.environ.pop("CRM_HOME", None)
        else:
            os.environ["CRM_HOME"] = saved_home


def _render_in_temporary_home(
    out: Path, language: str, prepare: Callable[[Path], None]
) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="crm-sync-shots-", ignore_cleanup_errors=True) as tmp:
        home = Path(tmp)
        prepare(home)
        from ui.app import make_app

        make_app([sys.argv[0]], language=language)
        from crm.demo.sync_story import conflict_story, sync_sites

        bureau, team, hub = sync_sites(home)
        try:
            package = conflict_story(home, bureau, team)
            return _render(out, language, home, package, bureau, team, hub)
        finally:
            for db in (bureau, team, hub):
                db.close()


def _render(
    out: Path,
    language: str,
    home: Path,
    package: Path,
    bureau: Database,
    team: Database,
    hub: Database,
) -> list[Path]:
    from crm.sync.exchange import import_package
    from crm.sync.overview import read_identity, write_identity
    from ui.context import AppContext
    from ui.screenshots import _save, _wait
    from ui.sync.dialogs import ImportPreviewDialog, PairDialog, ServerSyncDialog
    from ui.sync.screen import SyncScreen

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    preview = import_package(bureau, package, dry_run=True)
    dialog = ImportPreviewDialog(preview)
    dialog.show()
    saved.append(_save(dialog, out, f"{language}-sync-import-preview"))
    dialog.close()
    import_package(bureau, package, expect_state=preview.state_seq)
    screen = SyncScreen(AppContext(db=bureau, language=language))
    screen.resize(*SIZE)
    screen.show()
    _wait(lambda: screen.overview is not None)
    screen.conflicts.table.selectRow(0)
    for tab in range(3):
        screen.tabs.setCurrentIndex(tab)
        saved.append(_save(screen, out, f"{language}-sync-screen-{tab}"))
    listed = [c.kind for c in screen.overview.conflicts if c.kind != "rule"]
    screen.conflicts.table.selectRow(listed.index("delete") if "delete" in listed else 1)
    screen.tabs.setCurrentIndex(0)
    saved.append(_save(screen, out, f"{language}-sync-screen-delete-conflict"))
    group = screen.overview.duplicates[0] if screen.overview.duplicates else None
    if group is not None:
        screen.tabs.setCurrentIndex(2)
        screen.duplicates.table.selectRow(0)
        merge = screen.duplicates.merge_dialog()
        merge.show()
        saved.append(_save(merge, out, f"{language}-sync-merge"))
        merge.close()
    identity_path = home / "team.json"
    write_identity(team, identity_path)
    pair = PairDialog(read_identity(identity_path), screen)
    pair.show()
    saved.append(_save(pair, out, f"{language}-sync-pair"))
    pair.close()
    server = ServerSyncDialog(screen.ctx, screen)
    server.url.setText(hub.url)
    server.show()
    task = server.start()
    _wait(lambda: task is not None and task.done)
    saved.append(_save(server, out, f"{language}-sync-server-done"))
    server.close()
    screen.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    for path in render_sync(args.outdir, args.lang):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

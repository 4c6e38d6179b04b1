"""Render every main screen and the project dialogs to PNG on a demo database.

    python -m ui.screenshots OUTDIR [--lang zh|en] [--scale tiny|small] [--size 1366x768]
                             [--ui-scale 1.5]

--size is the window's size in logical pixels; --ui-scale renders as on a screen scaled to
150 % or 200 % (QT_SCALE_FACTOR): the PNGs are that many times larger.

Runs offscreen in a temporary CRM_HOME (never touches the user's settings or data).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

DEMO_TODAY = date(2026, 11, 20)
SIZE = (1440, 900)


def _prepare_environment(home: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CRM_HOME"] = str(home)
    os.environ.pop("CRM_DATABASE_URL", None)


def _demo_database(home: Path, scale: str):
    from crm.db import open_database
    from crm.demo import generate_demo

    db = open_database(home / "demo.sqlite")
    generate_demo(db, scale=scale, seed=7, today=DEMO_TODAY)
    return db


def _wait(condition, timeout: float = 120.0) -> bool:
    """Process events until `condition()` holds; False when `timeout` seconds passed first."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        QThreadPool.globalInstance().waitForDone(50)
        QApplication.processEvents()
        time.sleep(0.005)  # a timer (e.g. the rest of a list) has not fired yet
    return True


def _save(widget, out: Path, name: str) -> Path:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    # Screens compute off the GUI thread: let their workers finish and results arrive.
    for _ in range(5):
        QThreadPool.globalInstance().waitForDone()
        QApplication.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    return path


def render_all(
    out: Path, language: str, scale: str = "small", home: Path | None = None
) -> list[Path]:
    """Render into `out`; without `home` the demo database lives in a temporary folder that is
    removed afterwards (it is tens of megabytes)."""
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
        return _render_in(home, out, language, scale)
    saved_home = os.environ.get("CRM_HOME")
    try:
        with tempfile.TemporaryDirectory(prefix="crm-shots-", ignore_cleanup_errors=True) as tmp:
            return _render_in(Path(tmp), out, language, scale)
    finally:
        # The folder is gone: do not leave settings pointing at it.
        if saved_home is None:
            os.environ.pop("CRM_HOME", None)
        else:
            os.environ["CRM_HOME"] = saved_home


def _render_in(home: Path, out: Path, language: str, scale: str) -> list[Path]:
    _prepare_environment(home)
    from ui.app import make_app

    make_app([sys.argv[0]], language=language)
    from ui.qsettings import app_settings

    app_settings().setValue("ui/language", language)
    db = _demo_database(home, scale)
    try:
        from ui.main_window import MainWindow
        from ui.screens import SCREENS

        window = MainWindow(db, language=language, start_screen="projects")
        # The pictures go into the help and the README: the status bar names the file, not
        # the temporary folder it was made in.
        window.db_label.setText(window.db_label.text().replace(str(home) + os.sep, ""))
        window.resize(*SIZE)
        window.show()
        _wait(window.search_index_ready)
        out.mkdir(parents=True, exist_ok=True)
        saved = []
        for info in SCREENS:
            window.show_screen(info.screen_id)
            saved.append(_save(window, out, f"{language}-screen-{info.screen_id}"))
        from ui.screenshot_extras import extra_shots  # analysis, drill-down, help

        saved.extend(extra_shots(window, out, language))
        saved.extend(_project_views(window, out, language))
        saved.extend(_new_record_dialogs(window, out, language))
        saved.extend(_brief_preview(window, out, language))
        saved.extend(_import_wizard(window, out, language, home))
        window.close()
        window.deleteLater()
    finally:
        db.close()
    return saved


def _project_views(window, out: Path, language: str) -> list[Path]:
    from ui.projects.form import ProjectForm
    from ui.projects.funds_dialog import FundsDialog
    from ui.projects.stage_dialog import StageMoveDialog

    screen = window.show_screen("projects")
    saved = []
    _wait(lambda: screen.model.complete)
    screen.table.selectRow(0)
    for tab in range(screen.detail.tabs.count()):
        screen.detail.tabs.setCurrentIndex(tab)
        saved.append(_save(window, out, f"{language}-projects-detail-{tab}"))
    screen.detail.tabs.setCurrentIndex(0)
    saved.append(_search_shot(window, screen, "xny", out, f"{language}-projects-search-pinyin"))
    screen.set_mode(1)
    _wait(lambda: screen.board_task is not None and screen.board_task.done)
    saved.append(_save(window, out, f"{language}-projects-board"))
    screen.set_mode(0)
    project_id = screen.model.id_at(0)
    dialogs = [
        ("dialog-new-project", ProjectForm(screen.ctx, None, screen)),
        ("dialog-edit-project", ProjectForm(screen.ctx, project_id, screen)),
        ("dialog-funds", FundsDialog(screen.ctx, project_id, screen)),
    ]
    lead = _first_in_stage(screen, "lead")
    if lead:
        dialogs.append(
            ("dialog-stage", StageMoveDialog(screen.ctx, lead, "lead", "started", screen))
        )
    dialogs.extend(_issue8_dialogs(screen))
    for name, dialog in dialogs:
        dialog.show()
        saved.append(_save(dialog, out, f"{language}-{name}"))
        dialog.close()
    saved.extend(_small_dialogs(out, language))
    saved.append(
        _search_shot(window, screen, "没有这样的项目", out, f"{language}-projects-no-matches")
    )
    return saved


def _search_shot(window, screen, text: str, out: Path, name: str) -> Path:
    """The projects list searched for `text`, saved as `name`; the search is cleared after."""
    screen.filter_bar.search.setText(text)
    screen.filter_bar.search.flush()
    _wait(lambda: screen.model.complete)
    path = _save(window, out, name)
    screen.filter_bar.clear()
    _wait(lambda: screen.model.complete)
    return path


def _issue8_dialogs(screen) -> list[tuple[str, object]]:
    """Funds notices and corrections, the duplicate warning, the merge preview, first start."""
    from crm.queries.project_detail import project_detail, project_values
    from ui.first_start import FirstStartDialog
    from ui.ops import read_now
    from ui.projects.form import ProjectForm
    from ui.projects.funds_dialog import FundsDialog
    from ui.widgets.merge_dialog import MergeDialog

    found: list[tuple[str, object]] = []
    signed = _first_in_stage(screen, "signed")
    if signed:
        found.append(("dialog-funds-signed", FundsDialog(screen.ctx, signed, screen)))
    funded = _first_in_stage(screen, "funded")
    if funded:
        detail = read_now(screen.ctx.db, lambda session: project_detail(session, funded))
        if detail is not None and detail.funds:
            first = detail.funds[0]
            edit = FundsDialog(screen.ctx, funded, screen, entry_id=first.id)
            edit.received_on.set_value(first.received_on.replace(day=1))
            found.append(("dialog-funds-edit", edit))
    pair = [screen.model.id_at(0), screen.model.id_at(1)]
    if all(pair):
        values = read_now(screen.ctx.db, lambda session: project_values(session, pair[0])) or {}
        form = ProjectForm(screen.ctx, None, screen)
        form.name.setText(values.get("name", ""))
        form.company.set_company(values.get("company_id"), values.get("company_name") or "")
        form.check_duplicates()
        found.append(("dialog-new-project-duplicate", form))
        records = [(pid, screen.model.raw_row(screen.model.row_of(pid))[1]) for pid in pair]
        merge = MergeDialog(screen.ctx, records, table="project", parent=screen)
        found.append(("dialog-merge-projects", merge))
    found.append(("dialog-first-start", FirstStartDialog(screen.ctx, screen)))
    return found


def _small_dialogs(out: Path, language: str) -> list[Path]:
    """The board's date dialog (with and without a reason line)."""
    from ui import dialogs

    saved: list[Path] = []
    original = dialogs.exec_dialog

    def capture(dialog) -> int:
        dialog.show()
        saved.append(_save(dialog, out, f"{language}-dialog-board-date-{len(saved)}"))
        dialog.close()
        return 0

    dialogs.exec_dialog = capture
    try:
        dialogs.ask_date(None, "变更为“在谈”" if language == "zh" else "Move to 'Negotiating'")
        dialogs.ask_date(
            None,
            "变更为“终止”" if language == "zh" else "Move to 'Dropped'",
            with_text="终止原因" if language == "zh" else "Reason for dropping",
        )
    finally:
        dialogs.exec_dialog = original
    return saved


#: (screen, hook) whose dialog is rendered: each screen's "new record" form (Ctrl+N) and the
#: forms its buttons open (a team's targets and members, a request, the key-enterprise lists,
#: the dispatch targets).
DIALOG_HOOKS = (
    ("companies", "new_record"),
    ("teams", "new_record"),
    ("teams", "set_target"),
    ("teams", "add_member"),
    ("activities", "new_record"),
    ("problems", "new_record"),
    ("requests", "new_record"),
    ("key_enterprises", "define_list"),
    ("key_enterprises", "add_member"),
    ("key_enterprises", "assign"),
    ("dispatch", "set_target"),
)


def _new_record_dialogs(window, out: Path, language: str) -> list[Path]:
    """The dialogs of DIALOG_HOOKS, however the screen opens them (exec or open)."""
    from PySide6.QtWidgets import QApplication, QDialog

    from ui import dialogs

    shown: list[QDialog] = []

    def capture(dialog: QDialog) -> int:
        dialog.show()
        shown.append(dialog)
        return 0

    saved = []
    original = dialogs.exec_dialog
    dialogs.exec_dialog = capture
    try:
        for screen_id, hook in DIALOG_HOOKS:
            screen = window.show_screen(screen_id)
            before = set(QApplication.topLevelWidgets())
            getattr(screen, hook)()
            QApplication.processEvents()
            opened = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible() and w not in before
            ]
            name = "new" if hook == "new_record" else hook.replace("_", "-")
            for index, dialog in enumerate(opened + [d for d in shown if d not in opened]):
                saved.append(_save(dialog, out, f"{language}-dialog-{name}-{screen_id}-{index}"))
                dialog.close()
            shown.clear()
    finally:
        dialogs.exec_dialog = original
    return saved


def _brief_preview(window, out: Path, language: str) -> list[Path]:
    """The briefs screen with a built preview (skipped when no PDF renderer is installed)."""
    inner = window.show_screen("briefs")
    if not hasattr(inner, "build"):  # a placeholder: the screen could not be built
        return []
    built: list[bool] = []
    inner.preview_ready.connect(lambda: built.append(True))
    saved: list[Path] = []
    for kind, name in (("", "brief-preview"), ("dispatch", "notice-preview")):
        built.clear()
        if kind:  # the kind list rebuilds the preview on its own, after a short pause
            inner.kind.setCurrentIndex(inner.kind.findData(kind))
            done = _wait(lambda: bool(built), timeout=180)
        else:
            inner.build()
            done = _wait(lambda: bool(built) or not inner.busy, timeout=180)
        if not done or not built:
            break
        saved.append(_save(window, out, f"{language}-{name}"))
    return saved


def _import_wizard(window, out: Path, language: str, home: Path) -> list[Path]:
    """The import wizard on a ledger exported from the demo data, into an empty database:
    the column mapping and the preview of what would be imported."""
    from crm.db import open_database
    from crm.ledger import LedgerFilters, export_ledger
    from ui.ledger.wizard import ImportWizard
    from ui.ops import read_now

    ledger = home / "ledger.xlsx"
    read_now(  # a few hundred projects with funds and problems
        window.ctx.db,
        lambda session: export_ledger(session, ledger, LedgerFilters(stages=["funded", "started"])),
    )
    target = open_database(home / "import.sqlite")
    saved = []
    try:
        wizard = ImportWizard(target, window, language=language)
        wizard.resize(1100, 720)
        wizard.show()
        wizard.file_page.path.setText(str(ledger))
        wizard.file_page.other_db.setChecked(True)  # its 系统编号 are the demo database's
        wizard.next()  # reads the file off the GUI thread, then moves on by itself
        if _wait(lambda: wizard.currentPage() is wizard.mapping_page, timeout=60):
            saved.append(_save(wizard, out, f"{language}-import-mapping"))
            wizard.next()
            if _wait(lambda: wizard.plan is not None, timeout=120):
                saved.append(_save(wizard, out, f"{language}-import-preview"))
        wizard.close()
    finally:
        target.close()
    return saved


def _first_in_stage(screen, stage: str) -> str | None:
    from crm.queries.project_filter import ProjectFilter
    from crm.queries.project_list import ProjectQuery
    from ui.ops import read_now

    ids = read_now(screen.ctx.db, ProjectQuery(ProjectFilter(stages=(stage,))).ids)
    return ids[0] if ids else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--scale", default="small")
    parser.add_argument("--size", default="", help="window size, e.g. 1366x768 (default 1440x900)")
    parser.add_argument(
        "--ui-scale", type=float, default=0, help="screen scaling, e.g. 1.5 or 2 (default: none)"
    )
    args = parser.parse_args(argv)
    if args.ui_scale:  # read when the QApplication is made: set before anything makes one
        os.environ["QT_SCALE_FACTOR"] = str(args.ui_scale)
    if args.size:
        global SIZE
        SIZE = tuple(int(n) for n in args.size.lower().split("x"))  # type: ignore[assignment]
    for path in render_all(args.outdir, args.lang, args.scale):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Screenshots of issue 14's views for ui.screenshots: an analysis with its chart, a
drill-down from the dashboard, the quick-start guide, the shortcut list, 关于, the change log
and the server sync dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def extra_shots(window: Any, out: Path, language: str) -> list[Path]:
    from crm.periods import year
    from ui.dashboard.drill import open_card
    from ui.help.dialogs import AboutDialog, ShortcutsDialog
    from ui.help.menu import show_guide
    from ui.screenshots import DEMO_TODAY, _save, _wait

    saved = []
    analysis = window.show_screen("analysis")
    analysis.period.set_period(year(DEMO_TODAY.year))
    for name, first, second in (("analysis", "chain", ""), ("analysis-2d", "team", "industry")):
        analysis.first.setCurrentIndex(analysis.first.findData(first))
        analysis.second.setCurrentIndex(analysis.second.findData(second))
        analysis.table_data = None
        analysis.run()
        _wait(lambda: analysis.table_data is not None)
        saved.append(_save(window, out, f"{language}-{name}"))
    dashboard = window.show_screen("dashboard")
    _wait(lambda: dashboard.data is not None)
    if open_card(dashboard, "signed_count"):
        projects = window.current_screen()
        _wait(lambda: projects.model.complete)
        saved.append(_save(window, out, f"{language}-drill-signed"))
        projects.clear_filters()
    guide = show_guide(window)
    saved.append(_save(guide, out, f"{language}-help-guide"))
    guide.close()
    from ui.access.audit_view import AuditDialog
    from ui.sync.dialogs import ServerSyncDialog

    for name, dialog in (
        ("help-shortcuts", ShortcutsDialog(window, window)),
        ("help-about", AboutDialog(str(window.ctx.db.location), window)),
        ("dialog-change-log", AuditDialog(window.ctx, window)),  # 工具 → 操作记录
        ("dialog-sync-server", ServerSyncDialog(window.ctx, window)),
    ):
        dialog.show()
        saved.append(_save(dialog, out, f"{language}-{name}"))
        dialog.close()
    return saved

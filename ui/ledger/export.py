"""Export a table screen's current view (filters and visible columns applied) to .xlsx."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from crm.errors import CrmError
from crm.ledger import export_table_to_xlsx
from ui import dialogs
from ui.context import AppContext
from ui.ops import error_text, run_read


def choose_xlsx_path(parent: QWidget | None, suggested: str) -> str | None:
    """Ask where to save (tests replace this function)."""
    title = QCoreApplication.translate("ledger", "导出为 Excel")
    return dialogs.ask_save_path(parent, title, suggested, "Excel (*.xlsx)")


def xlsx_path(parent: QWidget | None, suggested_name: str) -> str | None:
    """The file the user chose, ending in .xlsx; None when cancelled."""
    path = choose_xlsx_path(parent, suggested_name)
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path


def export_ledger_sheet(parent: QWidget, ctx: AppContext, kind: str, *, suggested_name: str) -> Any:
    """One sheet of the ledger export (crm.ledger.export_ledger), e.g. the teams with their
    members and targets; returns the path written, None when cancelled or refused."""
    from crm.ledger import export_ledger

    path = xlsx_path(parent, suggested_name)
    if not path:
        return None

    def done(result: Any) -> None:
        rows = result.sheet_rows.get(kind, 0)
        if kind == "teams":  # a row per team and target year: say both (user test 2, F10)
            text = QCoreApplication.translate("table_export", "已导出 %1 支工作队（%2 行）到 %3")
            text = text.replace("%1", f"{result.counts.get(kind, 0):,}")
            text = text.replace("%2", f"{rows:,}").replace("%3", str(result.path))
        else:
            text = QCoreApplication.translate("table_export", "已导出 %1 行到 %2")
            text = text.replace("%1", f"{rows:,}").replace("%2", str(result.path))
        dialogs.show_info(parent, text)

    return run_read(
        ctx,
        parent,
        lambda session: export_ledger(session, path, sheets=(kind,)),
        on_done=done,
        on_error=lambda exc: dialogs.show_error(parent, export_error(exc, ctx.language)),
        title=QCoreApplication.translate("table_export", "正在导出…"),
        show_progress=True,
    )


def export_error(exc: Exception, language: str) -> str:
    """One sentence for a failed export (a folder, a missing folder, no permission...)."""
    if isinstance(exc, OSError):
        return QCoreApplication.translate("ledger", "无法写入文件：%1").replace("%1", str(exc))
    return error_text(exc, language)


def export_table(
    parent: QWidget | None,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    kinds: Sequence[str],
    *,
    suggested_name: str = "导出.xlsx",
    title: str | None = None,
    hidden: Sequence[int] = (),
) -> Path | None:
    """Ask for a file name and write the table; returns the path, or None when cancelled.

    headers: Chinese column titles with units (“总投资（万元）”); kinds per column: text, money,
    number, int, date, datetime, percent, bool (see crm.ledger.xlsx). Rows hold plain values
    (Decimal, date …), not display strings, so numbers stay numbers in Excel.
    """
    path = xlsx_path(parent, suggested_name)
    if not path:
        return None
    try:
        written = export_table_to_xlsx(path, headers, rows, kinds, title=title, hidden=hidden)
    except OSError as exc:
        dialogs.show_error(
            parent, QCoreApplication.translate("ledger", "无法写入文件：%1").replace("%1", str(exc))
        )
        return None
    except CrmError as exc:  # a folder, a missing folder, no permission: already explained
        dialogs.show_error(parent, str(exc))
        return None
    return written

"""The projects screen's record actions: new, edit, delete (with undo), merge duplicates, and
an activity or problem logged from a project's panel. A mixin of ProjectsScreen, as
stage_funds.StageAndFundsActions is: both act on the project the panel shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget

from crm.queries.project_choices import project_name
from crm.queries.project_detail import project_values
from crm.services import projects as project_service
from ui import dialogs, ops
from ui.access.guards import refused
from ui.projects.form import ProjectForm
from ui.undo import WriteCommand
from ui.widgets.merge_dialog import MergeDialog

#: How long a refusal stays in the status bar (ms).
STATUS_MS = 6000

#: Texts are translated in ProjectsScreen's context, where these methods were and the .ts
#: keeps their English (QCoreApplication.translate written out, for pylupdate to find).


class RecordActions:
    """New / edit / delete / merge of the projects screen (self is a ProjectsScreen)."""

    def new_record(self) -> None:
        form = ProjectForm(self.ctx, None, self)
        form.open_existing.connect(self.reveal)
        if dialogs.exec_dialog(form) and form.saved_id:
            self.reveal(form.saved_id, new=True)

    def refuses(self, button: QPushButton, project_id: str | None = None) -> bool:
        """The one rule of a record action however it is reached (its button, the menu, a key,
        a double click, a card): crm.access's answer that disables `button` for the project
        shown (ui.access.guards). A refusal is said in the status bar; True then.
        `project_id`: the project acted on, when it may not be the one shown (a card)."""
        shown = self.detail.detail.id if self.detail.detail else None
        why = refused(button) if project_id in (None, shown) else ""
        if why:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(why, STATUS_MS)
        return bool(why)

    def edit_current(self) -> None:
        project_id = self.current_id()
        if project_id:
            self.edit_project(project_id)

    def edit_project(self, project_id: str) -> None:
        if self.refuses(self.edit_button, project_id):
            return
        form = ProjectForm(self.ctx, project_id, self)
        dialogs.exec_dialog(form)

    def delete_current(self) -> None:
        project_id = self.current_id()
        if not project_id or self.refuses(self.delete_button, project_id):
            return
        ops.run_read(
            self.ctx,
            self,
            lambda s: project_values(s, project_id),
            on_done=lambda values: self._confirm_delete(project_id, values),
        )

    def _confirm_delete(self, project_id: str, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        # Named by its code and investor too: two projects may share a name.
        who = "，".join(v for v in (values.get("code"), values.get("company_name")) if v)
        question = (
            QCoreApplication.translate("ProjectsScreen", "删除项目“%1”（%2）？可用 Ctrl+Z 撤销。")
            .replace("%1", values["name"])
            .replace("%2", who)
            .replace("（）", "")  # neither a code nor an investor
        )
        if not dialogs.ask_confirm(
            self, QCoreApplication.translate("ProjectsScreen", "删除项目"), question
        ):
            return
        delete = lambda s: project_service.delete_project(s, project_id)  # noqa: E731
        restore = lambda s: project_service.restore_project(s, project_id)  # noqa: E731
        ops.run_write(
            self.ctx,
            self,
            delete,
            on_done=lambda _r: self.remember(
                QCoreApplication.translate("ProjectsScreen", "删除项目"),
                project_id,
                restore,
                delete,
            ),
        )

    def remember(self, text: str, project_id: str, revert: Any, again: Any = None) -> None:
        """Put a write just made on the window's undo stack; undoing it shows the project."""
        self.ctx.undo_stack.push(
            WriteCommand(
                self.ctx,
                text,
                revert,
                again,
                changes={"project", "stage_event", "funds_entry"},
                on_undone=lambda _r: self.select_id(project_id),
            )
        )

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [pid for pid in (self.model.id_at(row) for row in rows) if pid]

    def merge_selected(self) -> None:
        """Merge two selected duplicates: the dialog shows what moves, then merges."""
        chosen = self.selected_ids()
        if len(chosen) != 2:
            dialogs.show_info(
                self,
                QCoreApplication.translate(
                    "ProjectsScreen", "请先在列表中选中两个重复的项目（按住 Ctrl 点选），再合并。"
                ),
            )
            return
        ops.run_read(
            self.ctx,
            self,
            lambda s: [(pid, project_name(s, pid)) for pid in chosen],
            on_done=self._open_merge,
        )

    def _open_merge(self, records: list[tuple[str, str]]) -> None:
        dialog = MergeDialog(self.ctx, records, table="project", parent=self)
        if dialogs.exec_dialog(dialog) and dialog.merged is not None:
            self.reveal(dialog.merged.survivor_id)

    # -- activities and problems of a project ----------------------------------------------
    def log_activity(self, project_id: str) -> None:
        """Quick log for this project (its investor and team filled in)."""
        from ui.activities.quick_log import QuickLogDialog

        dialog = QuickLogDialog(self.ctx, self, project_id=project_id)
        if dialogs.exec_dialog(dialog) and dialog.saved_id:
            self._show_tab(project_id, self.detail.activities)

    def raise_problem(self, project_id: str) -> None:
        from ui.problems.dialogs import ProblemDialog

        dialog = ProblemDialog(self.ctx, self, project_id=project_id)
        if dialogs.exec_dialog(dialog) and dialog.saved_id:
            self._show_tab(project_id, self.detail.problems)

    def _show_tab(self, project_id: str, page: QWidget) -> None:
        """After a save: the project's detail re-read, on the tab holding the new record."""
        self.show_detail(project_id)
        self.detail.tabs.setCurrentWidget(page)

"""The projects screen's stage moves and funds entries: the stage dialog, a card dropped on
another column, recording, correcting and deleting funds, each remembered for Ctrl+Z.

A mixin of ProjectsScreen (it uses the screen's ctx, detail panel and undo steps); its texts keep
the screen's translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from crm.codes import Stage
from crm.queries.project_detail import funds_entry_values, project_values
from crm.services import funds as funds_service
from crm.services import stage_undo
from crm.services import stages as stage_service
from ui import dialogs, ops
from ui.projects.funds_dialog import FundsDialog
from ui.projects.stage_dialog import CLOSED, StageMoveDialog, skipped_between
from ui.widgets.money import format_amount

#: The user cancelled a question (distinct from None, "no question asked").
_CANCELLED = object()


class StageAndFundsActions:
    """Stage moves and funds entries of the selected or shown project."""

    ctx: Any
    detail: Any
    remember: Callable[..., None]
    current_id: Callable[[], str | None]
    refuses: Callable[..., bool]
    stage_button: Any
    funds_button: Any
    _show_tab: Callable[[str, Any], None]

    def move_current(self) -> None:
        project_id = self.current_id()
        if project_id and not self.refuses(self.stage_button, project_id):
            self.open_stage_dialog(project_id)

    def open_stage_dialog(self, project_id: str, to_stage: str | None = None) -> None:
        self._stage_of(
            project_id, lambda before: self._open_stage_dialog(project_id, to_stage, before)
        )

    def _open_stage_dialog(
        self, project_id: str, to_stage: str | None, before: tuple[str, int] | None
    ) -> None:
        if before is None:
            return
        dialog = StageMoveDialog(self.ctx, project_id, before[0], to_stage, self)
        if dialogs.exec_dialog(dialog) and dialog.result_changed is not None:
            self._push_stage_undo(project_id, before[1])

    def move_by_drop(self, project_id: str, to_stage: str) -> None:
        """A card dropped on another column: ask the date (and reason), then the same service."""
        if self.refuses(self.stage_button, project_id):  # the card dragged is the one shown
            return
        self._stage_of(project_id, lambda before: self._move_dropped(project_id, to_stage, before))

    def _move_dropped(self, project_id: str, to_stage: str, before: tuple[str, int] | None) -> None:
        if before is None or before[0] == to_stage:
            return
        if before[0] in CLOSED or skipped_between(before[0], to_stage):
            self.open_stage_dialog(project_id, to_stage)
            return
        dropping = to_stage == Stage.DROPPED.value
        title = QCoreApplication.translate("ProjectsScreen", "变更为“%1”").replace(
            "%1", Stage(to_stage).label(self.ctx.language)
        )
        answer = dialogs.ask_date(
            self,
            title,
            QCoreApplication.translate("ProjectsScreen", "日期"),
            date.today(),
            with_text=QCoreApplication.translate("ProjectsScreen", "终止原因")
            if dropping
            else None,
        )
        if answer is None:
            return
        on, reason = answer if isinstance(answer, tuple) else (answer, "")
        sequence = before[1]
        ops.run_write(
            self.ctx,
            self,
            lambda s: stage_service.move_stage(
                s, project_id, to_stage=to_stage, on=on, reason=reason
            ),
            changes={"stage_event"},
            on_done=lambda _r: self._push_stage_undo(project_id, sequence),
        )

    def _stage_of(self, project_id: str, then: Callable[[tuple[str, int] | None], None]) -> None:
        """(stage, sequence of the latest history entry) of a live project, to `then`."""

        def read(session: Any) -> tuple[str, int] | None:
            values = project_values(session, project_id)
            sequence = stage_undo.last_sequence(session, project_id)
            return (values["stage"], sequence) if values else None

        ops.run_read(self.ctx, self, read, on_done=then)

    def _push_stage_undo(self, project_id: str, before: int) -> None:
        """Remember the move just written: history entries after `before`, up to now (read
        after the write: writes run one after the other, so this is the move's last entry)."""
        ops.run_read(
            self.ctx,
            self,
            lambda s: stage_undo.last_sequence(s, project_id),
            on_done=lambda after: self._push_stage_step(project_id, before, after),
        )

    def _push_stage_step(self, project_id: str, before: int, after: int) -> None:
        def revert(session: Any) -> Any:  # the history's comment: the core's own (data stay
            # in one language whatever the clerk's window shows; the timeline translates it)
            return stage_undo.undo_stage_move(
                session, project_id, before_sequence=before, after_sequence=after
            )

        self.remember(QCoreApplication.translate("ProjectsScreen", "变更阶段"), project_id, revert)

    def record_funds_current(self) -> None:
        project_id = self.current_id()
        if project_id and not self.refuses(self.funds_button, project_id):
            dialogs.exec_dialog(FundsDialog(self.ctx, project_id, self))

    def edit_funds(self, entry_id: str) -> None:
        """Correct a funds entry of the shown project (the dialog says what the stage does)."""
        project_id = self.detail.detail.id if self.detail.detail else None
        if not project_id:
            return
        dialog = FundsDialog(self.ctx, project_id, self, entry_id=entry_id)
        if dialogs.exec_dialog(dialog) and dialog.result_changed is not None:
            self._show_tab(project_id, self.detail.funds_page)
            self.detail.select_funds(entry_id)

    def delete_funds(self, entry_id: str) -> None:
        """Soft-delete a funds entry after asking; deleting the only entry of a funded project
        asks what becomes of the stage. Ctrl+Z brings the entry (and the stage) back."""
        project_id = self.detail.detail.id if self.detail.detail else None
        if not project_id:
            return

        def read(session: Any) -> tuple[Any, Any, int]:
            values = funds_entry_values(session, entry_id)
            effect = funds_service.stage_effect(
                session, project_id, entry_id=entry_id, deleting=True
            )
            return values, effect, stage_undo.last_sequence(session, project_id)

        ops.run_read(
            self.ctx,
            self,
            read,
            on_done=lambda found: self._confirm_delete_funds(project_id, entry_id, *found),
        )

    def _confirm_delete_funds(
        self, project_id: str, entry_id: str, values: Any, effect: Any, before: int
    ) -> None:
        if values is None:
            return
        entry = (
            QCoreApplication.translate("ProjectsScreen", "%1 万元（%2 到位）")
            .replace("%1", format_amount(values["amount"]))
            .replace("%2", str(values["received_on"]))
        )
        back_to_signed = self._ask_delete_funds(entry, effect)
        if back_to_signed is _CANCELLED:
            return
        comment = QCoreApplication.translate("ProjectsScreen", "删除唯一一笔到位资金")

        def write(session: Any) -> tuple[Any, int]:
            result = funds_service.delete_funds_entry(
                session, entry_id, back_to_signed=back_to_signed, comment=comment
            )
            return result, stage_undo.last_sequence(session, project_id)

        ops.run_write(
            self.ctx,
            self,
            write,
            changes={"project", "funds_entry", "stage_event"},
            on_done=lambda written: self._funds_deleted(project_id, entry_id, before, written),
        )

    def _funds_deleted(
        self, project_id: str, entry_id: str, before: int, written: tuple[Any, int]
    ) -> None:
        after = written[1]

        def revert(session: Any) -> Any:
            if after != before:  # the stage went back to 签约: forward again first
                stage_undo.undo_stage_move(
                    session, project_id, before_sequence=before, after_sequence=after
                )
            return funds_service.restore_funds_entry(session, entry_id)

        self.remember(
            QCoreApplication.translate("ProjectsScreen", "删除到位资金"), project_id, revert
        )
        self._show_tab(project_id, self.detail.funds_page)

    def _ask_delete_funds(self, entry: str, effect: Any) -> Any:
        """True / False: move the stage back to 签约 or keep it (only entry of a funded project);
        None: no stage question; _CANCELLED: the user said no."""
        title = QCoreApplication.translate("ProjectsScreen", "删除到位资金")
        if effect.kind == funds_service.EFFECT_LAST_ENTRY:
            choice = dialogs.ask_choice(
                self,
                title,
                QCoreApplication.translate(
                    "ProjectsScreen",
                    "%1 是项目唯一一笔到位资金。删除后，项目阶段“资金到位”怎么处理？",
                ).replace("%1", entry)
                + QCoreApplication.translate("ProjectsScreen", "（可用 Ctrl+Z 撤销）"),
                [
                    (
                        "back",
                        QCoreApplication.translate("ProjectsScreen", "退回“签约”（记为更正）"),
                    ),
                    ("keep", QCoreApplication.translate("ProjectsScreen", "保持“资金到位”")),
                ],
            )
            return _CANCELLED if choice is None else choice == "back"
        question = QCoreApplication.translate(
            "ProjectsScreen", "删除这笔到位资金：%1？（可用 Ctrl+Z 撤销）"
        ).replace("%1", entry)
        if effect.kind == funds_service.EFFECT_FUNDED_DATE:
            question += "\n" + (
                QCoreApplication.translate(
                    "ProjectsScreen",
                    "删除后项目的资金到位日期将由 %1 改为 %2（下一笔到位资金的日期）。",
                )
                .replace("%1", str(effect.old_date))
                .replace("%2", str(effect.new_date))
            )
        return None if dialogs.ask_confirm(self, title, question) else _CANCELLED

"""Disabling the buttons and actions that write what the signed-in person may not write.

One helper for the whole window: `guard(target, check)` keeps a button or an action disabled,
with the reason as its tooltip (只读账户不能修改数据。), while `check()` — a question to
crm.access — refuses; when it allows, the screen's own enabling (a selection, a status) applies
as before. The rules are crm.access's (`may_write`, `authorize`); nothing is decided here, and
the core refuses anyway. `guard_screen` lists, per screen, which widgets write which table and
whose record they touch (the shown project's team, the shown team).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crm import access
from crm.access import Decision
from ui.screen import Screen

Check = Callable[[], Decision]
#: Where a screen's record-level buttons find the team(s) of the record they act on:
#: "own" (a new record: the person's own team), "none" (a record of no team: companies,
#: merges), "project" (the project shown in the detail panel), "team" (the team shown).
Owner = str

#: screen id → (widget path, table, create?, owner).
WRITE_WIDGETS: dict[str, tuple[tuple[str, str, bool, Owner], ...]] = {
    "projects": (
        ("new_button", "project", True, "own"),
        ("edit_button", "project", False, "project"),
        ("stage_button", "stage_event", True, "project"),
        ("funds_button", "funds_entry", True, "project"),
        ("delete_button", "project", False, "project"),
        ("merge_button", "project", False, "none"),
        ("detail.log_button", "activity", True, "project"),
        ("detail.problem_button", "problem", True, "project"),
        ("detail.edit_funds_button", "funds_entry", False, "project"),
        ("detail.delete_funds_button", "funds_entry", False, "project"),
    ),
    "companies": (
        ("new_button", "company", True, "none"),
        ("merge_button", "company", False, "none"),
        ("detail.edit_button", "company", False, "none"),
        ("detail.log_button", "activity", True, "own"),
        ("detail.add_contact_button", "contact", True, "none"),
        ("detail.edit_contact_button", "contact", False, "none"),
        ("detail.delete_contact_button", "contact", False, "none"),
        ("detail.add_tag_button", "company_tag", True, "none"),
        ("detail.remove_tag_button", "company_tag", False, "none"),
    ),
    "activities": (("new_button", "activity", True, "own"),),
    "problems": (
        ("new_button", "problem", True, "own"),
        ("start_button", "problem", False, "own"),
        ("close_button", "problem", False, "own"),
        ("reopen_button", "problem", False, "own"),
    ),
    "teams": (
        ("new_button", "team", True, "none"),
        ("edit_button", "team", False, "team"),
        ("log_button", "activity", True, "team"),
        ("target_button", "team_target", False, "team"),
        ("add_member_button", "team_member", True, "team"),
        ("end_member_button", "team_member", False, "team"),
    ),
    "requests": (("new_button", "enterprise_request", True, "none"),),
    "dispatch": (
        ("entry_button", "completion_entry", True, "none"),
        ("target_button", "target", True, "none"),
    ),
}
#: The action every export of a table checks (File → 导出当前表格…, the screens' 导出… buttons):
#: the one `crm export ledger` checks (crm.ledger.export_ledger), so the window and the command
#: line answer alike.
EXPORT_ACTION = "export_ledger"
#: screen id → (widget path, action of crm.access.ACTIONS).
ACTION_WIDGETS: dict[str, tuple[tuple[str, str], ...]] = {
    "settings": (("save_button", "change_settings"),),
    "briefs": (("sign_button", "sign_off_brief"),),
    "sync": (("rename_button", "change_settings"),),
    "projects": (("export_button", EXPORT_ACTION),),
    "companies": (("export_button", EXPORT_ACTION),),
    "activities": (("export_button", EXPORT_ACTION),),
    "problems": (("export_button", EXPORT_ACTION),),
    "analysis": (("export_button", EXPORT_ACTION),),
}


#: The window's Edit / Delete (Ctrl+E, Delete) per screen: the button whose state (a record
#: chosen, crm.access's answer) they follow, so that button, menu and key do the same.
RECORD_BUTTONS: dict[str, dict[str, str]] = {
    "projects": {"edit_current": "edit_button", "delete_current": "delete_button"},
    "teams": {"edit_current": "edit_button", "delete_current": "edit_button"},
}
#: Lists without such buttons: the table their Edit / Delete write (a row must be chosen) and
#: whose record it is (None: the person's own team's, as the screens' New buttons ask; ():
#: no team's, companies are the bureau's ledger).
RECORD_TABLES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "companies": ("company", ()),
    "activities": ("activity", None),
    "problems": ("problem", None),
    "requests": ("enterprise_request", ()),
}
RECORD_HOOKS = ("edit_current", "delete_current")


def refusal(decision: Decision, language: str) -> str:
    return decision.reason_en if language == "en" else decision.reason_zh


def guard(target: Any, check: Check, language: str) -> None:
    """Keep `target` (a QWidget or QAction) disabled while `check()` refuses, its tooltip
    saying why; the caller's own setEnabled still decides when the check allows."""
    state = getattr(target, "access_guard", None)
    if state is None:  # the first guard: take over setEnabled
        cls = type(target)
        state = {"wanted": target.isEnabled(), "tooltip": target.toolTip()}

        def set_enabled(on: bool) -> None:
            state["wanted"] = bool(on)
            decision = state["check"]()
            cls.setEnabled(target, bool(on) and bool(decision))
            tip = state["tooltip"] if decision else refusal(decision, state["language"])
            target.setToolTip(tip)

        target.setEnabled = set_enabled
        target.access_guard = state
    state.update(check=check, language=language)
    target.setEnabled(state["wanted"])


def refused(target: Any) -> str:
    """Why crm.access keeps a guarded button or action disabled ("" when it allows, or when
    `target` has no guard): the one sentence its tooltip shows."""
    state = getattr(target, "access_guard", None)
    if state is None:
        return ""
    decision = state["check"]()
    return "" if decision else refusal(decision, state["language"])


def record_action(screen: Any, hook: str) -> tuple[bool, str]:
    """(may run now, why not) for the window's Edit / Delete (`hook`: edit_current,
    delete_current) on `screen`: what the screen's own button says, or for a list without one,
    a row chosen and crm.access allowing its table. The reason is "" when nothing is chosen."""
    if getattr(type(screen), hook, None) is getattr(Screen, hook):
        return False, ""  # the screen has no such action (dashboard, briefs, …)
    path = RECORD_BUTTONS.get(screen.screen_id, {}).get(hook)
    button = find_widget(screen, path) if path else None
    if button is not None:
        return button.isEnabled(), "" if button.isEnabled() else refused(button)
    chosen = getattr(screen, "current_id", lambda: None)() is not None
    if screen.screen_id not in RECORD_TABLES:
        return chosen, ""
    table, owners = RECORD_TABLES[screen.screen_id]
    decision = access.may_write(screen.ctx.db.access_actor(), table, owners)
    if not decision:
        return False, refusal(decision, screen.ctx.language)
    return chosen, ""


def recheck(*targets: Any) -> None:
    for target in targets:
        state = getattr(target, "access_guard", None)
        if state is not None:
            target.setEnabled(state["wanted"])


def guard_window(window: Any) -> None:
    """The window's own New / Edit / Delete, import and export actions, backup and restore."""
    ctx = window.ctx
    for name in ("act_new", "act_edit", "act_delete"):
        if hasattr(window, name):
            check = lambda: access.may_write_anything(ctx.db.access_actor())  # noqa: E731
            guard(getattr(window, name), check, ctx.language)
    for name in ("act_import", "act_demo"):
        if hasattr(window, name):
            guard(getattr(window, name), _action_check(ctx, "import_ledger"), ctx.language)
    if hasattr(window, "act_export"):
        guard(window.act_export, _action_check(ctx, EXPORT_ACTION), ctx.language)
    backups = getattr(window, "backups", None)
    for name, action in (("act_backup", "backup"), ("act_restore", "restore")):
        if backups is not None and hasattr(backups, name):
            guard(getattr(backups, name), _action_check(ctx, action), ctx.language)


def guard_screen(screen: Any) -> None:
    """Guard the write buttons of a screen just built (WRITE_WIDGETS, ACTION_WIDGETS)."""
    language = screen.ctx.language
    guarded = []
    for path, table, create, owner in WRITE_WIDGETS.get(screen.screen_id, ()):
        target = find_widget(screen, path)
        if target is not None:
            guard(target, _write_check(screen, table, create, owner), language)
            guarded.append(target)
    for path, action in ACTION_WIDGETS.get(screen.screen_id, ()):
        target = find_widget(screen, path)
        if target is not None:
            guard(target, _action_check(screen.ctx, action), language)
    detail = getattr(screen, "detail", None)
    if screen.screen_id == "projects" and detail is not None:
        # A project shown in the panel: its team decides the record-level buttons.
        shown = type(detail).set_detail

        def set_detail(*args: Any, **kwargs: Any) -> None:
            shown(detail, *args, **kwargs)
            recheck(*guarded)

        detail.set_detail = set_detail


def find_widget(root: Any, path: str) -> Any:
    """The widget at a dotted attribute path of `root` ("detail.edit_button"), or None."""
    target = root
    for part in path.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def require_export(session: Any) -> None:
    """The core's check at the start of every export's work (on the worker, through ui.ops):
    AccessDenied, one sentence, for a person who may not export."""
    access.require_in(session, EXPORT_ACTION)


def _action_check(ctx: Any, action: str) -> Check:
    return lambda: access.authorize(ctx.db.access_actor(), action)


def _write_check(screen: Any, table: str, create: bool, owner: Owner) -> Check:
    def check() -> Decision:
        actor = screen.ctx.db.access_actor()
        return access.may_write(actor, table, _owners(screen, owner), create=create)

    return check


def _owners(screen: Any, owner: Owner) -> tuple[str | None, ...] | None:
    if owner == "none":
        return ()
    if owner == "team":
        team = getattr(screen, "team_id", None)
        return None if team is None else (team,)
    if owner == "project":
        shown = getattr(getattr(screen, "detail", None), "detail", None)
        return None if shown is None else (shown.values.get("team_id"),)
    return None

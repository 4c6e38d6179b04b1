"""Saved analyses: named specs kept in the `saved_analyses` setting (one list per database,
so a bureau's shared database shares them)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from crm.analysis.spec import AnalysisSpec
from crm.errors import NotFoundError, ValidationError
from crm.services.settings import get_setting, set_setting

KEY = "saved_analyses"


def saved_analyses(session: Session) -> list[tuple[str, AnalysisSpec]]:
    """(name, spec) in the order saved; an entry this version cannot read is skipped."""
    result = []
    for entry in get_setting(session, KEY) or []:
        try:
            result.append((str(entry["name"]), AnalysisSpec.from_json(entry["spec"])))
        except (KeyError, TypeError, ValueError):
            continue
    return result


def saved_analysis(session: Session, name: str) -> AnalysisSpec:
    """The analysis saved under `name`; NotFoundError (one sentence) when there is none."""
    for saved_name, spec in saved_analyses(session):
        if saved_name == name:
            return spec
    raise _not_found(name)


def _not_found(name: str) -> NotFoundError:
    return NotFoundError(f"没有名为“{name}”的分析", f"No saved analysis named '{name}'")


def save_analysis(session: Session, name: str, spec: AnalysisSpec) -> None:
    """Save under a name; the same name replaces the earlier one."""
    name = name.strip()
    if not name:
        raise ValidationError(
            "name", name, "请填写分析的名称", "Give the analysis a name", code="required"
        )
    entries = [e for e in get_setting(session, KEY) or [] if e.get("name") != name]
    entries.append({"name": name, "spec": spec.to_json()})
    set_setting(session, KEY, entries)


def delete_analysis(session: Session, name: str) -> None:
    entries = get_setting(session, KEY) or []
    kept = [e for e in entries if e.get("name") != name]
    if len(kept) == len(entries):
        raise _not_found(name)
    set_setting(session, KEY, kept)

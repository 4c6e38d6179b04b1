"""The JSON form of the figures (`crm stats`), for other tools. Keys: crm/stats/KEYS.md.

Money is a JSON number in 万元, exact to 0.000001 万元 (the stored precision); percentages
and percentage points are JSON numbers rounded to 4 decimals; counts are integers; dates
are ISO text; a change against a zero base is null.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from crm.periods import Period
from crm.stats.model import BriefFigures, DashboardFigures, Figure
from crm.stats.scope import Scope

SCHEMA_VERSION = 2
PCT_PLACES = Decimal("0.0001")


def figures_to_json(figures: BriefFigures | DashboardFigures) -> dict[str, Any]:
    body = _convert(figures, "")
    assert isinstance(body, dict)
    return {"schema_version": SCHEMA_VERSION, "units": {"money": "万元", "percent": "%"}, **body}


def to_json(value: Any) -> Any:
    """Any figures dataclass (coverage, dispatch, targets, rankings …) in the same JSON form."""
    return _convert(value, "")


def _is_percent(name: str) -> bool:
    return name.endswith(("_pct", "share", "_points"))


def _convert(value: Any, name: str) -> Any:
    if isinstance(value, Figure):
        return _figure(value, name)
    if isinstance(value, Period):
        return _period(value)
    if isinstance(value, Scope):
        return _scope(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _convert(getattr(value, f.name), f.name) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_convert(v, name) for v in value]
    if isinstance(value, Decimal):
        return _number(value, percent=_is_percent(name))
    if isinstance(value, date):
        return value.isoformat()
    return value


def _number(value: Decimal, *, percent: bool) -> float | int:
    if percent:
        value = value.quantize(PCT_PLACES, rounding=ROUND_HALF_UP)
    # Exact decimals of at most 15 significant digits survive float's shortest repr.
    return float(value)


def _figure(figure: Figure[Any], name: str) -> dict[str, Any]:
    percent = _is_percent(name)

    def number(v: Any) -> Any:
        return _number(v, percent=percent) if isinstance(v, Decimal) else v

    change = figure.change_pct
    result = {
        "current": number(figure.current),
        "previous": number(figure.previous),
        "change_pct": None if change is None else _number(change, percent=True),
    }
    if percent:
        result["change_points"] = _number(figure.change_points, percent=True)
    return result


def _period(period: Period) -> dict[str, Any]:
    return {
        "code": period.code,
        "kind": period.kind.value,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "label": period.label_zh,
        "full_end": None if period.full_end is None else period.full_end.isoformat(),
    }


def _scope(scope: Scope) -> dict[str, Any]:
    return {"code": scope.code, "kind": scope.kind.value, "key": scope.key, "label": scope.label}

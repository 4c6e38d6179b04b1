"""Analysis drill-down: a row of the table opens the projects it counts, where the projects
list's filters can say the same (an industry section, a chain, a province, a region group, a
team, a place, a stage, a month); rows the list cannot express (a foreign country, a company
list, an unfilled key) are not opened."""

from __future__ import annotations

from datetime import date
from typing import Any

from crm.periods import Period, date_range, month
from crm.queries.drill import figure_code
from crm.queries.project_filter import ProjectFilter

#: The measure → the figure whose projects a row lists.
MEASURE_FIGURES = {"signed_count": "signed", "signed_investment": "signed", "funds": "funds"}


def row_filter(table: Any, row: int) -> ProjectFilter | None:
    """The projects of row `row` of an analysis table (crm.analysis); None when the list
    cannot show exactly them. The 合计 row lists the whole figure."""
    row_keys = table.attrs.get("row_keys", [])
    if not 0 <= row < len(row_keys) or table.attrs["measure"] not in MEASURE_FIGURES:
        return None
    if table.attrs.get("scope"):  # a team/source/place scope: not one of the list's filters
        return None
    period: Period = table.attrs["period"]
    fields: dict[str, Any] = {}
    for dim in table.attrs.get("filters", {}):
        named = table.attrs.get("filter_keys", {}).get(dim, [])
        if len(named) != 1 or not _apply(fields, dim, named[0]):
            return None
    key = row_keys[row]
    if key is not None:  # not the 合计 row
        dim = table.attrs["dimensions"][0]
        if dim == "month":
            period = _month_within(key, period)
        elif not _apply(fields, dim, key):
            return None
    kind = MEASURE_FIGURES.get(table.attrs["measure"])
    if kind is None:  # 完成投资: no figure of the projects list counts it
        return None
    figure = figure_code(kind, period)
    return ProjectFilter(figure=figure, **fields)


def _apply(fields: dict[str, Any], dim: str, key: str) -> bool:
    """Put the list's counterpart of a dimension key into `fields`; False if there is none."""
    if not key:
        return False
    if dim == "industry":
        fields["industry_code"] = key
    elif dim == "chain":
        fields["chain_code"] = key
    elif dim == "source_province" and key.isdigit():
        fields["source_province"] = key
    elif dim == "source_group":
        fields["region_group"] = key
    elif dim == "team":
        fields["team_id"] = key
    elif dim == "stage":
        fields["stages"] = (key,)
    elif dim == "place" and key.startswith("park:"):
        fields["park_id"] = key.removeprefix("park:")
    elif dim == "place" and key.startswith("region:"):
        fields["landing_region_code"] = key.removeprefix("region:")
    else:
        return False
    return True


def _month_within(key: str, period: Period) -> Period:
    """'2026-03' within the analysed period (a period may start or end mid-month)."""
    year, number = (int(part) for part in key.split("-"))
    whole = month(year, number)
    start: date = max(whole.start, period.start)
    end: date = min(whole.end, period.end)
    return date_range(start, end)

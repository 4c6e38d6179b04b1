"""The analysis itself: facts grouped in SQL (crm.analysis.facts), keyed and filtered,
then pivoted by pandas with 合计, 上年同期, 同比 and shares.

The 合计 of a row or column is computed from the facts without the other dimension, never
by adding cells: on overlapping dimensions (region groups, company lists) a project sits in
several cells and still counts once in the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from crm.analysis import TOTAL
from crm.analysis.dims import Names, _keys, add_keys
from crm.analysis.facts import RAW_COLUMNS, VALUE, grouped_facts
from crm.analysis.spec import OVERLAPPING, UNITS, AnalysisSpec, label
from crm.errors import ValidationError
from crm.money import fen_to_wan, round_half_up
from crm.periods import Period
from crm.services.settings import all_settings
from crm.stats.brief import counting_scope
from crm.stats.model import Figure, share_pct
from crm.stats.query import CancelFn, ProgressFn, Steps
from crm.stats.scope import parse_scope

#: The dimension whose keys overlap within one fact row (a project's region groups).
GROUPS = "source_group"
CURRENT = "本期"
PREVIOUS = "上年同期"
CHANGE = "同比(%)"
SHARE = "占比(%)"


@dataclass(frozen=True)
class _Facts:
    """The grouped facts of one period: plain (a project's region groups as one list), by
    region group (one row per group: a project in two groups is in two rows), and (when a
    dimension is `tag`) per list. A sum over dimensions without groups or lists is taken
    from `plain`, so that a project counts once."""

    plain: pd.DataFrame
    by_group: pd.DataFrame
    tagged: pd.DataFrame | None

    def frame_for(self, dims: list[str]) -> pd.DataFrame:
        if "tag" in dims and self.tagged is not None:
            return self.tagged
        return self.by_group if GROUPS in dims else self.plain


def run_analysis(
    session: Session,
    spec: AnalysisSpec,
    *,
    as_of: date | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    language: str = "zh",
) -> pd.DataFrame:
    """The table of the analysis: one row per key of the first dimension and a last 合计
    row; columns 本期 (one dimension) or one per key of the second dimension and 合计, then
    上年同期, 同比(%), 占比(%). Values: int counts, Decimal 万元. Index: the labels; `attrs`
    holds the keys (row_keys, column_keys), the measure, unit, periods and notes."""
    steps = Steps(4, progress, should_cancel)
    period = spec.period.cut_at(as_of or date.today())
    previous = period.previous_year()
    scope = counting_scope(session, parse_scope(session, spec.scope), all_settings(session))
    names = Names.load(session, language, {*spec.dimensions, *spec.filters})
    _check_named(spec, names)
    dims = list(spec.dimensions)
    raw = _raw_columns([*dims, *(d for d in spec.filters if d != "tag")], tagged=False)
    tags = _tag_filter(spec, names)
    steps.step()
    matched: dict[str, set[str]] = {"tag": set(tags)} if tags else {}
    now = _facts(session, spec, scope, period, raw, tags, names, shift=0, matched=matched)
    steps.step()
    before = _facts(session, spec, scope, previous, raw, tags, names, shift=1)
    steps.step()
    table = _table(now, before, dims, names, money=spec.measure != "signed_count")
    table.attrs.update(
        measure=spec.measure,
        measure_label=label(spec.measure, language),
        unit=UNITS[spec.measure][0],
        dimensions=dims,
        filters=dict(spec.filters),
        filter_keys={dim: sorted(keys) for dim, keys in matched.items()},
        scope=spec.scope,
        period=period,
        previous=previous,
        notes=_notes(dims, language),
    )
    steps.step()
    return table


def _check_named(spec: AnalysisSpec, names: Names) -> None:
    """A team or chain the filter names that does not exist is said: a misspelt team gave a
    table of zeros, as if it had signed nothing. Ids and codes (drill-downs) pass too."""
    words = {*names.words, *names.words.values()}
    for dim, known, zh, en in (("team", names.teams, "工作队", "team"),
                               ("chain", names.chains, "产业链", "industry chain")):  # fmt: skip
        for value in spec.filters.get(dim, ()):
            if value not in known and value not in known.values() and value not in words:
                raise ValidationError(
                    dim, value, f"找不到{zh}：{value}", f"No such {en}: {value}",
                    code="unknown_filter_value",
                )  # fmt: skip


def _raw_columns(dims: list[str], *, tagged: bool) -> list[str]:
    raw: list[str] = []
    for dim in dims:
        if dim == "tag" and not tagged:
            continue
        raw += [c for c in RAW_COLUMNS[dim] if c not in raw]
    return raw


def _tag_filter(spec: AnalysisSpec, names: Names) -> tuple[str, ...]:
    wanted = spec.filters.get("tag", ())
    if not wanted:
        return ()
    return tuple(t.code for t in names.labels.tag_kinds if t.code in wanted or t.name in wanted)


def _facts(
    session: Session,
    spec: AnalysisSpec,
    scope: Any,
    period: Period,
    raw: list[str],
    tags: tuple[str, ...],
    names: Names,
    *,
    shift: int,
    matched: dict[str, set[str]] | None = None,
) -> _Facts:
    def fetch(columns: list[str], *, explode: bool = True) -> pd.DataFrame:
        frame = grouped_facts(session, spec.measure, scope, period, columns, tags=tags)
        frame = _filtered(frame, spec, names, shift, matched)
        dims = [d for d in spec.dimensions if d != "tag"]
        return add_keys(frame, dims, names, shift_years=shift, explode=explode)

    plain = fetch(raw, explode=False)
    tagged = None
    if "tag" in spec.dimensions:
        tagged = fetch([*raw, "tag"])
        tagged["tag"] = tagged["tag"].astype(object).where(tagged["tag"].notna(), "").astype(str)
    if spec.filters.get("tag") and not tags:  # no list of that name: nothing matches
        plain, tagged = plain.iloc[0:0], None if tagged is None else tagged.iloc[0:0]
    by_group = plain.explode(GROUPS, ignore_index=True) if GROUPS in spec.dimensions else plain
    return _Facts(plain, by_group, tagged)


def _filtered(
    frame: pd.DataFrame,
    spec: AnalysisSpec,
    names: Names,
    shift: int,
    matched: dict[str, set[str]] | None = None,
) -> pd.DataFrame:
    """Rows whose key (or its label) is one of the filter's values; for region groups, a
    row covered by any of the named groups. `matched` collects the keys the values named
    (drill-downs filter the projects list by keys, not by the words typed)."""
    for dim, values in spec.filters.items():
        if dim == "tag" or frame.empty:
            continue
        wanted = set(values)
        keys = _keys(frame, dim, names, shift)

        def matches(key: str, dim: str = dim, wanted: set[str] = wanted) -> bool:
            return key in wanted or names.label(dim, key) in wanted

        if dim == "source_group":
            mask = keys.map(lambda ks: any(matches(k) for k in ks))
            hits = {k for ks in keys for k in ks if matches(k)}
        else:
            mask = keys.map(matches)
            hits = set(keys[mask.astype(bool)])
        if matched is not None:
            matched.setdefault(dim, set()).update(hits)
        frame = frame[mask.astype(bool)]
    return frame


def _sum_by(facts: _Facts, dims: list[str]) -> dict[Any, int]:
    """Value per key (or key pair), from the tagged facts when a list is among the dims.
    Summed in a dict: a few hundred grouped rows add up faster than pandas groups them."""
    frame = facts.frame_for(dims)
    if frame.empty:
        return {}
    values = frame[VALUE].tolist()
    if not dims:
        return {"": sum(int(v) for v in values)}
    columns = [frame[d].tolist() for d in dims]
    keys = columns[0] if len(dims) == 1 else list(zip(*columns, strict=True))
    sums: dict[Any, int] = {}
    for key, value in zip(keys, values, strict=True):
        sums[key] = sums.get(key, 0) + int(value)
    return sums


def _total(facts: _Facts) -> Any:
    """Each project once, whatever groups or lists it is in."""
    return sum(int(v) for v in facts.plain[VALUE].tolist())


def _table(
    now: _Facts, before: _Facts, dims: list[str], names: Names, *, money: bool
) -> pd.DataFrame:
    first = dims[0]
    rows_now, rows_before = _sum_by(now, [first]), _sum_by(before, [first])
    total_now, total_before = _total(now), _total(before)
    row_keys = _ordered(first, rows_now, rows_before, names)
    columns: dict[str, list[Any]] = {}
    column_keys: list[str] = []
    if len(dims) == 2:
        second = dims[1]
        cells = _cells(now, dims)
        cols_now = _sum_by(now, [second])
        column_keys = _ordered(second, cols_now, {}, names)
        for key in column_keys:
            values = [_get(cells, (r, key)) for r in row_keys]
            columns[names.label(second, key)] = [*values, _get(cols_now, key)]
        columns[TOTAL] = [*(_get(rows_now, r) for r in row_keys), total_now]
    else:
        columns[CURRENT] = [*(_get(rows_now, r) for r in row_keys), total_now]
    current = columns[TOTAL if len(dims) == 2 else CURRENT]
    prior = [*(_get(rows_before, r) for r in row_keys), total_before]
    columns[PREVIOUS] = prior
    columns[CHANGE] = [_pct(Figure(c, p).change_pct) for c, p in zip(current, prior, strict=True)]
    columns[SHARE] = [_pct(share_pct(c, total_now)) for c in current]
    if money:  # the sums were in fen: exact 万元 from here on
        for name in columns.keys() - {CHANGE, SHARE}:
            columns[name] = [fen_to_wan(v) for v in columns[name]]
    index = pd.Index(
        [*(names.label(first, r) for r in row_keys), TOTAL],
        name=label(first, "en" if names.english else "zh"),
    )
    table = pd.DataFrame(columns, index=index)
    table.attrs.update(row_keys=[*row_keys, None], column_keys=column_keys)
    return table


def _cells(facts: _Facts, dims: list[str]) -> dict[tuple[str, str], Any]:
    """The cells: pandas groups the keyed rows by both dimensions and sums them."""
    frame = facts.frame_for(dims)
    if frame.empty:
        return {}
    sums = frame.groupby(dims[:2], sort=False)[VALUE].sum()
    return {(str(r), str(c)): _plain(v) for (r, c), v in sums.items()}


def _get(values: dict[Any, Any], key: Any) -> int:
    return _plain(values.get(key, 0))


def _plain(value: Any) -> int:
    """A count or an amount in fen as int (pandas hands back numpy ints and NaN)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return 0
    return int(value)


def _ordered(dim: str, now: dict[Any, int], before: dict[Any, int], names: Names) -> list[str]:
    """Natural order for sections, stages and months; otherwise the largest first, the
    unfilled key last."""
    keys = list(dict.fromkeys([*map(str, now), *map(str, before)]))
    if names.sort_key(dim, "") is not None:
        return sorted(keys, key=lambda k: names.sort_key(dim, k) or (0, k))
    return sorted(keys, key=lambda k: (k == "", -Decimal(_get(now, k)), names.label(dim, k)))


def _pct(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, 1)


def _notes(dims: list[str], language: str) -> list[str]:
    notes = []
    for dim in dims:
        if dim not in OVERLAPPING:
            continue
        if language.startswith("en"):
            notes.append(
                f"A project can be in several rows of {label(dim, 'en').lower()}: the rows may "
                "add up to more than the total, which counts each project once."
            )
        else:
            notes.append(
                f"同一项目可属于多个{label(dim)}，各行之和可大于合计；合计中每个项目只计一次。"
            )
    return notes

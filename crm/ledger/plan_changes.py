"""What a plan will write, record by record: the preview's list of changes.

Built from the items apply_plan writes (their `changes`, and the `before` values the planners
kept beside them), never recomputed: a preview is a promise. Values read as the ledger shows
them — money in 万元, dates ISO, codes as their labels — in Chinese and in English (`Said`):
the plan is built once, whatever language shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from crm.codes import (
    AgreementType,
    ConstructionNature,
    FundsSource,
    ListLevel,
    ProblemStatus,
    Stage,
    TagKind,
)
from crm.ledger.context import CompanyEntry
from crm.ledger.field_names import field_label
from crm.ledger.fields import FIELDS, FieldSpec, Sheet
from crm.ledger.fields_dispatch import DISPATCH
from crm.ledger.fields_key import KEYLIST
from crm.ledger.parse import NEW, UPDATED, Item
from crm.ledger.plan_requests import STEP_FIELDS, status_written
from crm.ledger.refs import CODED_KINDS, Missing, References
from crm.models import Company
from crm.money import wan_text, wan_text_en

#: How many records the preview lists; the rest are counted ("另有 M 条").
CHANGE_LIMIT = 500

#: Service field → the ledger column it comes from (for the column's header and parser kind).
_COLUMN_OF = {"industry_code": "industry", "chain_code": "chain", "park_id": "park",
              "team_id": "team", "company_id": "company", "source_region_code": "source",
              "source_country_code": "source", "landing_region_code": "landing_region",
              "hq_region_code": "hq", "hq_country_code": "hq", "station_region_code": "station",
              "region_group_code": "region_group", "received_on": "received"}  # fmt: skip
#: A value as the preview says it: (Chinese, English). Names (regions, companies) are the same
#: in both; words the program writes (stages, 是/否, 空) are translated.
Said = tuple[str, str]
_EMPTY: Said = ("（空）", "(empty)")
_ADDED: Said = ("（新增）", "(added)")  # the old side of an addition (a list membership, a member)


def _same(text: str) -> Said:
    return (text, text)


def _coded(value: Any) -> Said:
    return (value.zh, value.en)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a record: its value on record and the value the import writes."""

    field: str
    label: str  # the ledger's header (Chinese), else the service field's Chinese name
    label_en: str
    old: Any
    new: Any
    old_text: str
    new_text: str
    old_en: str = ""
    new_en: str = ""

    def text(self, language: str = "zh", *, new_record: bool = False) -> str:
        """「label: 旧值 → 新值」, or for a new record (nothing on record) 「label: 值」."""
        english = language.startswith("en")
        label = (self.label_en or self.label) if english else self.label
        new = (self.new_en or self.new_text) if english else self.new_text
        if new_record and self.old is None:  # (a new entry's effect on its project has one)
            return f"{label}: {new}"
        old = (self.old_en or self.old_text) if english else self.old_text
        return f"{label}: {old} → {new}"


@dataclass(frozen=True, slots=True)
class PlannedChange:
    """A record the import creates (status new) or changes (updated), with its sheet row."""

    sheet: str
    row: int
    status: str
    name: str
    fields: tuple[FieldChange, ...] = ()

    def text(self, language: str = "zh") -> str:
        """The changed fields on one line (a new record: the fields it is written with)."""
        return ("; " if language.startswith("en") else "；").join(self.field_texts(language))

    def field_texts(self, language: str = "zh") -> list[str]:
        """One text a field: 「label: 旧值 → 新值」, for a new record 「label: 值」."""
        return [f.text(language, new_record=self.status == NEW) for f in self.fields]

    def line(self, language: str = "zh") -> str:
        english = language.startswith("en")
        action = {NEW: ("新增", "new"), UPDATED: ("更新", "update")}[self.status][english]
        where = f"{self.sheet} row {self.row}" if english else f"{self.sheet} 第{self.row}行"
        detail = self.text(language)
        return f"{where} {action} {self.name}" + (f" — {detail}" if detail else "")


def planned_changes(
    session: Any, items: dict[str, list[Item]], refs: References, limit: int | None = None
) -> tuple[list[PlannedChange], int]:
    """The first `limit` records the plan writes (updates first: they alter what is on record),
    and how many it writes in all."""
    written = [i for kind in items.values() for i in kind if i.status in (NEW, UPDATED)]
    order = {UPDATED: 0, NEW: 1}
    written.sort(key=lambda i: (order[i.status], i.sheet, i.row))
    shown = written[: CHANGE_LIMIT if limit is None else limit]
    labels = _Labels(refs, _company_names(session, shown))
    return [_describe(item, labels) for item in shown], len(written)


def describe_field(refs: References, kind: str, name: str, old: Any, new: Any) -> FieldChange:
    """One field's value on record and in the file, as the preview says them."""
    return _Labels(refs, {}).change(kind, name, old, new)


def writes_apart(item: Item, refs: References) -> bool:
    """Whether apply writes something of an updated row beside its `changes` (stage moves …)."""
    labels = _Labels(refs, {})
    return any(written_apart(item, labels) for written_apart in _WRITTEN_APART)


def _describe(item: Item, labels: _Labels) -> PlannedChange:
    fields: list[FieldChange] = []
    if item.status == NEW:
        fields = [
            labels.change(item.kind, _FIELD_OF.get(k, k), None, _as_written(item, k, v))
            for k, v in item.values.items()
            if k not in _NAMED_APART
            and v not in (None, "", (), [])
            and not (k == "code" and item.values.get("name"))  # named with it (_name)
        ]
    if item.status == NEW:
        fields += _funded_move(item, labels) + _stage_reached(item, labels)
    if item.status == UPDATED:
        before = item.before
        fields = [labels.change(item.kind, k, before.get(k), v) for k, v in item.changes.items()]
        fields = _one_line_per_place(item, fields, labels)
        for written_apart in _WRITTEN_APART:
            fields += written_apart(item, labels)
    return PlannedChange(item.sheet, item.row, item.status, _name(item), tuple(fields))


def _funded_move(item: Item, labels: _Labels) -> list[FieldChange]:
    """A new funds entry that moves its signed project to 资金到位 (the plan worked it out:
    plan_others.plan_auto_funded) says so, as the window's funds dialog does."""
    on = item.extra.get("funds_move_on")
    if on is None:
        return []
    new = (f"{Stage.FUNDED.zh}（{on.isoformat()}）", f"{Stage.FUNDED.en} ({on.isoformat()})")
    return [labels.field_change(item.kind, "stage", Stage.SIGNED, Stage.FUNDED,
                                (Stage.SIGNED.zh, Stage.SIGNED.en), new)]  # fmt: skip


def _as_written(item: Item, name: str, value: Any) -> Any:
    """A cell's value as the plan writes it: the investor as the plan found or makes it."""
    entry = item.extra.get("company")
    if name == "company" and isinstance(entry, CompanyEntry):
        return entry
    if name == "status" and item.kind == Sheet.REQUESTS:
        return status_written(item.values)
    return value


def _one_line_per_place(
    item: Item, fields: list[FieldChange], labels: _Labels
) -> list[FieldChange]:
    """A place is one ledger cell but two fields (region, country): one line, as the cell reads
    — the region's name, else the country's (深圳市 → 法国)."""
    for region, country in _PLACES:
        changed = {f.field for f in fields}
        if not changed & {region, country}:
            continue
        texts = []
        for side in (item.before, {**item.before, **item.changes}):
            code = side.get(region) or side.get(country)
            texts.append(labels.text(None, region if side.get(region) else country, code))
        old = (item.before.get(region), item.before.get(country))
        new = (item.changes.get(region, old[0]), item.changes.get(country, old[1]))
        line = labels.field_change(item.kind, region, old, new, *texts)
        at = next(i for i, f in enumerate(fields) if f.field in (region, country))
        fields = [f for f in fields if f.field not in (region, country)]
        fields.insert(at, line)
    return fields


_PLACES = (("source_region_code", "source_country_code"), ("hq_region_code", "hq_country_code"))
#: A new record's ledger column → the field whose labels name its codes (a place column holds a
#: region's or a country's code: `_Labels.text` tries both).
_FIELD_OF = {column: name for name, column in _COLUMN_OF.items() if name not in
             ("source_country_code", "hq_country_code", "received_on")}  # fmt: skip
#: What a new record's line says already (its name), or what nobody reads (序号, 系统编号).
_NAMED_APART = frozenset({"name", "seq", "record_id"})


def _stage_changes(item: Item, labels: _Labels) -> list[FieldChange]:
    """A project's stage moves: from the stage on record to the last one, with its date."""
    moves = item.extra.get("moves") or []
    if not moves or "stage" not in item.before:
        return []
    last = moves[-1]
    agreement = next((m.agreement_type for m in moves if m.agreement_type), None)
    on = [last.on.isoformat()] if last.on else []
    kind = AgreementType(agreement) if agreement else None  # the signing's kind is written too
    zh, en = on + ([kind.zh] if kind else []), on + ([kind.en] if kind else [])
    stage = Stage(last.to_stage)
    new = (stage.zh + (f"（{'，'.join(zh)}）" if zh else ""),
           stage.en + (f" ({', '.join(en)})" if en else ""))  # fmt: skip
    old = _coded(Stage(item.before["stage"]))
    return [labels.field_change(item.kind, "stage", item.before["stage"], last.to_stage, old, new)]


def _stage_reached(item: Item, labels: _Labels) -> list[FieldChange]:
    """A new project's stage when no 项目阶段 cell names it: the one its dates reach (签约时间
    filled: 签约), which is what is written (user test 2, F9)."""
    moves = item.extra.get("moves") or []
    if item.kind != Sheet.PROJECTS or item.values.get("stage") or not moves:
        return []
    stage = Stage(moves[-1].to_stage)
    return [labels.field_change(item.kind, "stage", None, stage.value, _EMPTY, _coded(stage))]


def _status_change(item: Item, labels: _Labels) -> list[FieldChange]:
    """A problem's status, which apply moves through the problem service, not `changes`."""
    if not item.extra.get("status_change"):
        return []
    old, new = item.extra.get("from_status", ""), item.values.get("status", "")
    texts = (_coded(ProblemStatus(old)) if old else _EMPTY,
             _coded(ProblemStatus(new)) if new else _EMPTY)  # fmt: skip
    found = [labels.field_change(item.kind, "status", old, new, *texts)]
    if new == ProblemStatus.RESOLVED.value:  # closing it writes how and when
        v = item.values
        found += [
            labels.change(item.kind, f, None, v.get(f)) for f in ("resolution", "resolved_on")
        ]
    return found


def _target_changes(item: Item, labels: _Labels) -> list[FieldChange]:
    """A team's yearly target (apply sets it whole): the figures that differ from the record's."""
    target = item.extra.get("target")
    if not target:
        return []
    before = item.extra.get("target_before") or {}
    return [
        labels.change(item.kind, f"target_{name}", before.get(name), value)
        for name, value in target.items()
        if name != "year" and value != before.get(name)
    ]


def _request_steps(item: Item, labels: _Labels) -> list[FieldChange]:
    """A request's steps (reply, close …), which apply moves through the request service."""
    record = item.extra.get("record")
    if item.kind != Sheet.REQUESTS or record is None:
        return []
    v = {**item.values, "status": status_written(item.values)}
    return [
        labels.change(item.kind, name, record.get(name), v[name])
        for name in STEP_FIELDS
        if v.get(name) not in (None, "") and v[name] != record.get(name)
    ]


def _parent_change(item: Item, labels: _Labels) -> list[FieldChange]:
    """A company's group (所属集团), which apply sets after the companies are written."""
    if "parent_change" not in item.extra:
        return []
    old, new = item.extra["parent_change"]
    old_text = labels.text(None, "parent_id", old)
    return [labels.field_change(item.kind, "parent", old, new, old_text, _same(new))]


def _dispatch_changes(item: Item, labels: _Labels) -> list[FieldChange]:
    """A dispatch row's completion figures, list entry and profile: what differs from record."""
    if item.kind != DISPATCH:
        return []
    found = []
    completion = item.extra.get("completion") or {}
    before = item.extra.get("completion_before")
    if completion and before is not None:
        found += [(f, before.get(f), v) for f, v in completion.items() if v != before.get(f)]
    entry = item.extra.get("list_entry")
    if entry:
        found.append(("year_plan", item.extra.get("list_before"), entry["year_plan"]))
    profile = item.extra.get("profile") or {}
    old = item.extra.get("profile_before") or {}
    found += [(f, old.get(f), v) for f, v in profile.items()]
    return [labels.change(item.kind, f, was, now) for f, was, now in found]


def _keylist_changes(item: Item, labels: _Labels) -> list[FieldChange]:
    """A key-enterprise row: its membership's level / valid-until, its commissioner and leader."""
    if item.kind != KEYLIST:
        return []
    found = []
    for new_key, old_key in (("membership", "membership_before"), ("liaison", "liaison_before")):
        new, old = item.extra.get(new_key) or {}, item.extra.get(old_key)
        if old is not None:
            found += [
                (f, old.get(f), v) for f, v in new.items() if f != "start_on" and v != old.get(f)
            ]
    return [_keylist_change(item, labels, *change) for change in found]


def _keylist_change(item: Item, labels: _Labels, name: str, old: Any, new: Any) -> FieldChange:
    if name != "level":
        return labels.change(item.kind, name, old, new)
    texts = (_coded(ListLevel(v)) if v in ListLevel._value2member_map_
             else labels.text(None, name, v) for v in (old, new))  # fmt: skip
    return labels.field_change(item.kind, name, old, new, *texts)


def _additions(item: Item, labels: _Labels) -> list[FieldChange]:
    """What apply adds beside the fields: list memberships of the investor, team members."""
    entry = item.extra.get("company")
    tags = item.extra.get("new_tags")
    if tags is None and isinstance(entry, CompanyEntry) and not entry.is_new:
        tags = entry.new_tags  # a projects-sheet row that lists its investor on a new list
    added = []
    if tags:
        said = [_tag_text(t) for t in tags]
        named = ("、".join(zh for zh, _ in said), ", ".join(en for _, en in said))
        column = "company_tags" if item.kind == Sheet.PROJECTS else "tags"
        added.append(labels.field_change(item.kind, column, None, tags, _ADDED, named))
    members = item.extra.get("new_members")
    if members:
        names = ("、".join(m.name for m in members), ", ".join(m.name for m in members))
        added.append(labels.field_change(item.kind, "members", None, members, _ADDED, names))
    return added


def _tag_text(tag: Any) -> Said:
    known = tag.tag in TagKind._value2member_map_
    zh, en = _coded(TagKind(tag.tag)) if known else _same(str(tag.tag))
    if not tag.edition_year:
        return (zh, en)
    return (f"{zh}（{tag.edition_year}）", f"{en} ({tag.edition_year})")


def _name(item: Item) -> str:
    """What a clerk knows the record by: its name (and code), else its first text value."""
    values = item.values
    if item.extra.get("name"):  # a record without a name of its own (a unit's target)
        return str(item.extra["name"])
    if values.get("enterprise") and values.get("content"):  # a request: whose, and about what
        return f"{values['enterprise']}：{str(values['content'])[:30]}"
    name = str(values.get("name") or "")
    # A row matched by name (no 项目编号 column, or one of two alike chosen) is named with
    # the code on record, so the clerk sees which project it updates.
    code = values.get("code") or (item.before or {}).get("code")
    if name and code:
        return f"{name}（{code}）"
    if name:
        return name
    for key in ("project", "company", "summary", "description", "content"):
        if values.get(key):
            return str(values[key])[:40]
    return ""


def _company_names(session: Any, items: list[Item]) -> dict[str, str]:
    """Names of the companies on record that the shown changes name by id."""
    ids = {
        v
        for item in items
        for v in (
            item.before.get("company_id"),
            item.changes.get("company_id"),
            item.extra.get("parent_change", (None,))[0],
        )
        if isinstance(v, str)
    }
    if not ids:
        return {}
    query = select(Company.id, Company.name).where(Company.id.in_(sorted(ids)))
    return {cid: name for cid, name in session.execute(query)}


class _Labels:
    """Values as the ledger shows them: 万元 (in English ×10k CNY), ISO dates, labels for codes
    and ids."""

    def __init__(self, refs: References, companies: dict[str, str]) -> None:
        self.refs = refs
        self.companies = companies
        self.names = {
            "industry_code": refs.industry_names,
            "chain_code": refs.chain_names,
            "park_id": refs.park_names,
            "team_id": refs.team_names,
            "source_region_code": refs.region_names,
            "landing_region_code": {**refs.region_names, **refs.county_labels},
            "county": refs.county_labels,  # a park's 所属县区 (crm.ledger.plan_extra)
            "hq_region_code": refs.region_names,
            "station_region_code": refs.region_names,
            "source_country_code": refs.country_names,
            "hq_country_code": refs.country_names,
            "region_group_code": refs.group_names,
            "company_id": companies,
            "parent_id": companies,
        }

    def change(self, kind: str, name: str, old: Any, new: Any) -> FieldChange:
        spec = _spec(kind, name)
        return self.field_change(
            kind, name, old, new, self.text(spec, name, old), self.text(spec, name, new)
        )

    def field_change(
        self, kind: str, name: str, old: Any, new: Any, old_text: Said, new_text: Said
    ) -> FieldChange:
        spec = _spec(kind, name)
        label = spec.label if spec else field_label(kind, name)
        return FieldChange(name, label, spec.label_en if spec else name, old, new,
                           old_text[0], new_text[0], old_text[1], new_text[1])  # fmt: skip

    def text(self, spec: FieldSpec | None, name: str, value: Any) -> Said:
        if value is None or value == "":
            return _EMPTY
        if isinstance(value, Missing | CompanyEntry):
            new = not isinstance(value, CompanyEntry) or value.is_new
            return (value.name + "（新建）", value.name + " (new)") if new else _same(value.name)
        if isinstance(value, bool):
            return ("是", "yes") if value else ("否", "no")
        if isinstance(value, Decimal) and spec is not None and spec.kind == "money":
            return (wan_text(value), wan_text_en(value))
        if isinstance(value, Decimal) and spec is not None and spec.kind == "figure":
            return _same(wan_text(value).removesuffix("万元"))  # a target: 万元 or a count
        if isinstance(value, date):
            return _same(value.isoformat())
        if isinstance(value, tuple) and name in _PLACE_COLUMNS and len(value) == 2:
            return _same(self._place(name, *value))  # a place cell: (region code, country)
        if isinstance(value, list | tuple | set | frozenset):
            said = [self._element(v) for v in value]
            return ("、".join(zh for zh, _ in said), ", ".join(en for _, en in said))
        if name in self.names:
            found = self.names[name].get(str(value))
            if found is None and name in _COUNTRY_OF:  # a place: a region, else a country
                found = self.names[_COUNTRY_OF[name]].get(str(value))
            if found is not None:
                return _same(found)
        coded = _CODED_FIELDS.get(name) or (
            (CODED_KINDS.get(spec.kind) or _CODED_BY_KIND.get(spec.kind)) if spec else None
        )
        if coded is not None and str(value) in coded._value2member_map_:
            return _coded(coded(str(value)))
        return _same(str(value))

    def _place(self, name: str, region: str | None, country: str | None) -> str:
        """A place as the ledger writes it (湖南省长沙市, 南宁市武鸣区, 法国)."""
        if name == "landing_region_code":
            return self.refs.landing_label(region) or self.refs.place_label(None, country)
        return self.refs.place_label(region, country)

    def _element(self, value: Any) -> Said:
        """One of several values in a cell: list memberships, team members, plain texts."""
        if hasattr(value, "tag"):
            return _tag_text(value)
        return _same(str(getattr(value, "name", value)))


_COUNTRY_OF = {"source_region_code": "source_country_code", "hq_region_code": "hq_country_code"}
#: The fields of a new record whose value is a place: (region code, country code).
_PLACE_COLUMNS = frozenset({*_COUNTRY_OF, "landing_region_code", "station_region_code"})
#: Coded fields whose ledger column is read as text (no coded parser kind).
_CODED_FIELDS: dict[str, Any] = {"construction_nature": ConstructionNature, "stage": Stage}
#: Column kinds read by a parser of their own (资金来源 in the bureau's words: 区外 …) whose
#: value is still one of these codes.
_CODED_BY_KIND: dict[str, Any] = {"funds_source": FundsSource}


def _spec(kind: str, name: str) -> FieldSpec | None:
    column = _COLUMN_OF.get(name, name)
    return next((f for f in FIELDS.get(kind, ()) if f.name == column), None)


#: What apply writes beside an item's `changes` (stage moves, status steps, list memberships …),
#: each listed by its own function.
_WRITTEN_APART = (_stage_changes, _status_change, _target_changes, _request_steps, _parent_change,
                  _dispatch_changes, _keylist_changes, _additions)  # fmt: skip

"""项目调度信息 sheets: each row a project's dispatch profile (建设性质, 计划竣工时间, 实际竣工时间,
入库纳统时间, 包保领导), the record the dispatch notice, the 技改入库 pool and the 竣工 figures
read.

A profile is its project's (one per project, set_profile upserts it): a row finds its project
as 增资 and 清单项目 rows find theirs (项目系统编号, else 项目编号, else name; a project of the
same file too), and two rows of one project are refused. A blank cell keeps what is on record.
Every rule of set_profile is checked here, so the preview is what apply writes (write_profiles,
through that service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm.ledger.context import PlanContext
from crm.ledger.parse import NEW, UNCHANGED, UPDATED, Item
from crm.ledger.plan_dispatch import PROFILE_FIELDS, nature_code
from crm.ledger.plan_entries import Entries, Key, project_describer
from crm.ledger.plan_others import _project_ref, project_id_of
from crm.models import DispatchProfile
from crm.services import dispatch

if TYPE_CHECKING:
    from crm.ledger.apply import _Writer

_NAMES = ("id", "project_id", *PROFILE_FIELDS)


def _key(record: dict[str, Any]) -> Key:
    return (record["project_id"],)


def plan_profiles(ctx: PlanContext, items: list[Item]) -> None:
    """After the projects: a profile may be of a project the file creates."""
    if not items:
        return
    entries = Entries(ctx, DispatchProfile, _NAMES, _key, ("项目", "project"))
    keyed = []
    for item, _record_id in entries.rows(items):
        ref = _project_ref(ctx, item)
        if ref is None:
            continue
        _check_nature(ctx, item)
        if item.values.get("leader_name") == "":
            del item.values["leader_name"]  # blank: the leader on record stays
        item.extra["project"] = ref
        keyed.append((item, (project_id_of(ref) or ref,)))
    for item, key in entries.refuse_repeats(keyed, "project"):
        entries.match(item, None, key, PROFILE_FIELDS, project_describer(ctx, _what))
        if item.status == NEW:
            item.changes = {name: item.values[name] for name in PROFILE_FIELDS
                            if item.values.get(name) is not None}  # fmt: skip
            if not item.changes:
                item.status = UNCHANGED  # a row of blank cells: no profile to make


def _check_nature(ctx: PlanContext, item: Item) -> None:
    """建设性质 as a code (新建, 扩建, 改建/技术改造 or 技改, 迁建), as dispatch sheets read it."""
    text = item.values.get("construction_nature")
    if text is None or text == "":
        item.values.pop("construction_nature", None)
        return
    code = nature_code(str(text))
    if code is None:
        ctx.report(item, "construction_nature", text, "dispatch_nature")
    else:
        item.values["construction_nature"] = code


def _what(record: dict[str, Any]) -> str:
    return "调度信息"


def write_profiles(writer: _Writer, items: list[Item]) -> None:
    """Through set_profile, after the projects (new ones have their id by then): the fields
    the row changes, nothing else."""
    for item in items:
        writer.tick("profiles")
        if item.status not in (NEW, UPDATED) or not item.changes:
            continue
        writer.guarded(
            item,
            lambda item=item: dispatch.set_profile(
                writer.s, project_id=project_id_of(item.extra["project"]), **item.changes
            ),
        )

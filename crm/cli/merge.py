"""`crm merge project SURVIVOR LOSER` (and `crm merge company`): merge a duplicate into the
record that stays. The preview is printed first; `--dry-run` stops there."""

from __future__ import annotations

import argparse

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crm import access
from crm.cli.common import TABLE_LABELS, open_db
from crm.errors import NotFoundError
from crm.ledger.field_names import field_label
from crm.ledger.fields import FIELDS
from crm.logged_values import shown_value
from crm.models import Company, Project
from crm.queries.logged_names import reference_names
from crm.services.merge import MERGERS, MergePlan


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    merge = subparsers.add_parser(
        "merge",
        help="合并重复的项目或企业 / merge a duplicate project or company into another",
        description="被合并的记录（LOSER）的到位资金、跟进记录、问题等移到保留的记录（SURVIVOR），"
        "然后作废并指向保留的记录 / the loser's dependent records move to the survivor; the "
        "loser is soft-deleted and points to the survivor",
    )
    merge.add_argument("kind", choices=["project", "company"], help="项目或企业 / what to merge")
    merge.add_argument("survivor", help="保留的记录：编号、统一社会信用代码或ID / the record kept")
    merge.add_argument("loser", help="被合并的记录 / the duplicate merged into it")
    merge.add_argument("--dry-run", action="store_true", help="只显示预览 / show the preview only")
    merge.set_defaults(func=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    db = open_db(args)
    english = args.lang.startswith("en")
    try:
        with db.session() as session:
            survivor = _find(session, args.kind, args.survivor)
            loser = _find(session, args.kind, args.loser)
            model = Project if args.kind == "project" else Company
            # A refusal comes before the preview (the flush would refuse the merge anyway).
            records = [session.get(model, key) for key in (survivor, loser)]
            access.check_writes(session, [(record, False) for record in records])
            merger = MERGERS[args.kind]
            plan = merger.plan(session, survivor_id=survivor, loser_id=loser)
            names = _record_names(session, plan, "en" if english else "zh")
            print(format_plan(plan, english, names))
            if args.dry_run:
                return 0
            merger.merge(session, survivor_id=survivor, loser_id=loser, plan=plan)
        print("Merged." if english else "已合并。")
    finally:
        db.close()
    return 0


def _find(session: Session, kind: str, key: str) -> str:
    """A live record by id, or by project code / company USCC."""
    model = Project if kind == "project" else Company
    alternate = Project.code if kind == "project" else Company.uscc
    found = session.scalar(
        select(model.id).where(or_(model.id == key, alternate == key), model.deleted_at.is_(None))
    )
    if found is None:
        label = TABLE_LABELS[kind]
        raise NotFoundError(f"找不到{label}：{key}", f"No live {kind} found: {key}")
    return str(found)


def format_plan(plan: MergePlan, english: bool = False, names: dict[str, str] | None = None) -> str:
    """The preview; `names`: what a filled reference (company_id …) is called."""
    names = names or {}
    lines = [
        f"Merge '{plan.loser_name}' into '{plan.survivor_name}'"
        if english
        else f"将“{plan.loser_name}”并入“{plan.survivor_name}”"
    ]
    for table, ids in plan.moves:
        if ids:
            label = table if english else _EXTRA_LABELS.get(table, TABLE_LABELS.get(table, table))
            lines.append(f"  {'moves' if english else '移入'} {label}: {len(ids)}")
    for field, value in plan.fills:
        logged = "true" if value is True else value if isinstance(value, str) else str(value)
        shown = names.get(field) or shown_value(field, logged, "en" if english else "zh")
        name = _field_name(plan.table, field, english)
        lines.append(f"  {'fills' if english else '补充'} {name} = {shown}")
    for warning in plan.warnings:
        lines.append(f"  ! {warning.message_en if english else warning.message_zh}")
    return "\n".join(lines)


def _record_names(session: Session, plan: MergePlan, language: str = "zh") -> dict[str, str]:
    """Filled references by the name of what they point to: an id or a code (green_chem)
    tells a person nothing. The change history's own reading of references."""
    pairs = [(f, "company_id" if f == "parent_id" else f, v) for f, v in plan.fills]
    found = reference_names(session, [(k, str(v)) for _f, k, v in pairs], language)
    return {f: found[(k, str(v))] for f, k, v in pairs if (k, str(v)) in found}


def _field_name(table: str, name: str, english: bool) -> str:
    """A filled field as its ledger column is headed (English: its English label)."""
    sheet = "projects" if table == "project" else "companies"
    if english:
        found = next((f.label_en for f in FIELDS.get(sheet, ()) if f.name == name), "")
        return found or name.replace("_", " ")
    return field_label(sheet, name)


_EXTRA_LABELS = {"company": "下属企业", "company_tag_repeated": "重复的榜单（作废）"}

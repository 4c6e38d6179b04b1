"""`crm import FILE …` and `crm export ledger --out FILE.xlsx …`."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from crm.cli.common import TABLE_LABELS, open_db, parse_date_arg
from crm.codes import SourceClass, Stage
from crm.db import Database
from crm.errors import DatabaseOpenError, ValidationError
from crm.ledger import (
    ImportOptions,
    ImportPlan,
    LedgerFilters,
    apply_plan,
    build_plan,
    export_ledger,
    export_problems,
)
from crm.ledger.context import NEW_PROJECT
from crm.ledger.export import COUNT_LABELS, left_out
from crm.ledger.fields import KIND_LABELS, Sheet
from crm.ledger.headers import closest_field
from crm.ledger.mappings import save_mappings
from crm.ledger.plan_stale import stale_text
from crm.ledger.plan_teams import new_teams_text
from crm.ledger.problems import ERROR, LedgerError
from crm.ledger.report import sort_problems
from crm.ledger.xlsx import check_target

MAX_LINES = 60


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("import", help="导入台账 (.xlsx/.csv) / import a ledger")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--sheet", action="append", metavar="NAME", help="只导入此工作表 / only this sheet"
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="列名=field",
        help="指定列对应的字段（field 可写 projects.name；- 表示忽略）",
    )
    p.add_argument("--save-map", action="store_true", help="保存 --map 供下次使用 / remember --map")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入 / preview only")
    p.add_argument("--strict", action="store_true", help="有无效行则全部不写入 / all or nothing")
    p.add_argument(
        "--overwrite-newer",
        action="store_true",
        help="本程序导出的文件：导出后数据库中改过的字段也写入文件中的值"
        " / write the file's values even over fields changed on record since the export",
    )
    p.add_argument(
        "--create-missing",
        action="store_true",
        help="新建台账中出现的未知工作队、园区、产业链 / create unknown teams, parks, chains",
    )
    p.add_argument(
        "--usd-rate", metavar="R", help="美元折人民币汇率 / USD→CNY rate for 万美元 columns"
    )
    p.add_argument(
        "--merge-fuzzy",
        action="store_true",
        help="名称相近的企业视为同一企业 / treat close company names as the same firm",
    )
    p.add_argument(
        "--same",
        action="append",
        default=[],
        metavar="文件中名称=已有企业ID",
        help="确认某企业即已有企业 / confirm a company is an existing one",
    )
    p.add_argument(
        "--same-project",
        action="append",
        default=[],
        metavar="[表名!]行号=项目编号",
        help="指定某行对应的已有项目（项目编号或系统编号；写“新建”表示新项目）"
        " / match a row to an existing project (code or record id; 新建/new: a new one)",
    )
    p.add_argument(
        "--from-other-db",
        action="store_true",
        help="文件导出自另一个数据库：本库没有的系统编号按名称匹配"
        " / the file comes from another database: unknown record ids match by name",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="调度表完成投资的截止日期（默认从表头和标题读出） / the day a dispatch sheet's "
        "completion figures refer to (default: read from its headers and title)",
    )
    p.add_argument("--problems", type=Path, metavar="OUT.xlsx", help="把问题清单写入 .xlsx")
    p.set_defaults(func=run_import)

    e = subparsers.add_parser("export", help="导出 / export")
    sub = e.add_subparsers(dest="what", metavar="WHAT", required=True)
    ledger = sub.add_parser("ledger", help="导出整个台账 / the whole ledger (.xlsx)")
    ledger.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    ledger.add_argument(
        "--stage", action="append", default=[], help="项目阶段 / stage (repeatable)"
    )
    ledger.add_argument("--team", help="驻点工作队名称 / team name")
    ledger.add_argument("--signed-from", metavar="YYYY-MM-DD")
    ledger.add_argument("--signed-to", metavar="YYYY-MM-DD")
    ledger.add_argument("--source-class", help="in_city / in_province / out_of_province / foreign")
    ledger.set_defaults(func=run_export_ledger)


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    pairs = {}
    for text in values:
        if "=" not in text:
            raise ValidationError(
                flag,
                text,
                f"{flag} 的格式应为 名称=值：{text}",
                f"{flag} takes name=value: {text}",
                code="bad_arg",
            )
        key, value = text.split("=", 1)
        pairs[key.strip()] = value.strip()
    return pairs


def _rows(values: list[str]) -> dict[tuple[str | None, int], str]:
    """--same-project 12=ZS2026-00001 or 项目表!12=…: (sheet or None, row) → project."""
    chosen: dict[tuple[str | None, int], str] = {}
    for key, value in _pairs(values, "--same-project").items():
        sheet, _sep, row = key.rpartition("!")
        if not row.strip().isdigit() or not value:
            raise ValidationError(
                "--same-project",
                key,
                f"--same-project 的格式应为 行号=项目编号 或 表名!行号=项目编号：{key}={value}",
                f"--same-project takes row=code or sheet!row=code: {key}={value}",
                code="bad_arg",
            )
        choice = NEW_PROJECT if value.lower() in ("new", "新建", "新项目") else value
        chosen[(sheet.strip() or None, int(row))] = choice
    return chosen


def _rate(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        rate = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(
            "usd_rate",
            text,
            f"汇率不是数字：{text}",
            f"The rate is not a number: {text}",
            code="bad_arg",
        ) from exc
    if rate <= 0:
        raise ValidationError(
            "usd_rate", text, "汇率应大于0", "The rate must be above 0", code="bad_arg"
        )
    return rate


class StderrProgress:
    """Progress on stderr, only when it is a terminal (redirected output stays clean).

    Used as a context manager: on leaving, the progress line is ended, so that what follows
    (a result, or an error) starts on a line of its own.
    """

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, text: str) -> None:
        if not self.enabled:
            return
        self.shown = True
        count = f"{done}/{total}" if total else f"{done}"
        print(f"\r{count} {text}        ", end="", file=sys.stderr, flush=True)

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr, flush=True)
            self.shown = False

    def __enter__(self) -> StderrProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.end()


def run_import(args: argparse.Namespace) -> int:
    mapping = _pairs(args.map, "--map")
    options = ImportOptions(
        sheets=args.sheet,
        mapping=mapping,
        strict=args.strict,
        create_missing=args.create_missing,
        usd_rate=_rate(args.usd_rate),
        merge_fuzzy=args.merge_fuzzy,
        merge_companies=_pairs(args.same, "--same"),
        same_projects=_rows(args.same_project),
        ignore_unknown_ids=args.from_other_db,
        overwrite_newer=args.overwrite_newer,
        as_of=parse_date_arg(args.as_of, field="as_of") if args.as_of else None,
    )
    lang = getattr(args, "lang", "zh")
    # A preview must not create the database it previews into.
    db = open_db(args) if not args.dry_run else _open_existing(args)
    try:
        return _import(db, args, options, lang)
    except LedgerError as exc:  # nothing written
        print(f"错误 / error: {exc.message(lang)}", file=sys.stderr)
        # Invalid rows (--strict, or more invalid rows than valid) are 1 as when they are left
        # out; a file that cannot be read or used at all is a refusal.
        return 1 if exc.code in _INVALID_ROWS else 2
    finally:
        db.close()


_INVALID_ROWS = frozenset({"strict_blocked", "mostly_invalid_blocked"})


def _import(db: Database, args: argparse.Namespace, options: ImportOptions, lang: str) -> int:
    """Preview, then (unless --dry-run) write the plan; 1 when rows were left out."""
    mapping = options.mapping
    for attempt in range(1, PLAN_ATTEMPTS + 1):
        plan = _preview(db, args, options, lang)
        if attempt == 1 and args.save_map and mapping:  # --map checked against the file
            print(f"已保存列映射 / mapping saved: {save_mappings(mapping)}")
        if args.dry_run:
            print("预览完成，未写入 / dry run: nothing written")
            return 1 if plan.has_errors else 0
        try:
            with StderrProgress() as progress:
                result = apply_plan(db, plan, progress=progress)
            break
        except LedgerError as exc:
            # Another program wrote between this preview and its writing (nothing was
            # written): no one reviewed this preview but this command, so it previews
            # again and prints the plan it then writes.
            if exc.code != "database_changed" or attempt == PLAN_ATTEMPTS:
                raise
            print(
                "预览之后数据库被另一程序修改，重新预览 / the database changed after the "
                "preview (another program wrote): previewing again"
            )
    for p in result.problems:
        print(f"  ✗ {p.line(lang)}")
    if result.backup:
        print(f"导入前备份 / backup before import: {result.backup}")
    elif result.backup_note:
        print(result.backup_note)
    for kind, names in result.created_refs.items():
        print(f"已新建 / created {kind}: {'、'.join(names)}")
    print("已写入 / written: " + _totals(result.counts))
    return 1 if plan.has_errors or result.problems else 0


#: How often `crm import` previews again when another program wrote in between.
PLAN_ATTEMPTS = 3


def _preview(
    db: Database, args: argparse.Namespace, options: ImportOptions, lang: str
) -> ImportPlan:
    """The plan, printed (and its problems exported when asked)."""
    with StderrProgress() as progress:
        plan = build_plan(db, args.file, options, progress=progress)
    print_plan(plan, lang)
    if args.problems:
        export_problems(args.problems, plan.problems)
        print(f"问题清单 / problems: {args.problems}")
    return plan


def _open_existing(args: argparse.Namespace) -> Database:
    """The database for --dry-run: a missing SQLite file is refused, not created."""
    try:
        return open_db(args, create=False)
    except DatabaseOpenError as exc:
        if exc.code != "missing":
            raise
        raise DatabaseOpenError(
            f"{exc.message_zh}（预览 --dry-run 不会新建数据库）",
            f"{exc.message_en} (a --dry-run preview does not create one)",
            code="missing",
        ) from exc


def _totals(counts: dict[str, dict[str, int]]) -> str:
    new = sum(c.get("new", 0) for c in counts.values())
    updated = sum(c.get("updated", 0) for c in counts.values())
    invalid = sum(c.get("invalid", 0) for c in counts.values())
    zh = f"新增 {new}，更新 {updated}，无效跳过 {invalid}"
    return f"{zh} / new {new}, updated {updated}, invalid {invalid}"


def print_plan(plan: ImportPlan, lang: str = "zh") -> None:
    print(f"文件 / file: {plan.path}")
    counts = "".join(f"{label:>6}" for label in ("新增", "更新", "未变", "无效", "跳过"))
    print(f"{'工作表 / sheet':<24}{'类型 / kind':<22}{counts}")
    for s in plan.sheets:
        kind = "/".join(KIND_LABELS.get(s.kind or "", ("?", "?")))
        print(
            f"{s.sheet:<24}{kind:<22}{s.new:>6}{s.updated:>6}{s.unchanged:>6}{s.invalid:>6}{s.skipped:>6}"
        )
    teams = plan.items.get(Sheet.TEAMS, [])
    if new_teams_text(teams):
        print(f"{new_teams_text(teams)} / {new_teams_text(teams, 'en')}")
    if stale_text(plan.stale):  # an older export's cells that newer values on record keep
        print(f"{stale_text(plan.stale)} / {stale_text(plan.stale, 'en')}")
    implied = [e for e in plan.new_companies if e.item is None]
    if implied:
        print(f"由项目表新建企业 / new investors from the projects sheet: {len(implied)}")
    for kind, names in plan.missing.items():
        action = (
            "将新建 / will be created"
            if plan.options.create_missing
            else "未关联，加 --create-missing 新建 / not linked; add --create-missing"
        )
        print(f"未知{_ref_zh(kind)} / unknown {kind}: {'、'.join(names)} — {action}")
    for match in plan.fuzzy:
        names = "；".join(f"{name}（{cid}，{score:.0f}）" for cid, name, score in match.candidates)
        print(f"相近企业 / similar companies: {match.name} ≈ {names}（确认请用 --same 名称=ID）")
    _print_changes(plan, lang)
    _print_choices(plan, lang)
    _print_columns(plan, lang)
    if any(p.code == "unknown_record_id" for p in plan.problems):
        print(
            "文件若导出自另一个数据库，加 --from-other-db 按名称匹配 / "
            "if the file comes from another database, add --from-other-db"
        )
    problems = sort_problems(plan.problems)
    for p in problems[:MAX_LINES]:
        mark = "✗" if p.severity == ERROR else ("!" if p.severity == "warning" else "·")
        print(f"  {mark} {p.line(lang)}")
    if len(problems) > MAX_LINES:
        print(
            f"  … 另有 {len(problems) - MAX_LINES} 条，用 --problems FILE.xlsx 导出全部 / "
            f"{len(problems) - MAX_LINES} more; export them with --problems FILE.xlsx"
        )


def _print_changes(plan: ImportPlan, lang: str) -> None:
    """The records the import writes, each changed field as 旧值 → 新值 (the wizard's list)."""
    if not plan.planned_total:
        return
    print(f"将写入 / to be written: {plan.planned_total}")
    for change in plan.planned[:MAX_LINES]:
        print(f"  {change.line(lang)}")
    more = plan.planned_total - min(len(plan.planned), MAX_LINES)
    if more > 0:
        print(f"  … 另有 {more} 条 / {more} more")


def _print_choices(plan: ImportPlan, lang: str) -> None:
    """Rows to match by hand, each with its candidates and the option that chooses one."""
    for choice in plan.choices:
        head = (
            "多个已有项目相符，未导入 / several projects fit, not imported"
            if choice.ambiguous
            else "可能重复 / possibly the same"
        )
        print(f"{head}: {choice.sheet} 第{choice.row}行 {choice.name}（{choice.company}）")
        for candidate in choice.candidates:
            key = candidate.code or candidate.id
            print(f"    --same-project {choice.sheet}!{choice.row}={key}   {candidate.text(lang)}")
        if choice.ambiguous:
            print(f"    --same-project {choice.sheet}!{choice.row}=新建   （新项目 / a new one）")


def _print_columns(plan: ImportPlan, lang: str) -> None:
    """Every column not imported, per sheet, with the closest field (and how to map it)."""
    for sheet in plan.sheets:
        unmatched = [c for c in sheet.columns if c.header and not c.field]
        if not unmatched:
            continue
        print(f"未导入的列 / columns not imported — {sheet.sheet}:")
        for column in unmatched:
            near = closest_field(sheet.kind or "", column.header) if sheet.kind else None
            hint = ""
            if near:
                hint = f"（最接近：{near.label}，可用 --map {column.header}={near.name}）"
            print(f"    {column.label}{hint}")


def _ref_zh(kind: str) -> str:
    labels = {"team": "工作队", "park": "园区", "chain": "产业链", "region_group": "区域组"}
    return labels.get(kind, kind)


def run_export_ledger(args: argparse.Namespace) -> int:
    stages = [s.value for s in (Stage.from_text(t) for t in args.stage) if s is not None]
    if len(stages) != len(args.stage):
        raise ValidationError(
            "stage", args.stage, "未知的项目阶段", "Unknown stage", code="bad_arg"
        )
    if args.source_class and SourceClass.from_text(args.source_class) is None:
        raise ValidationError(
            "source_class",
            args.source_class,
            "未知的来源类别",
            "Unknown source class",
            code="bad_arg",
        )
    filters = LedgerFilters(
        stages=stages,
        team=args.team,
        signed_from=parse_date_arg(args.signed_from, field="signed_from")
        if args.signed_from
        else None,
        signed_to=parse_date_arg(args.signed_to, field="signed_to") if args.signed_to else None,
        source_class=SourceClass.from_text(args.source_class).value if args.source_class else None,  # type: ignore[union-attr]
    )
    check_target(args.out)  # before opening anything: a folder or a missing folder is refused
    db = open_db(args)
    try:
        with db.session() as session, StderrProgress() as progress:
            result = export_ledger(session, args.out, filters, progress=progress)
            missing = {} if filters.active else left_out(session)
    finally:
        db.close()
    counts = "，".join(f"{COUNT_LABELS[k][0]} {n:,}" for k, n in result.counts.items())
    counts_en = ", ".join(f"{COUNT_LABELS[k][1].lower()} {n:,}" for k, n in result.counts.items())
    print(f"已导出 / exported: {result.path}（{counts} / {counts_en}）")
    if missing:
        _say_left_out(missing)
    return 0


def _say_left_out(found: dict[str, int]) -> None:
    """What the whole ledger does not carry: imported into another database it gives other
    figures unless these are entered there too (user test 2, finding F11)."""
    parts = [f"{TABLE_LABELS.get(t, t)} {n:,} 条" for t, n in found.items()]
    print("台账不含（导入另一数据库时需另行录入，否则统计数字不同）：" + "，".join(parts))

"""`crm check` and 工具 → 检查数据库: is the database sound, and does it keep its own rules?

Three layers: the file (SQLite `integrity_check`; at every open, a time-boxed `quick_check`
of a file it can finish in that time), the references (`foreign_key_check`), and the product's
invariants: stage dates in order, derived columns equal to what crm/derived.py computes,
every domain row with its change-log rows. Derived columns can be repaired (recomputed
through crm/derived.py, the one write path for them); the rest is reported with the newest
good backup to restore.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, and_, exists, func, or_, select

from crm import follow_ups
from crm.backup import first_problem
from crm.models import DOMAIN_MODELS, ChangeLog, Company, Project

if TYPE_CHECKING:
    from crm.db import Database

#: How long the check at open may take; a bigger file is checked in full by `crm check`.
OPEN_CHECK_SECONDS = 1.5
#: How fast `PRAGMA quick_check` reads a file, at best: the large demo database (2.3 GB) is
#: checked in 3.5–4.9 s (470–660 MB/s, file in the page cache, 2-core build machine). The
#: fastest figure is taken so that no file the check could finish in its time is skipped.
QUICK_CHECK_BYTES_PER_SECOND = 660_000_000


@dataclass
class Finding:
    code: str  # integrity / foreign_key / stage_dates / derived / change_log
    message_zh: str
    message_en: str
    count: int = 1
    repairable: bool = False

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    repaired: dict[str, int] = field(default_factory=dict)

    @property
    def sound(self) -> bool:
        return not self.findings


def quick_check_at_open(path: Path, seconds: float = OPEN_CHECK_SECONDS) -> list[str]:
    """`PRAGMA quick_check`, stopped after `seconds` (then nothing is reported: too big to
    check at every start, `crm check` does it in full). A file too big to be checked in
    `seconds` even at the best speed is not started on: the check would be cut off and say
    nothing, after making every start of a big database wait for it."""
    if _bytes_to_check(path) > seconds * QUICK_CHECK_BYTES_PER_SECOND:
        return []
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return []  # opening reports what is wrong with the file itself
    deadline = time.monotonic() + seconds
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        rows = connection.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.OperationalError as exc:
        return [] if "interrupt" in str(exc) else [str(exc)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        connection.close()
    return [str(r[0]) for r in rows if r[0] != "ok"]


def _bytes_to_check(path: Path) -> int:
    """The file and its write-ahead log (quick_check reads the pages of both)."""
    total = 0
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            total += part.stat().st_size
        except OSError:  # no log (or it went away as another program closed): nothing to read
            continue
    return total


def check_database(
    conn: Connection, *, sqlite_file: Path | None = None, repair: bool = False,
    bureau: object = None,
) -> CheckReport:  # fmt: skip
    """Every check; with `repair`, derived columns are recomputed (the caller commits)."""
    report = CheckReport()
    if sqlite_file is not None:
        _file_checks(conn, report)
        if report.findings:
            return report  # a damaged file: the rest would read garbage
    _stage_dates(conn, report)
    _derived(conn, report, repair=repair, bureau=bureau)
    _open_steps(conn, report, repair=repair)
    _change_log(conn, report)
    return report


def _file_checks(conn: Connection, report: CheckReport) -> None:
    problems = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check(20)") if r[0] != "ok"]
    if problems:
        detail = first_problem(problems)
        report.findings.append(
            Finding(
                "integrity",
                f"数据库文件已损坏：{detail}",
                f"The database file is damaged: {detail}",
                len(problems),
            )
        )
        return
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        table, rowid, parent = broken[0][0], broken[0][1], broken[0][2]
        report.findings.append(
            Finding(
                "foreign_key",
                f"{len(broken)} 行引用了不存在的记录（如 {table} 第 {rowid} 行 → {parent}）",
                f"{len(broken)} rows refer to missing records (e.g. {table} row {rowid} "
                f"→ {parent})",
                len(broken),
            )
        )


#: Milestone dates that must not go backwards (the stage machine's order).
_ORDERED = (("signed_on", "started_on"), ("started_on", "operating_on"),
            ("first_signed_on", "signed_on"))  # fmt: skip


def _stage_dates(conn: Connection, report: CheckReport) -> None:
    table = Project.__table__
    wrong = or_(*(and_(table.c[a].isnot(None), table.c[b].isnot(None), table.c[a] > table.c[b])
                  for a, b in _ORDERED))  # fmt: skip
    rows = conn.execute(
        select(table.c.code, table.c.name).where(wrong, table.c.deleted_at.is_(None)).limit(5)
    ).all()
    if rows:
        total = conn.scalar(select(func.count()).select_from(table).where(wrong))
        names = "、".join(r.code or r.name for r in rows)
        report.findings.append(
            Finding(
                "stage_dates",
                f"{total} 个项目的阶段日期顺序颠倒（如 {names}）",
                f"{total} projects have stage dates out of order (e.g. {names})",
                total,
            )
        )


def _derived(conn: Connection, report: CheckReport, *, repair: bool, bureau: object) -> None:
    """Recompute in a savepoint: what changed is what was wrong; kept only when repairing."""
    from crm.derived import refresh_companies, refresh_projects

    if bureau is None:
        return
    savepoint = conn.begin_nested()
    projects = refresh_projects(conn, conn.scalars(select(Project.id)).all(), bureau)  # type: ignore[arg-type]
    companies = refresh_companies(conn, conn.scalars(select(Company.id)).all())
    if repair:
        savepoint.commit()
        if projects + companies:
            report.repaired["derived"] = projects + companies
        return
    savepoint.rollback()
    if projects + companies:
        report.findings.append(
            Finding(
                "derived",
                f"{projects} 个项目、{companies} 家企业的计算列与规则不符（可用 --repair 修复）",
                f"{projects} projects and {companies} companies have derived columns that "
                "differ from the rules (--repair fixes them)",
                projects + companies,
                repairable=True,
            )
        )


def _open_steps(conn: Connection, report: CheckReport, *, repair: bool) -> None:
    """Each activity's stored 'next step open' against its rule (crm.follow_ups)."""
    stale = follow_ups.stale_flags(conn)
    if not stale:
        return
    if repair:
        follow_ups.refresh(conn, None)
        report.repaired["open_steps"] = stale
        return
    report.findings.append(
        Finding(
            "derived",
            f"{stale} 条跟进记录的“下一步待跟进”标记与规则不符（可用 --repair 修复）",
            f"{stale} activities have an open-next-step mark that differs from the rule "
            "(--repair fixes them)",
            stale,
            repairable=True,
        )
    )


def _change_log(conn: Connection, report: CheckReport) -> None:
    log = ChangeLog.__table__
    missing: dict[str, int] = {}
    for model in DOMAIN_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        logged = exists().where(log.c.table_name == table.name, log.c.record_id == table.c.id)
        count = conn.scalar(select(func.count()).select_from(table).where(~logged)) or 0
        if count:
            missing[table.name] = int(count)
    if missing:
        total = sum(missing.values())
        where = "、".join(f"{t} {n}" for t, n in missing.items())
        report.findings.append(
            Finding(
                "change_log",
                f"{total} 条记录没有变更记录（{where}）：同步与历史会缺失它们",
                f"{total} records have no change-log rows ({where}): sync and history miss them",
                total,
            )
        )


def run_check(db: Database, *, repair: bool = False) -> CheckReport:
    """Check (and with `repair` fix) an open database in one transaction."""
    from crm.services.settings import bureau_of

    with db.session(actor="system") as session:
        conn = session.connection()
        return check_database(conn, sqlite_file=db.path, repair=repair, bureau=bureau_of(session))


def damaged_message(path: Path, problems: list[str]) -> tuple[str, str]:
    """One sentence for a damaged file, offering the newest good backup."""
    from crm.backup import newest_good_backup

    good = newest_good_backup(path)
    detail = first_problem(problems)
    if good is None:
        return (f"数据库文件已损坏（{detail}），且没有完好的备份：请联系技术人员：{path}",
                f"The database file is damaged ({detail}) and there is no good backup: "
                f"ask for technical help: {path}")  # fmt: skip
    when = f"{good.created:%Y-%m-%d %H:%M}"
    return (f"数据库文件已损坏（{detail}）。最新的完好备份是 {when} 的 {good.path.name}："
            "可在 文件 → 从备份恢复 中恢复，或运行 crm backup restore",
            f"The database file is damaged ({detail}). The newest good backup is "
            f"{good.path.name} of {when}: restore it with File → Restore from backup, or "
            "crm backup restore")  # fmt: skip

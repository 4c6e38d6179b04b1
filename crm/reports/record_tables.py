"""The tables of a brief that list records: the key projects, the problems of the period and
the overdue ones."""

from __future__ import annotations

from crm.reports.brief_table import BriefTable, totalled
from crm.reports.numbers import to_yi
from crm.stats.model import BriefFigures


def key_projects_table(f: BriefFigures) -> BriefTable:
    body = tuple(
        (
            n,
            p.name,
            p.investor or "—",
            "、".join(p.tag_labels) or "—",
            to_yi(p.investment),
            p.team_name or "—",
            p.stage_label,
            p.signed_on.isoformat(),
        )
        for n, p in enumerate(f.key_projects, start=1)
    )
    header = (
        "序号",
        "项目名称",
        "投资方",
        "企业类别",
        "投资额（亿元）",
        "工作队",
        "阶段",
        "签约日期",
    )
    return BriefTable(
        "重点项目",
        "本期新签约重点项目",
        header,
        body,
        # 阶段 wide enough for four characters (资金到位) on one line.
        (0.6, 2.8, 2.4, 1.6, 1.1, 2.0, 1.3, 1.3),
        note=_key_projects_note(f),
    )


def _key_projects_note(f: BriefFigures) -> str:
    """Says when the table is the top of a longer list, and where dropped projects are."""
    total, shown = f.signed.total.count.current, len(f.key_projects)
    parts = []
    if total > shown:
        parts.append(f"本期新签约项目共{total}个，列投资额前{shown}个")
    if any(p.stage == "dropped" for p in f.key_projects):
        parts.append("已终止的项目仍计入签约当期，列于最后")
    return "；".join(parts) + "。" if parts else ""


def problems_table(f: BriefFigures) -> BriefTable:
    p = f.problems
    rows = [r for r in p.by_category if r.raised or r.closed or r.open_at_end]
    body = [(r.label, r.raised, r.closed, r.open_at_end, r.overdue_at_end) for r in rows]
    t = p.total
    body.append((t.label, t.raised, t.closed, t.open_at_end, t.overdue_at_end))
    header = ("问题类别", "本期新增（个）", "本期销号（个）", "期末未办结（个）", "其中逾期（个）")
    note = "本期销号含以前收集、本期销号的问题。"
    return totalled("问题协调", "项目问题协调情况", header, body, (2.0, 1.3, 1.3, 1.4, 1.3), note)


def overdue_table(f: BriefFigures) -> BriefTable:
    body = tuple(
        (
            o.project_name,
            o.category_label,
            o.description,
            o.responsible_unit or "—",
            o.due_on.isoformat(),
            o.days_overdue,
        )
        for o in f.problems.overdue
    )
    header = ("项目", "类别", "问题", "责任单位", "到期日", "逾期（天）")
    total = f.problems.total.overdue_at_end
    note = f"逾期未办结问题共{total}个，列到期最早的前{len(body)}个。" if total > len(body) else ""
    return BriefTable(
        "逾期问题", "逾期未办结问题", header, body, (2.4, 0.9, 3.4, 1.8, 1.3, 0.9), note=note
    )

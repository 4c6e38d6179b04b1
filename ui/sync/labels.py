"""Names of tables and conflict kinds as the 同步 screen shows them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm.sync.apply import ApplySummary
from ui.i18n import Labels

_TABLES = Labels(
    "SyncLabels",
    {
        "company": QT_TRANSLATE_NOOP("SyncLabels", "企业"),
        "company_tag": QT_TRANSLATE_NOOP("SyncLabels", "企业榜单"),
        "contact": QT_TRANSLATE_NOOP("SyncLabels", "联系人"),
        "park": QT_TRANSLATE_NOOP("SyncLabels", "园区"),
        "team": QT_TRANSLATE_NOOP("SyncLabels", "驻点工作队"),
        "team_member": QT_TRANSLATE_NOOP("SyncLabels", "队员"),
        "team_target": QT_TRANSLATE_NOOP("SyncLabels", "年度目标"),
        "project": QT_TRANSLATE_NOOP("SyncLabels", "项目"),
        "stage_event": QT_TRANSLATE_NOOP("SyncLabels", "阶段记录"),
        "funds_entry": QT_TRANSLATE_NOOP("SyncLabels", "到位资金"),
        "activity": QT_TRANSLATE_NOOP("SyncLabels", "跟进记录"),
        "problem": QT_TRANSLATE_NOOP("SyncLabels", "问题"),
        "setting": QT_TRANSLATE_NOOP("SyncLabels", "局里的设置"),
    },
)
#: One record's kind (singular, where the table's name above is plural in English).
_KINDS: dict[str, str] = {
    "company": QT_TRANSLATE_NOOP("SyncRecord", "企业"),
    "project": QT_TRANSLATE_NOOP("SyncRecord", "项目"),
    "funds_entry": QT_TRANSLATE_NOOP("SyncRecord", "到位资金"),
    "activity": QT_TRANSLATE_NOOP("SyncRecord", "跟进记录"),
    "problem": QT_TRANSLATE_NOOP("SyncRecord", "问题"),
    "team": QT_TRANSLATE_NOOP("SyncRecord", "工作队"),
    "park": QT_TRANSLATE_NOOP("SyncRecord", "园区"),
    "contact": QT_TRANSLATE_NOOP("SyncRecord", "联系人"),
}
_CONFLICT_KINDS = Labels(
    "SyncLabels",
    {
        "field": QT_TRANSLATE_NOOP("SyncLabels", "字段冲突"),
        "delete": QT_TRANSLATE_NOOP("SyncLabels", "删除与修改冲突"),
        "unique": QT_TRANSLATE_NOOP("SyncLabels", "编号重复"),
        "rule": QT_TRANSLATE_NOOP("SyncLabels", "规则待复核"),
    },
)


def table_label(table_name: str) -> str:
    return _TABLES(table_name)


def record_label(table_name: str, name: str) -> str:
    """One record for people: 项目“数据中心项目” / Project '数据中心项目'."""
    source = _KINDS.get(table_name)
    kind = QCoreApplication.translate("SyncRecord", source) if source else table_label(table_name)
    text = QCoreApplication.translate("SyncRecord", "%1“%2”")
    return text.replace("%1", kind).replace("%2", name)


def rule_text(code: str, language: str) -> str:
    """A rule a merged stage history breaks (crm.stages.history_problems), as a sentence."""
    from crm.codes import Stage

    def stage(value: str) -> str:
        try:
            return Stage(value).label(language)
        except ValueError:
            return value

    parts = code.split(":")
    if parts[0] == "stage_order" and len(parts) == 3:
        text = QCoreApplication.translate("SyncLabels", "“%2”的日期早于“%1”")
        return text.replace("%1", stage(parts[1])).replace("%2", stage(parts[2]))
    if parts[0] == "drop_order" and len(parts) == 2:
        text = QCoreApplication.translate("SyncLabels", "终止日期早于“%1”")
        return text.replace("%1", stage(parts[1]))
    return code


def kind_label(kind: str) -> str:
    return _CONFLICT_KINDS(kind)


def outcome_lines(summary: ApplySummary, english: bool) -> list[str]:
    """What the person must know of an import or a server sync beyond its counts, as `crm
    sync` says it: each record of this site that gives its code up to the sender's earlier
    claim, and each refused record with the reason (never written)."""
    lines = []
    for key in sorted(summary.key_losers.values(), key=lambda k: (k.table_name, k.name)):
        text = QCoreApplication.translate(
            "SyncOutcome",
            "本站点的%1让出编号 %2：对方的记录先用了它，本站点这条改为无编号（在“冲突”中处理）。",
        )
        what = record_label(key.table_name, key.name)
        lines.append(text.replace("%1", what).replace("%2", key.value))
    for refusal in summary.refused:
        if refusal.of_project:
            what = QCoreApplication.translate("SyncOutcome", "项目“%1”的%2")
            what = what.replace("%1", refusal.name).replace("%2", table_label(refusal.table_name))
        elif refusal.name:
            what = record_label(refusal.table_name, refusal.name)
        else:
            what = f"{table_label(refusal.table_name)} {refusal.record_id}"
        text = QCoreApplication.translate("SyncOutcome", "已拒绝：%1（%2 项修改）：%3")
        reason = refusal.reason_en if english else refusal.reason_zh
        lines.append(
            text.replace("%1", what).replace("%2", str(refusal.changes)).replace("%3", reason)
        )
    return lines

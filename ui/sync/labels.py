"""Names of tables and conflict kinds as the 同步 screen shows them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def table_label(table_name: str) -> str:
    labels = {
        "company": QCoreApplication.translate("SyncLabels", "企业"),
        "company_tag": QCoreApplication.translate("SyncLabels", "企业榜单"),
        "contact": QCoreApplication.translate("SyncLabels", "联系人"),
        "park": QCoreApplication.translate("SyncLabels", "园区"),
        "team": QCoreApplication.translate("SyncLabels", "驻点工作队"),
        "team_member": QCoreApplication.translate("SyncLabels", "队员"),
        "team_target": QCoreApplication.translate("SyncLabels", "年度目标"),
        "project": QCoreApplication.translate("SyncLabels", "项目"),
        "stage_event": QCoreApplication.translate("SyncLabels", "阶段记录"),
        "funds_entry": QCoreApplication.translate("SyncLabels", "到位资金"),
        "activity": QCoreApplication.translate("SyncLabels", "跟进记录"),
        "problem": QCoreApplication.translate("SyncLabels", "问题"),
        "setting": QCoreApplication.translate("SyncLabels", "局里的设置"),
    }
    return labels.get(table_name, table_name)


def record_label(table_name: str, name: str) -> str:
    """One record for people: 项目“数据中心项目” / Project '数据中心项目'."""
    kinds = {
        "company": QCoreApplication.translate("SyncRecord", "企业"),
        "project": QCoreApplication.translate("SyncRecord", "项目"),
        "funds_entry": QCoreApplication.translate("SyncRecord", "到位资金"),
        "activity": QCoreApplication.translate("SyncRecord", "跟进记录"),
        "problem": QCoreApplication.translate("SyncRecord", "问题"),
        "team": QCoreApplication.translate("SyncRecord", "工作队"),
        "park": QCoreApplication.translate("SyncRecord", "园区"),
        "contact": QCoreApplication.translate("SyncRecord", "联系人"),
    }
    text = QCoreApplication.translate("SyncRecord", "%1“%2”")
    return text.replace("%1", kinds.get(table_name, table_label(table_name))).replace("%2", name)


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
    labels = {
        "field": QCoreApplication.translate("SyncLabels", "字段冲突"),
        "delete": QCoreApplication.translate("SyncLabels", "删除与修改冲突"),
        "unique": QCoreApplication.translate("SyncLabels", "编号重复"),
        "rule": QCoreApplication.translate("SyncLabels", "规则待复核"),
    }
    return labels.get(kind, kind)

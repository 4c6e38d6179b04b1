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


def kind_label(kind: str) -> str:
    labels = {
        "field": QCoreApplication.translate("SyncLabels", "字段冲突"),
        "delete": QCoreApplication.translate("SyncLabels", "删除与修改冲突"),
        "unique": QCoreApplication.translate("SyncLabels", "编号重复"),
        "rule": QCoreApplication.translate("SyncLabels", "规则待复核"),
    }
    return labels.get(kind, kind)

"""The refusal of a row whose stage needs a date it does not give, in one sentence that fits
the file (user test 3): fill in the date column it has, else add that column, or (a sheet
that has no such column, as a dispatch sheet has no 签约时间) where to record the date."""

from __future__ import annotations

from crm.codes import Stage
from crm.ledger.field_names import field_label
from crm.ledger.fields import FIELDS, Sheet
from crm.ledger.parse import Item


def date_wanted(item: Item, stage: Stage, name: str, *, shown: bool) -> tuple[str, str]:
    """The message (Chinese, English) for `stage`'s date field `name`. `shown`: the row's
    stage is shown before the message (「在谈」项目需要…), so the stage is not repeated."""
    present = name in item.columns
    column = item.columns[name].rsplit(" [", 1)[0] if present else field_label(Sheet.PROJECTS, name)
    zh = "项目" if shown else f"“{stage.zh}”阶段"
    en = "The project" if shown else f"Stage '{stage.en}'"
    if present:
        return f"{zh}需要填写“{column}”", f"{en} needs '{column}' filled in"
    if any(f.name == name for f in FIELDS.get(item.kind, ())):
        return (
            f"{zh}需要“{column}”：文件中没有此列，请添加“{column}”列并填写日期",
            f"{en} needs '{column}': the file has no such column; add it and fill in the date",
        )
    return (
        f"{zh}需要“{column}”，本表没有此列：请在项目台账或窗口中登记",
        f"{en} needs '{column}', which this sheet has no column for: record it in the "
        "projects ledger or in the window",
    )

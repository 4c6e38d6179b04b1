"""What went wrong with a ledger, cell by cell, in both languages.

Every message is looked up by a stable code; the same code drives the wizard's translation
and the problems workbook sent back to whoever owns the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crm.codes import Coded
from crm.errors import CrmError
from crm.progress import Cancelled

ERROR = "error"  # the row is not imported
WARNING = "warning"  # imported, but the user should look
INFO = "info"  # nothing wrong, worth knowing (skipped totals rows, rates used)

#: code -> (Chinese template, English template); templates use str.format fields.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty_file": ("文件是空的", "The file is empty"),
    "not_spreadsheet": (
        "不是电子表格文件（支持 .xlsx、.xls、.csv）",
        "Not a spreadsheet (.xlsx, .xls and .csv are supported)",
    ),
    "password": (
        "文件有密码保护，请在 Excel 中取消密码后另存再导入",
        "The file is password-protected; remove the password in Excel, save, and import again",
    ),
    "corrupt": (
        # The reading library's words ("File is not a zip file") stay out of the Chinese
        # sentence; the English one keeps them for whoever reads the log.
        "文件已损坏或不完整（也可能不是 Excel 文件），无法读取；请用 Excel 打开检查后另存再导入",
        "The file is damaged or incomplete (or not an Excel file) and cannot be read: {detail}",
    ),
    "no_file": ("找不到文件：{detail}", "File not found: {detail}"),
    "too_big": (
        "文件超出导入上限（{detail}），真实台账不会这么大；请检查文件，或分成几个文件导入",
        "The file is beyond the import limits ({detail}); no real ledger is this big: check "
        "the file or split it",
    ),
    "too_many_columns": (
        "列数超出上限（{detail}）：请删去多余的列后再导入",
        "Too many columns ({detail}): delete the extra columns and import again",
    ),
    "csv_broken": (
        "CSV 格式错误：{detail}，请在 Excel 中打开后另存为 CSV 再导入",
        "Broken CSV: {detail}; open it in Excel, save as CSV and import again",
    ),
    "csv_quote": (
        "CSV 第{detail}行引号不成对：其后的几行被并进了同一个单元格，请补上引号后再导入",
        "Unbalanced quote at line {detail} of the CSV: the lines after it ran into one cell; "
        "close the quote and import again",
    ),
    "csv_field": (
        "CSV 单元格过长（{detail} 个字符），请检查引号是否成对",
        "A CSV field is too long ({detail} characters); check that quotes are balanced",
    ),
    "control_char": (
        "{detail}含有控制字符（如 NUL），不是正常的文本：请检查文件的编码或来源",
        "{detail} holds control characters (such as NUL), not normal text: check the file",
    ),
    "utf16_broken": (
        "UTF-16 编码的文件不完整（在第 {detail} 个字节处被截断），请重新保存后再导入",
        "The UTF-16 file is cut off (at byte {detail}); save it again and import",
    ),
    "is_folder": (
        "这是一个文件夹，不是文件：{detail}",
        "This is a folder, not a file: {detail}",
    ),
    "not_excel": (
        "不是 Excel 文件（扩展名是 {detail}，内容却不是电子表格；CSV 文件请改用 .csv 扩展名）",
        "Not an Excel file (named {detail}, but the content is not a spreadsheet; "
        "give CSV files the .csv extension)",
    ),
    "no_sheet": (
        "工作簿中没有名为“{detail}”的工作表",
        "The workbook has no sheet named '{detail}'",
    ),
    "no_header": (
        "找不到可识别的表头（应有“项目名称”“投资方”等列名）",
        "No recognisable header row (expected columns such as 项目名称 / project name)",
    ),
    "no_data": ("工作表没有数据行", "The sheet has no data rows"),
    "unmatched_column": (
        "未识别的列，未导入{detail}",
        "Column not recognised, not imported{detail}",
    ),
    "computed_column": (
        "系统计算的列，导入时不读取",
        "Computed by the system; not imported",
    ),
    "bad_record_id": (
        "系统编号格式不正确（应为导出文件中的原值）",
        "Not a valid record id (keep the value the export wrote)",
    ),
    "unknown_record_id": (
        "本数据库中没有这个系统编号的记录，未导入；若文件来自另一个数据库，"
        "请选择“文件来自另一个数据库”",
        "No record in this database has this record id; not imported. If the file comes "
        "from another database, choose 'file from another database'",
    ),
    "record_deleted": (
        "系统编号对应的记录已删除：{detail}（未导入，也不会新建）",
        "The record with this id was deleted: {detail} (not imported, nothing new is made)",
    ),
    "duplicate_record_id": (
        "系统编号在文件中重复（行 {detail}）",
        "Record id repeated in the file (rows {detail})",
    ),
    "same_record_twice": (
        "与第 {detail} 行对应同一条已有记录，未导入",
        "Stands for the same record as row {detail}; not imported",
    ),
    "ambiguous_match": (
        "有多个已有项目与此行相符，未更新任何项目，请选择对应的项目：{detail}",
        "Several existing projects fit this row; none was updated. Choose one: {detail}",
    ),
    "similar_project": (
        "可能与已有项目重复：{detail}（将作为新项目导入；如是同一项目，请选择对应的项目）",
        "Possibly the same as an existing project: {detail} (imported as a new project; "
        "if it is the same, choose it)",
    ),
    "unknown_choice": (
        "选择的项目不存在：{detail}",
        "The chosen project does not exist: {detail}",
    ),
    "funds_row_invalid": (
        "资金到位日期取自{detail}",
        "The funded date comes from {detail}",
    ),
    "funds_differs": (
        "与系统中已登记的到位资金不同（{detail}），未修改（请在项目详情中更正）",
        "Differs from the funds entry on record ({detail}); not changed (correct it in the "
        "project's details)",
    ),
    "resolved_kept": (
        "已销号问题的{detail}与系统中不同，未修改（请在问题详情中重新打开后再销号）",
        "Differs from the resolved problem's {detail} on record; not changed (reopen the "
        "problem in its details and resolve it again)",
    ),
    "ref_deleted": (
        "已删除的{detail}与此同名，不能新建同名记录（请改名或先恢复已删除的）",
        "A deleted {detail} has this name; a new one cannot take it (rename it, or restore "
        "the deleted one)",
    ),
    "missing_group": (
        "覆盖区域不是已知的区域组；工作队照常导入，覆盖区域暂空（同意新建后将新建该区域组）",
        "The coverage region is not a known region group; the team is imported without one "
        "for now (it is created if you agree to create what is missing)",
    ),
    "date_month_only": (
        "只写了年月，按{detail}计（日期影响旬报、周报的统计，请补上日）",
        "Year and month only: taken as {detail} (ten-day and weekly figures depend on the day; "
        "please add it)",
    ),
    "place_is_class": (
        "只写了来源类别，没有具体地点，未记录来源地",
        "Only a class of source, not a place; no source place recorded",
    ),
    "source_undetermined": (
        "不能区分省内、省外，按项目来源地归类",
        "Does not say in or out of the province; classed by the project's source place",
    ),
    "unknown_parent": (
        "找不到所属集团：{detail}（未关联）",
        "Parent group not found: {detail} (not linked)",
    ),
    "plan_mismatch": (
        "写入第 {detail} 时与预览不一致，已全部撤销，数据库未改动",
        "Writing {detail} did not go as previewed; everything was undone, the database is "
        "unchanged",
    ),
    "database_changed": (
        "预览之后数据库已被修改，请重新预览后再导入（未写入任何数据）",
        "The database changed after the preview; preview again before importing (nothing "
        "was written)",
    ),
    "repeated_header": (
        "列名重复，只导入第一列（{detail}）",
        "Header repeated; only the first such column is imported ({detail})",
    ),
    "repeated_header_row": ("表头重复出现，已跳过", "Header row repeated; skipped"),
    "missing_required": ("缺少必填项：{detail}", "Required value missing: {detail}"),
    "bad_date": ("不是有效日期", "Not a valid date"),
    "no_such_date": ("日期不存在（如2月30日）", "No such date (e.g. 30 February)"),
    "future_date": ("日期不能是将来", "The date cannot be in the future"),
    "bad_amount": ("不是有效金额", "Not a valid amount"),
    "too_large": ("金额过大（最多 {detail}）", "Amount too large (at most {detail})"),
    "negative": ("不能为负数", "Cannot be negative"),
    "bad_number": ("应为整数", "Must be a whole number"),
    "bad_bool": ("应为“是”或“否”", "Must be yes or no"),
    "too_long": ("内容过长：{detail} 个字符", "Text too long: {detail} characters"),
    "bad_uscc": ("统一社会信用代码无效：{detail}", "Invalid unified social credit code: {detail}"),
    "unknown_stage": ("未知的项目阶段", "Unknown project stage"),
    "unknown_code": ("未知的取值（{detail}）", "Unknown value ({detail})"),
    "unknown_place": ("无法识别的地名", "Place not recognised"),
    "ambiguous_place": (
        "有多个同名的地方：{detail}，请写明所属城市",
        "Several places have this name: {detail}; write its city too",
    ),
    "ambiguous_city": (
        "有多个同名的城市：{detail}，请按其中一个填写（括号内为所在省份）",
        "Several cities have this name: {detail}; write one of them as shown (with its province)",
    ),
    "not_a_district": ("{detail}", "{detail}"),
    "unknown_industry": (
        "无法识别的行业（GB/T 4754 名称或代码）",
        "Industry not recognised (GB/T 4754 name or code)",
    ),
    "unknown_tag": ("无法识别的企业标签", "Company tag not recognised"),
    "missing_ref": (
        "{detail}不存在，需确认创建（--create-missing）后才会关联",
        "{detail} does not exist yet; it is linked only after you agree to create it "
        "(--create-missing)",
    ),
    "will_create": ("{detail}不存在，将新建", "{detail} does not exist and will be created"),
    "formula_no_value": (
        "公式没有计算结果（请在 Excel 中打开并保存后再导入）",
        "Formula without a calculated value (open and save the file in Excel first)",
    ),
    "duplicate_code": (
        "项目编号在文件中重复（行 {detail}）",
        "Project code repeated in the file (rows {detail})",
    ),
    "duplicate_row": (
        "与第 {detail} 行是同一项目，已跳过",
        "Same project as row {detail}; skipped",
    ),
    "duplicate_company_row": (
        "与第 {detail} 行是同一企业，已跳过",
        "Same company as row {detail}; skipped",
    ),
    "code_taken": (
        "项目编号已被其他项目使用：{detail}",
        "Project code used by another project: {detail}",
    ),
    "uscc_taken": (
        "统一社会信用代码已被其他企业使用：{detail}",
        "Credit code used by another company: {detail}",
    ),
    "stage_date_missing": ("{detail}", "{detail}"),  # plan_projects._date_wanted
    "date_beyond_stage": (
        "已填写“{detail}”日期，但项目阶段在此之前",
        "A '{detail}' date is given but the stage is earlier",
    ),
    "stage_rule": ("{detail}", "{detail}"),
    "stage_behind": (
        "台账阶段（{detail}）落后于系统，未回退",
        "The ledger's stage ({detail}) is behind the database; not moved back",
    ),
    "dropped_not_reopened": (
        "项目已于{detail}终止，导入不会重新启用它：如需重新启用，请在窗口中选中该项目，用“变更阶段”"
        "重新启用",
        "The project was dropped on {detail}; an import does not reopen it: to reopen it, select "
        "the project in the window and use Change stage",
    ),
    "date_differs": (
        "与系统中已记录的日期不同（{detail}），未修改：如需更正，请在窗口中选中该项目，"
        "对照其“阶段历程”用“变更阶段”更正",
        "Differs from the date on record ({detail}); not changed: to correct it, select the "
        "project in the window and use Change stage, checking its Stage history",
    ),
    "drop_reason_missing": ("终止项目需要填写终止原因", "A dropped project needs a reason"),
    "code_elsewhere": (
        "此编号在本库属于另一项目“{detail}”（两库各自编号）：按项目名称和投资方匹配，本行不沿用此编号",
        "This code belongs to another project here, '{detail}' (each database numbers its own): "
        "the row is matched by name and investor and does not keep the code",
    ),
    "blank_kept": (
        "单元格为空，原有内容“{detail}”保留（空白单元格不清除内容，要改请填写新值）",
        "The cell is blank; the value on record, '{detail}', is kept (a blank cell clears "
        "nothing: type a new value to change it)",
    ),
    "foreign_over_total": ("其中外资超过总投资", "Foreign capital exceeds the planned total"),
    "unknown_company": (
        "找不到企业：{detail}（请在“企业”表中列出，或先录入该企业）",
        "No such company: {detail} (list it in a companies sheet, or add it first)",
    ),
    "dispatch_no_date": (
        "读不出完成投资的截止日期（表头如“1-11月中旬累计完成投资”、标题如“2026年…”），"
        "请用 --as-of 指定",
        "Cannot tell the day the completion figures refer to (a header such as "
        "1-11月中旬累计完成投资 and a title with the year); give it with --as-of",
    ),
    "dispatch_bad_date": (
        "完成投资的截止日期应为旬末（10日、20日、月末）或月末",
        "The completion figures must end on the last day of a 旬 or a month",
    ),
    "dispatch_cumulative": (
        "累计完成投资小于上期累计（{detail}万元）",
        "The cumulative is below the previous one ({detail} 万元)",
    ),
    "dispatch_sum": (
        "累计完成投资{detail}不符，请核对",
        "The cumulative does not add up: {detail}; check it",
    ),
    "dispatch_later_lower": (
        "晚于本期的{detail}，请核对",
        "The later {detail}; check it",
    ),
    "increase_not_positive": ("增资金额应大于0", "An increase must be above 0"),
    "increase_not_signed": (
        "项目尚未签约，不能登记增资：{detail}（请先在项目台账中填写签约时间）",
        "The project is not signed, so it cannot take an increase: {detail} (fill in its "
        "signing date in the projects ledger first)",
    ),
    "increase_before_signing": (
        "增资日期早于项目首次签约日期（{detail}）",
        "The increase is dated before the project's first signing ({detail})",
    ),
    "increase_other_project": (
        "该系统编号的增资属于另一项目：{detail}（增资不能改挂到其他项目）",
        "The increase with this record id belongs to another project: {detail} (an increase "
        "cannot move to another project)",
    ),
    "first_signed_after_signed": (
        "首次签约日期晚于签约时间（{detail}）：首次签约不能晚于最近一次签约",
        "The first signing is after the signing date ({detail}): it cannot be later",
    ),
    "first_signed_differs": (
        "首次签约日期与系统记录（{detail}）不同，保留系统记录（首次签约由阶段历史决定）",
        "The first signing differs from the one on record ({detail}); the record stays (the "
        "stage history decides it)",
    ),
    "first_signed_not_written": (
        "首次签约日期未导入：该行没有签约（如重新启用回到线索的项目），请在项目详情中核对",
        "The first signing was not imported: the row signs nothing (a project reopened back "
        "to lead, say); check it in the project's details",
    ),
    "first_signed_unsigned": (
        "填写了首次签约日期，但项目没有签约，也不在重新启用后的洽谈阶段",
        "A first signing is given, but the project is neither signed nor negotiating again "
        "after a reopening",
    ),
    "entry_key_changed": (
        "该系统编号的记录是{detail}（请清空系统编号另起一行）",
        "The record with this record id is {detail} (clear the record id and add a row instead)",
    ),
    "duplicate_entry": ("{detail}，请只保留一行", "{detail}; keep one row"),
    "list_new_programme": (
        "专项尚无记录，导入时将按此名称新建：{detail}",
        "No programme of this name yet: the import creates it: {detail}",
    ),
    "count_not_whole": (
        "{detail}是个数，目标值应为整数",
        "{detail} is a count: give a whole number",
    ),
    "unknown_county": (
        "没有这个县（市、区）：{detail}（请填写6位行政区划代码或县区名称）",
        "No such county or district: {detail} (give its six-digit code or its name)",
    ),
    "county_mismatch": (
        "县区名称与县区代码不符（{detail}），请改正其一",
        "The county name does not match the county code ({detail}); correct one of them",
    ),
    "target_place_ignored": (
        "范围为“{detail}”的目标不按此列区分，已忽略此列",
        "A target of scope '{detail}' is not told apart by this column; it is ignored",
    ),
    "ambiguous_county": (
        "多个县（市、区）同名：{detail}，请填写县区代码",
        "Several counties or districts have this name: {detail}; give the county code",
    ),
    "unknown_park": (
        "没有这个园区：{detail}（可在园区表中添加，或加 --create-missing 新建）",
        "No such park: {detail} (add it on the parks sheet, or add --create-missing)",
    ),
    "unknown_list": (
        "没有这个企业名单：{detail}（可加 --create-missing 新建）",
        "No such company list: {detail} (add --create-missing to define it)",
    ),
    "keylist_level": (
        "级别应为国家级、自治区/省级、市级或县级",
        "The level must be national, province, city or county",
    ),
    "keylist_liaison_differs": (
        "同一企业的特派员或包保领导与第{detail}行不同",
        "The commissioner or leader differs from row {detail} for the same enterprise",
    ),
    "keylist_liaison_first": (
        "同一企业的特派员和包保领导以第{detail}行为准，本行的未导入",
        "The enterprise's commissioner and leader are taken from row {detail}; this row's "
        "were not imported",
    ),
    "dispatch_start_new": (
        "新建项目的实际开工时间未导入：开工需先签约，请在项目台账中录入后再导入",
        "The start of a project new in this sheet was not imported: a project starts after "
        "it is signed; record it in the projects ledger first",
    ),
    "dispatch_level": (
        "项目级别应为自治区/省级、市级或县级",
        "The list level must be province, city or county",
    ),
    "dispatch_programme": (
        "未知的专项（可加 --create-missing 新建）",
        "Unknown programme (add --create-missing to create it)",
    ),
    "dispatch_nature": (
        "建设性质应为新建、扩建、改建/技术改造或迁建",
        "The construction nature must be 新建, 扩建, 改建/技术改造 or 迁建",
    ),
    "unknown_project": ("找不到对应项目：{detail}", "No such project: {detail}"),
    "ambiguous_project": (
        "项目名称对应多个项目，请填写项目编号：{detail}",
        "Several projects have this name; give the project code: {detail}",
    ),
    "project_not_signed": (
        "项目尚未签约，不能登记到位资金",
        "The project is not signed; funds cannot be recorded",
    ),
    "funds_without_date": (
        "到位资金多于已登记的（{detail}），多出的部分没有日期，未登记（请在“到位资金”表中按日期填写）",
        "Funds in place exceed those on record ({detail}); the rest has no date and was not "
        "recorded (give dated entries in a funds sheet)",
    ),
    "funds_total_differs": (
        "到位资金合计（{detail}）与到位资金明细不一致",
        "Funds total ({detail}) does not match the dated entries",
    ),
    "fuzzy_company": (
        "企业名称与已有企业相近：{detail}（未合并，请确认）",
        "Company name is close to existing ones: {detail} (not merged; please confirm)",
    ),
    "conflict": (
        "同一{detail}在文件中取值不一致，以先出现的为准",
        "The same {detail} has different values in the file; the first one is kept",
    ),
    "totals_row": ("合计行，已跳过", "Totals row; skipped"),
    "subtotal_row": ("小计行，已跳过", "Subtotal row; skipped"),
    "usd_rate_used": (
        "美元金额按汇率 {detail} 折算为万元",
        "US dollar amounts converted at rate {detail}",
    ),
    "service_rejected": ("{detail}", "{detail}"),
    "postgres_no_backup": (
        "PostgreSQL 数据库不做文件备份，导入在一个事务中完成，失败即回滚",
        "No file backup for PostgreSQL; the import runs in one transaction and "
        "rolls back on failure",
    ),
    "mostly_invalid": (
        "{detail}，不像一份台账：整个文件都不会写入。请检查列与字段的对应，或修正文件",
        "{detail}: this does not look like a ledger, so nothing of the file will be written. "
        "Check how the columns are mapped, or fix the file",
    ),
    "mostly_invalid_blocked": (
        "无效行多于有效行，未写入任何数据",
        "Invalid rows outnumber the valid ones; nothing was written",
    ),
    "strict_blocked": (
        "严格模式：存在无效行，未写入任何数据",
        "Strict mode: some rows are invalid, nothing was written",
    ),
    # An older export's cell whose value on record changed since (crm.ledger.plan_stale): the
    # detail is the whole sentence, naming both values.
    "newer_kept": ("{detail}", "{detail}"),
    "newer_conflict": ("{detail}", "{detail}"),
    "newer_overwritten": ("{detail}", "{detail}"),
    "newer_row_kept": ("{detail}", "{detail}"),
    "too_large_in_unit": ("{detail}", "{detail}"),  # values.read_amount: 按亿元计为…
    "implausible_amount": ("{detail}", "{detail}"),  # values.read_amount: 是否应为万元？
}


def message(code: str, detail: Any = "") -> tuple[str, str]:
    """The message in both languages; `detail` may be a (Chinese, English) pair."""
    zh, en = MESSAGES.get(code, ("{detail}", "{detail}"))
    detail_zh, detail_en = detail if isinstance(detail, tuple) else (detail, detail)
    return zh.format(detail=detail_zh), en.format(detail=detail_en)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where (sheet, Excel row number, column header and letter), what and why."""

    sheet: str
    row: int | None
    column: str
    value: str
    code: str
    message_zh: str
    message_en: str
    severity: str = ERROR

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh

    def where(self, language: str = "zh") -> str:
        parts = [self.sheet]
        if self.row is not None:
            parts.append(f"第{self.row}行" if not language.startswith("en") else f"row {self.row}")
        if self.column:
            parts.append(self.column)
        return " / ".join(p for p in parts if p)

    def line(self, language: str = "zh") -> str:
        value = f"「{self.value}」" if self.value else ""
        return f"{self.where(language)}: {value}{self.message(language)}"


def problem(
    sheet: str,
    row: int | None,
    column: str,
    value: Any,
    code: str,
    detail: Any = "",
    severity: str = ERROR,
) -> Problem:
    zh, en = message(code, detail)
    return Problem(sheet, row, column, shorten(value), code, zh, en, severity)


def shorten(value: Any, limit: int = 80) -> str:
    """A cell value as reports show it: text, cut short (a 30,000-character cell stays readable)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)  # Excel stores 100 as 100.0; people typed 100 (but 1e+300 stays)
    if isinstance(value, Decimal):
        text = f"{value:f}"
        value = text.rstrip("0").rstrip(".") if "." in text else text  # 12.000000 → 12
    if isinstance(value, Coded):
        value = value.zh  # a stage or a kind as a person says it, not its code
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LedgerError(CrmError):
    """The whole file (or a whole sheet) cannot be imported."""

    def __init__(self, code: str, detail: Any = "", *, where: str = "") -> None:
        zh, en = message(code, detail)
        if where:
            zh, en = f"{where}：{zh}", f"{where}: {en}"
        super().__init__(zh, en, code=code)


class ImportCancelled(Cancelled):
    """The user cancelled an import; nothing was written (crm.progress.Cancelled, in the
    importer's words)."""

    def __init__(self) -> None:
        super().__init__(
            "导入已取消，数据库未改动",
            "Import cancelled; the database is unchanged",
        )

"""Field checks shared by the services. Each raises ValidationError naming the field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.codes import Coded
from crm.errors import NotFoundError, ValidationError
from crm.limits import amount_problem, max_amount_text, max_length
from crm.models import Base, Tracked
from crm.money import quantize_wan, to_decimal

T = TypeVar("T", bound=Tracked)
N = TypeVar("N", int, Decimal)


def live(session: Session, model: type[T], record_id: str, *, field: str = "id") -> T:
    """The record, unless missing or soft-deleted. `field` names the referring field, if any."""
    obj = session.get(model, record_id) if record_id else None
    if obj is not None and obj.deleted_at is None:
        return obj
    table = model.__tablename__  # type: ignore[attr-defined]
    if field == "id":
        raise NotFoundError(
            f"找不到记录（{table}：{record_id}）", f"Record not found ({table}: {record_id})"
        )
    raise ValidationError(
        field,
        record_id,
        f"{field} 引用的记录不存在或已作废：{record_id}",
        f"{field} refers to a missing or deleted record: {record_id}",
        code="unknown_ref",
    )


def required_text(field: str, value: Any, *, label_zh: str, max_length: int) -> str:
    text = clean_text(field, value, max_length=max_length)
    if not text:
        raise ValidationError(
            field, value, f"{label_zh}不能为空", f"{field} is required", code="required"
        )
    return text


def clean_text(field: str, value: Any, *, max_length: int) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > max_length:
        raise ValidationError(
            field,
            value,
            f"{field} 过长：{len(text)} 个字符，最多 {max_length} 个",
            f"{field} is too long: {len(text)} characters, at most {max_length}",
            code="too_long",
        )
    return text


def optional_live(session: Session, model: type[T], value: Any, field: str) -> str | None:
    """An optional reference: None when empty, else the id of a live record (or refused)."""
    return live(session, model, value, field=field).id if value else None


def held_by_other(session: Session, column: Any, value: Any, own_id: str | None) -> Any | None:
    """The record (not `own_id`) whose unique `column` already holds `value`, if any."""
    holder = session.scalar(select(column.class_).where(column == value))
    return holder if holder is not None and holder.id != own_id else None


def unique(
    session: Session,
    column: Any,
    value: Any,
    own_id: str | None,
    *,
    what: tuple[str, str],
    code: str,
) -> None:
    """Refuse `value` when another record holds it in the unique `column`, deleted ones too
    (they can be restored); the message names the holder. `what`: the column, zh and en."""
    holder = held_by_other(session, column, value, own_id)
    if holder is None:
        return
    state_zh, state_en = ("（已作废）", " (deleted)") if holder.deleted_at else ("", "")
    raise ValidationError(
        column.key,
        value,
        f"{what[0]}已被“{holder.name}”{state_zh}使用：{value}",
        f"{what[1]} already used by '{holder.name}'{state_en}: {value}",
        code=code,
    )


def free_name(
    session: Session, column: Any, name: str, own_id: str | None, *, what: tuple[str, str]
) -> str:
    """`name`, unless another record (deleted ones too) already bears it in the unique
    `column`. `what`: the kind of record, zh and en (工作队, A team)."""
    if held_by_other(session, column, name, own_id) is not None:
        raise ValidationError(
            column.key,
            name,
            f"{what[0]}名称已存在：{name}",
            f"{what[1]} with this name exists: {name}",
            code="duplicate_name",
        )
    return name


def field_text(table: str, field: str, value: Any) -> str:
    """A text column's value, held to its length in crm.limits."""
    return clean_text(field, value, max_length=max_length(table, field))


def required_field(table: str, field: str, value: Any, *, label_zh: str) -> str:
    """A text column that must not be empty (`label_zh`: what the user calls it)."""
    return required_text(field, value, label_zh=label_zh, max_length=max_length(table, field))


def amount(field: str, value: Any, *, allow_none: bool = False) -> Decimal | None:
    """A non-negative exact amount in 万元."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_none:
            return None
        raise ValidationError(
            field, value, f"{field} 金额不能为空", f"{field}: amount required", code="required"
        )
    try:
        number = to_decimal(value)
    except ValueError as exc:
        raise ValidationError(
            field,
            value,
            f"{field} 不是有效金额：{value}",
            f"{field} is not a valid amount: {value}",
            code="not_number",
        ) from exc
    if amount_problem(number) is not None:
        raise ValidationError(
            field,
            value,
            f"{field} 金额过大（最多 {max_amount_text()}）：{value}",
            f"{field}: amount too large (at most {max_amount_text()}): {value}",
            code="too_large",
        )
    return quantize_wan(_not_negative(field, value, number, "金额"))


def count(field: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            field,
            value,
            f"{field} 应为整数：{value}",
            f"{field} must be a whole number: {value}",
            code="not_number",
        ) from exc
    return _not_negative(field, value, number)


def a_year(
    field: str,
    value: Any,
    *,
    earliest: int = 2000,
    allow_none: bool = False,
    what: tuple[str, str] = ("年份", "year"),
) -> int | None:
    """A year from `earliest` to 2100 (figures and lists are kept for no other); `what` names
    it in the message, in Chinese and English."""
    year = count(field, value)
    if year is None and allow_none:
        return None
    if year is None or not earliest <= year <= 2100:
        raise ValidationError(
            field,
            value,
            f"{what[0]}不合理：{value}",
            f"Implausible {what[1]}: {value}",
            code="bad_year",
        )
    return year


def _not_negative(field: str, value: Any, number: N, what: str = "") -> N:
    if number < 0:
        raise ValidationError(
            field,
            value,
            f"{field} {what}不能为负数：{value}",
            f"{field} cannot be negative: {value}",
            code="negative",
        )
    return number


def choice(field: str, value: Any, codes: type[Coded], *, allow_none: bool = False) -> str | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError(
            field, value, f"{field} 不能为空", f"{field} is required", code="required"
        )
    member = codes.from_text(str(value))
    if member is None:
        raise ValidationError(
            field,
            value,
            f"{field} 的取值未知：{value}",
            f"Unknown code for {field}: {value}",
            code="unknown_code",
        )
    return member.value


def reference(session: Session, field: str, model: type[Base], code: Any) -> str | None:
    """A code that must exist in a reference table (region, country, industry, chain …)."""
    if code is None or code == "":
        return None
    if session.get(model, str(code)) is None:
        raise ValidationError(
            field,
            code,
            f"{field} 的代码未知：{code}",
            f"Unknown code for {field}: {code}",
            code="unknown_code",
        )
    return str(code)


def a_date(
    field: str,
    value: Any,
    *,
    allow_none: bool = True,
    not_future: bool = False,
    today: date | None = None,
) -> date | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError(
            field, value, f"{_said(field)}不能为空", f"{field}: date required", code="required"
        )
    if isinstance(value, str):
        with suppress(ValueError):  # text that is no date is refused below, as written
            value = date.fromisoformat(value.strip())
    if not isinstance(value, date):
        raise ValidationError(
            field,
            value,
            f"{_said(field)}不是有效日期：{value}",
            f"{field} is not a valid date: {value}",
            code="bad_date",
        )
    if not_future and value > (today or date.today()):
        raise ValidationError(
            field,
            value,
            f"{_said(field)}不能是将来的日期：{value}",
            f"{field} cannot be in the future: {value}",
            code="future_date",
        )
    return value


def _said(field: str) -> str:
    """The field as people call it (到位日期, not received_on), for a message."""
    # Imported here: the names live with the ledger, which a refused date rarely needs.
    from crm.ledger.field_names import any_field_label

    return any_field_label(field)


def past_day(field: str, value: Any, today: date | None = None) -> date:
    """A date that must be given and must not lie after `today`."""
    day = a_date(field, value, allow_none=False, not_future=True, today=today)
    assert day is not None
    return day


def cleaned(
    fields: Mapping[str, Any], cleaners: Mapping[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """The fields given, each through its cleaner, in the cleaners' order (the first bad one
    is the one reported)."""
    return {name: clean(fields[name]) for name, clean in cleaners.items() if name in fields}


def text_cleaners(table: str, *names: str) -> dict[str, Callable[[Any], str]]:
    """For `cleaned`: each of the table's text columns named, held to its length."""
    return {name: partial(field_text, table, name) for name in names}


def unknown_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    extra = set(fields) - allowed
    if extra:
        name = sorted(extra)[0]
        raise ValidationError(
            name,
            fields[name],
            f"不能修改的字段：{name}",
            f"Field cannot be changed here: {name}",
            code="unknown_field",
        )

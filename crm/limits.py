"""How long a text field may be: one table for the models' column lengths, the services'
checks and the ledger importer, so that a value the importer accepts is one the service
accepts and the column holds.

Lengths count characters (SQLite ignores VARCHAR lengths; PostgreSQL enforces them). Text
columns without a length in the schema still have a limit here: it keeps a pasted book out
of a one-line field.

Amounts have one bound too (`amount_problem`): the services' money check and the ledger's
amount parser both ask it, so no amount reaches a money column that the column cannot hold
or that no real project has.
"""

from __future__ import annotations

from decimal import Decimal

LIMITS: dict[str, dict[str, int]] = {
    "project": {
        "name": 300,
        "code": 60,
        "landing_region_code": 12,
        "responsible_unit": 200,
        "responsible_person": 100,
        "notes": 20000,
        "drop_reason": 2000,
    },
    "company": {
        "name": 200,
        "former_names": 2000,
        "english_name": 300,
        "website": 300,
        "notes": 20000,
    },
    "contact": {"name": 100, "title": 100, "phone": 40, "email": 200, "wechat": 100, "notes": 5000},
    "park": {"name": 200},
    "team": {"name": 200, "home_unit": 200, "leader_name": 100, "notes": 5000},
    "team_member": {"person_name": 100, "phone": 40},
    "activity": {"participants": 1000, "summary": 20000, "next_step": 2000},
    "problem": {"description": 5000, "responsible_unit": 200, "resolution": 5000},
    "funds_entry": {"note": 2000},
    "investment_increase": {"note": 2000},
    "stage_event": {"agreement_type": 20, "comment": 2000},
    "enterprise_request": {
        "content": 5000,
        "handling_unit": 200,
        "co_units": 1000,
        "reject_reason": 2000,
        "reply": 5000,
        "escalation_unit": 200,
    },
    "request_visit": {"visited_by": 100, "notes": 5000},
    "enterprise_liaison": {"commissioner": 100, "leader": 100},
    "programme": {"name": 100, "notes": 2000},
    "dispatch_profile": {"leader_name": 100},
    "completion_entry": {"image_progress": 2000, "progress_note": 5000, "issues": 5000},
}


def max_length(table: str, field: str) -> int:
    """The longest text `field` of `table` may hold (a KeyError names a field without one)."""
    return LIMITS[table][field]


#: The largest amount any money field takes, in 万元: 100,000,000万元 = 1万亿元, far above any
#: real project (the largest are a few hundred 亿元). Kept to crm.money.QUANTUM (six decimals,
#: one fen; more are rounded half up), it lies far inside the column: crm.models.Money stores
#: a BIGINT count of 0.000001万元, at most 9.2×10^12万元, so even tens of thousands of maximal
#: amounts still sum within it.
MAX_AMOUNT_WAN = Decimal(100_000_000)


def amount_problem(number: Decimal) -> str | None:
    """None for an amount (in 万元) a money field takes; else why not: "not_number" (NaN) or
    "too_large" (infinite, or above MAX_AMOUNT_WAN either way from zero). Negative amounts are
    the caller's to refuse or allow."""
    if number.is_nan():
        return "not_number"
    if number.is_infinite() or abs(number) > MAX_AMOUNT_WAN:
        return "too_large"
    return None


def max_amount_text() -> str:
    """The bound as messages print it: 100,000,000万元."""
    return f"{MAX_AMOUNT_WAN:,f}万元"

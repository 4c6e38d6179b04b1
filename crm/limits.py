"""How long a text field may be: one table for the models' column lengths, the services'
checks and the ledger importer, so that a value the importer accepts is one the service
accepts and the column holds.

Lengths count characters (SQLite ignores VARCHAR lengths; PostgreSQL enforces them). Text
columns without a length in the schema still have a limit here: it keeps a pasted book out
of a one-line field.
"""

from __future__ import annotations

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
}


def max_length(table: str, field: str) -> int:
    """The longest text `field` of `table` may hold (a KeyError names a field without one)."""
    return LIMITS[table][field]

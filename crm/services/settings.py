"""Settings stored in the database, with defaults and a version in one place."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from crm.errors import ValidationError
from crm.models import Region, Setting, new_id

SETTINGS_VERSION = 1

DEFAULTS: dict[str, Any] = {
    "settings_version": SETTINGS_VERSION,
    #: Asked at the first start; no bureau is assumed.
    "bureau_name": "",
    #: GB/T 2260 code of the bureau's own province, city or county; source classes follow.
    "bureau_region_code": "",
    #: province / city / county; empty = read from the region code.
    "bureau_level": "",
    #: Count money from inside the bureau's own area (市内/县内) in headline figures.
    "include_own_area": False,
    #: New project codes: {year} and {seq} (the year's running number).
    "project_code_pattern": "ZS{year}-{seq:05d}",
    #: Size bands in 万元: 亿元以上, 10亿, 50亿, 100亿 (以上 includes the number itself).
    "size_bands_wan": ["10000", "100000", "500000", "1000000"],
    #: Decimal places of 亿元 and % in briefs.
    "brief_amount_places": 1,
    "brief_percent_places": 1,
    "stalled_signed_not_started_days": 180,
    "stalled_started_not_operating_days": 365,
    "stalled_no_update_days": 30,
    #: The user's name for the change log; empty means the operating-system login.
    "user_name": "",
    "my_team_id": "",
    "usd_rate": "7.1",
}


def get_setting(session: Session, key: str) -> Any:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    if value is None:
        return DEFAULTS.get(key)
    return json.loads(value)


def setting_value(connection: Connection, key: str) -> Any:
    """The same as get_setting, for code that holds a Core connection."""
    value = connection.scalar(select(Setting.value).where(Setting.key == key))
    return DEFAULTS.get(key) if value is None else json.loads(value)


def all_settings(session: Session) -> dict[str, Any]:
    stored = {k: json.loads(v) for k, v in session.execute(select(Setting.key, Setting.value))}
    return {**DEFAULTS, **stored}


def set_setting(session: Session, key: str, value: Any) -> None:
    if key not in DEFAULTS and key != "site_id":
        raise ValidationError(
            key, value, f"未知的设置项：{key}", f"Unknown setting: {key}", code="unknown_setting"
        )
    if key == "bureau_region_code" and session.get(Region, str(value)) is None:
        raise ValidationError(
            key,
            value,
            f"未知的行政区划代码：{value}",
            f"Unknown region code: {value}",
            code="unknown_code",
        )
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
    session.flush()


def ensure_site_id(session: Session, *, location: str | None = None) -> str:
    """The id of this copy of the database, made when it is created.

    A database file found at another place than where its id was made is taken for a copy
    (a ledger handed to a new laptop, a test template) and becomes a site of its own, with no
    peers yet: two copies sharing one id would take each other's changes for their own.
    """
    site_id = _raw(session, "site_id")
    if site_id and (location is None or _raw(session, "site_location") in (None, location)):
        if location is not None and _raw(session, "site_location") is None:
            _put_raw(session, "site_location", location)
        return str(site_id)
    if site_id:
        from sqlalchemy import delete

        from crm.models.sync import SyncPeer

        logging.getLogger(__name__).info("database copied to %s: new site id", location)
        session.execute(delete(SyncPeer))
    site_id = new_id()
    _put_raw(session, "site_id", site_id)
    if location is not None:
        _put_raw(session, "site_location", location)
    return site_id


def _raw(session: Session, key: str) -> Any:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return None if value is None else json.loads(value)


def _put_raw(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
    session.flush()


def user_name(session: Session) -> str:
    return str(get_setting(session, "user_name") or "")

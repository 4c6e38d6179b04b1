"""Settings stored in the database, with defaults and a version in one place."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from crm import access
from crm.errors import ValidationError
from crm.models import Region, Setting, new_id
from crm.places import Bureau, city_of

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
    #: The distribution line (发送范围) printed at the end of every brief and notice, one
    #: line each: 报 (to superiors), 送 (to peers), 发 (to subordinates); '' prints none.
    "brief_report_to": "",
    "brief_copy_to": "",
    "brief_send_to": "",
    "stalled_signed_not_started_days": 180,
    "stalled_started_not_operating_days": 365,
    "stalled_no_update_days": 30,
    #: The user's name for the change log; empty means the operating-system login.
    "user_name": "",
    "my_team_id": "",
    "usd_rate": "7.1",
    #: Backups (crm/backup.py): every N minutes while there are changes; thinning.
    "backup_every_minutes": 30,
    "backup_keep_daily": 12,
    "backup_keep_weekly": 10,
    "backup_keep_monthly": 9,
    #: The bureau's own names for the roles (code → label); the rules stay fixed (crm.access).
    "role_labels": {},
    #: Saved analyses (分析): [{"name": …, "spec": AnalysisSpec.to_json()}] (crm.analysis.saved).
    "saved_analyses": [],
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


#: The bureau's levels (bureau_level); "" reads the level from the region code.
BUREAU_LEVELS = ("province", "city", "county")


#: The bureau's settings: the same on every site of the bureau, so a change to one travels
#: to the others as a change (crm.sync.shared_settings). The name of the bureau stays local:
#: it names the site to its peers. The user, the team and the site are each computer's own.
SHARED_KEYS = frozenset(
    {
        "bureau_region_code",
        "bureau_level",
        "include_own_area",
        "project_code_pattern",
        "size_bands_wan",
        "brief_amount_places",
        "brief_percent_places",
        "brief_report_to",
        "brief_copy_to",
        "brief_send_to",
        "stalled_signed_not_started_days",
        "stalled_started_not_operating_days",
        "stalled_no_update_days",
        "usd_rate",
    }
)


def set_setting(session: Session, key: str, value: Any) -> None:
    if key not in DEFAULTS and key != "site_id":
        raise ValidationError(
            key, value, f"未知的设置项：{key}", f"Unknown setting: {key}", code="unknown_setting"
        )
    if key not in PROFILE_KEYS:
        access.require_in(session, "change_settings")
    _check_value(session, key, value)
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    # What it was for people: the default when never set here.
    old = row.value if row is not None else json.dumps(DEFAULTS.get(key), ensure_ascii=False)
    changed = row is None or row.value != text
    was_set = row is not None
    _put_raw(session, key, value)
    # One change-log row per change: the bureau's settings travel by sync like a record's
    # field; a computer's own ones (window, profile) are logged here and never travel.
    if changed and key in SHARED_KEYS:
        _log_shared(session, key, old, text)
    elif changed:
        from crm.audit import log_setting

        log_setting(session, key, old if was_set else None, text)
    session.flush()
    if changed and key in BUREAU_KEYS:
        _reclassify(session)


#: The local profile (who works on this copy, in which team): each person's own.
PROFILE_KEYS = frozenset({"user_name", "my_team_id"})

#: Settings the source classes of projects and funds entries depend on.
BUREAU_KEYS = frozenset({"bureau_region_code", "bureau_level"})


def _log_shared(session: Session, key: str, old: str | None, new: str) -> None:
    """One change-log row, like a field of a record: it replaces the key's latest change."""
    from crm.hlc import CLOCK
    from crm.models import ChangeLog
    from crm.models.base import utcnow
    from crm.sync.shared_settings import SETTING_FIELD, SETTING_TABLE, latest_change

    latest = latest_change(session.connection(), key)
    session.add(
        ChangeLog(
            id=new_id(),
            table_name=SETTING_TABLE,
            record_id=key,
            op="update",
            field=SETTING_FIELD,
            old_value=old,
            new_value=new,
            changed_by=str(session.info.get("actor", "")),
            changed_at=utcnow(),
            hlc=CLOCK.now(),
            site_id=str(session.info.get("site_id", "")),
            prev_id=latest[0] if latest else None,
        )
    )


def _known_region(session: Session, code: str) -> bool:
    """A province or city of the reference list, or a county code (6 digits) of one of its
    cities (counties are not in the shipped list)."""
    if session.get(Region, code) is not None:
        return True
    return len(code) == 6 and code.isdigit() and session.get(Region, city_of(code)) is not None


def _reclassify(session: Session) -> None:
    # Imported here: the reclassification imports the bulk writer, settings are read everywhere.
    from crm.services.sources import reclassify_sources

    reclassify_sources(session)


def bureau_of(session: Session) -> Bureau:
    """The bureau's region and level from Settings (not set: an empty Bureau)."""
    code = str(get_setting(session, "bureau_region_code") or "")
    name = session.scalar(select(Region.name).where(Region.code == code)) if code else None
    return Bureau.of(code, str(get_setting(session, "bureau_level") or ""), name or "")


def _check_value(session: Session, key: str, value: Any) -> None:
    if key == "bureau_region_code" and value and not _known_region(session, str(value)):
        raise ValidationError(
            key,
            value,
            f"未知的行政区划代码：{value}",
            f"Unknown region code: {value}",
            code="unknown_code",
        )
    if key == "bureau_level" and value not in ("", *BUREAU_LEVELS):
        raise ValidationError(
            key,
            value,
            f"单位级别应为 province（省级）、city（市级）或 county（县级）：{value}",
            f"The bureau level is province, city or county: {value}",
            code="unknown_code",
        )
    if key == "project_code_pattern":
        from crm.project_codes import check_pattern

        check_pattern(str(value))
    if key == "role_labels":
        _check_role_labels(value)
    if key in DISTRIBUTION_KEYS:
        _check_distribution(key, value)
    days = not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 3650
    if key.startswith("backup_") and days:
        raise ValidationError(
            key,
            value,
            f"{key} 应为 1 到 3650 之间的整数：{value}",
            f"{key} is a whole number from 1 to 3650: {value}",
            code="out_of_range",
        )
    if key.startswith("stalled_") and days:
        raise ValidationError(
            key,
            value,
            f"{key} 应为 1 到 3650 之间的天数：{value}",
            f"{key} is a number of days from 1 to 3650: {value}",
            code="out_of_range",
        )


#: The three parts of the distribution line, as printed: 报：… 送：… 发：…
DISTRIBUTION_KEYS = {"brief_report_to": "报", "brief_copy_to": "送", "brief_send_to": "发"}
#: The longest part accepted (a few lines on the page).
DISTRIBUTION_LIMIT = 300


def _check_distribution(key: str, value: Any) -> None:
    if not isinstance(value, str) or len(value) > DISTRIBUTION_LIMIT or "\n" in value:
        raise ValidationError(
            key,
            value,
            f"“{DISTRIBUTION_KEYS[key]}”应为一行文字，不超过 {DISTRIBUTION_LIMIT} 字",
            f"'{DISTRIBUTION_KEYS[key]}' is one line of at most {DISTRIBUTION_LIMIT} characters",
            code="too_long",
        )


def _check_role_labels(value: Any) -> None:
    from crm.codes import Role

    codes = {r.value for r in Role}
    bad = (
        [k for k, v in value.items() if k not in codes or not str(v).strip()]
        if isinstance(value, dict)
        else [str(value)]
    )
    if bad:
        raise ValidationError(
            "role_labels",
            value,
            f"角色名称应写作 代码=名称（代码：{'、'.join(sorted(codes))}）：{'、'.join(bad)}",
            f"Role labels are written code=label (codes: {', '.join(sorted(codes))}): "
            f"{', '.join(bad)}",
            code="bad_role_labels",
        )


def role_label(session: Session, role: str, language: str = "zh") -> str:
    """A role's label: the bureau's own name for it (Settings: role_labels), else the code's."""
    from crm.codes import Role

    own = (get_setting(session, "role_labels") or {}).get(role)
    return own if own and not language.startswith("en") else Role(role).label(language)


def parse_setting(key: str, text: str) -> Any:
    """A value typed on the command line, as the setting's type (from its default)."""
    default = DEFAULTS.get(key)
    if key not in DEFAULTS:
        raise ValidationError(
            key, text, f"未知的设置项：{key}", f"Unknown setting: {key}", code="unknown_setting"
        )
    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered in ("1", "true", "yes", "on", "是"):
            return True
        if lowered in ("0", "false", "no", "off", "否"):
            return False
        raise ValidationError(
            key,
            text,
            f"{key} 应为 true 或 false：{text}",
            f"{key} is true or false: {text}",
            code="not_boolean",
        )
    if isinstance(default, int):
        try:
            return int(text.strip())
        except ValueError as exc:
            raise ValidationError(
                key,
                text,
                f"{key} 应为整数：{text}",
                f"{key} is a whole number: {text}",
                code="not_number",
            ) from exc
    if isinstance(default, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(default, dict):  # code=label,code=label
        pairs = [part.split("=", 1) for part in text.split(",") if part.strip()]
        return {k.strip(): v.strip() for k, v in (p if len(p) == 2 else (p[0], "") for p in pairs)}
    return text.strip()


def ensure_site_id(session: Session, *, location: str | None = None) -> str:
    """The id of this copy of the database, made when it is created.

    A database file found at another place than where its id was made is taken for a copy
    (a ledger handed to a new laptop, a test template) and becomes a site of its own, with no
    peers yet: two copies sharing one id would take each other's changes for their own. Its
    local profile (who works on it, in which team) is the original's, not the new user's: it
    is cleared, so the window asks who works on this copy (user test 3, finding 8: every
    laptop made from the bureau's file recorded its changes as the bureau's 李明). The name
    cleared is left in `session.info["profile_cleared"]` for the caller to mention.
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
        _clear_profile(session)
    site_id = new_id()
    _put_raw(session, "site_id", site_id)
    if location is not None:
        _put_raw(session, "site_location", location)
    return site_id


def _clear_profile(session: Session) -> None:
    """The copy's local profile back to empty (unlogged: the profile never travels)."""
    cleared = {key: _raw(session, key) for key in sorted(PROFILE_KEYS)}
    cleared = {key: value for key, value in cleared.items() if value}
    for key in cleared:
        _put_raw(session, key, "")
    if cleared:
        session.info["profile_cleared"] = str(cleared.get("user_name") or "")


def require_bureau(session: Session) -> None:
    """Briefs and statistics class money relative to the bureau's region: without one set,
    every domestic source would read as out of province. Refuse with a sentence saying where
    to set it."""
    if not get_setting(session, "bureau_region_code"):
        raise ValidationError(
            "bureau_region_code",
            "",
            "尚未设置本单位所在地区：请先在“设置”中填写本单位名称、所在地区和级别"
            "（命令行：crm settings set bureau_region_code 代码）",
            "The bureau's region is not set yet: fill in the bureau's name, region and level in "
            "Settings first (command line: crm settings set bureau_region_code CODE)",
            code="bureau_missing",
        )


def _raw(session: Session, key: str) -> Any:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return None if value is None else json.loads(value)


def _put_raw(session: Session, key: str, value: Any) -> None:
    """Write one setting, unchecked and unlogged (set_setting checks and logs around it)."""
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
    session.flush()


def user_name(session: Session) -> str:
    return str(get_setting(session, "user_name") or "")

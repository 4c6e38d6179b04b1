"""Signing off a printed brief: a manager (crm.access `sign_off_brief`) vouches for its figures.

A sign-off records who, when, which brief (kind, period, scope) and a digest of its figures.
Every later print of that brief looks the newest sign-off up: its footer says 签发：NAME DATE,
and adds that the figures changed when today's digest is not the signed one. Re-signing after
a change says so too, and names who changed data since the last signing (the change log), so a
brief stays traceable to the people who changed its figures.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm import access
from crm.models import BriefSignoff, ChangeLog, utcnow

#: The kind of the investment-attraction brief (the other kinds: crm brief --kind).
BRIEF = "brief"
#: How many names of people who changed data a re-signing lists.
MAX_CHANGERS = 10


@dataclass(frozen=True)
class Signoff:
    kind: str
    period_code: str
    scope_code: str
    digest: str
    login: str
    name: str
    signed_at: datetime
    previous_digest: str = ""

    @property
    def changed_since_previous(self) -> bool:
        """The figures differ from those of the sign-off before this one."""
        return bool(self.previous_digest) and self.previous_digest != self.digest

    @property
    def day(self) -> str:
        """The day signed, on this computer's clock (stored in UTC like the change log)."""
        return self.signed_at.replace(tzinfo=UTC).astimezone().date().isoformat()


@dataclass(frozen=True)
class SignResult:
    """A new sign-off, the one before it (if any) and who changed data in between."""

    signoff: Signoff
    previous: Signoff | None
    changed_by: tuple[str, ...] = ()

    @property
    def figures_changed(self) -> bool:
        return self.signoff.changed_since_previous

    def message(self, language: str = "zh") -> str:
        """One line for the person who signed."""
        words = _MESSAGES["en" if language == "en" else "zh"]
        s, before = self.signoff, self.previous
        text = words["signed"].format(name=s.name, day=s.day)
        if before is not None and self.figures_changed:
            who = words["sep"].join(self.changed_by)
            text += words["changed"].format(day=before.day)
            text += words["who"].format(who=who) if who else words["end"]
        elif before is not None:
            text += words["same"].format(day=before.day)
        return text


_MESSAGES = {
    "zh": {
        "signed": "已签发：{name} {day}。",
        "changed": "数字与 {day} 签发时相比已有变动",
        "who": "（其间修改数据的用户：{who}）。",
        "end": "。",
        "same": "数字与 {day} 签发时相同。",
        "sep": "、",
    },
    "en": {
        "signed": "Signed off by {name} on {day}.",
        "changed": " The figures changed since the sign-off of {day}",
        "who": " (data changed by: {who}).",
        "end": ".",
        "same": " The figures are those signed off on {day}.",
        "sep": ", ",
    },
}


def figures_digest(data: Any) -> str:
    """SHA-256 of the figures as canonical JSON (keys sorted; Decimals and dates as text)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def latest_signoff(
    session: Session, kind: str, period_code: str, scope_code: str
) -> Signoff | None:
    row = session.scalars(
        select(BriefSignoff)
        .where(
            BriefSignoff.kind == kind,
            BriefSignoff.period_code == period_code,
            BriefSignoff.scope_code == scope_code,
        )
        .order_by(BriefSignoff.signed_at.desc(), BriefSignoff.id.desc())
        .limit(1)
    ).first()
    return _plain(row) if row is not None else None


def sign_off(
    session: Session,
    *,
    kind: str,
    period_code: str,
    scope_code: str,
    digest: str,
    now: datetime | None = None,
) -> SignResult:
    """Record that the session's actor signs off the brief whose figures have `digest`."""
    access.require_in(session, "sign_off_brief")
    actor = access.actor_of(session)
    previous = latest_signoff(session, kind, period_code, scope_code)
    row = BriefSignoff(
        kind=kind,
        period_code=period_code,
        scope_code=scope_code,
        digest=digest,
        login=actor.login,
        name=actor.label,
        signed_at=now or utcnow(),
        previous_digest=previous.digest if previous else "",
    )
    session.add(row)
    session.flush()
    changers: tuple[str, ...] = ()
    if previous is not None and previous.digest != digest:
        changers = changed_by_since(session, previous.signed_at)
    return SignResult(_plain(row), previous, changers)


def sign_for_print(
    session: Session,
    *,
    kind: str,
    period_code: str,
    scope_code: str,
    digest: str,
    sign: bool = False,
) -> tuple[SignResult | None, str]:
    """(the sign-off made now when `sign`, the footer line of the print): what every printed
    brief or notice does with its digest, so a later print carries the latest sign-off."""
    signed = None
    if sign:
        signed = sign_off(
            session, kind=kind, period_code=period_code, scope_code=scope_code, digest=digest
        )
    signoff = signed.signoff if signed else latest_signoff(session, kind, period_code, scope_code)
    return signed, footer_text(signoff, digest)


def changed_by_since(session: Session, since: datetime) -> tuple[str, ...]:
    """Who changed data after `since` (the change log's names, sorted)."""
    names = session.scalars(
        select(ChangeLog.changed_by)
        .distinct()
        .where(ChangeLog.changed_at > since)
        .order_by(ChangeLog.changed_by)
        .limit(MAX_CHANGERS)
    )
    return tuple(n for n in names if n)


def footer_text(signoff: Signoff | None, digest: str, language: str = "zh") -> str:
    """The line a printed brief carries at the foot of each page ('' when never signed)."""
    if signoff is None:
        return ""
    if language == "en":
        text = f"Signed off: {signoff.name} {signoff.day}"
        if signoff.digest != digest:
            return text + " (figures changed since)"
        changed = signoff.changed_since_previous
        return text + (" (figures changed from the previous sign-off)" if changed else "")
    text = f"签发：{signoff.name} {signoff.day}"
    if signoff.digest != digest:
        return text + "（签发后数字已有变动）"
    return text + ("（较上次签发数字有变动）" if signoff.changed_since_previous else "")


def _plain(row: BriefSignoff) -> Signoff:
    return Signoff(
        row.kind,
        row.period_code,
        row.scope_code,
        row.digest,
        row.login,
        row.name,
        row.signed_at,
        row.previous_digest or "",
    )

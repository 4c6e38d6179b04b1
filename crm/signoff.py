"""Signing off a printed brief: a manager (crm.access `sign_off_brief`) vouches for its figures.

A sign-off records who, when, which brief (kind, period, scope) and a digest of its figures.
Every later print of that brief looks the newest sign-off up: its footer says 签发：NAME DATE,
and adds that the figures changed when today's digest is not the signed one. Re-signing after
a change says so too, and names who changed data since the last signing (the change log), so a
brief stays traceable to the people who changed its figures.

A sign-off also records the issue number (期号) the document goes out under, counted per kind
and year: the one asked for, else the one its earlier sign-off had, else the next after the
highest of that kind and year. A reprint shows the recorded number; a draft (never signed,
no number asked for) shows none — never a made-up one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm import access
from crm.errors import ValidationError
from crm.models import BriefSignoff, ChangeLog, utcnow

#: The kind of the investment-attraction brief (the other kinds: crm brief --kind).
BRIEF = "brief"
#: How many names of people who changed data a re-signing lists.
MAX_CHANGERS = 10
#: The highest issue number accepted (a bureau issues a few dozen a year).
MAX_ISSUE_NO = 9999


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
    #: 第N期 (None: signed before issue numbers were kept).
    issue_no: int | None = None
    issue_year: int | None = None

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


def check_issue_no(issue_no: int | None) -> None:
    """An issue number is a whole number from 1 (None: not given)."""
    if issue_no is None:
        return
    if isinstance(issue_no, bool) or not isinstance(issue_no, int):
        issue_no = -1
    if not 1 <= issue_no <= MAX_ISSUE_NO:
        raise ValidationError(
            "issue_no",
            issue_no,
            f"期号应为 1 到 {MAX_ISSUE_NO} 之间的整数",
            f"The issue number is a whole number from 1 to {MAX_ISSUE_NO}",
            code="out_of_range",
        )


def next_issue_no(session: Session, kind: str, year: int) -> int:
    """The number after the highest one signed off for this kind of document in this year."""
    highest = session.scalar(
        select(func.max(BriefSignoff.issue_no)).where(
            BriefSignoff.kind == kind, BriefSignoff.issue_year == year
        )
    )
    return (highest or 0) + 1


def _refuse_taken(
    session: Session, kind: str, year: int, issue_no: int, document: tuple[str, str]
) -> None:
    """Two documents of one kind never go out under the same number in a year."""
    taken = session.execute(
        select(BriefSignoff.period_code, BriefSignoff.scope_code).where(
            BriefSignoff.kind == kind,
            BriefSignoff.issue_year == year,
            BriefSignoff.issue_no == issue_no,
        )
    ).first()
    if taken is not None and tuple(taken) != document:
        raise ValidationError(
            "issue_no",
            issue_no,
            f"{year}年第{issue_no}期已用于另一期（{taken[0]}）：请换一个期号，或不填由系统续编",
            f"Issue {issue_no} of {year} is already taken by another one ({taken[0]}): choose "
            "another number, or leave it empty for the next one",
            code="issue_taken",
        )


def sign_off(
    session: Session,
    *,
    kind: str,
    period_code: str,
    scope_code: str,
    digest: str,
    now: datetime | None = None,
    issue_no: int | None = None,
    issue_year: int | None = None,
) -> SignResult:
    """Record that the session's actor signs off the brief whose figures have `digest`.
    `issue_no`: the number it goes out under; None keeps the number of this document's
    earlier sign-off in `issue_year` (default: this year), else takes the next one."""
    check_issue_no(issue_no)
    access.require_in(session, "sign_off_brief")
    actor = access.actor_of(session)
    previous = latest_signoff(session, kind, period_code, scope_code)
    year = issue_year or _local_year(now)
    if issue_no is None and previous is not None and previous.issue_year == year:
        issue_no = previous.issue_no  # signed again (figures corrected): the same issue
    if issue_no is None:
        issue_no = next_issue_no(session, kind, year)
    else:
        _refuse_taken(session, kind, year, issue_no, (period_code, scope_code))
    row = BriefSignoff(
        kind=kind,
        period_code=period_code,
        scope_code=scope_code,
        digest=digest,
        login=actor.login,
        name=actor.label,
        signed_at=now or utcnow(),
        previous_digest=previous.digest if previous else "",
        issue_no=issue_no,
        issue_year=year,
    )
    session.add(row)
    session.flush()
    changers: tuple[str, ...] = ()
    if previous is not None and previous.digest != digest:
        changers = changed_by_since(session, previous.signed_at)
    return SignResult(_plain(row), previous, changers)


@dataclass(frozen=True)
class PrintSigning:
    """What a print carries of its sign-off: the one made with it (when signing), the footer
    line ('' when never signed) and the issue number printed as 第N期 (None: print none)."""

    signed: SignResult | None = None
    footer: str = ""
    issue_no: int | None = None


def sign_for_print(
    session: Session,
    *,
    kind: str,
    period_code: str,
    scope_code: str,
    digest: str,
    sign: bool = False,
    issue_no: int | None = None,
    issue_year: int | None = None,
    filtered: bool = False,
) -> PrintSigning:
    """What every printed brief or notice does with its digest, so a later print carries the
    latest sign-off and its issue number. `issue_no`: the number asked for (recorded when
    signing); without one a draft prints none and a signed document its recorded one; a
    reprint of a signed document under another number is refused (two copies of one signed
    brief would go out as two issues). `filtered`: the reader does not see every project
    (titles.reader_note): their figures differ from the signed ones by what they may not
    see, so the footer does not call them changed (user test 4)."""
    check_issue_no(issue_no)
    if not sign and issue_no is not None:
        _refuse_other_number(session, kind, period_code, scope_code, issue_no)
    signed = None
    if sign:
        signed = sign_off(
            session, kind=kind, period_code=period_code, scope_code=scope_code, digest=digest,
            issue_no=issue_no, issue_year=issue_year,
        )  # fmt: skip
    signoff = signed.signoff if signed else latest_signoff(session, kind, period_code, scope_code)
    printed = issue_no if issue_no is not None else (signoff.issue_no if signoff else None)
    compared = signoff.digest if filtered and signoff is not None and signed is None else digest
    return PrintSigning(signed, footer_text(signoff, compared), printed)


def _refuse_other_number(
    session: Session, kind: str, period_code: str, scope_code: str, issue_no: int
) -> None:
    signed = latest_signoff(session, kind, period_code, scope_code)
    if signed is None or signed.issue_no is None or signed.issue_no == issue_no:
        return
    raise ValidationError(
        "issue_no",
        issue_no,
        f"这一期已于{signed.day}签发为第{signed.issue_no}期：重印请不填期号（或填{signed.issue_no}），"
        "要改期号请重新签发",
        f"This one was signed off on {signed.day} as issue {signed.issue_no}: reprint it without "
        f"an issue number (or with {signed.issue_no}); to change the number, sign it off again",
        code="issue_no_signed",
    )


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
        row.issue_no,
        row.issue_year,
    )


def _local_year(now: datetime | None) -> int:
    """The year on this computer's clock of a UTC time (default: now)."""
    moment = (now or utcnow()).replace(tzinfo=UTC).astimezone()
    return moment.year

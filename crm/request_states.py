"""The status machine of an enterprise request (企业诉求), pure: which action moves which
status where. The services (crm/services/requests.py) call it and only then write.

受理 accepted → 办理中 handling → 已答复 replied → 已办结 closed;
不予受理 rejected only from 受理 (with a reason); a reply may come straight from 受理.
A return visit (回访) is made once there is a reply: 满意 / 基本满意 closes a replied request,
不满意 reopens it (back to 办理中, "一跟到底"), even when it was already closed.
督办 (escalation) is no status: any request not finished may be escalated.
"""

from __future__ import annotations

from enum import StrEnum

from crm.codes import RequestStatus, Satisfaction
from crm.errors import ValidationError

S = RequestStatus


class RequestAction(StrEnum):
    START = "start"
    REPLY = "reply"
    CLOSE = "close"
    REJECT = "reject"
    REOPEN = "reopen"


_ACTION_WORDS = {
    RequestAction.START: ("开始办理", "start handling"),
    RequestAction.REPLY: ("答复", "reply"),
    RequestAction.CLOSE: ("办结", "close"),
    RequestAction.REJECT: ("不予受理", "reject"),
    RequestAction.REOPEN: ("重新办理", "reopen"),
}

MOVES: dict[tuple[RequestStatus, RequestAction], RequestStatus] = {
    (S.ACCEPTED, RequestAction.START): S.HANDLING,
    (S.ACCEPTED, RequestAction.REPLY): S.REPLIED,
    (S.ACCEPTED, RequestAction.REJECT): S.REJECTED,
    (S.HANDLING, RequestAction.REPLY): S.REPLIED,
    (S.REPLIED, RequestAction.REPLY): S.REPLIED,  # a corrected or fuller answer
    (S.REPLIED, RequestAction.CLOSE): S.CLOSED,
    (S.REPLIED, RequestAction.REOPEN): S.HANDLING,
    (S.CLOSED, RequestAction.REOPEN): S.HANDLING,
}

#: Statuses in which the request is still being worked on (it may be overdue, escalated).
OPEN_STATUSES = frozenset({S.ACCEPTED, S.HANDLING, S.REPLIED})
#: Statuses in which a return visit can be made (there is an answer to judge).
VISITABLE = frozenset({S.REPLIED, S.CLOSED})
#: Words of a return visit that count as satisfied (满意率).
SATISFIED_WORDS = frozenset({Satisfaction.SATISFIED.value, Satisfaction.FAIRLY.value})


def next_status(status: str, action: RequestAction) -> RequestStatus:
    """The status after `action`, or a ValidationError saying why not."""
    current = RequestStatus(status)
    found = MOVES.get((current, action))
    if found is None:
        zh, en = _ACTION_WORDS[action]
        raise ValidationError(
            "status",
            status,
            f"“{current.zh}”的诉求不能{zh}",
            f"A request that is '{current.en}' cannot {en}",
            code="bad_request_move",
        )
    return found


def visit_action(status: str, satisfaction: str) -> RequestAction | None:
    """What a return visit does: close a replied request when the enterprise is satisfied,
    reopen it when not; None when the status stays (a satisfied visit of a closed one)."""
    current = RequestStatus(status)
    if current not in VISITABLE:
        raise ValidationError(
            "status",
            status,
            f"“{current.zh}”的诉求尚无答复，不能回访",
            f"A request that is '{current.en}' has no answer to visit back on yet",
            code="not_replied",
        )
    if satisfaction == Satisfaction.UNSATISFIED.value:
        return RequestAction.REOPEN
    return RequestAction.CLOSE if current is S.REPLIED else None


def is_open(status: str) -> bool:
    return RequestStatus(status) in OPEN_STATUSES

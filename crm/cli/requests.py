"""`crm request …`: receive an enterprise request and follow it to the end (start, reply,
visit back, close, reject, escalate, reopen), and list them. A request is named by its id or
the first 8+ characters of it; a company by its id, USCC or exact name; a project by its code."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crm.cli.common import opened_session, optional_date, saved
from crm.codes import ProblemCategory, RequestChannel, RequestStatus
from crm.errors import NotFoundError, ValidationError
from crm.models import Company, EnterpriseRequest, Project, short_id
from crm.services import requests as svc

MIN_PREFIX = 8


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "request",
        help="企业诉求：受理、办理、答复、回访、办结 / enterprise requests followed to the end",
        description="企业诉求一跟到底 / receive and follow an enterprise request to the end",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="受理一条诉求 / receive a request")
    add.add_argument("--company", required=True, help="企业名称、统一社会信用代码或ID")
    add.add_argument("--channel", required=True, help="、".join(c.zh for c in RequestChannel))
    add.add_argument("--received", required=True, metavar="DATE", help="受理日期 / received on")
    add.add_argument("--category", required=True, help="、".join(c.zh for c in ProblemCategory))
    add.add_argument("--content", required=True, help="诉求内容 / what the enterprise asks")
    add.add_argument("--unit", default="", help="承办单位 / handling unit")
    add.add_argument("--co-units", default="", help="协办单位，用顿号分隔 / co-units")
    add.add_argument("--due", metavar="DATE", help="办理时限 / deadline")
    add.add_argument("--project", help="相关项目编号（可选） / project code (optional)")
    add.set_defaults(func=_add)

    def with_id(name: str, text: str, run: Callable[[argparse.Namespace], int]) -> Any:
        p = sub.add_parser(name, help=text)
        p.add_argument(
            "id",
            help="诉求ID（或列表所示的后8位、前8位以上） / request id (or the last 8 characters "
            "lists show, or 8+ first ones)",
        )
        p.set_defaults(func=run)
        return p

    with_id("start", "开始办理 / start handling", _start)
    reply = with_id("reply", "答复 / reply", _reply)
    reply.add_argument("--text", required=True, help="答复内容 / the reply")
    reply.add_argument("--on", required=True, metavar="DATE", help="答复日期 / replied on")
    visit = with_id("visit", "回访（满意/基本满意/不满意） / return visit", _visit)
    visit.add_argument("--satisfaction", required=True, help="满意、基本满意、不满意")
    visit.add_argument("--on", required=True, metavar="DATE", help="回访日期 / visited on")
    visit.add_argument("--by", default="", help="回访人 / who visited")
    visit.add_argument("--notes", default="", help="回访记录 / notes")
    close = with_id("close", "办结 / close", _close)
    close.add_argument("--on", required=True, metavar="DATE", help="办结日期 / closed on")
    reject = with_id("reject", "不予受理 / not accepted", _reject)
    reject.add_argument("--reason", required=True, help="理由 / reason")
    escalate = with_id("escalate", "督办 / escalate", _escalate)
    escalate.add_argument("--unit", required=True, help="督办单位 / supervising unit")
    escalate.add_argument("--on", required=True, metavar="DATE", help="督办日期 / escalated on")
    reopen = with_id("reopen", "重新办理 / reopen", _reopen)
    reopen.add_argument("--due", metavar="DATE", help="新的办理时限 / new deadline")

    listing = sub.add_parser("list", help="列出诉求 / list requests")
    listing.add_argument("--status", help="、".join(s.zh for s in RequestStatus))
    listing.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    listing.set_defaults(func=_list)


def find_request(session: Session, key: str) -> str:
    key = key.strip()
    if len(key) < MIN_PREFIX:
        raise ValidationError(
            "id",
            key,
            f"诉求ID至少写{MIN_PREFIX}位（列表所示的后{MIN_PREFIX}位即可）：{key}",
            f"Give at least {MIN_PREFIX} characters of the request id (the last {MIN_PREFIX} "
            f"shown in lists will do): {key}",
            code="short_id",
        )
    ids = list(
        session.scalars(
            select(EnterpriseRequest.id)
            .where(
                # The end of an id is what lists show (crm.models.short_id: an import's ids
                # share their start); its start is still taken, as earlier versions printed it.
                or_(EnterpriseRequest.id.startswith(key), EnterpriseRequest.id.endswith(key)),
                EnterpriseRequest.deleted_at.is_(None),
            )
            .limit(2)
        )
    )
    if len(ids) != 1:
        raise NotFoundError(
            f"找不到唯一的诉求：{key}", f"No single request matches: {key}", code="not_found"
        )
    return ids[0]


def find_company(session: Session, key: str) -> str:
    text = key.strip()
    found = list(
        session.scalars(
            select(Company.id)
            .where(
                Company.deleted_at.is_(None),
                or_(Company.id == text, Company.uscc == text.upper(), Company.name == text),
            )
            .limit(2)
        )
    )
    if len(found) != 1:
        raise ValidationError(
            "company",
            key,
            f"找不到唯一的企业：{key}（可用统一社会信用代码）",
            f"No single company matches: {key} (try its USCC)",
            code="unknown_ref",
        )
    return found[0]


def _project(session: Session, code: str | None) -> str | None:
    if not code:
        return None
    found = session.scalar(
        select(Project.id).where(
            or_(Project.code == code, Project.id == code), Project.deleted_at.is_(None)
        )
    )
    if found is None:
        raise ValidationError(
            "project", code, f"找不到项目：{code}", f"No such project: {code}", code="unknown_ref"
        )
    return found


def _add(args: argparse.Namespace) -> int:
    def action(s: Session) -> Any:
        return svc.raise_request(
            s,
            company_id=find_company(s, args.company),
            project_id=_project(s, args.project),
            channel=args.channel,
            received_on=optional_date(args.received, "received"),
            category=args.category,
            content=args.content,
            handling_unit=args.unit,
            co_units=args.co_units,
            due_on=optional_date(args.due, "due"),
        )

    return saved(args, action)


def _start(args: argparse.Namespace) -> int:
    return _on_request(args, svc.start_request)


def _reply(args: argparse.Namespace) -> int:
    return _on_request(
        args, svc.reply_request, reply=args.text, replied_on=optional_date(args.on, "on")
    )


def _visit(args: argparse.Namespace) -> int:
    def action(s: Session) -> Any:
        rid = find_request(s, args.id)
        svc.record_return_visit(
            s,
            rid,
            visited_on=optional_date(args.on, "on"),
            satisfaction=args.satisfaction,
            visited_by=args.by,
            notes=args.notes,
        )
        return s.get(EnterpriseRequest, rid)

    return saved(args, action)


def _close(args: argparse.Namespace) -> int:
    return _on_request(args, svc.close_request, closed_on=optional_date(args.on, "on"))


def _reject(args: argparse.Namespace) -> int:
    return _on_request(args, svc.reject_request, reason=args.reason)


def _escalate(args: argparse.Namespace) -> int:
    return _on_request(
        args, svc.escalate_request, escalated_on=optional_date(args.on, "on"), unit=args.unit
    )


def _reopen(args: argparse.Namespace) -> int:
    return _on_request(args, svc.reopen_request, due_on=optional_date(args.due, "due"))


def _on_request(args: argparse.Namespace, step: Callable[..., Any], **fields: Any) -> int:
    """One step of the request `args.id` names (a service function called with the session,
    the request's id and `fields`), saved in one transaction."""
    return saved(args, lambda s: step(s, find_request(s, args.id), **fields))


def _list(args: argparse.Namespace) -> int:
    from crm.queries.requests import RequestFilter, list_requests

    status = None
    if args.status:
        member = RequestStatus.from_text(args.status)
        if member is None:
            raise ValidationError(
                "status",
                args.status,
                f"状态未知：{args.status}",
                f"Unknown status: {args.status}",
                code="unknown_code",
            )
        status = member.value
    with opened_session(args, read_only=True) as session:
        rows = list_requests(session, RequestFilter(status=status))
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        due = r.due_on.isoformat() if r.due_on else "—"
        flag = " 逾期" if r.overdue else ""
        unit = r.handling_unit or "—"
        print(
            f"{short_id(r.id)}  {r.received_on}  {r.status_label}{flag}  {r.company_name}  "
            f"{r.category_label}  {unit}  时限{due}  {r.content[:30]}"
        )
    return 0

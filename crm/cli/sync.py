"""`crm sync …`: packages, server sync, peers, conflicts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from crm.cli.common import TABLE_LABELS, confirmed, open_db, signed_in
from crm.db import open_database
from crm.sync.errors import SyncError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync", help="离线同步 / offline sync between team laptops and the bureau"
    )
    commands = parser.add_subparsers(dest="sync_command", metavar="SYNC_COMMAND")
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)

    export = commands.add_parser("export", help="导出同步包 / write a package for a peer")
    export.add_argument("--to", required=True, metavar="PEER", help="peer name, site id or file")
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(func=_export)

    import_ = commands.add_parser("import", help="导入同步包 / apply a package")
    import_.add_argument("file", metavar="FILE")
    import_.add_argument("--dry-run", action="store_true", help="预览，不写入 / preview only")
    import_.set_defaults(func=_import)

    with_ = commands.add_parser("with", help="与服务器同步 / sync with the hub database")
    with_.add_argument("url", metavar="URL")
    with_.add_argument("--batch", type=int, default=2000, help=argparse.SUPPRESS)
    with_.add_argument(
        "--yes",
        action="store_true",
        help="首次同步两个互不相干的库时不询问，直接合并 / merge two unrelated databases on a "
        "first sync without asking",
    )
    with_.set_defaults(func=_with)

    status = commands.add_parser("status", help="本站点与同步状态 / this site and its peers")
    status.set_defaults(func=_status)
    peers = commands.add_parser("peers", help="已配对站点 / paired sites")
    peers.set_defaults(func=_status)

    ident = commands.add_parser(
        "id", help="本站点名称与身份文件 / name this site, write its identity"
    )
    ident.add_argument("--out", metavar="FILE", help="写入身份文件 / write the identity file")
    ident.add_argument(
        "--name",
        metavar="NAME",
        help="本站点名称，对方据此区分各站点；空字符串恢复默认（本机工作队或局名）/ this site's "
        'own name, by which peers tell sites apart; "" for the default (the profile\'s team, '
        "else the bureau)",
    )
    ident.set_defaults(func=_id)

    pair = commands.add_parser("pair", help="与站点配对 / trust a peer's identity file")
    pair.add_argument("file", metavar="FILE")
    pair.add_argument("--yes", action="store_true", help="不询问 / do not ask (scripts)")
    pair.add_argument(
        "--as",
        dest="as_login",
        metavar="LOGIN",
        help="该站点的修改按此用户的权限检查（工作队笔记本）/ check the site's changes "
        "against this account's rights (a team laptop)",
    )
    pair.set_defaults(func=_pair)

    conflicts = commands.add_parser(
        "conflicts",
        help="待处理的冲突；疑似重复只计数 / conflicts to settle; possible duplicates counted",
    )
    conflicts.add_argument(
        "--duplicates",
        action="store_true",
        help="逐组列出疑似重复的记录（编号、工作队、录入人）/ list each group of possible "
        "duplicates (code, team, who entered it)",
    )
    conflicts.add_argument(
        "--json", action="store_true", help="冲突与全部疑似重复，含记录ID / everything, with ids"
    )
    conflicts.set_defaults(func=_conflicts)

    resolve = commands.add_parser("resolve", help="处理一项冲突 / settle one conflict")
    resolve.add_argument("conflict", metavar="CONFLICT_ID")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--keep", choices=["winner", "loser", "delete", "restore"], help="保留哪一方 / which side"
    )
    choice.add_argument("--value", help="新值 / a new value for the field")
    resolve.set_defaults(func=_resolve)


def _zh(args: argparse.Namespace) -> bool:
    return not str(getattr(args, "lang", "zh")).startswith("en")


def _export(args: argparse.Namespace) -> int:
    from crm.sync.exchange import export_package
    from crm.sync.identity import SiteIdentity

    db = open_db(args)
    peer_ref = args.to
    if Path(peer_ref).is_file():  # an identity file names the peer too
        identity = SiteIdentity.from_json(Path(peer_ref).read_text(encoding="utf-8"))
        with db.session() as session:
            _require_paired(session.connection(), identity.site_id)
        peer_ref = identity.site_id
    result = export_package(db, peer_ref, args.out)
    if _zh(args):
        print(f"已导出同步包：{result.path}（发往“{result.peer_name}”，{result.changes} 项修改，"
              f"{result.size:,} 字节）")  # fmt: skip
    else:
        print(f"Package written: {result.path} (for '{result.peer_name}', "
              f"{result.changes} changes, {result.size:,} bytes)")  # fmt: skip
    return 0


def _outcome_lines(summary: Any, zh: bool) -> list[str]:
    """What the person must know beyond the counts: each record of this site that gave its
    code up (crm.sync.unique_keys), each refused record (crm.sync.refusals: never written)."""

    def label(table_name: str) -> str:
        return TABLE_LABELS.get(table_name, table_name) if zh else table_name.replace("_", " ")

    given_up = sorted(summary.key_losers.values(), key=lambda k: (k.table_name, k.name))
    lines = [f"  {key.line(label(key.table_name), zh)}" for key in given_up]
    lines += [f"  {r.line(label(r.table_name), zh)}" for r in summary.refused]
    return lines


def _require_paired(conn: Any, site_id: str) -> None:
    from crm.sync.peers import peer_identity

    if peer_identity(conn, site_id) is None:
        raise SyncError(
            "尚未与该站点配对，请先运行 crm sync pair 身份文件。",
            "Not paired with that site yet; run crm sync pair IDENTITY_FILE first.",
            code="unknown_peer",
        )


def _import(args: argparse.Namespace) -> int:
    from crm.sync.exchange import import_package

    db = open_db(args)
    result = import_package(db, args.file, dry_run=args.dry_run)
    summary = result.summary
    zh = _zh(args)
    head = (
        ("预览（未写入）" if args.dry_run else "已导入")
        if zh
        else ("Preview (nothing written)" if args.dry_run else "Imported")
    )
    sender = result.sender_name
    print(
        f"{head}：来自“{sender}”的 {summary.received} 项修改，其中 {summary.duplicates} 项已有"
        if zh
        else f"{head}: {summary.received} changes from '{sender}', {summary.duplicates} "
        "already held"
    )
    for table in sorted({*summary.new, *summary.changed, *summary.deleted}):
        label = TABLE_LABELS.get(table, table) if zh else table
        counts = (
            summary.new.get(table, 0),
            summary.changed.get(table, 0),
            summary.deleted.get(table, 0),
        )
        print(
            f"  {label}：新增 {counts[0]}，修改 {counts[1]}，删除 {counts[2]}"
            if zh
            else f"  {label}: {counts[0]} new, {counts[1]} changed, {counts[2]} deleted"
        )
    if summary.conflicts:
        print(
            f"  待处理冲突：{summary.conflicts}（crm sync conflicts）"
            if zh
            else f"  conflicts to settle: {summary.conflicts} (crm sync conflicts)"
        )
    for line in _outcome_lines(summary, zh):
        print(line)
    if result.backup:
        print(f"  备份：{result.backup}" if zh else f"  backup: {result.backup}")
    return 0


def _with(args: argparse.Namespace) -> int:
    from crm.cli.common import has_terminal
    from crm.sync.exchange import UnrelatedSites, sync_with_server

    db = open_db(args)
    hub = signed_in(open_database(args.url, create=False), args)
    zh = _zh(args)
    try:

        def progress(done: int, total: int, what: str) -> None:
            if sys.stderr.isatty():
                print(f"\r{what} {done}/{total}", end="", file=sys.stderr)

        def run(merge: bool) -> Any:
            return sync_with_server(
                db, hub, batch=args.batch, progress=progress, merge_unrelated=merge
            )

        try:
            result = run(args.yes)
        except UnrelatedSites as refused:
            if not has_terminal():
                raise  # the sentence says to add --yes
            question = (
                f"本站点（{refused.ours:,} 个项目）与服务器（{refused.theirs:,} 个项目）从未同步"
                "过，也没有一个相同的项目。把两边的数据合并在一起？[y/N] "
                if zh
                else f"This site ({refused.ours:,} projects) and the server "
                f"({refused.theirs:,} projects) have never synced and share no project. "
                "Merge both sides' data? [y/N] "
            )
            if not confirmed(question):
                print("未同步，未写入任何数据。" if zh else "Not synced; nothing was written.")
                return 1
            result = run(True)
    finally:
        hub.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"已与服务器同步：发送 {result.sent} 项，接收 {result.received} 项，"
        f"待处理冲突 {result.summary.conflicts} 项"
        if zh
        else f"Synced with the server: {result.sent} sent, {result.received} received, "
        f"{result.summary.conflicts} conflicts to settle"
    )
    for line in _outcome_lines(result.summary, zh):
        print(line)
    return 0


def _status(args: argparse.Namespace) -> int:
    from crm.sync.peers import list_peers, local_identity

    db = open_db(args)
    zh = _zh(args)
    with db.session() as session:
        conn = session.connection()
        _keys, identity = local_identity(conn, db.site_id)
        peers = list_peers(conn)
    print(f"本站点：{identity.name}" if zh else f"This site: {identity.name}")
    print(f"  站点编号 / site id: {identity.site_id}")
    print(f"  指纹 / fingerprint: {identity.fingerprint}")
    if not peers:
        print("尚未与任何站点配对。" if zh else "Not paired with any site.")
    for peer in peers:
        kind = (
            ("服务器" if zh else "server") if peer.is_server else ("同步包" if zh else "packages")
        )
        last = max(filter(None, (peer.last_sent_at, peer.last_received_at)), default=None)
        when = last.strftime("%Y-%m-%d %H:%M") if last else ("从未" if zh else "never")
        print(
            f"- {peer.name}（{kind}）{peer.site_id}\n"
            f"  上次交换：{when}；待发送修改：{peer.waiting_out}"
            if zh
            else f"- {peer.name} ({kind}) {peer.site_id}\n  last exchange: {when}; "
            f"changes waiting to go: {peer.waiting_out}"
        )
        if not peer.is_server:
            print(f"  指纹 / fingerprint: {peer.fingerprint}")
    return 0


def _id(args: argparse.Namespace) -> int:
    from crm.sync.peers import local_identity, set_site_name

    zh = _zh(args)
    if args.out is None and args.name is None:
        print(
            "请给出 --out 文件 或 --name 名称。" if zh else "Give --out FILE or --name NAME.",
            file=sys.stderr,
        )
        return 2
    db = open_db(args)
    with db.session() as session:
        if args.name is not None:
            name = set_site_name(session, args.name)
            print(
                f"本站点名称：{name}（对方在下次配对或收到同步包时更新）"
                if zh
                else f"This site's name: {name} (peers take it from the next identity file "
                "or package)"
            )
        _keys, identity = local_identity(session.connection(), db.site_id)
    if args.out is None:
        return 0
    Path(args.out).write_text(identity.to_json(), encoding="utf-8")
    print(
        f"已写入身份文件：{args.out}（站点“{identity.name}”）\n指纹：{identity.fingerprint}"
        if zh
        else f"Identity written: {args.out} (site '{identity.name}')\n"
        f"Fingerprint: {identity.fingerprint}"
    )
    return 0


def _pair(args: argparse.Namespace) -> int:
    from crm.sync.identity import SiteIdentity
    from crm.sync.peers import pair

    identity = SiteIdentity.from_json(Path(args.file).read_text(encoding="utf-8"))
    zh = _zh(args)
    print(
        f"站点：{identity.name}（{identity.site_id}）"
        if zh
        else f"Site: {identity.name} ({identity.site_id})"
    )
    print(f"指纹 / fingerprint: {identity.fingerprint}")
    if not args.yes:
        prompt = (
            "请与对方核对指纹。确认配对？[y/N] " if zh else "Compare the fingerprint. Pair? [y/N] "
        )
        if not confirmed(prompt):
            print("未配对。" if zh else "Not paired.")
            return 1
    db = open_db(args)
    with db.session() as session:
        new = pair(session.connection(), identity, own_site_id=db.site_id)
        if args.as_login:
            from crm.sync.refusals import bind_peer

            bind_peer(session, identity.site_id, args.as_login)
    print(
        ("已配对。" if new else "已更新该站点的公钥。")
        if zh
        else ("Paired." if new else "Updated that site's keys.")
    )
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    from crm.sync.conflicts import list_conflicts, possible_duplicates

    db = open_db(args)
    with db.session() as session:
        conflicts = list_conflicts(session)
        duplicates = possible_duplicates(session)
    if args.json:
        print(
            json.dumps(
                {
                    "conflicts": [_conflict_json(c) for c in conflicts],
                    "duplicates": [d.__dict__ for d in duplicates],
                },
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        return 0
    zh = _zh(args)
    if args.duplicates:
        if not duplicates:
            print("没有疑似重复的记录。" if zh else "No possible duplicates.")
        for d in duplicates:
            print(_duplicate_text(d, zh))
        return 0
    if not conflicts and not duplicates:
        print("没有待处理的冲突或疑似重复。" if zh else "No conflicts or possible duplicates.")
    # The conflicts first and in full: they need a decision; possible duplicates (often
    # hundreds after a first sync of demo data) only as a count, listed on request.
    for c in conflicts:
        print(_conflict_text(c, zh))
    if duplicates:
        print(_duplicates_summary(duplicates, zh))
    return 0


def _conflict_text(c: Any, zh: bool) -> str:
    from crm.changes import DELETED_AT
    from crm.sync.conflicts import field_label

    table = TABLE_LABELS.get(c.table_name, c.table_name) if zh else c.table_name
    from crm.sync.unique_keys import UNIQUE_NAMES

    kind = "unique_name" if c.kind == "unique" and c.table_name in UNIQUE_NAMES else c.kind
    line = f"[{c.id}] {_KIND_LABELS[kind][0 if zh else 1]} {table}“{c.record_label}”"
    if c.field and c.field != DELETED_AT and c.kind != "rule":  # a delete names no field
        line += " " + field_label(c.table_name, c.field, "zh" if zh else "en")
    lines = [line]
    if c.kind == "delete":  # deleted on one side: what the other side changed meanwhile
        return "\n".join(lines + _delete_lines(c, zh))
    for label, side in (("当前值 / current:", c.winner), ("另一值 / other:  ", c.loser)):
        if side:
            lines.append(f"    {label} {_side_text(c.field, side, zh)}")
    if c.kind == "rule":
        lines.append(f"    规则 / rule: {c.detail}")
    return "\n".join(lines)


def _side_text(field: str, side: Any, zh: bool) -> str:
    """One side of a conflict: 24000万元（张三，2026-12-04 18:38，驻上海工作队）."""
    from crm.logged_values import shown_value

    value = shown_value(field, side.value, "zh" if zh else "en") or ("（空）" if zh else "(empty)")
    return value + _origin(side, zh)


def _delete_lines(c: Any, zh: bool) -> list[str]:
    """A delete against an edit as the database holds it: the record is still there (an edit
    wins over a delete that had not seen it, docs/sync.md rule 3) until someone confirms the
    delete or keeps the record; then who deleted it, and each edit with its own origin."""
    from crm.sync.conflicts import field_label

    here = bool(c.winner and c.winner.here)
    if zh:
        state = f"记录仍保留（{'本站点' if here else '另一处'}删除了它，待确认）"
    else:
        state = f"record kept (deleted {'here' if here else 'elsewhere'}, to be confirmed)"
    lines = [f"    当前状态 / current: {state}"]
    if c.winner:
        lines.append(f"    删除 / deleted by: {_origin(c.winner, zh)[1:-1]}")
    if c.edits:
        lines.append("    另一方修改 / edits:")
    language = "zh" if zh else "en"
    for e in c.edits:
        lines.append(
            f"      {field_label(c.table_name, e.field, language)}：{_side_text(e.field, e, zh)}"
        )
    return lines


def _origin(side: Any, zh: bool) -> str:
    """（张三，2026-12-04 18:38，驻上海工作队）: who, when to the minute, and on which site."""
    when = side.at.strftime("%Y-%m-%d %H:%M") if side.at else ""
    site = side.site_name or (f"站点 {side.site_id[:8]}" if zh else f"site {side.site_id[:8]}")
    return "（" + "，".join(p for p in (side.by, when, site) if p) + "）"


def _duplicates_summary(duplicates: list[Any], zh: bool) -> str:
    counts: dict[str, int] = {}
    for d in duplicates:
        counts[d.table_name] = counts.get(d.table_name, 0) + 1
    if zh:
        parts = "、".join(f"{TABLE_LABELS.get(t, t)} {n} 组" for t, n in sorted(counts.items()))
        return f"疑似重复：{parts}（逐组列出：crm sync conflicts --duplicates）"
    parts = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    return f"possible duplicates: {parts} groups (list them: crm sync conflicts --duplicates)"


def _duplicate_text(d: Any, zh: bool) -> str:
    """A group of possible duplicates with what tells its records apart: code (what
    `crm merge` takes), team, stage, who entered it and when."""
    from crm.codes import Stage

    table = TABLE_LABELS.get(d.table_name, d.table_name) if zh else d.table_name
    name = "、".join(dict.fromkeys(d.names))
    head = f"疑似重复 {table}“{name}”" if zh else f"possible duplicate {table} '{name}'"
    if d.investor:
        head += f"（投资方：{d.investor}）" if zh else f" (investor: {d.investor})"
    lines = [head + ("：" if zh else ":")]
    for i, record_id in enumerate(d.ids):
        parts = []
        code = d.codes[i] if i < len(d.codes) else ""
        parts.append(code or record_id)  # a record without a code is named by its id
        if i < len(d.teams):
            parts.append(d.teams[i] or ("无工作队" if zh else "no team"))
        stage = d.stages[i] if i < len(d.stages) else ""
        if stage in Stage._value2member_map_:
            parts.append(Stage(stage).label("zh" if zh else "en"))
        made = d.made[i] if i < len(d.made) else ""
        if made:
            parts.append(f"{made} 录入" if zh else f"entered by {made}")
        lines.append("    " + " · ".join(parts))
    return "\n".join(lines)


_KIND_LABELS = {
    "field": ("字段冲突", "field conflict"),
    "delete": ("删除与修改冲突", "delete vs edit"),
    "unique": ("编号重复", "duplicate key"),
    "unique_name": ("名称重复", "duplicate name"),  # a park, team or programme marked （重复 …）
    "rule": ("规则待复核", "rule to review"),
}


def _conflict_json(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "table": c.table_name,
        "record_id": c.record_id,
        "record": c.record_label,
        "field": c.field,
        "winner": c.winner.__dict__ if c.winner else None,
        "loser": c.loser.__dict__ if c.loser else None,
        "detail": c.detail,
        "edits": [e.__dict__ for e in c.edits],
    }


def _resolve(args: argparse.Namespace) -> int:
    from crm.sync.conflicts import resolve_conflict

    db = open_db(args)
    with db.session() as session:
        remaining = resolve_conflict(
            session,
            args.conflict,
            keep=args.keep or "",
            value=args.value,
            site_id=db.site_id,
            actor=db.actor,
        )
    print(
        f"已处理。该记录剩余冲突：{remaining}"
        if _zh(args)
        else f"Settled. Conflicts left on that record: {remaining}"
    )
    return 0

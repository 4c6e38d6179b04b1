"""The `crm` command line. Each area registers its subcommands from its own module."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from crm.access import AccessDenied
from crm.cli.common import NoTerminal
from crm.errors import SignInError

#: Modules under crm.cli that add subcommands; a missing one is skipped (areas land separately).
COMMAND_MODULES = (
    "database",
    "demo",
    "brief",
    "ledger",
    "settings",
    "merge",
    "sync",
    "backup",
    "check",
    "requests",
    "key_enterprises",
    "analyze",
    "users",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm", description="招商引资客户关系管理 — investment-attraction CRM (command line)"
    )
    parser.add_argument("--db", metavar="PATH", help="数据库文件或 URL / database file or URL")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"], help="message language")
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        help="登录名（密码取自 CRM_PASSWORD 或提示输入）；无账户的数据库中为变更记录的"
        "操作人（默认为本机设置的姓名，否则为系统登录名）/ sign in as LOGIN; on a database without "
        "accounts, the actor in the change log (default: the name set on this computer, else "
        "the operating-system user)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"crm.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"crm.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from crm.logfile import setup_logging

    setup_logging()
    parser = build_parser()
    # --db is accepted before or after the subcommand.
    args, rest = parser.parse_known_args(argv)
    if rest:
        args = parser.parse_args(rest, namespace=args)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _pipe_closed()
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 130
    except (SignInError, AccessDenied, NoTerminal) as exc:  # nothing ran: one line, exit 2
        print(f"错误 / error: {exc.message(args.lang)}", file=sys.stderr)
        return 2
    except Exception as exc:  # every failure is one line (crm/failures.py), exit 1
        from crm.failures import describe

        error = describe(exc)
        message = error.message(args.lang)
        if error is not exc:  # driver and OS texts may hold line breaks
            message = " ".join(message.split())
        print(f"错误 / error: {message}", file=sys.stderr)
        return 1


def _pipe_closed() -> int:
    """The reader went away (`crm settings show | head`): end quietly, as a Unix tool killed by
    SIGPIPE would (exit code 141); what is left unwritten goes nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a stream without a file (tests)
        pass
    return 141


if __name__ == "__main__":
    sys.exit(main())

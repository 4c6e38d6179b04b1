"""`crm settings show` and `crm settings set KEY VALUE`: the bureau, the user, thresholds."""

from __future__ import annotations

import argparse
import json

from crm.cli.common import opened_session
from crm.errors import ValidationError
from crm.models import Region
from crm.services.settings import all_settings, parse_setting, set_setting

#: Settings kept for the program itself, not shown or set here.
#: The site's own name is shown and set by `crm sync status` / `crm sync id --name`.
INTERNAL_KEYS = frozenset({"settings_version", "site_id", "site_name"})


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    settings = subparsers.add_parser(
        "settings",
        help="查看或修改设置（本单位、用户姓名等）/ show or change settings (bureau, user …)",
    )
    actions = settings.add_subparsers(dest="settings_action", metavar="ACTION")
    show = actions.add_parser("show", help="列出全部设置 / list every setting")
    show.set_defaults(func=run_show)
    change = actions.add_parser(
        "set",
        help="修改一项设置 / change one setting",
        description="例如 / e.g.: crm settings set bureau_region_code 450100; "
        "crm settings set bureau_level city; crm settings set include_own_area false",
    )
    change.add_argument("key", help="设置项 / setting key (see `crm settings show`)")
    change.add_argument("value", help="新值 / new value")
    change.set_defaults(func=run_set)
    settings.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    with opened_session(args) as session:
        values = all_settings(session)
        code = str(values.get("bureau_region_code") or "")
        region = session.get(Region, code) if code else None
        for key, value in values.items():
            if key in INTERNAL_KEYS:
                continue
            shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
            if key == "bureau_region_code" and region is not None:
                shown = f"{value}（{region.name}）"
            print(f"{key} = {shown}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    if args.key in INTERNAL_KEYS:
        raise ValidationError(
            args.key,
            args.value,
            f"该设置项由程序自己维护：{args.key}",
            f"The program keeps this setting itself: {args.key}",
            code="internal_setting",
        )
    value = parse_setting(args.key, args.value)
    with opened_session(args) as session:
        set_setting(session, args.key, value)
    english = args.lang.startswith("en")
    print(f"Set {args.key} = {value}" if english else f"已设置 {args.key} = {value}")
    return 0

"""``python -m pulih demo``: empty the database and load the demo program (Banten, 2025)."""

from __future__ import annotations

import argparse
import datetime as dt

from pulih import demo
from pulih.bootstrap import ensure_counters, is_empty
from pulih.database import get_engine, upgrade


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="reset the database and load the demo program")
    p.add_argument("--today", type=dt.date.fromisoformat, help="pretend today is this date (YYYY-MM-DD)")
    p.add_argument("--yes", action="store_true", help="do not ask before erasing (for scripts)")
    p.add_argument("--if-empty", action="store_true", help="load the demo only into an empty database; never erase")
    p.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    engine = get_engine()
    where = engine.url.render_as_string(hide_password=True)
    if args.if_empty:
        upgrade(engine)
        ensure_counters(engine)
        if not is_empty(engine):
            print(f"{where} already holds data; the demo was not loaded")
            return 0
        demo.load(engine, today=args.today)
        print(f"demo program loaded into {where}")
        return 0
    if not args.yes and input(f"This erases all data in {where}. Type 'yes' to go on: ").strip() != "yes":
        print("nothing changed")
        return 1
    upgrade(engine)
    demo.reset(engine)
    ensure_counters(engine)
    demo.load(engine, today=args.today)
    print(f"demo program loaded into {where}")
    return 0

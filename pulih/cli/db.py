"""``python -m pulih db upgrade`` and ``db current``."""

from __future__ import annotations

import argparse

from pulih import bootstrap


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="database migrations")
    dsub = p.add_subparsers(dest="db_command", required=True)
    up = dsub.add_parser("upgrade", help="apply all migrations (safe to run again)")
    up.set_defaults(func=_upgrade)


def _upgrade(_args: argparse.Namespace) -> int:
    engine = bootstrap.ready_engine()
    print(f"database is up to date ({engine.url.render_as_string(hide_password=True)})")
    return 0

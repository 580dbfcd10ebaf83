"""``python -m pulih``: the command line. Each area adds its commands in a module beside this one
(a ``register(subparsers)`` function that sets ``func`` on its parsers); commands return an exit code.

Commands run as the system user (``system`` in the audit log) on the database of ``DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = ("db", "users", "demo", "forms", "submissions", "bench", "report")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pulih", description="Pulih: forms, cases, equipment, budget.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"pulih.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pulih.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a command line never shows a traceback to its user
        from pulih.i18n import Translatable

        message = exc.message("en") if isinstance(exc, Translatable) else f"{type(exc).__name__}: {exc}"
        print(f"error: {message}", file=sys.stderr)
        return 1

"""``python -m pulih bench``: measure, in one run, what matters for speed (see pulih.bench)."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="run the benchmarks on a throwaway demo database and print the figures")
    p.add_argument("--url", help="database URL to use instead of a throwaway SQLite file (it is RESET)")
    p.add_argument("--repeat", type=int, default=30)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_bench)


def _bench(args: argparse.Namespace) -> int:
    from pulih.bench import run

    results = run(args.url, args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, value in results.items():
        unit = "x" if name.startswith("ratio") else "ms"
        print(f"{name:<34} {value:>10.2f} {unit}")
    return 0

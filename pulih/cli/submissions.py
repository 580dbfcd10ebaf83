"""``python -m pulih submissions import FORM_ID FILE`` and ``submissions export FORM_ID``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pulih.audit import SYSTEM_USER
from pulih.bootstrap import ready_engine
from pulih.database import read_session, write_session
from pulih.services import submission_io


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("submissions", help="import and export a form's submissions")
    ssub = p.add_subparsers(dest="submissions_command", required=True)
    imp = ssub.add_parser("import", help="validate and save rows of answers from a CSV or XLSX file")
    imp.add_argument("form_id")
    imp.add_argument("file", type=Path)
    imp.add_argument("--mode", choices=("all", "valid"), default="all",
                     help="all: save nothing if any row is refused (default); valid: save the valid rows")
    imp.add_argument("--lang", choices=("id", "en"), default="en")
    imp.set_defaults(func=_import)
    exp = ssub.add_parser("export", help="write all submissions of a form to CSV or XLSX")
    exp.add_argument("form_id")
    exp.add_argument("--format", choices=("csv", "xlsx"), default="xlsx")
    exp.add_argument("-o", "--output", type=Path, required=True)
    exp.set_defaults(func=_export)



def _import(args: argparse.Namespace) -> int:
    rows = submission_io.read_rows(args.file.read_bytes(), args.file.name)
    try:
        with write_session(ready_engine()) as s:
            report = submission_io.import_rows(s, SYSTEM_USER, args.form_id, rows, mode=args.mode, lang=args.lang)
    except submission_io.ImportRefused as exc:
        report = exc.report
        print(json.dumps({"ok": False, "mode": report.mode, "total": report.total, "saved": 0,
                          "refused": {str(k): v for k, v in report.refused.items()}}, ensure_ascii=False, indent=2))
        return 1
    print(json.dumps({"ok": report.ok, "mode": report.mode, "total": report.total, "saved": len(report.saved),
                      "refused": {str(k): v for k, v in report.refused.items()}}, ensure_ascii=False, indent=2))
    return 0 if report.ok else 1


def _export(args: argparse.Namespace) -> int:
    with read_session(ready_engine()) as s:
        data = submission_io.export_xlsx(s, args.form_id) if args.format == "xlsx" else submission_io.export_csv(s, args.form_id)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0

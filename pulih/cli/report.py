"""``python -m pulih report --program ID_OR_CODE [--period START:END] [--cohort CODE] [--lang id|en]
-o FILE.pdf``: the program report as PDF, from the database of ``DATABASE_URL``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.bootstrap import ready_engine
from pulih.database import read_session
from pulih.i18n import t
from pulih.models import Cohort, Program

# pulih.report (altair, pandas, vl-convert) is imported only when the command runs, so every
# other ``python -m pulih`` command starts without loading the charting stack.


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the program report (PDF)")
    p.add_argument("--program", required=True, help="program id or code, e.g. BKEWB-2025")
    p.add_argument("--period", help="START:END dates included, e.g. 2025-01-01:2025-12-31")
    p.add_argument("--cohort", help="only this cohort (its code)")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language of the report (default: id)")
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    p.add_argument("-o", "--output", required=True, type=Path, help="the PDF file to write")
    p.set_defaults(func=_report)


def parse_period(text: str | None) -> tuple[dt.date, dt.date] | None:
    """``"2025-01-01:2025-12-31"`` -> two dates (start not after end); ReportError otherwise."""
    if not text:
        return None
    start, sep, end = text.partition(":")
    try:
        period = (dt.date.fromisoformat(start.strip()), dt.date.fromisoformat(end.strip()))
    except ValueError:
        period = None
    if not sep or period is None or period[0] > period[1]:
        from pulih.report import ReportError

        raise ReportError("report.bad_period", period=text)
    return period


def find_program(session: Session, id_or_code: str) -> Program:
    text = id_or_code.strip()
    program = session.get(Program, int(text)) if text.isdigit() else None
    program = program or session.scalar(select(Program).where(Program.code == text))
    if program is None:
        from pulih.report import ReportError

        raise ReportError("report.unknown_program", program=text)
    return program


def find_cohort(session: Session, program: Program, code: str | None) -> int | None:
    if not code:
        return None
    cohort_id = session.scalar(select(Cohort.id).where(Cohort.code == code.strip(), Cohort.program_id == program.id))
    if cohort_id is None:
        from pulih.report import ReportError

        raise ReportError("report.unknown_cohort", cohort=code)
    return cohort_id


def _report(args: argparse.Namespace) -> int:
    from pulih.report import program_report_pdf

    period = parse_period(args.period)
    engine = ready_engine()
    with read_session(engine) as session:
        program = find_program(session, args.program)
        cohort_id = find_cohort(session, program, args.cohort)
        pdf = program_report_pdf(session, program.id, period=period, cohort_id=cohort_id, lang=args.lang,
                                 today=args.today)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(pdf)
    print(t("report.written", args.lang, path=args.output))
    return 0

"""SQL pieces shared by the dashboard queries: the filters as WHERE clauses, numbers read from
submission answers (JSON) on SQLite and PostgreSQL alike, and small helpers to shape results.

Everything here builds SQLAlchemy expressions from typed values; nothing is built from text.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy import Float, Select, case, cast, func, select
from sqlalchemy.sql.elements import ColumnElement

from pulih.dashboards.filters import Filters
from pulih.i18n import t
from pulih.models import BudgetLine, Cohort, Enrollment, FiscalYear, Form, Participant, Submission

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
NUMBER = r"^\s*-?[0-9]+(\.[0-9]+)?\s*$"  # plain decimal numbers as JSON gives them back as text


# ------------------------------------------------------------------ filters as SQL

def cohort_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """Conditions on ``Cohort``: program, cohort, and cohort dates overlapping the period."""
    conds: list[ColumnElement[bool]] = []
    if f.program_id is not None:
        conds.append(Cohort.program_id == f.program_id)
    if f.cohort_id is not None:
        conds.append(Cohort.id == f.cohort_id)
    if f.start is not None:
        conds.append(Cohort.end_date >= f.start)
    if f.end is not None:
        conds.append(Cohort.start_date <= f.end)
    return conds


def enrollment_ids(f: Filters) -> Select:
    """SELECT of the ids of the enrollments the filters keep (never correlated with an outer query)."""
    stmt = (select(Enrollment.id).join(Cohort, Cohort.id == Enrollment.cohort_id).where(*cohort_conditions(f))
            .correlate(None))
    if f.district:
        stmt = (stmt.join(Participant, Participant.id == Enrollment.participant_id)
                .where(Participant.district == f.district))
    return stmt


def people(f: Filters, column: ColumnElement = Enrollment.id) -> list[ColumnElement[bool]]:
    """Conditions keeping rows whose ``column`` (an enrollment id) is in the filtered scope."""
    return [column.in_(enrollment_ids(f))] if f.restricts_people else []


def in_period(column: ColumnElement, f: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.start is not None:
        conds.append(column >= f.start)
    if f.end is not None:
        conds.append(column <= f.end)
    return conds


def budget_line_ids(f: Filters, today: dt.date) -> Select:
    """Budget lines of the program (or of the chosen cohort's program), in the fiscal years the
    period touches; with neither a period nor a program, the latest fiscal year up to today's."""
    stmt = select(BudgetLine.id).join(FiscalYear, FiscalYear.id == BudgetLine.fiscal_year_id).correlate(None)
    if f.program_id is not None:
        stmt = stmt.where(BudgetLine.program_id == f.program_id)
    if f.cohort_id is not None:
        program = select(Cohort.program_id).where(Cohort.id == f.cohort_id).correlate(None).scalar_subquery()
        stmt = stmt.where(BudgetLine.program_id == program)
    if f.start is not None:
        stmt = stmt.where(FiscalYear.year >= f.start.year)
    if f.end is not None:
        stmt = stmt.where(FiscalYear.year <= f.end.year)
    if not f.has_period and f.program_id is None and f.cohort_id is None:
        latest = select(func.max(FiscalYear.year)).where(FiscalYear.year <= today.year).correlate(None)
        stmt = stmt.where(FiscalYear.year == latest.scalar_subquery())
    return stmt


# ------------------------------------------------------------------ submission answers

def answer_text(key: str, table=Submission) -> ColumnElement:  # noqa: ANN001
    """An answer as text (``data ->> key`` / ``JSON_EXTRACT``)."""
    return table.data[key].as_string()


def answer_number(key: str, table=Submission) -> ColumnElement:  # noqa: ANN001
    """An answer as a number; missing, empty or non-numeric answers (say, an older form version
    that had text there) are NULL, so AVG and SUM skip them and PostgreSQL never fails a cast."""
    text = table.data[key].as_string()
    return case((text.regexp_match(NUMBER), cast(text, Float)), else_=None)


def form_submissions(form_id: str) -> Select:
    """SELECT of the ids of the submissions of one form (``Form.form_id``)."""
    stmt = select(Submission.id).join(Form, Form.id == Submission.form_pk).where(Form.form_id == form_id)
    return stmt.correlate(None)


def latest_per_timing(form_id: str, timing_key: str, f: Filters) -> Select:
    """Ids of the latest submission (highest id) per enrollment and timing (pre/post) of a form."""
    timing = answer_text(timing_key)
    return (
        select(func.max(Submission.id))
        .join(Form, Form.id == Submission.form_pk)
        .where(Form.form_id == form_id, Submission.enrollment_id.is_not(None), *people(f, Submission.enrollment_id))
        .group_by(Submission.enrollment_id, timing)
        .correlate(None)
    )


# ------------------------------------------------------------------ shaping results

def money(value: object) -> Decimal:
    """A rupiah amount from SQL (Decimal, int, float on SQLite, or NULL) as an exact Decimal."""
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def pct(part: float | Decimal | None, whole: float | Decimal | None) -> float | None:
    if part is None or not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


def mean(value: object) -> float | None:
    return None if value is None else round(float(value), 1)


def frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (also when there are no rows)."""
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def mask_names(df: pd.DataFrame, masked: bool, lang: str, column: str = "participant",
               order_by: str = "enrollment_id") -> pd.DataFrame:
    """Replace names with "Peserta 1..n" when masked, numbered and sorted by ``order_by`` (never by
    name, so the order gives nothing away)."""
    if not masked or df.empty:
        return df
    numbers = {key: n for n, key in enumerate(sorted(df[order_by].unique()), start=1)}
    df = df.sort_values(order_by, kind="stable").reset_index(drop=True)
    df[column] = df[order_by].map(lambda key: t("dash.participant_n", lang, n=numbers[key]))
    return df

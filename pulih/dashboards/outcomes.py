"""Outcomes after graduation, by cohort: follow-up status (``FollowUp``) and the answers of the
follow-up form (form ``followup``: ``followup_month``, ``working``, ``own_workshop``,
``monthly_income``, ``toolkit_in_use``, ``justice_contact``), the latest submission per
enrollment and follow-up month."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from pulih.dashboards.filters import Filters
from pulih.dashboards.scope import answer_number, answer_text, cohort_conditions, frame, latest_per_timing, pct, people
from pulih.models import Cohort, Enrollment, FollowUp, Submission

FOLLOWUP = ("followup", "followup_month")
FOLLOWUP_STATES = ("done", "due", "overdue", "missed")
# Income bands in rupiah per month: (key, lower bound inclusive, upper bound exclusive).
INCOME_BANDS = (("lt_1m", 0, 1_000_000), ("1_2m", 1_000_000, 2_000_000), ("2_3m", 2_000_000, 3_000_000),
                ("gt_3m", 3_000_000, None))
INDICATORS = ("working", "own_workshop", "toolkit_in_use", "toolkit_partly", "toolkit_not_used", "justice_contact")


def followup_status(session: Session, filters: Filters = Filters(), *, today: dt.date | None = None) -> pd.DataFrame:
    """Per cohort, follow-up month and state: cohort_id, cohort_code, months_after, state, count.
    States: done, due (not yet past its date), overdue (still due after its date), missed."""
    today = today or dt.date.today()
    state = case((and_(FollowUp.status == "due", FollowUp.due_date < today), literal("overdue")), else_=FollowUp.status)
    stmt = (
        select(Cohort.start_date, Cohort.id, Cohort.code, FollowUp.months_after, state, func.count())
        .select_from(FollowUp)
        .join(Enrollment, Enrollment.id == FollowUp.enrollment_id)
        .join(Cohort, Cohort.id == Enrollment.cohort_id)
        .where(*cohort_conditions(filters), *people(filters))
        .group_by(Cohort.start_date, Cohort.id, Cohort.code, FollowUp.months_after, state)
    )
    order = {name: i for i, name in enumerate(FOLLOWUP_STATES)}
    rows = sorted(session.execute(stmt).all(), key=lambda r: (r[0], r[1], r[3], order.get(r[4], 9)))
    return frame([(cid, code, months, st, int(n)) for _start, cid, code, months, st, n in rows],
                 ["cohort_id", "cohort_code", "months_after", "state", "count"])


def _yes(key: str, value: str = "yes"):  # noqa: ANN202
    return func.coalesce(func.sum(case((answer_text(key) == value, 1), else_=0)), 0)


def _band(low: int, high: int | None):  # noqa: ANN202
    income = answer_number("monthly_income")
    inside = income >= low if high is None else and_(income >= low, income < high)
    return func.coalesce(func.sum(case((inside, 1), else_=0)), 0)


def followup_answers(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Per cohort and follow-up month: cohort_id, cohort_code, followup_month, responses, working,
    own_workshop, toolkit_in_use, toolkit_partly, toolkit_not_used (no / sold / lost),
    justice_contact, income_lt_1m, income_1_2m, income_2_3m, income_gt_3m (counts of people)."""
    month = answer_text("followup_month")
    not_used = func.coalesce(func.sum(case((answer_text("toolkit_in_use").in_(("no", "sold", "lost")), 1), else_=0)), 0)
    stmt = (
        select(Cohort.id, Cohort.code, month, func.count(), _yes("working"), _yes("own_workshop"),
               _yes("toolkit_in_use"), _yes("toolkit_in_use", "partly"), not_used, _yes("justice_contact"),
               *[_band(low, high) for _key, low, high in INCOME_BANDS])
        .join(Enrollment, Enrollment.id == Submission.enrollment_id)
        .join(Cohort, Cohort.id == Enrollment.cohort_id)
        .where(Submission.id.in_(latest_per_timing(*FOLLOWUP, filters)), *cohort_conditions(filters))
        .group_by(Cohort.id, Cohort.code, Cohort.start_date, month)
        .order_by(Cohort.start_date, Cohort.id, month)
    )
    columns = ["cohort_id", "cohort_code", "followup_month", "responses", *INDICATORS,
               *[f"income_{key}" for key, _low, _high in INCOME_BANDS]]
    rows = [(cid, code, _month(m), *[int(v) for v in rest]) for cid, code, m, *rest in session.execute(stmt)]
    return frame(rows, columns)


def _month(value: object) -> int | str | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else (text or None)


def indicators_long(answers: pd.DataFrame) -> pd.DataFrame:
    """``followup_answers`` as one row per indicator: cohort_code, followup_month, indicator, count,
    responses, pct (share of responses)."""
    rows = [(r.cohort_code, r.followup_month, key, getattr(r, key), r.responses, pct(getattr(r, key), r.responses))
            for r in answers.itertuples() for key in INDICATORS]
    return frame(rows, ["cohort_code", "followup_month", "indicator", "count", "responses", "pct"])


def income_long(answers: pd.DataFrame) -> pd.DataFrame:
    """``followup_answers`` as one row per income band: cohort_code, followup_month, band, count."""
    rows = [(r.cohort_code, r.followup_month, key, getattr(r, f"income_{key}"))
            for r in answers.itertuples() for key, _low, _high in INCOME_BANDS]
    return frame(rows, ["cohort_code", "followup_month", "band", "count"])

"""Graduation readiness from the program's criteria, live while the cohort runs; assessment scores.

Ready = attendance so far ≥ the program's ``min_attendance_pct`` (see ``attendance`` for how it is
counted) and the latest post-test ``total_score`` ≥ ``min_post_score``. Scores come from
submissions attached to the enrollment: form ``skills_test`` (``test_type`` pre/post, per-module
theory/practice scores 0–100, ``total_score``) and form ``self_esteem`` (``timing`` pre/post,
``rse_total`` 10–40). When a test was taken twice, the latest submission counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.i18n import Translatable
from pulih.models import Enrollment, Form, Program, Submission
from pulih.services.attendance import Rate, enrollment_rates
from pulih.services.programs import CaseError, get

SKILLS_FORM = "skills_test"
SELF_ESTEEM_FORM = "self_esteem"
MODULES = ("engine", "diagnosis", "tools", "repair")
PARTS = ("theory", "practice")
TIMINGS = ("pre", "post")


@dataclass(frozen=True)
class Readiness:
    ready: bool
    attendance_pct: float | None
    post_score: float | None
    min_attendance_pct: float
    min_post_score: float
    missing: list[Translatable] = field(default_factory=list)


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no score


def _latest(session: Session, form_id: str, enrollment_ids: list[int], key: str) -> dict[int, dict[str, dict]]:
    """{enrollment_id: {"pre": data, "post": data}} of the latest submission per timing."""
    stmt = (
        select(Submission.enrollment_id, Submission.data)
        .join(Form, Form.id == Submission.form_pk)
        .where(Form.form_id == form_id, Submission.enrollment_id.in_(enrollment_ids))
        .order_by(Submission.created_at, Submission.id)
    )
    found: dict[int, dict[str, dict]] = defaultdict(dict)
    for enrollment_id, data in session.execute(stmt):
        timing = str((data or {}).get(key) or "").strip().lower()
        if timing in TIMINGS:
            found[enrollment_id][timing] = data
    return found


def scores(session: Session, enrollment_id: int) -> dict[str, dict[str, dict[str, float | None]]]:
    """{module: {"pre": {"theory": x, "practice": y}, "post": {...}}} from the skills test."""
    tests = _latest(session, SKILLS_FORM, [enrollment_id], "test_type").get(enrollment_id, {})
    return {
        module: {
            timing: {part: _number(tests.get(timing, {}).get(f"{module}_{part}")) for part in PARTS}
            for timing in TIMINGS
        }
        for module in MODULES
    }


def total_scores(session: Session, enrollment_id: int) -> dict[str, float | None]:
    """{"pre": total, "post": total} of the skills test."""
    tests = _latest(session, SKILLS_FORM, [enrollment_id], "test_type").get(enrollment_id, {})
    return {timing: _number(tests.get(timing, {}).get("total_score")) for timing in TIMINGS}


def self_esteem(session: Session, enrollment_id: int) -> dict[str, float | None]:
    """{"pre": rse_total, "post": rse_total} of the Rosenberg self-esteem scale (10–40)."""
    found = _latest(session, SELF_ESTEEM_FORM, [enrollment_id], "timing").get(enrollment_id, {})
    return {timing: _number(found.get(timing, {}).get("rse_total")) for timing in TIMINGS}


def _judge(program: Program, rate: Rate, post: float | None) -> Readiness:
    min_pct, min_score = float(program.min_attendance_pct), float(program.min_post_score)
    missing: list[Translatable] = []
    if rate.pct is None:
        missing.append(CaseError("cases.readiness.no_attendance"))
    elif rate.pct < min_pct:
        missing.append(CaseError("cases.readiness.attendance_low", pct=round(rate.pct, 1), min=min_pct))
    if post is None:
        missing.append(CaseError("cases.readiness.no_post_test"))
    elif post < min_score:
        missing.append(CaseError("cases.readiness.post_score_low", score=post, min=min_score))
    return Readiness(not missing, rate.pct, post, min_pct, min_score, missing)


def readiness(session: Session, enrollment_id: int, today: dt.date | None = None) -> Readiness:
    """Whether one participant meets the program's graduation criteria so far, and what is missing."""
    enrollment = get(session, Enrollment, enrollment_id, "enrollment")
    rates = enrollment_rates(session, enrollment.cohort_id, today or dt.date.today(), enrollment.id)
    rate = rates.get(enrollment.id, Rate())
    post = total_scores(session, enrollment.id)["post"]
    return _judge(enrollment.cohort.program, rate, post)


def cohort_readiness(session: Session, cohort_id: int, today: dt.date | None = None) -> dict[int, Readiness]:
    """{enrollment_id: Readiness} for every participant of the cohort not dropped out (three queries)."""
    enrollments = list(session.scalars(select(Enrollment).where(
        Enrollment.cohort_id == cohort_id, Enrollment.status != "dropped_out").order_by(Enrollment.id)))
    if not enrollments:
        return {}
    program = enrollments[0].cohort.program
    rates = enrollment_rates(session, cohort_id, today or dt.date.today())
    tests = _latest(session, SKILLS_FORM, [e.id for e in enrollments], "test_type")
    return {
        e.id: _judge(program, rates.get(e.id, Rate()), _number(tests.get(e.id, {}).get("post", {}).get("total_score")))
        for e in enrollments
    }

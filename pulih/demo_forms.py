"""The demo's form side: publish the shipped library (forms/), then file the assessments and
follow-ups of the demo cohorts as submissions, each validated by the form engine exactly as a
web submission would be (calculations such as total_score and rse_total come from the forms)."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pulih import audit
from pulih import demo_data as D
from pulih.database import write_session
from pulih.forms.validate import validate
from pulih.models import Cohort, Enrollment, FollowUp, Submission, User
from pulih.services import forms as form_service

REVERSED = (2, 5, 6, 8, 9)


def load(engine: Engine, today: dt.date) -> None:
    with write_session(engine) as session:
        form_service.load_library(session, "demo")
    with write_session(engine) as session:
        Filing(session, today).run()


class Filing:
    def __init__(self, session: Session, today: dt.date) -> None:
        self.s = session
        self.today = today
        self.rng = random.Random(42)
        self.staff = session.scalar(select(User).where(User.username == "staff"))
        self.forms = {}
        for form_id in ("skills_test", "self_esteem", "followup"):
            version = form_service.current_version(session, form_id)
            self.forms[form_id] = (version, form_service.get_definition(version))

    def run(self) -> None:
        rows = self.s.execute(select(Enrollment, Cohort).join(Cohort, Cohort.id == Enrollment.cohort_id)).all()
        for enrollment, cohort in rows:
            skill = self.rng.uniform(-1, 1)  # a participant's aptitude, shared by pre and post
            self._file("skills_test", enrollment, cohort.start_date, self._skills("pre", skill))
            self._file("self_esteem", enrollment, cohort.start_date, self._self_esteem("pre", 0.0))
            if enrollment.status == "graduated":
                self._file("skills_test", enrollment, cohort.end_date, self._skills("post", skill))
                self._file("self_esteem", enrollment, cohort.end_date, self._self_esteem("post", 0.7))
        for followup in self.s.scalars(select(FollowUp).where(FollowUp.due_date < self.today)).all():
            if self.rng.random() < 0.85:
                sub = self._file("followup", self.s.get(Enrollment, followup.enrollment_id), followup.due_date, self._followup(followup))
                followup.status, followup.submission_id, followup.completed_on = "done", sub.id, followup.due_date
        audit.record(self.s, "demo", "demo.submissions", "submissions")

    def _file(self, form_id: str, enrollment: Enrollment, on: dt.date, answers: dict) -> Submission:
        version, definition = self.forms[form_id]
        at = dt.datetime.combine(on, dt.time(14)) + dt.timedelta(minutes=self.rng.randint(0, 120))
        result = validate(definition, answers, now=at)
        if not result.ok:
            raise RuntimeError(f"demo answers for {form_id} refused: {result.errors}")
        sub = Submission(uuid=str(uuid.uuid4()), form_pk=version.form_pk, form_version_id=version.id, data=result.data,
                         participant_id=enrollment.participant_id, enrollment_id=enrollment.id,
                         submitted_by_id=self.staff.id, source="demo", created_at=at, updated_at=at)
        self.s.add(sub)
        self.s.flush()
        return sub

    def _skills(self, test_type: str, skill: float) -> dict:
        base = 52 if test_type == "pre" else 78
        answers = {"test_type": test_type}
        for module, _name in D.MODULES:
            for part in ("theory", "practice"):
                score = base + 10 * skill + self.rng.gauss(0, 6) + (4 if part == "practice" and test_type == "post" else 0)
                answers[f"{module}_{part}"] = int(max(20, min(100, round(score))))
        return answers

    def _self_esteem(self, timing: str, lift: float) -> dict:
        answers = {"timing": timing}
        for item in range(1, 11):
            positive = 2.4 + lift + self.rng.uniform(-0.6, 0.6)  # agreement with a positively worded item
            agreement = 5 - positive if item in REVERSED else positive
            answers[f"rse_{item}"] = str(int(max(1, min(4, round(agreement)))))
        return answers

    def _followup(self, followup: FollowUp) -> dict:
        working = self.rng.random() < (0.6 if followup.months_after == 3 else 0.7)
        own = working and self.rng.random() < 0.45
        answers = {
            "followup_month": str(followup.months_after),
            "working": "yes" if working else "no",
            "own_workshop": "yes" if own else "no",
            "toolkit_in_use": "yes" if own else self.rng.choice(("yes", "partly", "no", "partly")),
            "justice_contact": "yes" if self.rng.random() < 0.06 else "no",
        }
        if working:
            answers["work_type"] = D.WORK_TYPES[0] if own else self.rng.choice(D.WORK_TYPES[1:])
            answers["monthly_income"] = self.rng.randrange(1_200_000, 4_500_000, 50_000)
        if answers["justice_contact"] == "yes":
            answers["justice_details"] = "Wajib lapor tambahan ke Bapas"
        return answers

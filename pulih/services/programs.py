"""Programs, their partners and graduation criteria; cohorts; the cohort's session plan.

Also home of the small pieces every case-management service shares: ``CaseError`` (a refused
action whose message names the field) and ``Check`` (gathers every problem of one input, so all
are shown together). Every function takes the caller's Session; every write leaves an audit row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pulih.audit import record, touch
from pulih.i18n import Translatable, t
from pulih.models import (
    Attendance, Cohort, CohortPartner, Enrollment, FundingSource, Kit, Partner, Program, ProgramPartner,
    TrainingSession, User,
)

HOLDING_SEAT = ("registered", "active", "graduated")
"""Enrollment statuses that take a seat in a cohort (dropping out frees it)."""
SESSION_KINDS = ("theory", "practice")
DEFAULT_FOLLOWUP_MONTHS = [3, 6]


class Label(str):
    """A catalogue key given as a message value; translated when the message is shown."""


def field(name: str) -> Label:
    return Label(f"cases.field.{name}")


class CaseError(Translatable):
    """A refused case-management action. ``problems`` holds every problem when several are reported."""

    def __init__(self, key: str, problems: list[Translatable] | None = None, **values: object) -> None:
        super().__init__(key, **values)
        self.problems = list(problems or [])
        self.args = (self.message("en"),)

    @property
    def keys(self) -> list[str]:
        return [p.key for p in self.problems] or [self.key]

    def message(self, lang: str | None = None) -> str:
        values = {k: t(v, lang) if isinstance(v, Label) else v for k, v in self.values.items()}
        text = t(self.key, lang, **values)
        return " ".join([text, *(p.message(lang) for p in self.problems)])


class Check:
    """Reads and validates input values, keeping every problem; ``done()`` raises them together."""

    def __init__(self, data: dict) -> None:
        self.data, self.problems = data, []

    def fail(self, key: str, name: str, **values: object) -> None:
        self.problems.append(CaseError(key, field=field(name), **values))

    def text(self, name: str, max_len: int, required: bool = True) -> str:
        value = str(self.data.get(name) or "").strip()
        if required and not value:
            self.fail("cases.required", name)
        elif len(value) > max_len:
            self.fail("cases.too_long", name, max=max_len)
        return value

    def date(self, name: str, required: bool = True) -> dt.date | None:
        value = self.data.get(name)
        if value in (None, ""):
            if required:
                self.fail("cases.required", name)
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail("cases.bad_date", name, value=value)
            return None

    def number(self, name: str, low: float, high: float) -> Decimal | None:
        try:
            value = Decimal(str(self.data.get(name)).strip())
            if not value.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.fail("cases.bad_number", name, value=self.data.get(name))
            return None
        if not low <= value <= high:
            self.fail("cases.out_of_range", name, low=low, high=high)
        return value

    def ref(self, session: Session, name: str, model: type) -> int | None:
        """The id of an existing ``model`` row given as ``name`` (empty: None)."""
        value = self.data.get(name)
        if value in (None, ""):
            return None
        try:
            found = session.get(model, int(value))
        except (TypeError, ValueError):
            found = None
        if found is None:
            self.fail("cases.unknown_choice", name, value=value)
        return found.id if found else None

    def done(self) -> None:
        if self.problems:
            raise CaseError("cases.invalid", problems=self.problems)


def get(session: Session, model: type, pk: object, what: str, *, lock: bool = False):  # noqa: ANN201
    """The row or a CaseError naming what was not found; ``lock``: SELECT ... FOR UPDATE."""
    stmt = select(model).where(model.id == pk)
    row = session.scalars(stmt.with_for_update() if lock else stmt).one_or_none()
    if row is None:
        raise CaseError("cases.not_found", field=field(what), id=pk)
    return row


def apply_changes(obj: object, values: dict) -> tuple[dict, dict]:
    """Set ``values`` on ``obj``; return (before, after) of the fields that really changed."""
    before, after = {}, {}
    for name, value in values.items():
        if getattr(obj, name) != value:
            before[name], after[name] = getattr(obj, name), value
            setattr(obj, name, value)
    return before, after


def user_id(session: Session, username: str) -> int | None:
    return session.scalar(select(User.id).where(User.username == username))


# --- programs ------------------------------------------------------------------------------------

PROGRAM_FIELDS = ("code", "name", "skill", "target_group", "description", "funding_source_id",
                  "min_attendance_pct", "min_post_score", "followup_months", "is_active")


def _program_values(session: Session, data: dict, current: Program | None) -> dict:
    merged = {n: getattr(current, n) for n in PROGRAM_FIELDS} if current else {}
    merged.update({k: v for k, v in data.items() if k in PROGRAM_FIELDS})
    merged.setdefault("min_attendance_pct", Decimal("80"))
    merged.setdefault("min_post_score", Decimal("60"))
    merged.setdefault("followup_months", DEFAULT_FOLLOWUP_MONTHS)
    c = Check(merged)
    values = {"code": c.text("code", 40), "name": c.text("name", 300), "skill": c.text("skill", 200),
              "target_group": c.text("target_group", 200),
              "description": c.text("description", 10_000, required=False) or None,
              "min_attendance_pct": c.number("min_attendance_pct", 0, 100),
              "min_post_score": c.number("min_post_score", 0, 9999),
              "followup_months": _months(c, merged["followup_months"]),
              "funding_source_id": c.ref(session, "funding_source_id", FundingSource),
              "is_active": bool(merged.get("is_active", True))}
    taken = session.scalar(select(Program.id).where(Program.code == values["code"]))
    if taken and (current is None or taken != current.id):
        c.fail("cases.code_taken", "code", code=values["code"])
    c.done()
    return values


def _months(c: Check, months: object) -> list[int]:
    """Follow-up months from a list or typed text ("3, 6"): sorted, each 1–120."""
    if isinstance(months, str):
        months = months.replace(",", " ").split()
    try:
        result = sorted({int(m) for m in (months or [])})
    except (TypeError, ValueError):
        result = [0]
    if any(not 1 <= m <= 120 for m in result):
        c.fail("cases.bad_followup_months", "followup_months")
    return result


def create_program(session: Session, username: str, data: dict) -> Program:
    program = Program(**_program_values(session, data, None))
    session.add(program)
    session.flush()
    record(session, username, "program.create", "programs", program.id, after=_program_values_of(program))
    if "partners" in data:
        set_program_partners(session, username, program.id, data["partners"])
    return program


def update_program(session: Session, username: str, program_id: int, data: dict) -> Program:
    program = get(session, Program, program_id, "program", lock=True)
    before, after = apply_changes(program, _program_values(session, data, program))
    if after:
        record(session, username, "program.update", "programs", program.id, before=before, after=after)
    if "partners" in data:
        set_program_partners(session, username, program.id, data["partners"])
    return program


def _program_values_of(program: Program) -> dict:
    return {n: getattr(program, n) for n in PROGRAM_FIELDS}


def list_programs(session: Session, *, active_only: bool = False) -> list[Program]:
    stmt = select(Program).order_by(Program.name)
    return list(session.scalars(stmt.where(Program.is_active) if active_only else stmt))


def get_program(session: Session, program_id: int) -> Program:
    return get(session, Program, program_id, "program")


# --- partners ------------------------------------------------------------------------------------

def partner_by_name(session: Session, username: str, name: str, kind: str = "other") -> Partner:
    """The partner organisation called ``name``, created (and audited) when new."""
    name = " ".join(str(name or "").split())
    if not name or len(name) > 200:
        raise CaseError("cases.required" if not name else "cases.too_long", field=field("partner"), max=200)
    partner = session.scalar(select(Partner).where(func.lower(Partner.name) == name.lower()))
    if partner is None:
        partner = Partner(name=name, kind=(kind or "other")[:50])
        session.add(partner)
        session.flush()
        record(session, username, "partner.create", "partners", partner.id, after={"name": name, "kind": kind})
    return partner


def _partner_roles(session: Session, username: str, partners: list[dict]) -> dict[int, str]:
    roles: dict[int, str] = {}
    for entry in partners or []:
        if entry.get("partner_id"):
            pid = get(session, Partner, entry["partner_id"], "partner").id
        else:
            pid = partner_by_name(session, username, entry.get("name", ""), entry.get("kind", "other")).id
        roles[pid] = str(entry.get("role") or "")[:100]
    return roles


def set_program_partners(session: Session, username: str, program_id: int, partners: list[dict]) -> None:
    """Replace the program's partners: ``[{"partner_id" or "name", "kind", "role"}]``."""
    roles = _partner_roles(session, username, partners)
    link, key = ProgramPartner, ProgramPartner.program_id
    _replace_links(session, username, link, key, program_id, roles, "program.partners", "programs")


def _replace_links(session, username, link, key, owner_id, roles, action, entity) -> None:  # noqa: ANN001
    old = {r.partner_id: r.role for r in session.scalars(select(link).where(key == owner_id))}
    if old == roles:
        return
    session.execute(delete(link).where(key == owner_id))
    session.add_all(link(**{key.key: owner_id}, partner_id=p, role=r) for p, r in roles.items())
    session.flush()
    record(session, username, action, entity, owner_id, before=old, after=roles)
    touch(session, "programs")


def partners_of(session: Session, *, program_id: int | None = None, cohort_id: int | None = None) -> list[tuple]:
    """[(Partner, role)] of a program or a cohort."""
    link, key, owner = (ProgramPartner, ProgramPartner.program_id, program_id) if program_id else (
        CohortPartner, CohortPartner.cohort_id, cohort_id)
    stmt = select(Partner, link.role).join(link, link.partner_id == Partner.id).where(key == owner)
    return [tuple(row) for row in session.execute(stmt.order_by(Partner.name))]



# --- cohorts -------------------------------------------------------------------------------------

COHORT_FIELDS = ("code", "name", "venue", "skill", "start_date", "end_date", "capacity", "instructors", "kit_id")


def _cohort_values(session: Session, program: Program, data: dict, current: Cohort | None) -> dict:
    merged = {n: getattr(current, n) for n in COHORT_FIELDS} if current else {"skill": program.skill}
    merged.update({k: v for k, v in data.items() if k in COHORT_FIELDS})
    c = Check(merged)
    values = {"code": c.text("code", 40), "name": c.text("name", 300), "venue": c.text("venue", 300),
              "skill": c.text("skill", 200), "start_date": c.date("start_date"), "end_date": c.date("end_date"),
              "capacity": c.number("capacity", 1, 10_000), "instructors": c.text("instructors", 10_000, False),
              "kit_id": c.ref(session, "kit_id", Kit)}
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        c.fail("cases.end_before_start", "end_date")
    if values["capacity"] is not None and values["capacity"] != int(values["capacity"]):
        c.fail("cases.bad_number", "capacity", value=merged["capacity"])
    taken = session.scalar(select(Cohort.id).where(Cohort.code == values["code"]))
    if taken and (current is None or taken != current.id):
        c.fail("cases.code_taken", "code", code=values["code"])
    if current is not None:
        _check_cohort_change(session, c, current, values)
    c.done()
    return values | {"capacity": int(values["capacity"])}


def _check_cohort_change(session: Session, c: Check, cohort: Cohort, values: dict) -> None:
    """A running cohort cannot shrink below its seats taken nor leave sessions outside its dates."""
    taken = seats_taken(session, cohort.id)
    if values["capacity"] is not None and values["capacity"] < taken:
        c.fail("cases.capacity_below_enrolled", "capacity", taken=taken)
    if values["start_date"] and values["end_date"]:
        outside = session.scalar(select(func.count()).select_from(TrainingSession).where(
            TrainingSession.cohort_id == cohort.id,
            (TrainingSession.date < values["start_date"]) | (TrainingSession.date > values["end_date"])))
        if outside:
            c.fail("cases.sessions_outside_dates", "end_date", count=outside)


def seats_taken(session: Session, cohort_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Enrollment).where(
        Enrollment.cohort_id == cohort_id, Enrollment.status.in_(HOLDING_SEAT))) or 0


def create_cohort(session: Session, username: str, program_id: int, data: dict) -> Cohort:
    program = get(session, Program, program_id, "program")
    cohort = Cohort(program_id=program.id, **_cohort_values(session, program, data, None))
    session.add(cohort)
    session.flush()
    record(session, username, "cohort.create", "cohorts", cohort.id,
           after={n: getattr(cohort, n) for n in COHORT_FIELDS} | {"program_id": program.id})
    touch(session, "programs")
    if "partners" in data:
        set_cohort_partners(session, username, cohort.id, data["partners"])
    return cohort


def update_cohort(session: Session, username: str, cohort_id: int, data: dict) -> Cohort:
    cohort = get(session, Cohort, cohort_id, "cohort", lock=True)
    before, after = apply_changes(cohort, _cohort_values(session, cohort.program, data, cohort))
    if after:
        record(session, username, "cohort.update", "cohorts", cohort.id, before=before, after=after)
        touch(session, "programs")
    if "partners" in data:
        set_cohort_partners(session, username, cohort.id, data["partners"])
    return cohort


def set_cohort_partners(session: Session, username: str, cohort_id: int, partners: list[dict]) -> None:
    get(session, Cohort, cohort_id, "cohort")
    roles = _partner_roles(session, username, partners)
    _replace_links(session, username, CohortPartner, CohortPartner.cohort_id, cohort_id, roles,
                   "cohort.partners", "cohorts")


def list_cohorts(session: Session, program_id: int | None = None) -> list[Cohort]:
    stmt = select(Cohort).order_by(Cohort.start_date.desc(), Cohort.code)
    return list(session.scalars(stmt.where(Cohort.program_id == program_id) if program_id else stmt))


def get_cohort(session: Session, cohort_id: int) -> Cohort:
    return get(session, Cohort, cohort_id, "cohort")


# --- the session plan ----------------------------------------------------------------------------

def _session_values(cohort: Cohort, data: dict) -> dict:
    c = Check(data)
    values = {"date": c.date("date"), "module": c.text("module", 100), "kind": c.text("kind", 16),
              "title": c.text("title", 300, required=False)}
    if values["kind"] and values["kind"] not in SESSION_KINDS:
        c.fail("cases.bad_session_kind", "kind", value=values["kind"])
    if values["date"] and not cohort.start_date <= values["date"] <= cohort.end_date:
        c.fail("cases.session_outside_cohort", "date", start=cohort.start_date, end=cohort.end_date)
    c.done()
    return values


def add_session(session: Session, username: str, cohort_id: int, data: dict) -> TrainingSession:
    cohort = get(session, Cohort, cohort_id, "cohort")
    row = TrainingSession(cohort_id=cohort.id, **_session_values(cohort, data))
    session.add(row)
    session.flush()
    record(session, username, "session.create", "training_sessions", row.id,
           after={"cohort_id": cohort.id, "date": row.date, "module": row.module, "kind": row.kind})
    touch(session, "programs")
    return row


def update_session(session: Session, username: str, session_id: int, data: dict) -> TrainingSession:
    row = get(session, TrainingSession, session_id, "session", lock=True)
    current = {"date": row.date, "module": row.module, "kind": row.kind, "title": row.title}
    before, after = apply_changes(row, _session_values(get_cohort(session, row.cohort_id), current | data))
    if after:
        record(session, username, "session.update", "training_sessions", row.id, before=before, after=after)
        touch(session, "programs")
    return row


def delete_session(session: Session, username: str, session_id: int) -> None:
    """Remove a planned session; one with attendance taken is kept (its history matters)."""
    row = get(session, TrainingSession, session_id, "session", lock=True)
    if session.scalar(select(func.count()).select_from(Attendance).where(Attendance.session_id == row.id)):
        raise CaseError("cases.session_has_attendance", date=row.date)
    record(session, username, "session.delete", "training_sessions", row.id,
           before={"cohort_id": row.cohort_id, "date": row.date, "module": row.module, "kind": row.kind})
    touch(session, "programs")
    session.delete(row)
    session.flush()


def list_sessions(session: Session, cohort_id: int) -> list[TrainingSession]:
    stmt = select(TrainingSession).where(TrainingSession.cohort_id == cohort_id)
    return list(session.scalars(stmt.order_by(TrainingSession.date, TrainingSession.id)))

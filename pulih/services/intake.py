"""Checks shown while an intake (a form bound to participants) is being filled: the NIK checked
as the user types, and likely duplicates offered before anything is saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from pulih.forms.model import FormDef
from pulih.nik import NikProblem, check_nik, normalise_nik
from pulih.services.entity_binding import bound_values
from pulih.services.participants import DuplicateCandidate, find_duplicates

CONTEXT_NEEDS = {
    "none": (),
    "participant": (),
    "enrollment": ("enrollment",),
    "handover": ("enrollment",),
    "session": ("session",),
}


@dataclass
class IntakeCheck:
    nik_problems: list[NikProblem] = field(default_factory=list)
    duplicates: list[DuplicateCandidate] = field(default_factory=list)

    @property
    def same_nik(self) -> bool:
        return any(d.reason == "same_nik" for d in self.duplicates)


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def check_intake(session: Session, form: FormDef, answers: dict, *, exclude_id: int | None = None) -> IntakeCheck:
    values = bound_values(form, answers)
    nik = normalise_nik(values.get("nik"))
    birth = _date(values.get("birth_date"))
    result = IntakeCheck()
    if nik:
        result.nik_problems = check_nik(nik, birth_date=birth, sex=values.get("sex") or None)
    if nik or (birth and values.get("full_name")):
        result.duplicates = find_duplicates(session, nik or None, values.get("full_name"), birth, exclude_id=exclude_id)
    return result


def needs(form: FormDef) -> tuple[str, ...]:
    """What the fill screen must ask for before this form can be saved."""
    extra = ("enrollment",) if form.entity == "session" and any(f.save_to == "attendance_status" for f in form.walk()) else ()
    return CONTEXT_NEEDS.get(form.entity, ()) + extra

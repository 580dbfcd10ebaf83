"""Entity binding (ODK entities' ``save_to``): what a submission writes besides itself.

* ``participant``: the answers of fields with ``save_to`` create a participant (intake) or, with a
  participant in the context, update it; likely duplicates follow the participant rules.
* ``enrollment``: the submission attaches to the enrollment in the context (assessments,
  follow-ups); ``followup_month`` completes that follow-up.
* ``session``: it attaches to the training session in the context; ``attendance_status`` /
  ``attendance_note`` record the participant's attendance.
* ``handover``: it makes a stock handover of the kit named by the field bound to ``kit_code`` to the
  participant in the context, with a numbered receipt.
Plain survey forms (entity ``none``) only store the submission.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.forms.model import FormDef
from pulih.i18n import Translatable
from pulih.models import Enrollment, FollowUp, Item, Kit, Submission, TrainingSession, User
from pulih.services import attendance, equipment
from pulih.services import participants as participant_service


@dataclass(frozen=True)
class Context:
    """What a submission is about, as chosen on the screen (or given to the importer)."""

    participant_id: int | None = None
    enrollment_id: int | None = None
    session_id: int | None = None
    followup_id: int | None = None
    override_reason: str | None = None

    def as_query(self) -> str:
        """The ids as ``participant=1&enrollment=2`` (what a draft is kept under, and a fill link)."""
        ids = (("participant", self.participant_id), ("enrollment", self.enrollment_id),
               ("session", self.session_id), ("followup", self.followup_id))
        return "&".join(f"{name}={value}" for name, value in ids if value)


def bound_values(form: FormDef, data: dict) -> dict:
    """{entity property: answer} for the fields that have ``save_to``, from validated data."""
    return {f.save_to: data[f.name] for f in form.walk() if f.save_to and f.name in data}


def _date(value: object) -> object:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def _typed_values(form: FormDef, data: dict) -> dict:
    dates = {f.save_to for f in form.walk() if f.save_to and f.type in ("date", "datetime")}
    return {k: _date(v) if k in dates else v for k, v in bound_values(form, data).items()}


def rebind_after_edit(session: Session, user: User, form: FormDef, sub: Submission) -> None:
    """After an edit, carry the changed answers to the record the submission wrote: an intake's
    participant is updated; a handover moved stock and cannot be re-done by an edit."""
    if form.entity == "handover":
        raise Translatable("submission.handover_not_editable")
    if form.entity == "participant" and sub.participant_id:
        values = _typed_values(form, sub.data)
        values.pop("consent_given", None)
        values.pop("consent_date", None)
        participant_service.update_participant(session, user.username, sub.participant_id, values, role=user.role)


def bind(session: Session, user: User, form: FormDef, sub: Submission, ctx: Context) -> None:
    """Write the bound record and link it to ``sub`` (inside the caller's transaction)."""
    values = _typed_values(form, sub.data)
    if form.entity == "participant":
        _participant(session, user, sub, values, ctx)
    elif form.entity == "enrollment":
        _enrollment(session, sub, values, ctx)
    elif form.entity == "session":
        _session(session, user, sub, values, ctx)
    elif form.entity == "handover":
        _handover(session, user, sub, values, ctx)


def _participant(session: Session, user: User, sub: Submission, values: dict, ctx: Context) -> None:
    consent = values.pop("consent_given", None)
    consent_ok = consent in (True, "OK", "yes", "1", 1, "true")
    values.pop("consent_date", None)
    if ctx.participant_id:
        person = participant_service.update_participant(
            session, user.username, ctx.participant_id, values, role=user.role, override_reason=ctx.override_reason
        )
    else:
        person = participant_service.register_participant(
            session, user.username, values, consent=consent_ok, override_reason=ctx.override_reason, role=user.role
        )
    sub.participant_id = person.id


def _require_enrollment(session: Session, ctx: Context) -> Enrollment:
    enrollment = session.get(Enrollment, ctx.enrollment_id) if ctx.enrollment_id else None
    if enrollment is None:
        raise Translatable("submission.enrollment_required")
    return enrollment


def _enrollment(session: Session, sub: Submission, values: dict, ctx: Context) -> None:
    """Attach to the enrollment; a follow-up form also completes the follow-up it answers."""
    enrollment = _require_enrollment(session, ctx)
    sub.enrollment_id, sub.participant_id = enrollment.id, enrollment.participant_id
    followup = session.get(FollowUp, ctx.followup_id) if ctx.followup_id else None
    if followup is None and values.get("followup_month") not in (None, ""):
        followup = session.scalar(select(FollowUp).where(
            FollowUp.enrollment_id == enrollment.id, FollowUp.months_after == int(values["followup_month"])))
    if ctx.followup_id and (followup is None or followup.enrollment_id != enrollment.id):
        raise Translatable("submission.followup_mismatch")
    if followup is not None and followup.status != "done":
        session.flush()
        followup.status, followup.submission_id, followup.completed_on = "done", sub.id, dt.date.today()


def _session(session: Session, user: User, sub: Submission, values: dict, ctx: Context) -> None:
    """Attach to a training session; with an attendance status, record the participant's attendance."""
    training = session.get(TrainingSession, ctx.session_id) if ctx.session_id else None
    if training is None:
        raise Translatable("submission.session_required")
    sub.session_id = training.id
    status = values.get("attendance_status")
    if status:
        enrollment = _require_enrollment(session, ctx)
        sub.enrollment_id, sub.participant_id = enrollment.id, enrollment.participant_id
        attendance.record_attendance(session, user.username, training.id, [
            {"enrollment_id": enrollment.id, "status": status, "note": str(values.get("attendance_note") or "")}
        ])


def _serials(session: Session, text: str) -> dict[int, list[str]]:
    """``CODE: serial`` lines (or ``CODE=serial``) into {item_id: [serials]}."""
    found: dict[int, list[str]] = {}
    for line in (text or "").replace(";", "\n").splitlines():
        if not line.strip():
            continue
        sep = ":" if ":" in line else "="
        if sep not in line:
            raise Translatable("submission.serial_format", line=line.strip())
        code, serial = (part.strip() for part in line.split(sep, 1))
        item_id = session.scalar(select(Item.id).where(Item.code == code))
        if item_id is None:
            raise Translatable("submission.serial_unknown_item", code=code)
        found.setdefault(item_id, []).append(serial)
    return found


def _handover(session: Session, user: User, sub: Submission, values: dict, ctx: Context) -> None:
    enrollment = session.get(Enrollment, ctx.enrollment_id) if ctx.enrollment_id else None
    participant_id = enrollment.participant_id if enrollment else ctx.participant_id
    if not participant_id:
        raise Translatable("submission.participant_required")
    kit_code = str(values.get("kit_code") or "").strip()
    kit_id = session.scalar(select(Kit.id).where(Kit.code == kit_code)) if kit_code else None
    if kit_code and kit_id is None:
        raise Translatable("submission.unknown_kit", code=kit_code)
    handover = equipment.hand_over(
        session, user.username, participant_id=participant_id, enrollment_id=enrollment.id if enrollment else None,
        kit_id=kit_id, date=values.get("date") or dt.date.today(), condition=values.get("condition") or "new",
        serial_numbers=_serials(session, str(values.get("serial_numbers") or "")), notes=str(values.get("notes") or ""),
    )
    receipt = values.get("signed_receipt")
    if isinstance(receipt, dict) and receipt.get("file_id"):
        handover.signed_receipt_file_id = int(receipt["file_id"])
    sub.handover_id, sub.participant_id, sub.enrollment_id = handover.id, participant_id, handover.enrollment_id

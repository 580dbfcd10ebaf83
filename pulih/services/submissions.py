"""Submissions: save (validated again on the server against the version filled), edit (validated
the same way, the old answers kept as a revision), browse with filters and paging in SQL, drafts."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pulih import audit
from pulih.forms.model import FormDef
from pulih.forms.validate import validate
from pulih.i18n import Translatable
from pulih.models import Draft, Form, FormVersion, Submission, SubmissionRevision, User, utcnow
from pulih.services import forms as form_service
from pulih.services.entity_binding import Context, bind, rebind_after_edit
from pulih.services.ledger_common import acting_user


class SubmissionInvalid(Translatable):
    """The answers did not pass validation; ``errors`` maps field to message (nothing was saved)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("submission.invalid", count=len(errors))
        self.errors = errors


def _form(session: Session, form_id: str) -> Form:
    form = session.scalar(select(Form).where(Form.form_id == form_id))
    if form is None:
        raise Translatable("submission.unknown_form", form_id=form_id)
    return form


def definition_of(session: Session, version_id: int) -> FormDef:
    return form_service.get_definition(session.get(FormVersion, version_id))


def submit(session: Session, username: str, form_id: str, answers: dict, *, context: Context | None = None,
           source: str = "web", started_at: dt.datetime | None = None, lang: str = "id",
           version_id: int | None = None, now: dt.datetime | None = None, draft_context: str | None = None) -> Submission:
    """Validate and store one submission with its form version, submitter and times; write the
    bound entity. Raises SubmissionInvalid (all errors) or a Translatable; nothing half-saved."""
    user = acting_user(session, username, "submission.create", "submission")
    form = _form(session, form_id)
    version = session.get(FormVersion, version_id) if version_id else form_service.current_version(session, form_id)
    retired = version is not None and version.retired_at is not None
    if version is None or version.form_pk != form.id or retired or form.status != "published":
        raise Translatable("submission.form_not_published", form_id=form_id)
    definition = form_service.get_definition(version)
    result = validate(definition, answers, now=now, lang=lang)
    if not result.ok:
        raise SubmissionInvalid(result.errors)
    with session.begin_nested():
        sub = Submission(uuid=str(uuid.uuid4()), form_pk=form.id, form_version_id=version.id, data=result.data,
                         submitted_by_id=user.id, source=source, started_at=started_at)
        session.add(sub)
        bind(session, user, definition, sub, context or Context())
        session.flush()
        audit.record(session, user.username, "submission.create", "submissions", sub.id, form_id=form_id,
                     version=version.number, source=source)
        drafts = delete(Draft).where(Draft.user_id == user.id, Draft.form_pk == form.id)
        if draft_context is not None:  # the draft this answer came from; else every draft of the form
            drafts = drafts.where(Draft.context == draft_context)
        session.execute(drafts)
    return sub


def edit(session: Session, username: str, submission_id: int, answers: dict, *, reason: str = "",
         lang: str = "id", now: dt.datetime | None = None) -> Submission:
    """Change a submission's answers, validated against the version it was filled with."""
    user = acting_user(session, username, "submission.edit", "submission")
    sub = session.get(Submission, submission_id)
    if sub is None:
        raise Translatable("submission.not_found", id=submission_id)
    definition = definition_of(session, sub.form_version_id)
    result = validate(definition, answers, now=now, lang=lang)
    if not result.ok:
        raise SubmissionInvalid(result.errors)
    if result.data == sub.data:
        return sub
    with session.begin_nested():
        session.add(SubmissionRevision(submission_id=sub.id, form_version_id=sub.form_version_id, data=sub.data,
                                       edited_by_id=user.id, reason=reason.strip()))
        before, sub.data, sub.updated_at = sub.data, result.data, utcnow()
        rebind_after_edit(session, user, definition, sub)
        audit.record(session, user.username, "submission.edit", "submissions", sub.id, reason=reason.strip(),
                     changed={k: [before.get(k), result.data.get(k)] for k in set(before) | set(result.data)
                              if before.get(k) != result.data.get(k)})
    return sub


def history(session: Session, submission_id: int) -> list[dict]:
    rows = session.execute(
        select(SubmissionRevision, User.username).outerjoin(User, User.id == SubmissionRevision.edited_by_id)
        .where(SubmissionRevision.submission_id == submission_id).order_by(SubmissionRevision.id.desc())
    ).all()
    return [{"edited_at": r.edited_at, "edited_by": name or "", "reason": r.reason, "data": r.data} for r, name in rows]


@dataclass
class Filters:
    submitted_by: str = ""
    participant_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    version: int | None = None


@dataclass
class Page:
    rows: list[dict] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


def _filtered(form: Form, f: Filters):  # noqa: ANN202
    q = (select(Submission, FormVersion.number, User.username)
         .join(FormVersion, FormVersion.id == Submission.form_version_id)
         .outerjoin(User, User.id == Submission.submitted_by_id).where(Submission.form_pk == form.id))
    if f.submitted_by:
        q = q.where(User.username == f.submitted_by.strip().lower())
    if f.participant_id:
        q = q.where(Submission.participant_id == f.participant_id)
    if f.since:
        q = q.where(Submission.created_at >= dt.datetime.combine(f.since, dt.time.min))
    if f.until:
        q = q.where(Submission.created_at < dt.datetime.combine(f.until + dt.timedelta(days=1), dt.time.min))
    if f.version:
        q = q.where(FormVersion.number == f.version)
    return q


def browse(session: Session, form_id: str, filters: Filters | None = None, page: int = 1, page_size: int = 25) -> Page:
    """One page of a form's submissions (newest first), filtered and counted in SQL."""
    form, f = _form(session, form_id), filters or Filters()
    q = _filtered(form, f)
    total = session.scalar(select(func.count()).select_from(q.order_by(None).subquery())) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    rows = session.execute(q.order_by(Submission.id.desc()).offset((page - 1) * page_size).limit(page_size)).all()
    return Page([_row(sub, number, name) for sub, number, name in rows], total, page, pages)


def _row(sub: Submission, version: int, submitter: str | None) -> dict:
    return {"id": sub.id, "uuid": sub.uuid, "version": version, "submitted_by": submitter or "", "source": sub.source,
            "created_at": sub.created_at, "updated_at": sub.updated_at, "participant_id": sub.participant_id,
            "enrollment_id": sub.enrollment_id, "data": sub.data}


def get(session: Session, submission_id: int) -> tuple[Submission, FormDef]:
    sub = session.get(Submission, submission_id)
    if sub is None:
        raise Translatable("submission.not_found", id=submission_id)
    return sub, definition_of(session, sub.form_version_id)


# ------------------------------------------------------------------ drafts

def save_draft(session: Session, username: str, form_id: str, version_id: int, data: dict, context: str = "") -> None:
    """Keep a half-filled form so it survives a reload (one draft per user, form and context)."""
    user = session.scalar(select(User).where(User.username == username))
    form = _form(session, form_id)
    draft = session.scalar(select(Draft).where(Draft.user_id == user.id, Draft.form_pk == form.id, Draft.context == context))
    if draft is None:
        session.add(Draft(user_id=user.id, form_pk=form.id, form_version_id=version_id, context=context, data=data))
    else:
        draft.data, draft.form_version_id, draft.updated_at = data, version_id, utcnow()


def load_draft(session: Session, username: str, form_id: str, context: str = "") -> Draft | None:
    return session.scalar(
        select(Draft).join(User, User.id == Draft.user_id).join(Form, Form.id == Draft.form_pk)
        .where(User.username == username, Form.form_id == form_id, Draft.context == context)
    )


def drafts_of(session: Session, username: str) -> list[dict]:
    rows = session.execute(
        select(Form.form_id, Form.title, Draft.context, Draft.updated_at).join(Draft, Draft.form_pk == Form.id)
        .join(User, User.id == Draft.user_id).where(User.username == username).order_by(Draft.updated_at.desc())
    ).all()
    return [dict(r._mapping) for r in rows]


def discard_draft(session: Session, username: str, form_id: str, context: str = "") -> None:
    draft = load_draft(session, username, form_id, context)
    if draft is not None:
        session.delete(draft)


def store_form_file(session: Session, username: str, upload: object) -> dict:
    """Keep a photo or scan answered in a form; the answer stores this reference."""
    from pulih.services.ledger_common import store_upload

    user = acting_user(session, username, "submission.create", "submission")
    stored = store_upload(session, user, upload, "submission")
    audit.record(session, user.username, "submission.file", "submissions", stored.id, filename=stored.filename, size=stored.size)
    return {"file_id": stored.id, "filename": stored.filename}


def published_forms(session: Session) -> list[dict]:
    """Forms staff can fill now: published, with a current version."""
    out = []
    for form in session.scalars(select(Form).where(Form.status == "published").order_by(Form.title)):
        version = form_service.current_version(session, form.form_id)
        if version is not None:
            out.append({"form_id": form.form_id, "title": form.title, "entity": form.entity, "version_id": version.id})
    return out

"""Form definitions in the database: publish a definition as a new version, retire, list.

A form is identified by its XLSForm ``form_id``; each publication adds a ``FormVersion`` numbered
1, 2, 3 ... holding the loaded definition (``FormDef.to_dict()``) and the original file, so the
file can be downloaded back and old submissions stay readable with the version they were filled
with. The current version is the newest one not retired. Every function takes the caller's
Session (the caller owns the transaction, see ``database.write_session``); every write leaves an
audit row.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pulih.audit import record
from pulih.config import PROJECT_ROOT
from pulih.forms.loader import SUPPORTED_EXTENSIONS, load_form
from pulih.forms.model import FormDef, pick
from pulih.i18n import Translatable
from pulih.models import Form, FormVersion, User, utcnow

LIBRARY = PROJECT_ROOT / "forms"
"""The shipped form library (bilingual YAML), published into the demo by ``load_library``."""


class FormNotFound(Translatable):
    def __init__(self, form_id: str, number: int | None = None) -> None:
        if number is None:
            super().__init__("form.not_found", form_id=form_id)
        else:
            super().__init__("form.version_not_found", form_id=form_id, number=number)


def publish(session: Session, data: bytes, filename: str, username: str) -> FormVersion:
    """Load ``data`` (refused with FormDefinitionError when it has problems) and publish it as the
    next version of its form, creating the form on its first publication."""
    definition = load_form(data, filename)
    form = session.scalar(select(Form).where(Form.form_id == definition.form_id).with_for_update())
    if form is None:
        form = Form(form_id=definition.form_id, title="", entity=definition.entity)
        session.add(form)
        session.flush()
    form.title = title_of(definition)
    form.entity = definition.entity
    form.status = "published"
    number = (session.scalar(select(func.max(FormVersion.number)).where(FormVersion.form_pk == form.id)) or 0) + 1
    version = FormVersion(
        form=form, number=number, version_label=definition.version[:100], definition=definition.to_dict(),
        source_format=source_format(filename), source_filename=Path(filename).name[:255], source=data,
        published_by_id=session.scalar(select(User.id).where(User.username == username)),
    )
    session.add(version)
    session.flush()
    record(session, username, "form.publish", "forms", form.id, form_id=form.form_id, version=number,
           version_label=version.version_label, filename=version.source_filename, entity=form.entity)
    return version


def retire(session: Session, form_id: str, username: str, *, number: int | None = None) -> Form:
    """Retire one version (``number``) or, without it, the whole form: no new submissions, old
    ones stay readable. A form whose every version is retired is retired itself."""
    form = get_form(session, form_id)
    if form is None:
        raise FormNotFound(form_id)
    chosen = [v for v in form.versions if number is None or v.number == number]
    if number is not None and not chosen:
        raise FormNotFound(form_id, number)
    now = utcnow()
    for version in chosen:
        version.retired_at = version.retired_at or now
    if all(v.retired_at for v in form.versions):
        form.status = "retired"
    session.flush()
    record(session, username, "form.retire", "forms", form.id, form_id=form_id, version=number or "all")
    return form


def get_form(session: Session, form_id: str) -> Form | None:
    return session.scalar(select(Form).where(Form.form_id == form_id))


def list_forms(session: Session) -> list[Form]:
    return list(session.scalars(select(Form).order_by(Form.form_id)))


def versions(session: Session, form_id: str) -> list[FormVersion]:
    """Every version of a form, oldest first (retired ones included)."""
    stmt = select(FormVersion).join(Form, Form.id == FormVersion.form_pk).where(Form.form_id == form_id)
    return list(session.scalars(stmt.order_by(FormVersion.number)))


def current_version(session: Session, form_id: str) -> FormVersion | None:
    """The newest version not retired, or None."""
    stmt = (
        select(FormVersion).join(Form, Form.id == FormVersion.form_pk)
        .where(Form.form_id == form_id, FormVersion.retired_at.is_(None))
        .order_by(FormVersion.number.desc()).limit(1)
    )
    return session.scalar(stmt)


def get_version(session: Session, form_id: str, number: int) -> FormVersion:
    stmt = select(FormVersion).join(Form, Form.id == FormVersion.form_pk).where(
        Form.form_id == form_id, FormVersion.number == number
    )
    version = session.scalar(stmt)
    if version is None:
        raise FormNotFound(form_id, number)
    return version


def get_definition(version: FormVersion) -> FormDef:
    return FormDef.from_dict(version.definition)


def load_library(session: Session, username: str, folder: Path = LIBRARY) -> list[FormVersion]:
    """Publish every shipped definition whose file differs from its form's current version
    (all of them into an empty database); returns the versions published."""
    published = []
    for path in sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SUPPORTED_EXTENSIONS):
        data = path.read_bytes()
        form_id = load_form(data, path.name).form_id
        current = current_version(session, form_id)
        if current is None or current.source != data:
            published.append(publish(session, data, path.name, username))
    return published


def title_of(definition: FormDef) -> str:
    """The form's title as one line for lists: the title cell, else the default language's."""
    title = definition.title.get("default") or pick(definition.title, definition.default_language, definition.form_id)
    return title[:300]


def source_format(filename: str) -> str:
    extension = Path(filename).suffix.lower().lstrip(".")
    return "yaml" if extension == "yml" else extension

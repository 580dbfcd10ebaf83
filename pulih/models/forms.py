"""Form definitions, their versions, submissions (answers as JSON plus query columns), edits and drafts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pulih.models.base import Base, Timestamped, utcnow

ENTITY_KINDS = ("none", "participant", "enrollment", "session", "handover")


class Form(Timestamped, Base):
    """A form, identified by the XLSForm ``form_id``; its content lives in versions."""

    __tablename__ = "forms"
    __table_args__ = (CheckConstraint("status IN ('draft', 'published', 'retired')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    entity: Mapped[str] = mapped_column(String(20), default="none")
    status: Mapped[str] = mapped_column(String(16), default="draft")

    versions: Mapped[list[FormVersion]] = relationship(
        back_populates="form", foreign_keys="FormVersion.form_pk", order_by="FormVersion.number"
    )


class FormVersion(Base):
    __tablename__ = "form_versions"
    __table_args__ = (UniqueConstraint("form_pk", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_pk: Mapped[int] = mapped_column(ForeignKey("forms.id"), index=True)
    number: Mapped[int]
    version_label: Mapped[str] = mapped_column(String(100), default="")
    definition: Mapped[dict]
    source_format: Mapped[str] = mapped_column(String(10))
    source_filename: Mapped[str] = mapped_column(String(255))
    source: Mapped[bytes]
    published_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    retired_at: Mapped[dt.datetime | None]

    form: Mapped[Form] = relationship(back_populates="versions", foreign_keys=[form_pk])


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (Index("ix_submissions_form_created", "form_pk", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    form_pk: Mapped[int] = mapped_column(ForeignKey("forms.id"))
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"), index=True)
    data: Mapped[dict]
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("handovers.id"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    source: Mapped[str] = mapped_column(String(16), default="web")
    started_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    form: Mapped[Form] = relationship()
    version: Mapped[FormVersion] = relationship()


class SubmissionRevision(Base):
    """The answers a submission had before an edit."""

    __tablename__ = "submission_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"))
    data: Mapped[dict]
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    edited_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")


class Draft(Base):
    """A half-filled form, saved as the user types so it survives a reload."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_pk", "context"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    form_pk: Mapped[int] = mapped_column(ForeignKey("forms.id"))
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"))
    context: Mapped[str] = mapped_column(String(100), default="")
    data: Mapped[dict]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

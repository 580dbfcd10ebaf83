"""Programs, cohorts, training sessions, attendance, participants, enrollments, follow-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pulih.models.base import Base, Timestamped

ENROLLMENT_STATUSES = ("registered", "active", "graduated", "dropped_out")
ATTENDANCE_STATUSES = ("present", "absent", "excused")


class Partner(Timestamped, Base):
    """A partner organisation: probation office (Bapas), training centre (UPTD), NGO, employer."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(50), default="other")
    contact: Mapped[str | None] = mapped_column(String(200))


class Program(Timestamped, Base):
    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    skill: Mapped[str] = mapped_column(String(200))
    target_group: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    funding_source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_sources.id"))
    # Graduation criteria (editable per program) and follow-up schedule.
    min_attendance_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("80"))
    min_post_score: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal("60"))
    followup_months: Mapped[list] = mapped_column(default=lambda: [3, 6])
    is_active: Mapped[bool] = mapped_column(default=True)

    cohorts: Mapped[list[Cohort]] = relationship(back_populates="program", order_by="Cohort.start_date")


class ProgramPartner(Base):
    __tablename__ = "program_partners"

    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(100), default="")


class Cohort(Timestamped, Base):
    """A batch (angkatan) of a program at one venue."""

    __tablename__ = "cohorts"
    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    venue: Mapped[str] = mapped_column(String(300))
    skill: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    capacity: Mapped[int]
    instructors: Mapped[str] = mapped_column(Text, default="")
    # Kit each graduate receives (planned handovers = enrolled participants x this kit).
    kit_id: Mapped[int | None] = mapped_column(ForeignKey("kits.id"))

    program: Mapped[Program] = relationship(back_populates="cohorts")


class CohortPartner(Base):
    __tablename__ = "cohort_partners"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(100), default="")


class TrainingSession(Timestamped, Base):
    __tablename__ = "training_sessions"
    __table_args__ = (CheckConstraint("kind IN ('theory', 'practice')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date]
    module: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300), default="")


class Participant(Timestamped, Base):
    """A person served by a program, keyed (not uniquely: duplicates need an override) by NIK."""

    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint("sex IN ('M', 'F')", name="sex"),
        Index("ix_participants_name_birth", "full_name", "birth_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1))
    birth_place: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[dt.date]
    phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(String(100), default="", index=True)
    regency: Mapped[str] = mapped_column(String(100), default="")
    education: Mapped[str] = mapped_column(String(50), default="")
    referral_source: Mapped[str] = mapped_column(String(200), default="")
    # Justice fields (masked for viewers).
    case_number: Mapped[str] = mapped_column(String(100), default="")
    offence: Mapped[str] = mapped_column(String(200), default="")
    release_date: Mapped[dt.date | None]
    consent_given: Mapped[bool] = mapped_column(default=False)
    consent_date: Mapped[dt.date | None]
    duplicate_override_reason: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict] = mapped_column(default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="participant")


class Enrollment(Timestamped, Base):
    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("participant_id", "cohort_id"),
        CheckConstraint("status IN ('registered', 'active', 'graduated', 'dropped_out')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="registered")
    enrolled_on: Mapped[dt.date]
    status_changed_at: Mapped[dt.datetime | None]
    graduated_on: Mapped[dt.date | None]
    graduation_override_reason: Mapped[str | None] = mapped_column(Text)
    dropped_on: Mapped[dt.date | None]
    dropout_reason: Mapped[str | None] = mapped_column(Text)

    participant: Mapped[Participant] = relationship(back_populates="enrollments")
    cohort: Mapped[Cohort] = relationship()


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "enrollment_id"),
        CheckConstraint("status IN ('present', 'absent', 'excused')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime]


class FollowUp(Timestamped, Base):
    __tablename__ = "follow_ups"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "months_after"),
        CheckConstraint("status IN ('due', 'done', 'missed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id"), index=True)
    months_after: Mapped[int]
    due_date: Mapped[dt.date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default="due")
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    completed_on: Mapped[dt.date | None]

"""A participant's case file: everything about one person in one read (``case_file``), shown by
the participant screen and printed as a PDF (``case_file_pdf``): profile, enrollments with
status, attendance, graduation readiness, pre/post scores and self-esteem, equipment received
with receipt numbers, follow-ups and the timeline.

``mask`` hides what pulih.masking masks for viewers and demo exports (NIK, phone, address and the
justice-system fields, also the follow-up's "contact with the justice system" answer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.i18n import CATALOGUE, normalise_language, t
from pulih.masking import MASK, mask_participant
from pulih.models import Cohort, Enrollment, FollowUp, Handover, Kit, Participant, Program, Submission
from pulih.money import format_rupiah
from fpdf.enums import XPos, YPos

from pulih.pdf.base import PulihPDF, format_date, pdf_bytes
from pulih.services.attendance import Rate, attendance_rate
from pulih.services.enrollment import enrollments_of
from pulih.services.followups import followups_of
from pulih.services.programs import get
from pulih.services.readiness import MODULES, PARTS, TIMINGS, Readiness, readiness, scores, self_esteem, total_scores
from pulih.services.timeline import TimelineEvent, participant_timeline

PROFILE_FIELDS = ("nik", "full_name", "sex", "birth_place", "birth_date", "phone", "address", "district", "regency",
                  "education", "referral_source", "case_number", "offence", "release_date")
FOLLOWUP_ANSWERS = ("working", "work_type", "own_workshop", "monthly_income", "toolkit_in_use", "justice_contact")


@dataclass
class EnrollmentFile:
    enrollment: Enrollment
    cohort: Cohort
    program: Program
    rate: Rate
    readiness: Readiness | None  # None once dropped out
    scores: dict
    totals: dict
    self_esteem: dict
    followups: list[tuple[FollowUp, dict]] = field(default_factory=list)  # (follow-up, its form's answers)


@dataclass
class CaseFile:
    participant: Participant
    enrollments: list[EnrollmentFile]
    handovers: list[tuple[Handover, str]]  # (handover, kit name)
    timeline: list[TimelineEvent]


def case_file(session: Session, participant_id: int, lang: str | None = None, today: dt.date | None = None) -> CaseFile:
    """Everything about one participant (no access log: the caller writes it)."""
    person = get(session, Participant, participant_id, "participant")
    today = today or dt.date.today()
    files = [_enrollment_file(session, e, today) for e in enrollments_of(session, participant_id=person.id)]
    handovers = session.execute(
        select(Handover, Kit.name).outerjoin(Kit, Kit.id == Handover.kit_id)
        .where(Handover.participant_id == person.id).order_by(Handover.date, Handover.id)).all()
    return CaseFile(person, files, [(h, kit or "-") for h, kit in handovers],
                    participant_timeline(session, person.id, lang))


def _enrollment_file(session: Session, e: Enrollment, today: dt.date) -> EnrollmentFile:
    on = min(today, e.graduated_on or today)
    followups = [(f, _answers(session, f.submission_id)) for f in followups_of(session, e.id)]
    return EnrollmentFile(
        e, e.cohort, e.cohort.program, attendance_rate(session, e.id, on),
        None if e.status == "dropped_out" else readiness(session, e.id, today=on),
        scores(session, e.id), total_scores(session, e.id), self_esteem(session, e.id), followups)


def _answers(session: Session, submission_id: int | None) -> dict:
    submission = session.get(Submission, submission_id) if submission_id else None
    return dict(submission.data or {}) if submission else {}


def profile(person: Participant, *, mask: bool = False) -> dict:
    """{field: value} of the participant's profile, masked as pulih.masking says when ``mask``."""
    data = {name: getattr(person, name) for name in PROFILE_FIELDS}
    return mask_participant(data, None) if mask else data


def label(key: str, lang: str | None, fallback: object) -> str:
    return t(key, lang) if key in CATALOGUE else str(fallback if fallback not in (None, "") else "-")


def value_text(name: str, value: object, lang: str | None) -> str:
    """A profile or follow-up value as text in ``lang``."""
    if value in (None, ""):
        return "-"
    if isinstance(value, dt.date):
        return format_date(value, lang or "id")
    if name == "sex":
        return label(f"cases.ui.sex.{value}", lang, value)
    if name == "education":
        return str(value).upper()
    if name == "monthly_income" and str(value).isdigit():
        return format_rupiah(int(value))
    if name in ("working", "own_workshop", "toolkit_in_use", "justice_contact"):
        return label(f"cases.ui.answer.{value}", lang, value)
    return str(value)


def number(value: float | None, lang: str | None = "id") -> str:
    """A score as people write it: 83, or 55,8 in Indonesian and 55.8 in English."""
    if value is None:
        return "-"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if normalise_language(lang) == "id" else text


# --- the PDF ------------------------------------------------------------------------------------

def case_file_pdf(session: Session, participant_id: int, lang: str = "id", *, mask: bool = False) -> bytes:
    lang = normalise_language(lang)
    case = case_file(session, participant_id, lang)
    person = case.participant
    pdf = PulihPDF(f"{t('cases.ui.pdf.title', lang)} – {person.full_name}", lang=lang)
    pdf.footer_text = t("cases.ui.pdf.footer", lang, name=person.full_name, date=format_date(dt.date.today(), lang))
    pdf.add_page()
    pdf.title_block(t("cases.ui.pdf.title", lang), person.full_name)
    _section(pdf, t("cases.ui.pdf.profile", lang))
    data = profile(person, mask=mask)
    pdf.key_values([(t(f"cases.field.{n}", lang), value_text(n, data[n], lang)) for n in PROFILE_FIELDS])
    for item in case.enrollments:
        _enrollment(pdf, item, lang, mask)
    _section(pdf, t("cases.ui.pdf.equipment", lang))
    rows = [(h.receipt_number, format_date(h.date, lang), kit,
             label(f"equipment.condition.{h.condition}", lang, h.condition)) for h, kit in case.handovers]
    _table(pdf, lang, ("receipt", "date", "kit", "condition"), rows, (40, 36, 66, 32))
    _section(pdf, t("cases.ui.pdf.timeline", lang))
    _table(pdf, lang, ("date", "event"), [(format_date(e.at.date(), lang), e.title) for e in case.timeline], (38, 136))
    return pdf_bytes(pdf)


def _section(pdf: PulihPDF, title: str) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 30:
        pdf.add_page()
    pdf.ln(1)
    pdf.set_font(pdf.family, "B", 11.5)
    pdf.multi_cell(0, 6, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, size=10)
    pdf.ln(1)


def _table(pdf: PulihPDF, lang: str, columns: tuple[str, ...], rows: list, widths: tuple[float, ...]) -> None:
    if not rows:
        pdf.paragraph(t("cases.ui.pdf.none", lang), size=9)
        pdf.ln(2)
        return
    pdf.data_table([t(f"cases.ui.pdf.col.{c}", lang) for c in columns], rows, col_widths=widths)


def _enrollment(pdf: PulihPDF, item: EnrollmentFile, lang: str, mask: bool) -> None:
    e, cohort = item.enrollment, item.cohort
    _section(pdf, t("cases.ui.pdf.enrollment", lang, code=cohort.code, name=cohort.name))
    rate, ready = item.rate, item.readiness
    rows = [(t("cases.field.program", lang), item.program.name),
            (t("cases.ui.pdf.status", lang), t(f"cases.status.{e.status}", lang)),
            (t("cases.ui.pdf.enrolled_on", lang), format_date(e.enrolled_on, lang)),
            (t("cases.ui.pdf.attendance", lang), t("cases.ui.pdf.attendance_summary", lang, pct=number(rate.pct, lang),
                                                  present=rate.present, held=rate.held, excused=rate.excused,
                                                  absent=rate.absent))]
    if e.graduated_on:
        rows.append((t("cases.field.graduated_on", lang), format_date(e.graduated_on, lang)))
    if e.graduation_override_reason:
        rows.append((t("cases.ui.pdf.override_reason", lang), e.graduation_override_reason))
    if e.dropped_on:
        rows.append((t("cases.field.dropped_on", lang), format_date(e.dropped_on, lang)))
        rows.append((t("cases.field.dropout_reason", lang), e.dropout_reason or "-"))
    if ready is not None:
        verdict = t("cases.ui.pdf.ready", lang) if ready.ready else " ".join(m.message(lang) for m in ready.missing)
        rows.append((t("cases.ui.pdf.readiness", lang), verdict))
    pdf.key_values(rows, label_width=44)
    score_rows = [(label(f"cases.ui.module.{m}", lang, m),
                   *(number(item.scores[m][tm][p], lang) for tm in TIMINGS for p in PARTS)) for m in MODULES]
    score_rows.append((t("cases.ui.pdf.total", lang), number(item.totals["pre"], lang), "",
                       number(item.totals["post"], lang), ""))
    score_rows.append((t("cases.ui.pdf.self_esteem", lang), number(item.self_esteem["pre"], lang), "",
                       number(item.self_esteem["post"], lang), ""))
    _table(pdf, lang, ("module", "pre_theory", "pre_practice", "post_theory", "post_practice"), score_rows,
           (54, 30, 30, 30, 30))
    followups = [(t("cases.ui.pdf.months", lang, months=f.months_after), format_date(f.due_date, lang),
                  t(f"cases.followup_status.{f.status}", lang), _followup_text(answers, lang, mask))
                 for f, answers in item.followups]
    if followups:
        _table(pdf, lang, ("followup", "due", "followup_status", "answers"), followups, (26, 36, 22, 90))


def _followup_text(answers: dict, lang: str, mask: bool) -> str:
    parts = []
    for name in FOLLOWUP_ANSWERS:
        if name in answers and answers[name] not in (None, ""):
            shown = MASK if mask and name == "justice_contact" else value_text(name, answers[name], lang)
            parts.append(f"{t(f'cases.ui.followup.{name}', lang)}: {shown}")
    return "; ".join(parts) or "-"

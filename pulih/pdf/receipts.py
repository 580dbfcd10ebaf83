"""Handover receipts (berita acara serah terima) as PDF: one handover, or all of a cohort's.

The receipt shows what was handed over at the time (the handover's own movements, at the unit
cost they left stock at); later returns are not printed on it. The officer who recorded the
handover signs as the giver, the participant as the receiver. An optional office name is read
from the ``app_settings`` row ``office_name`` and printed above the title.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.i18n import CATALOGUE, normalise_language, t
from pulih.masking import mask_nik
from pulih.models import AppSetting, Cohort, Enrollment, Handover, Item, Kit, Participant, Program, StockMovement, User
from pulih.money import format_rupiah
from pulih.pdf.base import PulihPDF, format_date, pdf_bytes
from pulih.services.equipment_handovers import get_handover

COL_WIDTHS = (9, 52, 20, 35, 29, 29)
COL_ALIGN = ("CENTER", "LEFT", "CENTER", "LEFT", "RIGHT", "RIGHT")


def _condition_label(condition: str, lang: str) -> str:
    key = f"equipment.condition.{condition}"
    return t(key, lang) if key in CATALOGUE else condition


def _receipt_data(session: Session, handover: Handover) -> dict:
    participant = session.get(Participant, handover.participant_id)
    cohort = program = None
    if handover.enrollment_id is not None:
        enrollment = session.get(Enrollment, handover.enrollment_id)
        cohort = session.get(Cohort, enrollment.cohort_id)
        program = session.get(Program, cohort.program_id)
    kit = session.get(Kit, handover.kit_id) if handover.kit_id else None
    officer = session.get(User, handover.created_by_id) if handover.created_by_id else None
    lines = session.execute(
        select(Item.name, Item.unit, StockMovement.quantity, StockMovement.unit_cost, StockMovement.serial_numbers)
        .join(Item, Item.id == StockMovement.item_id)
        .where(StockMovement.handover_id == handover.id, StockMovement.kind == "handover")
        .order_by(Item.name)
    ).all()
    return dict(handover=handover, participant=participant, cohort=cohort, program=program, kit=kit,
                officer=officer, lines=lines)


def _render(pdf: PulihPDF, data: dict, lang: str, office: str, masked: bool) -> None:
    handover, participant = data["handover"], data["participant"]
    pdf.footer_text = f"{t('equipment.receipt.title', lang).title()} {handover.receipt_number}"
    pdf.add_page()
    if office:
        pdf.paragraph(office, size=9, bold=True)
    pdf.title_block(t("equipment.receipt.title", lang), t("equipment.receipt.number", lang,
                                                           number=handover.receipt_number))
    pdf.paragraph(t("equipment.receipt.intro", lang, date=format_date(handover.date, lang)))
    pdf.ln(2)
    cohort, program, kit = data["cohort"], data["program"], data["kit"]
    pdf.key_values([
        (t("equipment.receipt.program", lang), program.name if program else "-"),
        (t("equipment.receipt.cohort", lang), f"{cohort.name} ({cohort.code})" if cohort else "-"),
        (t("equipment.receipt.participant", lang), participant.full_name),
        (t("equipment.receipt.nik", lang), mask_nik(participant.nik) if masked else participant.nik),
        (t("equipment.receipt.date", lang), format_date(handover.date, lang)),
        (t("equipment.receipt.kit", lang), kit.name if kit else "-"),
    ])
    rows, total = [], Decimal("0")
    for number, line in enumerate(data["lines"], start=1):
        units = -line.quantity
        value = line.unit_cost * units
        total += value
        rows.append((str(number), line.name, f"{units} {line.unit}", line.serial_numbers or "-",
                     format_rupiah(line.unit_cost), format_rupiah(value)))
    headers = [t(f"equipment.receipt.col_{c}", lang)
               for c in ("no", "item", "quantity", "serials", "unit_value", "total")]
    pdf.data_table(headers, rows, col_widths=COL_WIDTHS, align=COL_ALIGN,
                   footer=("", t("equipment.receipt.total", lang), "", "", "", format_rupiah(total)))
    condition = _condition_label(handover.condition, lang)
    pdf.paragraph(t("equipment.receipt.statement", lang, condition=condition))
    if handover.notes:
        pdf.paragraph(f"{t('equipment.receipt.notes', lang)}: {handover.notes}", size=9)
    officer = data["officer"]
    pdf.ln(4)
    pdf.signature_blocks([
        (t("equipment.receipt.giver", lang), officer.name if officer else "", t("equipment.receipt.officer", lang)),
        (t("equipment.receipt.receiver", lang), participant.full_name, t("equipment.receipt.participant", lang)),
    ])


def _office_name(session: Session) -> str:
    setting = session.get(AppSetting, "office_name")
    return setting.value.strip() if setting and setting.value else ""


def handover_receipt_pdf(session: Session, handover_id: int, lang: str = "id", *, mask: bool = False) -> bytes:
    """The receipt of one handover, in Indonesian (``lang="id"``) or English; ``mask`` hides the
    NIK as pulih.masking does (demo exports, viewers)."""
    lang = normalise_language(lang)
    handover = get_handover(session, handover_id)
    pdf = PulihPDF(f"{t('equipment.receipt.title', lang)} {handover.receipt_number}", lang=lang)
    _render(pdf, _receipt_data(session, handover), lang, _office_name(session), mask)
    return pdf_bytes(pdf)


def cohort_receipts_pdf(session: Session, cohort_id: int, lang: str = "id", *, mask: bool = False) -> bytes:
    """All receipts of a cohort's participants in one PDF, one receipt per page, by receipt number."""
    lang = normalise_language(lang)
    cohort = session.get(Cohort, cohort_id)
    pdf = PulihPDF(f"{t('equipment.receipt.title', lang)} {cohort.code if cohort else ''}", lang=lang)
    handovers = session.scalars(
        select(Handover).join(Enrollment, Enrollment.id == Handover.enrollment_id)
        .where(Enrollment.cohort_id == cohort_id).order_by(Handover.receipt_number)
    ).all()
    office = _office_name(session)
    for handover in handovers:
        _render(pdf, _receipt_data(session, handover), lang, office, mask)
    if not handovers:
        pdf.add_page()
        pdf.title_block(t("equipment.receipt.title", lang), f"{cohort.name} ({cohort.code})" if cohort else "")
        pdf.paragraph(t("equipment.receipt.none", lang))
    return pdf_bytes(pdf)

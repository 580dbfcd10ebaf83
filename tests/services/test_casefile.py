"""The participant's case file: what ``case_file`` gathers and what the PDF says, in both
languages, masked and not."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from pulih.database import make_engine, read_session
from pulih.masking import mask_nik
from pulih.models import Enrollment, Handover, Participant
from pulih.pdf.casefile import case_file, case_file_pdf
from pulih.services.programs import CaseError


@pytest.fixture
def demo(demo_db):  # noqa: ANN001
    engine = make_engine(demo_db)
    yield engine
    engine.dispose()


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def graduate_with_kit(session) -> tuple[Participant, Enrollment, Handover]:  # noqa: ANN001
    handover = session.scalars(select(Handover).order_by(Handover.id)).first()
    return session.get(Participant, handover.participant_id), session.get(Enrollment, handover.enrollment_id), handover


def test_case_file_gathers_everything__ok(demo):
    with read_session(demo) as s:
        person, enrollment, handover = graduate_with_kit(s)
        case = case_file(s, person.id, "id")
    assert case.participant.id == person.id
    [item] = case.enrollments
    assert item.enrollment.status == "graduated" and item.cohort.id == enrollment.cohort_id
    assert item.rate.held == 15 and item.rate.pct is not None
    assert item.totals["pre"] is not None and item.totals["post"] is not None
    assert item.scores["engine"]["post"]["practice"] is not None
    assert 10 <= item.self_esteem["post"] <= 40
    assert [f.months_after for f, _ in item.followups] == [3, 6]
    assert [h.receipt_number for h, _ in case.handovers] == [handover.receipt_number]
    kinds = {e.kind for e in case.timeline}
    assert {"registered", "submission", "attendance", "handover", "followup"} <= kinds


def test_case_file_pdf_holds_name_cohort_scores_and_receipt__ok(demo):
    with read_session(demo) as s:
        person, enrollment, handover = graduate_with_kit(s)
        case = case_file(s, person.id, "id")
        text = pdf_text(case_file_pdf(s, person.id, "id"))
    item = case.enrollments[0]
    assert "BERKAS KASUS PESERTA" in text
    assert person.full_name in text
    assert item.cohort.code in text and item.cohort.name.split("(")[0].strip() in text
    assert person.nik in text
    assert handover.receipt_number in text
    post = item.scores["engine"]["post"]
    assert f"Perawatan mesin {item.scores['engine']['pre']['theory']:.0f}" in text
    assert f"{post['theory']:.0f} {post['practice']:.0f}" in text
    assert "Lulus" in text and "Tindak lanjut" in text


def test_case_file_pdf_in_english__ok(demo):
    with read_session(demo) as s:
        person, _, handover = graduate_with_kit(s)
        text = pdf_text(case_file_pdf(s, person.id, "en"))
    assert "PARTICIPANT CASE FILE" in text and "Equipment received" in text
    assert handover.receipt_number in text and "Graduated" in text


def test_masked_case_file_hides_nik_phone_and_justice_fields__ok(demo):
    with read_session(demo) as s:
        person, _, handover = graduate_with_kit(s)
        text = pdf_text(case_file_pdf(s, person.id, "id", mask=True))
    assert person.full_name in text and handover.receipt_number in text
    assert person.nik not in text
    assert mask_nik(person.nik) in text
    assert person.phone not in text and person.case_number not in text and person.offence not in text


def test_case_file_of_a_participant_without_enrollment__ok(demo):
    from pulih.database import write_session
    from pulih.services.participants import register_participant

    with write_session(demo) as s:
        person = register_participant(s, "staff", {"nik": "3603014506900001", "full_name": "Nur Baru", "sex": "F",
                                                   "birth_date": "1990-06-05"}, consent=True, role="staff")
    with read_session(demo) as s:
        text = pdf_text(case_file_pdf(s, person.id, "en"))
    assert "Nur Baru" in text and "None." in text


def test_case_file_of_an_unknown_participant__error(demo):
    with read_session(demo) as s, pytest.raises(CaseError) as caught:
        case_file_pdf(s, 99999, "id")
    assert "99999" in caught.value.message("id")

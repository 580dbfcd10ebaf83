"""Handover receipt PDFs (berita acara serah terima): the text, extracted with pypdf, names the
participant, the items and the receipt number; a cohort's receipts come in one PDF."""

import io

import pytest
from pypdf import PdfReader

from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.masking import mask_nik
from pulih.models import AppSetting, Participant
from pulih.pdf import base
from pulih.pdf.receipts import cohort_receipts_pdf, handover_receipt_pdf
from pulih.services import equipment as eq
from tests.services.ledger_helpers import DAY, make_world


def pdf_text(data: bytes) -> tuple[int, str]:
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def handed(engine):
    world = make_world(engine, people=3, stock={"TB": 3, "SP": 6, "MM": 1})
    with write_session(engine) as s:
        s.add(AppSetting(key="office_name", value="Dinas Sosial Provinsi Banten"))
        s.get(Participant, world.participant_ids[0]).full_name = "Siti Nur’aini Ṣalihah"
        first = eq.hand_over(s, "staff1", participant_id=world.participant_ids[0], kit_id=world.kit_id, date=DAY,
                             items=[(world.items["MM"], 1)], serial_numbers={world.items["MM"]: "MM-2025-001"},
                             notes="Modal usaha bengkel")
        second = eq.hand_over(s, "staff1", participant_id=world.participant_ids[1], kit_id=world.kit_id, date=DAY)
    return world, first.id, second.id


def test_handover_receipt_indonesian__ok(engine, handed):
    world, first, _ = handed
    with read_session(engine) as s:
        pages, text = pdf_text(handover_receipt_pdf(s, first))
        nik = s.get(Participant, world.participant_ids[0]).nik
    text = squash(text)
    assert pages == 1
    for expected in ("BERITA ACARA SERAH TERIMA BARANG", "BAST/2025/0001", "Siti Nur’aini Ṣalihah", nik,
                     "Kotak perkakas", "Kunci pas set", "Multimeter digital", "MM-2025-001", "2 set",
                     "Rp 350.000", "Rp 250.000", "Rp 275.000,50", "Rp 875.000,50", "28 Mei 2025",
                     "Pelatihan Mekanik Sepeda Motor", "Angkatan MTR-2025-1", "Yang menyerahkan", "Yang menerima",
                     "Staff1", "Dinas Sosial Provinsi Banten", "kondisi: baru", "Modal usaha bengkel"):
        assert expected in text, expected


def test_handover_receipt_english_and_masked__ok(engine, handed):
    world, first, _ = handed
    with read_session(engine) as s:
        _, text = pdf_text(handover_receipt_pdf(s, first, "en", mask=True))
        nik = s.get(Participant, world.participant_ids[0]).nik
    text = squash(text)
    assert "HANDOVER RECEIPT" in text and "Number: BAST/2025/0001" in text and "28 May 2025" in text
    assert "Received by" in text and "condition: new" in text
    assert nik not in text and mask_nik(nik) in text


def test_cohort_receipts_in_one_pdf__ok(engine, handed):
    world, _, _ = handed
    with read_session(engine) as s:
        pages, text = pdf_text(cohort_receipts_pdf(s, world.cohort_id, "id"))
    assert pages == 2
    assert "BAST/2025/0001" in text and "BAST/2025/0002" in text
    assert "Siti Nur’aini" in text and "Budi Santoso" in text


def test_cohort_without_handovers__ok(engine):
    world = make_world(engine, people=1)
    with read_session(engine) as s:
        pages, text = pdf_text(cohort_receipts_pdf(s, world.cohort_id, "en"))
    assert pages == 1 and "No handovers for this cohort yet" in squash(text)


def test_unknown_handover__error(engine):
    make_world(engine, people=1)
    with read_session(engine) as s, pytest.raises(Translatable) as err:
        handover_receipt_pdf(s, 404)
    assert err.value.key == "equipment.handover_not_found"


def test_without_unicode_font_falls_back_to_helvetica__ok(engine, handed, monkeypatch):
    world, first, _ = handed
    monkeypatch.setattr(base, "unicode_font_files", lambda: None)
    with read_session(engine) as s:
        _, text = pdf_text(handover_receipt_pdf(s, first))
    text = squash(text)
    assert "BAST/2025/0001" in text and "Siti Nur'aini Salihah" in text and "Kotak perkakas" in text


def test_dejavu_font_is_installed__ok():
    """CI installs fonts-dejavu-core; without it receipts still work but lose non-Latin-1 letters."""
    assert base.unicode_font_files() is not None, "apt-get install fonts-dejavu-core"

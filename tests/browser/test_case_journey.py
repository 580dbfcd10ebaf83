"""Issue 4 journeys in a real browser, at a phone's width where staff work in the workshop:
attendance of one session and a participant's case file; then (with the fill page) an intake
that warns of a duplicate, an enrollment and a follow-up."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from sqlalchemy import select

from pulih.database import make_engine, read_session
from pulih.models import AccessLog, Cohort, Enrollment, FollowUp, Participant
from pulih.nik import make_nik
from pulih.services.attendance import attendance_grid, sessions_without_attendance
from pulih.services.programs import list_sessions
from tests.browser.conftest import ROOT, login, settle
from ui.cases_attendance import default_session

TIMEOUT = 20_000
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def db(app_server):  # noqa: ANN001
    engine = make_engine(app_server.env["DATABASE_URL"])
    yield engine
    engine.dispose()


def running_cohort(session) -> Cohort:  # noqa: ANN001
    today = dt.date.today()
    return session.scalars(select(Cohort).where(Cohort.start_date <= today, Cohort.end_date >= today)).one()


def phone_page(browser, app_server, username: str = "staff"):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    login(page, app_server.url, username)
    expect(page.get_by_role("heading", name="Selamat datang").first).to_be_visible(timeout=TIMEOUT)
    return context, page


def pdf_text(path: str) -> str:
    reader = PdfReader(io.BytesIO(open(path, "rb").read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def type_date(field, day: dt.date) -> None:  # noqa: ANN001
    """Streamlit's date field is a group of day / month / year spin buttons."""
    for part, text in (("day", f"{day.day:02d}"), ("month", f"{day.month:02d}"), ("year", str(day.year))):
        field.get_by_role("spinbutton", name=re.compile(f"^{part},")).click()
        field.page.keyboard.type(text)
    field.page.keyboard.press("Enter")


def test_staff_takes_attendance_and_opens_a_case_file__ok(browser, app_server, db):
    today = dt.date.today()
    with read_session(db) as s:
        cohort = running_cohort(s)
        held = [x for x in list_sessions(s, cohort.id) if x.date <= today]
        session_id = default_session(held, sessions_without_attendance(s, today), None, today)
        first, *others = attendance_grid(s, session_id)
    context, page = phone_page(browser, app_server)
    page.goto(f"{app_server.url}/attendance")
    expect(page.get_by_role("heading", name="Kehadiran")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Tandai semua hadir").click()
    marked = "{0} dari {0} peserta sudah ditandai".format(len(others) + 1)
    expect(page.get_by_text(marked)).to_be_visible(
        timeout=TIMEOUT)
    row = page.locator(f".st-key-att_row_{first.enrollment_id}")
    expect(row).to_contain_text(first.full_name)
    row.get_by_role("radio", name="Absen", exact=True).click()
    expect(row.get_by_role("radio", name="Absen", exact=True)).to_be_checked(timeout=TIMEOUT)
    page.get_by_role("button", name="Simpan kehadiran").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Kehadiran tersimpan", timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    with read_session(db) as s:
        saved = {r.enrollment_id: r.status for r in attendance_grid(s, session_id)}
    assert saved[first.enrollment_id] == "absent"
    assert all(saved[r.enrollment_id] == "present" for r in others if r.enrollment_status != "dropped_out")

    page.goto(f"{app_server.url}/participants")
    page.get_by_label("Cari nama atau NIK").fill(first.full_name)
    page.get_by_label("Cari nama atau NIK").press("Enter")
    expect(page.get_by_text(re.compile(r"^[12] peserta · halaman 1 dari 1$"))).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{app_server.url}/participants?participant={first.participant_id}")
    expect(page.get_by_role("heading", name=first.full_name)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").filter(has_text="Kehadiran")).to_be_visible()
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="Berkas kasus (PDF)").click()
    text = pdf_text(download.value.path())
    assert "BERKAS KASUS PESERTA" in text and first.full_name in text and cohort.code in text
    assert "Tidak hadir" in text  # the session just recorded, on the timeline
    with read_session(db) as s:
        pages = s.scalars(select(AccessLog.page).where(AccessLog.username == "staff",
                                                        AccessLog.entity_id == str(first.participant_id))).all()
    assert sorted(pages) == ["casefile", "participants"]  # opening and printing are both logged
    context.close()


@pytest.mark.skipif(not (ROOT / "pages" / "fill.py").exists(), reason="the fill page (pages/fill.py) is not built yet")
def test_staff_intake_with_duplicate_warning_enrollment_and_followup__ok(browser, app_server, db):
    with read_session(db) as s:
        existing = s.scalars(select(Participant).order_by(Participant.full_name)).first()
        cohort = running_cohort(s)
    context, page = phone_page(browser, app_server)

    # Intake: a known NIK shows the existing participant before anything is saved.
    page.goto(f"{app_server.url}/participants")
    page.get_by_role("button", name="Daftarkan peserta").click()
    expect(page).to_have_url(re.compile(r"/fill\?.*form=intake"), timeout=TIMEOUT)
    settle(page)
    page.get_by_text("Peserta telah mendengar penjelasan di atas dan setuju ikut serta").click()
    nik = page.get_by_label(re.compile(r"^NIK"))
    nik.fill(existing.nik)
    nik.press("Enter")
    expect(page.get_by_text(existing.full_name).first).to_be_visible(timeout=TIMEOUT)
    birth = dt.date(1994, 3, 12)
    new_nik = make_nik(36, 3, 7, birth, "M", 4321)
    nik.fill(new_nik)
    nik.press("Enter")
    name = page.get_by_label(re.compile(r"^Nama lengkap"))
    name.fill("Bagas Prakoso")
    name.press("Enter")
    page.get_by_text("Laki-laki", exact=True).click()
    type_date(page.get_by_label(re.compile(r"^Tanggal lahir")), birth)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible(timeout=TIMEOUT)
    with read_session(db) as s:
        person = s.scalars(select(Participant).where(Participant.nik == new_nik)).one()
    assert (person.full_name, person.birth_date, person.sex) == ("Bagas Prakoso", birth, "M")

    # Enrollment from the participant's page, within the cohort's capacity.
    page.goto(f"{app_server.url}/participants?participant={person.id}")
    expect(page.get_by_role("heading", name="Bagas Prakoso")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    page.get_by_text("Daftarkan ke angkatan").click()
    settle(page)
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("1 peserta didaftarkan", timeout=2 * TIMEOUT)
    with read_session(db) as s:
        enrolled = s.scalars(select(Enrollment.cohort_id).where(Enrollment.participant_id == person.id)).all()
    assert enrolled == [cohort.id]

    # A follow-up that is overdue, filled from the follow-ups list.
    with read_session(db) as s:
        due = s.scalars(select(FollowUp).where(FollowUp.status == "due", FollowUp.due_date < dt.date.today())
                        .order_by(FollowUp.due_date, FollowUp.id)).first()
    page.goto(f"{app_server.url}/followups")
    expect(page.get_by_role("heading", name="Tindak lanjut")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Isi tindak lanjut").first.click()
    expect(page).to_have_url(re.compile(rf"/fill\?.*followup={due.id}"), timeout=TIMEOUT)
    months = "{} bulan".format(due.months_after)
    page.get_by_text(months, exact=True).click()
    for question, answer in (("sekarang bekerja", "Tidak"), ("membuka bengkel sendiri", "Tidak"),
                             ("masih dipakai", "Sebagian"), ("berurusan dengan hukum", "Tidak")):
        group = page.get_by_role("radiogroup", name=re.compile(question))
        group.get_by_text(answer, exact=True).click()
        page.wait_for_timeout(300)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible(timeout=TIMEOUT)
    with read_session(db) as s:
        assert s.get(FollowUp, due.id).status == "done"
    context.close()

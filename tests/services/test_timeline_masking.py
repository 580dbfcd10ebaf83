"""A participant's timeline (SQLite and PostgreSQL) and field masking by role."""

import datetime as dt
import uuid

import pandas as pd
import pytest

from pulih.database import read_session, write_session
from pulih.masking import MASK, MASKED_FIELDS, mask_frame, mask_nik, mask_participant, mask_phone, must_mask
from pulih.models import Cohort, Form, FormVersion, Handover, Kit, Program, Submission, TrainingSession
from pulih.nik import make_nik
from pulih.services import enrollment, participants
from pulih.services.attendance import record_attendance
from pulih.services.programs import CaseError
from pulih.services.timeline import participant_timeline

START = dt.date(2025, 5, 5)
PERSON = {"nik": make_nik(36, 3, 12, dt.date(1990, 5, 7), "M", 1), "full_name": "Djoko Soeprapto", "sex": "M",
          "birth_date": dt.date(1990, 5, 7), "phone": "081234567890", "address": "Jl. Raya Serang 1",
          "case_number": "PDL-12/2023", "offence": "Pencurian", "release_date": dt.date(2024, 11, 2)}


@pytest.fixture
def story(engine):
    """Registered, enrolled, active, two sessions attended, a skills test, a kit handed over, graduated."""
    with write_session(engine) as s:
        program = Program(code="P", name="P", skill="S", target_group="T")
        kit = Kit(code="KIT-MTR", name="Toolkit mekanik")
        s.add_all([program, kit])
        s.flush()
        cohort = Cohort(program_id=program.id, code="C1", name="C1", venue="V", skill="S", capacity=10,
                        start_date=START, end_date=START + dt.timedelta(days=3))
        s.add(cohort)
        s.flush()
        sessions = [TrainingSession(cohort_id=cohort.id, date=START + dt.timedelta(days=n), module="engine",
                                    kind=kind) for n, kind in enumerate(["theory", "practice"])]
        s.add_all(sessions)
        s.flush()
        person = participants.register_participant(s, "staff1", PERSON, consent=True, role="staff")
        e = enrollment.enroll(s, "staff1", person.id, cohort.id, on=START)
        enrollment.activate(s, "staff1", e.id)
        for n, status in enumerate(["present", "excused"]):
            record_attendance(s, "trainer1", sessions[n].id, [{"enrollment_id": e.id, "status": status}])
        form = Form(form_id="skills_test", title="Tes keterampilan", entity="enrollment", status="published")
        s.add(form)
        s.flush()
        version = FormVersion(form_pk=form.id, number=1, definition={}, source_format="yaml", source_filename="x",
                              source=b"")
        s.add(version)
        s.flush()
        s.add(Submission(uuid=str(uuid.uuid4()), form_pk=form.id, form_version_id=version.id, enrollment_id=e.id,
                         data={"test_type": "post", "total_score": 80}, created_at=dt.datetime(2025, 5, 7, 10)))
        s.add(Handover(receipt_number="BAST/2025/001", date=START + dt.timedelta(days=3), participant_id=person.id,
                       enrollment_id=e.id, kit_id=kit.id))
        enrollment.graduate(s, "manager1", e.id, on=START + dt.timedelta(days=3), override_reason="test")
        return person.id


def test_timeline_has_everything_in_date_order__ok(engine, story):
    with read_session(engine) as s:
        events = participant_timeline(s, story, lang="en")
    kinds = [e.kind for e in events]
    # enrolled (on its date), two sessions, the test, handover and graduation (on their dates), follow-ups ahead;
    # registration and activation happened "now" (this test back-dates the training)
    assert kinds[:4] == ["status", "attendance", "attendance", "submission"]
    assert events[0].at == dt.datetime(2025, 5, 5) and events[0].details["by"] == "staff1"
    assert kinds.count("status") == 3 and kinds.count("followup") == 2 and "registered" in kinds
    assert [e.at for e in events] == sorted(e.at for e in events)
    titles = [e.title for e in events]
    assert "engine (theory): Present" in titles and "engine (practice): Excused" in titles
    assert "Tes keterampilan" in titles
    assert "Handover of Toolkit mekanik, receipt BAST/2025/001" in titles
    assert "3-month follow-up due" in titles and "6-month follow-up due" in titles
    graduated = next(e for e in events if e.title == "Cohort C1: Graduated")
    assert graduated.at == dt.datetime(2025, 5, 8) and graduated.details["by"] == "manager1"


def test_timeline_in_indonesian__ok(engine, story):
    with read_session(engine) as s:
        titles = [e.title for e in participant_timeline(s, story, lang="id")]
    assert "engine (teori): Hadir" in titles and "Angkatan C1: Lulus" in titles


def test_timeline_unknown_participant__error(engine):
    with read_session(engine) as s, pytest.raises(CaseError) as caught:
        participant_timeline(s, 4040)
    assert caught.value.key == "cases.not_found"


def test_timeline_of_someone_new__ok(engine):
    with write_session(engine) as s:
        pid = participants.register_participant(s, "staff1", PERSON, consent=True, role="staff").id
    with read_session(engine) as s:
        assert [e.kind for e in participant_timeline(s, pid)] == ["registered"]


# --- masking (pure) ------------------------------------------------------------------------------

def test_masked_fields_list__ok():
    assert set(MASKED_FIELDS) == {"nik", "phone", "address", "case_number", "offence", "release_date"}


def test_mask_values__ok():
    assert mask_nik("3603120705900001") == "3603••••••••0001"
    assert mask_nik("") == "" and mask_nik("12") == MASK
    assert mask_phone("0812-3456-7890") == "••••••90" and mask_phone("") == ""


@pytest.mark.parametrize(("role", "masked"), [("viewer", True), ("staff", False), ("manager", False), ("admin", False),
                                              (None, True), ("hacker", True)])
def test_roles__ok(role, masked):
    assert must_mask(role) is masked
    assert must_mask(role, demo_export=True)


def test_mask_participant_for_viewer__ok():
    row = {"id": 7, "full_name": "Djoko", "nik": "3603120705900001", "phone": "081234567890", "address": "Jl. Raya 1",
           "case_number": "", "offence": "Pencurian", "release_date": dt.date(2024, 11, 2), "district": "Cikupa",
           "extra": {"phone": "0899", "hobby": "futsal"}}
    masked = mask_participant(row, "viewer")
    assert masked == {"id": 7, "full_name": "Djoko", "nik": "3603••••••••0001", "phone": "••••••90",
                      "address": MASK, "case_number": MASK, "offence": MASK, "release_date": MASK, "district": "Cikupa",
                      "extra": {"phone": MASK, "hobby": "futsal"}}
    assert mask_participant(row, "staff") == row and mask_participant(row, "staff") is not row
    assert mask_participant(row, "manager", demo_export=True)["nik"] == "3603••••••••0001"
    assert row["nik"] == "3603120705900001"  # the input is left alone


def test_mask_frame__ok():
    frame = pd.DataFrame({"full_name": ["A", "B"], "nik": ["3603120705900001", "3603124705900002"],
                          "offence": ["Pencurian", None]})
    masked = mask_frame(frame, "viewer")
    assert masked["nik"].tolist() == ["3603••••••••0001", "3603••••••••0002"]
    assert masked["offence"].tolist() == [MASK, MASK] and masked["full_name"].tolist() == ["A", "B"]
    assert frame["nik"][0] == "3603120705900001"
    assert mask_frame(frame, "admin").equals(frame)

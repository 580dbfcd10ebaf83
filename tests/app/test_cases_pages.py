"""The case-management screens through the real app.py (AppTest): programs, participants,
attendance and follow-ups, for every role, and what they do to the demo database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from pulih.database import make_engine, read_session, write_session
from pulih.pdf.base import format_date
from pulih.models import AccessLog, Cohort, Enrollment, FollowUp, Participant, Program, TrainingSession
from pulih.permissions import can_open
from pulih.services import programs as program_service
from pulih.services.attendance import attendance_grid
from pulih.services.participants import search_participants
from tests.app.conftest import login, open_page

CASE_PAGES = ("participants", "attendance", "followups", "programs")
TODAY = dt.date.today()


@pytest.fixture
def db(app_env):  # noqa: ANN001
    """An engine on the test's own copy of the demo database (the one the app runs on)."""
    engine = make_engine(app_env)
    yield engine
    engine.dispose()


def running_cohort(db) -> Cohort:  # noqa: ANN001
    with read_session(db) as s:
        return s.scalars(select(Cohort).where(Cohort.start_date <= TODAY, Cohort.end_date >= TODAY)).one()


def count(db, model, *where) -> int:  # noqa: ANN001
    with read_session(db) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def open_participant_page(username: str, participant_id: int) -> AppTest:
    at = login(username)
    at.query_params["participant"] = str(participant_id)
    at.switch_page("pages/participants.py").run()
    return at


def texts(elements) -> str:  # noqa: ANN001
    return " ".join(e.value for e in elements)


# --- every page, every role ---------------------------------------------------------------------

@pytest.mark.parametrize("role", ["admin", "manager", "staff", "viewer"])
@pytest.mark.parametrize("page", CASE_PAGES)
def test_case_pages_per_role(role, page):
    at = open_page(role, page)
    assert not at.exception, at.exception
    if can_open(role, page):
        assert not at.error, texts(at.error)
        assert at.title and at.title[0].value
    else:
        assert "tidak diizinkan" in texts(at.error)
        assert not at.dataframe and not at.metric and not at.selectbox and not at.text_input
        assert {b.key for b in at.button} <= {"sidebar_logout"}


def test_participant_view_for_forbidden_role_shows_only_the_guard__error(db):
    at = open_participant_page("viewer", 1)
    assert "tidak diizinkan" in texts(at.error)
    assert not at.dataframe and not at.metric
    assert count(db, AccessLog, AccessLog.entity == "participants") == 0


# --- participants -------------------------------------------------------------------------------

def registry_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "peserta ·" in c.value)


def test_registry_lists_everyone_on_pages__ok(db):
    at = open_page("staff", "participants")
    assert registry_caption(at) == "34 peserta · halaman 1 dari 4"
    assert len(at.dataframe[0].value) == 10
    first_names = list(at.dataframe[0].value["Nama lengkap"])
    at.session_state["reg_page"] = 4
    at.run()
    assert registry_caption(at) == "34 peserta · halaman 4 dari 4"
    assert len(at.dataframe[0].value) == 4
    assert not set(first_names) & set(at.dataframe[0].value["Nama lengkap"])


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("reg_q", "ahmad", 1),  # part of a name
    ("reg_q", "3603", 5),  # a NIK prefix
    ("reg_district", "Cipondoh", 5),
    ("reg_status", "dropped_out", 2),
])
def test_search_and_filters_narrow_the_registry__ok(db, field, value, expected):
    at = open_page("staff", "participants")
    at.session_state["reg_page"] = 2
    at.run()
    widget = at.text_input(key=field) if field == "reg_q" else at.selectbox(key=field)
    widget.set_value(value).run()
    with read_session(db) as s:
        kwargs = {"q": value} if field == "reg_q" else {field.removeprefix("reg_"): value}
        assert search_participants(s, **kwargs).total == expected
    assert registry_caption(at) == f"{expected} peserta · halaman 1 dari 1"  # back to page 1
    assert len(at.dataframe[0].value) == expected


def test_cohort_filter_and_full_nik_for_staff__ok(db):
    at = open_page("staff", "participants")
    with read_session(db) as s:
        first = s.scalars(select(Cohort).order_by(Cohort.start_date)).first()
        nik = s.scalars(select(Participant.nik).order_by(Participant.full_name)).first()
    assert nik in list(at.dataframe[0].value["NIK"])  # staff see the NIK in full
    at.selectbox(key="reg_cohort").set_value(first.id).run()
    assert registry_caption(at).startswith("12 peserta")


def test_register_button_goes_to_the_intake_form__ok():
    at = open_page("staff", "participants")
    assert at.button(key="register").label == "Daftarkan peserta"


def test_opening_a_participant_writes_the_access_log_once__ok(db):
    with read_session(db) as s:
        person = s.scalars(select(Participant).join(Enrollment).where(Enrollment.status == "graduated")).first()
    at = open_participant_page("staff", person.id)
    assert not at.exception and not at.error
    assert at.title[0].value == person.full_name
    assert count(db, AccessLog, AccessLog.entity == "participants", AccessLog.entity_id == str(person.id)) == 1
    at.run()
    assert count(db, AccessLog, AccessLog.entity == "participants", AccessLog.entity_id == str(person.id)) == 1
    labels = {m.label for m in at.metric}
    assert {"Kehadiran", "Nilai tes (pre → post)", "Harga diri (pre → post)"} <= labels
    assert at.download_button(key="case_file_pdf")
    at.button(key="back_to_registry").click().run()
    assert at.title[0].value == "Peserta" and "participant" not in at.query_params


def test_unknown_participant_shows_a_message__error():
    at = open_participant_page("staff", 99999)
    assert not at.exception
    assert "tidak ditemukan" in texts(at.error)


def active_enrollment(db) -> Enrollment:  # noqa: ANN001
    with read_session(db) as s:
        return s.scalars(select(Enrollment).join(Cohort).where(
            Enrollment.status == "active", Cohort.start_date <= TODAY).order_by(Enrollment.id)).first()


def test_drop_out_without_reason_is_refused_and_saves_nothing__error(db):
    e = active_enrollment(db)
    at = open_participant_page("staff", e.participant_id)
    at.button(key=f"dropout_go_{e.id}").click().run()
    assert "Alasan keluar wajib diisi" in texts(at.error)
    assert count(db, Enrollment, Enrollment.id == e.id, Enrollment.status == "active") == 1
    at.text_input(key=f"dropout_reason_{e.id}").input("Pindah ke luar kota")
    at.button(key=f"dropout_go_{e.id}").click().run()
    assert not at.error, texts(at.error)
    assert "Status diubah" in texts(at.success)
    with read_session(db) as s:
        saved = s.get(Enrollment, e.id)
        assert (saved.status, saved.dropout_reason, saved.dropped_on) == ("dropped_out", "Pindah ke luar kota", TODAY)


def test_graduating_someone_not_ready_needs_a_reason__error(db):
    e = active_enrollment(db)  # the running cohort has no post-test yet: not ready
    at = open_participant_page("staff", e.participant_id)
    assert "Belum memenuhi kriteria kelulusan" in texts(at.warning)
    at.button(key=f"graduate_go_{e.id}").click().run()
    assert "belum memenuhi kriteria kelulusan" in texts(at.error)
    assert count(db, Enrollment, Enrollment.id == e.id, Enrollment.status == "active") == 1
    assert count(db, FollowUp, FollowUp.enrollment_id == e.id) == 0
    at.text_input(key=f"graduate_reason_{e.id}").input("Lulus uji kompetensi susulan")
    at.button(key=f"graduate_go_{e.id}").click().run()
    assert not at.error, texts(at.error)
    with read_session(db) as s:
        saved = s.get(Enrollment, e.id)
        assert saved.status == "graduated" and saved.graduation_override_reason == "Lulus uji kompetensi susulan"
    assert count(db, FollowUp, FollowUp.enrollment_id == e.id) == 2  # 3 and 6 months


def test_enroll_from_the_participant_page_within_capacity__error(db):
    cohort = running_cohort(db)
    with read_session(db) as s:
        two = s.scalars(select(Participant.id).where(~Participant.enrollments.any(Enrollment.cohort_id == cohort.id))
                        .order_by(Participant.id)).all()[:2]
    at = open_participant_page("staff", two[0])
    assert at.selectbox(key=f"enroll_cohort_{two[0]}").value == cohort.id  # the only cohort not ended
    at.button(key=f"enroll_one_{two[0]}").click().run()
    assert "1 peserta didaftarkan" in texts(at.success)
    with read_session(db) as s:
        new = s.scalars(select(Enrollment).where(Enrollment.participant_id == two[0],
                                                 Enrollment.cohort_id == cohort.id)).one()
    assert new.status == "registered"
    at.button(key=f"activate_{new.id}").click().run()
    assert count(db, Enrollment, Enrollment.id == new.id, Enrollment.status == "active") == 1
    at = open_participant_page("staff", two[1])  # 12 of 12 seats now taken
    at.button(key=f"enroll_one_{two[1]}").click().run()
    assert "sudah penuh" in texts(at.error)
    assert count(db, Enrollment, Enrollment.participant_id == two[1], Enrollment.cohort_id == cohort.id) == 0


def test_participant_view_in_english__ok(db):
    e = active_enrollment(db)
    at = login("staff")
    at.session_state["lang"] = "en"
    at.query_params["participant"] = str(e.participant_id)
    at.switch_page("pages/participants.py").run()
    assert "Does not meet the graduation criteria yet" in texts(at.warning)
    assert at.button(key=f"fill_skills_{e.id}").label == "Fill the skills test"


# --- attendance ---------------------------------------------------------------------------------

def attendance_page(session_id: int) -> AppTest:
    at = login("staff")
    at.query_params["session"] = str(session_id)
    at.switch_page("pages/attendance.py").run()
    return at


def test_attendance_grid_saves_in_one_action_and_corrects__ok(db):
    cohort = running_cohort(db)
    with read_session(db) as s:
        held = [x for x in program_service.list_sessions(s, cohort.id) if x.date < TODAY][-1]
        before = attendance_grid(s, held.id)
    at = attendance_page(held.id)
    assert not at.exception and not at.error, texts(at.error)
    assert at.selectbox(key=f"att_session_{cohort.id}").value == held.id
    first, second = before[0], before[1]
    at.session_state[f"att_{held.id}_{first.enrollment_id}"] = "absent"
    at.session_state[f"att_note_{held.id}_{first.enrollment_id}"] = "Sakit, ada surat dokter"
    at.session_state[f"att_{held.id}_{second.enrollment_id}"] = "excused"
    at.run()
    at.button(key="att_save").click().run()
    assert not at.error, texts(at.error)
    assert "Kehadiran tersimpan" in texts(at.success)
    with read_session(db) as s:
        after = {r.enrollment_id: r for r in attendance_grid(s, held.id)}
    assert (after[first.enrollment_id].status, after[first.enrollment_id].note) == ("absent", "Sakit, ada surat dokter")
    assert after[second.enrollment_id].status == "excused"
    assert all(after[r.enrollment_id].status == r.status for r in before[2:])


def test_mark_all_present_then_save_a_new_session__ok(db):
    cohort = running_cohort(db)
    with write_session(db) as s:
        new = program_service.add_session(s, "admin", cohort.id,
                                          {"date": TODAY, "module": "repair", "kind": "practice"})
    at = attendance_page(new.id)
    assert "belum dicatat" in texts(at.caption)
    grid_size = len([k for k in at.session_state if str(k).startswith(f"att_{new.id}_")])
    assert grid_size == 11
    at.button(key="att_all_present").click().run()
    at.session_state[f"att_{new.id}_{active_enrollment(db).id}"] = "absent"
    at.run()
    at.button(key="att_save").click().run()
    assert "11 baru" in texts(at.success)
    with read_session(db) as s:
        statuses = [r.status for r in attendance_grid(s, new.id) if r.enrollment_status != "dropped_out"]
    assert sorted(statuses) == ["absent"] + ["present"] * 10


def test_only_sessions_that_took_place_are_offered__ok(db):
    cohort = running_cohort(db)
    with read_session(db) as s:
        sessions = program_service.list_sessions(s, cohort.id)
    at = attendance_page(sessions[0].id)
    offered = at.selectbox(key=f"att_session_{cohort.id}").options
    assert len(offered) == len([x for x in sessions if x.date <= TODAY])
    assert offered[0].startswith(format_date(sessions[0].date, "id"))


# --- follow-ups ---------------------------------------------------------------------------------

def test_followups_lists_what_is_due_and_marks_missed__ok(db):
    at = open_page("staff", "followups")
    overdue = [m for m in at.metric if m.label == "Terlambat"][0]
    assert overdue.value == "3"
    with read_session(db) as s:
        first = s.scalars(select(FollowUp).where(FollowUp.status == "due", FollowUp.due_date < TODAY)
                          .order_by(FollowUp.due_date, FollowUp.id)).first()
    assert at.button(key=f"fu_fill_{first.id}")
    at.text_input(key=f"fu_reason_{first.id}").input("Tidak dapat dihubungi")
    at.button(key=f"fu_missed_{first.id}").click().run()
    assert "ditandai terlewat" in texts(at.success)
    assert count(db, FollowUp, FollowUp.id == first.id, FollowUp.status == "missed") == 1
    assert [m for m in at.metric if m.label == "Terlambat"][0].value == "2"


def test_followups_filter_and_english__ok():
    at = open_page("staff", "followups")
    at.pills(key="fu_show").set_value("due_soon").run()
    assert "Tidak ada tindak lanjut yang jatuh tempo" in texts(at.success)
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Follow-ups"
    assert {m.label for m in at.metric} == {"Overdue", "Due today", "Due soon"}


# --- programs and cohorts -----------------------------------------------------------------------

def test_program_create_with_bad_input_shows_the_message__error(db):
    at = open_page("admin", "programs")
    at.selectbox(key="prog_pick").set_value(0).run()
    before = count(db, Program)
    at.text_input(key="prog_new_name").input("Program tanpa kode")
    at.text_input(key="prog_new_months").input("3, 200")
    at.button(key="prog_new_save").click().run()
    message = texts(at.error)
    assert "Kode wajib diisi" in message and "Bulan tindak lanjut" in message
    assert count(db, Program) == before


def test_program_create_with_partners__ok(db):
    at = open_page("manager", "programs")
    at.selectbox(key="prog_pick").set_value(0).run()
    for field, value in {"code": "LAS-2027", "name": "Pelatihan Las 2027", "skill": "Las listrik",
                         "target_group": "Eks warga binaan"}.items():
        at.text_input(key=f"prog_new_{field}").input(value)
    at.session_state["prog_new_partners"] = {
        "edited_rows": {}, "deleted_rows": [],
        "added_rows": [{"name": "Bapas Kelas II Ciangir", "role": "rujukan peserta"}],
    }
    at.button(key="prog_new_save").click().run()
    assert not at.error, texts(at.error)
    assert "Program LAS" in texts(at.success)
    with read_session(db) as s:
        program = s.scalars(select(Program).where(Program.code == "LAS-2027")).one()
        partners = program_service.partners_of(s, program_id=program.id)
    assert at.selectbox(key="prog_pick").value == program.id
    assert [(p.name, role) for p, role in partners] == [("Bapas Kelas II Ciangir", "rujukan peserta")]


def test_program_partner_roles_edit__ok(db):
    at = open_page("admin", "programs")
    program_id = at.selectbox(key="prog_pick").value
    with read_session(db) as s:
        before = program_service.partners_of(s, program_id=program_id)
    key = f"prog_{program_id}_partners"
    at.session_state[key] = {"edited_rows": {0: {"role": "rujukan dan pendampingan"}}, "added_rows": [],
                             "deleted_rows": [1]}
    at.run()
    at.button(key=f"prog_{program_id}_save").click().run()
    assert not at.error, texts(at.error)
    with read_session(db) as s:
        after = program_service.partners_of(s, program_id=program_id)
    assert [(p.name, role) for p, role in after] == [(before[0][0].name, "rujukan dan pendampingan")]
    assert not (at.session_state[key] if key in at.session_state else {}).get("edited_rows")


def programs_on_cohort(db) -> tuple[AppTest, Cohort]:  # noqa: ANN001
    cohort = running_cohort(db)
    at = open_page("admin", "programs")
    at.selectbox(key="prog_pick").set_value(cohort.program_id).run()
    at.selectbox(key=f"cohort_pick_{cohort.program_id}").set_value(cohort.id).run()
    return at, cohort


def test_cohort_create_with_end_before_start_shows_the_message__error(db):
    at, cohort = programs_on_cohort(db)
    at.selectbox(key=f"cohort_pick_{cohort.program_id}").set_value(0).run()
    k = f"cohort_new{cohort.program_id}"
    before = count(db, Cohort)
    at.text_input(key=f"{k}_code").input("BKEWB-X")
    at.text_input(key=f"{k}_name").input("Angkatan percobaan")
    at.text_input(key=f"{k}_venue").input("Serang")
    at.date_input(key=f"{k}_start").set_value(TODAY)
    at.date_input(key=f"{k}_end").set_value(TODAY - dt.timedelta(days=1))
    at.button(key=f"{k}_save").click().run()
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai" in texts(at.error)
    assert count(db, Cohort) == before
    at.date_input(key=f"{k}_end").set_value(TODAY + dt.timedelta(days=30))
    at.button(key=f"{k}_save").click().run()
    assert not at.error, texts(at.error)
    assert count(db, Cohort) == before + 1
    with read_session(db) as s:
        created = s.scalars(select(Cohort).where(Cohort.code == "BKEWB-X")).one()
    assert at.selectbox(key=f"cohort_pick_{cohort.program_id}").value == created.id


def test_session_plan_adds_and_refuses_deleting_a_held_session__ok(db):
    at, cohort = programs_on_cohort(db)
    with read_session(db) as s:
        sessions = program_service.list_sessions(s, cohort.id)
    key = f"plan_{cohort.id}"
    at.session_state[key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"date": (TODAY + dt.timedelta(days=1)).isoformat(), "module": "repair", "kind": "practice",
         "title": "Ujian praktik"}]}
    at.run()
    at.button(key=f"plan_save_{cohort.id}").click().run()
    assert not at.error, texts(at.error)
    assert "Jadwal sesi tersimpan" in texts(at.success)
    assert count(db, TrainingSession, TrainingSession.cohort_id == cohort.id) == len(sessions) + 1
    assert not (at.session_state[key] if key in at.session_state else {}).get("added_rows")  # not added twice
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}  # the first: attendance taken
    at.run()
    at.button(key=f"plan_save_{cohort.id}").click().run()
    assert "sudah memiliki data kehadiran" in texts(at.error)
    assert count(db, TrainingSession, TrainingSession.cohort_id == cohort.id) == len(sessions) + 1


def test_enroll_within_capacity_only__error(db):
    at, cohort = programs_on_cohort(db)
    with read_session(db) as s:
        elsewhere = ~Participant.enrollments.any(Enrollment.cohort_id == cohort.id)
        outside = s.scalars(select(Participant.id).where(elsewhere).order_by(Participant.full_name)).all()[:2]
    taken = count(db, Enrollment, Enrollment.cohort_id == cohort.id)
    at.multiselect(key=f"enroll_pick_{cohort.id}").set_value(outside).run()
    at.button(key=f"enroll_go_{cohort.id}").click().run()
    assert "sudah penuh" in texts(at.error)  # 11 of 12 seats taken: two do not fit
    assert count(db, Enrollment, Enrollment.cohort_id == cohort.id) == taken
    at.multiselect(key=f"enroll_pick_{cohort.id}").set_value(outside[:1]).run()
    at.button(key=f"enroll_go_{cohort.id}").click().run()
    assert "1 peserta didaftarkan" in texts(at.success)
    assert count(db, Enrollment, Enrollment.cohort_id == cohort.id) == taken + 1


# --- the staff home part -----------------------------------------------------------------------

def _staff_home() -> None:
    from ui.auth import UserContext
    from ui.cases_home import staff_today

    staff_today(UserContext("staff", "Dewi Lestari", "staff", "id"))


def test_staff_today_lists_followups_and_open_attendance__ok(db):
    cohort = running_cohort(db)
    with write_session(db) as s:
        new = program_service.add_session(s, "admin", cohort.id, {"date": TODAY, "module": "repair", "kind": "theory"})
    at = AppTest.from_function(_staff_home, default_timeout=60).run()
    assert not at.exception, at.exception
    assert "Tindak lanjut jatuh tempo (3)" in texts(at.markdown)
    assert at.button(key=f"home_att_{new.id}")
    assert any("repair" in x.value for x in at.text)

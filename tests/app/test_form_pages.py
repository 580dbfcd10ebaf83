"""The fill, submissions and form-admin pages through the real app (AppTest), on the demo."""

from __future__ import annotations

import os

from sqlalchemy import func, select

from pulih.database import make_engine, read_session
from pulih.models import Cohort, Enrollment, Participant, Submission
from tests.app.conftest import login

SCORES = ("engine_theory", "engine_practice", "diagnosis_theory", "diagnosis_practice",
          "tools_theory", "tools_practice", "repair_theory", "repair_practice")


def _db():
    return make_engine(os.environ["DATABASE_URL"])


def _count(model) -> int:  # noqa: ANN001
    engine = _db()
    with read_session(engine) as s:
        n = s.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return n


def _running_enrollment() -> Enrollment:
    engine = _db()
    with read_session(engine) as s:
        cohort = s.scalars(select(Cohort).order_by(Cohort.start_date.desc())).first()
        enrollment = s.scalars(select(Enrollment).where(Enrollment.cohort_id == cohort.id, Enrollment.status == "active")).first()
    engine.dispose()
    return enrollment


def _open_fill(username: str, **params: str):  # noqa: ANN202
    at = login(username)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/fill.py").run()
    assert not at.exception, at.exception
    return at


def _number(at, label_start: str):  # noqa: ANN001, ANN202
    return next(w for w in at.number_input if w.label.startswith(label_start))


def test_fill_skills_test_saves_with_calculation__ok():
    enrollment = _running_enrollment()
    before = _count(Submission)
    at = _open_fill("staff", form="skills_test", enrollment=str(enrollment.id))
    at.radio[0].set_value("post").run()
    for widget in list(at.number_input):
        widget.set_value(80).run()
    at.button(key="fill_submit").click().run()
    assert not at.exception
    assert any("Tersimpan sebagai isian" in s.value for s in at.success)
    engine = _db()
    with read_session(engine) as s:
        sub = s.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert sub.enrollment_id == enrollment.id and sub.data["test_type"] == "post"
        assert float(sub.data["total_score"]) == 80
    engine.dispose()
    assert _count(Submission) == before + 1


def test_fill_out_of_range_score_shows_message_and_saves_nothing__error():
    enrollment = _running_enrollment()
    before = _count(Submission)
    at = _open_fill("staff", form="skills_test", enrollment=str(enrollment.id))
    at.radio[0].set_value("pre").run()
    at.number_input[0].set_value(150).run()
    assert any("antara 0 dan 100" in e.value for e in at.error)
    at.button(key="fill_submit").click().run()
    assert any("Perbaiki jawaban" in e.value for e in at.error)
    assert any("wajib" in e.value for e in at.error)  # required answers left empty are shown after a save attempt
    assert _count(Submission) == before


def test_fill_assessment_needs_an_enrollment__error():
    at = _open_fill("staff", form="skills_test")
    assert any("Pilih angkatan dan peserta" in i.value for i in at.info)
    assert "fill_submit" not in [b.key for b in at.button]


def _intake_answers(at, nik: str, name: str) -> None:  # noqa: ANN001
    at.checkbox[0].check().run()
    next(x for x in at.text_input if x.label.startswith("NIK")).input(nik).run()
    next(x for x in at.text_input if x.label.startswith("Nama lengkap")).input(name).run()


def _existing() -> Participant:
    engine = _db()
    with read_session(engine) as s:
        person = s.scalars(select(Participant).order_by(Participant.id)).first()
    engine.dispose()
    return person


def test_intake_with_known_nik_warns_and_staff_cannot_save__error():
    person = _existing()
    before = _count(Participant)
    at = _open_fill("staff", form="intake")
    _intake_answers(at, person.nik, "Orang Lain")
    assert any("Kemungkinan data ganda" in w.value for w in at.warning)
    assert any(person.full_name in x.value for x in at.text)
    assert any("minta manajer" in e.value for e in at.error)
    assert _count(Participant) == before


def test_intake_draft_survives_a_new_session__ok():
    at = _open_fill("staff", form="intake")
    at.checkbox[0].check().run()
    next(x for x in at.text_input if x.label.startswith("Nama lengkap")).input("Draf Tersimpan").run()
    again = _open_fill("staff", form="intake")
    name = next(x for x in again.text_input if x.label.startswith("Nama lengkap"))
    assert name.value == "Draf Tersimpan"
    assert any("Draf yang belum selesai" in c.value for c in again.caption)


def test_submissions_page_lists_and_opens__ok():
    at = login("manager")
    at.switch_page("pages/submissions.py").run()
    at.selectbox(key="subs_form").set_value("skills_test").run()
    assert not at.exception
    engine = _db()
    with read_session(engine) as s:
        total = s.scalar(select(func.count()).select_from(Submission).join(Submission.form).where(Submission.form.has(form_id="skills_test")))
    engine.dispose()
    assert any(f"{total} isian" in c.value for c in at.caption)
    at.selectbox(key="subs_open").select_index(0).run()
    assert at.subheader and "Isian #" in at.subheader[0].value


def test_submissions_filter_by_unknown_submitter_shows_none__ok():
    at = login("manager")
    at.switch_page("pages/submissions.py").run()
    at.text_input(key="subs_who").input("nobody").run()
    assert any("0 isian" in c.value for c in at.caption)


def test_form_admin_lists_library_forms__ok():
    at = login("admin")
    at.switch_page("pages/form_admin.py").run()
    assert not at.exception
    assert "intake" in at.selectbox(key="admin_form").options


REPEAT_FORM = b"""
settings: {form_title: Anggota keluarga, form_id: family, version: '1', default_language: id}
survey:
  - {type: text, name: head, label: Kepala keluarga, required: 'yes'}
  - {type: begin repeat, name: members, label: Anggota}
  - {type: text, name: member_name, label: Nama anggota, required: 'yes'}
  - {type: integer, name: age, label: Umur, constraint: '. >= 0 and . < 120', constraint_message: Umur tidak masuk akal}
  - {type: end repeat}
  - {type: calculate, name: count, calculation: 'count(${member_name})'}
"""


def test_fill_repeat_add_remove_rows_and_save__ok():
    from pulih.database import write_session
    from pulih.services import forms as form_service

    engine = _db()
    with write_session(engine) as s:
        form_service.publish(s, REPEAT_FORM, "family.yaml", "admin")
    engine.dispose()
    at = _open_fill("staff", form="family")
    next(x for x in at.text_input if x.label.startswith("Kepala")).input("Pak Slamet").run()
    add = next(b for b in at.button if b.label == "Tambah baris")
    add.click().run()
    next(b for b in at.button if b.label == "Tambah baris").click().run()
    names = [x for x in at.text_input if x.label.startswith("Nama anggota")]
    assert len(names) == 2
    names[0].input("Ani").run()
    [x for x in at.text_input if x.label.startswith("Nama anggota")][1].input("Budi").run()
    ages = [x for x in at.number_input if x.label.startswith("Umur")]
    ages[1].set_value(300).run()
    assert any("Umur tidak masuk akal" in e.value for e in at.error)
    next(b for b in at.button if b.label == "Hapus" and "#del1" in b.key).click().run()
    assert [x.value for x in at.text_input if x.label.startswith("Nama anggota")] == ["Ani"]
    at.button(key="fill_submit").click().run()
    assert any("Tersimpan" in s.value for s in at.success), [e.value for e in at.error]
    engine = _db()
    with read_session(engine) as s:
        sub = s.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert sub.data["members"] == [{"member_name": "Ani"}]
        assert float(sub.data["count"]) == 1
    engine.dispose()


def test_a_draft_belongs_to_its_participant__ok():
    engine = _db()
    with read_session(engine) as s:
        cohort = s.scalars(select(Cohort).order_by(Cohort.start_date.desc())).first()
        first, second = s.scalars(select(Enrollment).where(Enrollment.cohort_id == cohort.id, Enrollment.status == "active")).all()[:2]
    engine.dispose()
    at = _open_fill("staff", form="skills_test", enrollment=str(first.id))
    at.radio[0].set_value("pre").run()
    at.number_input[0].set_value(42).run()
    other = _open_fill("staff", form="skills_test", enrollment=str(second.id))
    assert other.number_input[0].value is None  # nothing of the first participant's answers
    again = _open_fill("staff", form="skills_test", enrollment=str(first.id))
    assert again.number_input[0].value == 42

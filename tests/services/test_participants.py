"""Intake, duplicate detection, edits and the registry search, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import event, func, select

from pulih.database import read_session, write_session
from pulih.models import AccessLog, AuditLog, ChangeCounter, Cohort, Enrollment, Participant, Program, User
from pulih.nik import make_nik
from pulih.services import participants as svc
from pulih.services.programs import CaseError

BORN = dt.date(1990, 5, 7)
NIK = make_nik(36, 3, 12, BORN, "M", 1)
INTAKE = {"nik": NIK, "full_name": "Djoko Soeprapto", "sex": "M", "birth_date": BORN, "birth_place": "Tangerang",
          "phone": "081234567890", "address": "Jl. Raya Serang 1", "district": "Cikupa", "regency": "Tangerang",
          "case_number": "PDL-12/2023", "offence": "Pencurian", "release_date": "2024-11-02",
          "employment_before": "unemployed", "has_family_support": True}


def count(engine, model):
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def staff(engine):
    with write_session(engine) as s:
        s.add_all([User(username="staff1", name="Siti", role="staff", password_hash="x"),
                   User(username="manager1", name="Budi", role="manager", password_hash="x")])
    return "staff1"


def register(engine, data=None, role="staff", username="staff1", **kwargs):
    kwargs.setdefault("consent", True)
    with write_session(engine) as s:
        return svc.register_participant(s, username, data or INTAKE, role=role, **kwargs).id


def test_register__ok(engine, staff):
    with read_session(engine) as s:
        before = s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == "participants"))
    pid = register(engine)
    with read_session(engine) as s:
        person = s.get(Participant, pid)
        assert (person.nik, person.sex, person.release_date) == (NIK, "M", dt.date(2024, 11, 2))
        assert person.consent_given and person.consent_date == dt.date.today()
        assert person.extra == {"employment_before": "unemployed", "has_family_support": True}
        assert person.created_by_id == s.scalar(select(User.id).where(User.username == "staff1"))
        audit = s.scalars(select(AuditLog)).one()
        assert (audit.action, audit.entity, audit.entity_id) == ("participant.create", "participants", str(pid))
        assert audit.details["after"]["nik"] == NIK
        assert s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == "participants")) == before + 1


def test_register_indonesian_sex_codes__ok(engine, staff):
    woman = INTAKE | {"nik": make_nik(36, 3, 12, BORN, "F", 2), "sex": "P", "full_name": "Siti Aminah"}
    pid = register(engine, woman)
    with read_session(engine) as s:
        assert s.get(Participant, pid).sex == "F"


def test_register_without_consent_stores_nothing__error(engine, staff):
    with pytest.raises(CaseError) as caught:
        register(engine, consent=False)
    assert caught.value.key == "cases.consent_required"
    assert count(engine, Participant) == 0 and count(engine, AuditLog) == 0


def test_register_reports_every_problem_together__error(engine, staff):
    bad = INTAKE | {"full_name": " ", "sex": "F", "birth_date": dt.date(1991, 5, 7), "release_date": "soon"}
    with pytest.raises(CaseError) as caught:
        register(engine, bad)
    assert caught.value.keys == ["cases.required", "cases.bad_date", "nik.birth_date_mismatch", "nik.sex_mismatch"]
    message = caught.value.message("en")
    assert "Full name is required" in message and "Release date" in message and "NIK" in message
    assert "Nama lengkap wajib diisi" in caught.value.message("id")
    assert count(engine, Participant) == 0


def test_register_missing_sex_and_bad_nik__error(engine, staff):
    with pytest.raises(CaseError) as caught:
        register(engine, INTAKE | {"nik": "3603", "sex": "", "birth_date": None})
    assert caught.value.keys == ["cases.required", "cases.required", "nik.not_16_digits"]
    with pytest.raises(CaseError) as caught:
        register(engine, INTAKE | {"sex": "X", "birth_date": dt.date.today() + dt.timedelta(days=1)})
    assert caught.value.keys[:2] == ["cases.bad_sex", "cases.date_in_future"]
    assert count(engine, Participant) == 0


def test_known_nik_refused_for_staff__error(engine, staff):
    first = register(engine)
    with pytest.raises(CaseError) as caught:
        register(engine, INTAKE | {"full_name": "Joko Suprapto"})
    assert caught.value.key == "cases.duplicate_nik" and str(first) in caught.value.message("en")
    assert count(engine, Participant) == 1 and count(engine, AuditLog) == 1


def test_known_nik_manager_needs_reason__error(engine, staff):
    register(engine)
    with pytest.raises(CaseError) as caught:
        register(engine, role="manager", username="manager1", override_reason="  ")
    assert caught.value.key == "cases.override_reason_required"
    assert count(engine, Participant) == 1


def test_known_nik_manager_override_with_reason__ok(engine, staff):
    register(engine)
    reason = "Twins share a wrongly issued NIK; Dukcapil correction pending"
    second = register(engine, role="manager", username="manager1", override_reason=reason)
    with read_session(engine) as s:
        assert s.get(Participant, second).duplicate_override_reason == reason
        audit = s.scalars(select(AuditLog).where(AuditLog.entity_id == str(second))).one()
        assert audit.details["duplicate_override_reason"] == reason and audit.username == "manager1"


def test_find_duplicates__ok(engine, staff):
    first = register(engine)
    other = register(engine, INTAKE | {"nik": make_nik(36, 3, 12, BORN, "M", 2), "full_name": "Agus Salim"})
    register(engine, INTAKE | {"nik": make_nik(36, 3, 12, dt.date(1990, 5, 8), "M", 3), "full_name": "Joko Suprapto",
                               "birth_date": dt.date(1990, 5, 8)})
    with read_session(engine) as s:
        same_nik = svc.find_duplicates(s, NIK, "Someone Else", None)
        assert [(c.participant.id, c.reason, c.score) for c in same_nik] == [(first, "same_nik", 1.0)]
        similar = svc.find_duplicates(s, make_nik(36, 3, 12, BORN, "M", 9), "joko  suprapto", BORN)
        assert [(c.participant.id, c.reason) for c in similar] == [(first, "similar_name_same_birth_date")]
        assert similar[0].score >= 0.85
        assert svc.find_duplicates(s, NIK, "Djoko Soeprapto", BORN, exclude_id=first) == []
        assert svc.find_duplicates(s, "3603", "Agus Salim", None) == []  # still typing: nothing to match
        assert [c.participant.id for c in svc.find_duplicates(s, "", "Agus Salim", BORN)] == [other]


def test_find_duplicates_narrows_in_sql__ok(engine, staff):
    register(engine)
    statements = []

    def capture(conn, cursor, statement, *args):  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with read_session(engine) as s:
            svc.find_duplicates(s, NIK, "Djoko", BORN)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    query = next(x for x in statements if "FROM participants" in x)
    assert "WHERE" in query and "birth_date" in query.split("WHERE")[1] and "LIMIT" in query


@pytest.mark.parametrize(("a", "b", "similar"), [
    ("Djoko Soeprapto", "Joko Suprapto", True), ("Muhammad Rizki", "Mohammad Rizky", True),
    ("M. Rizki", "Muhammad Rizky", True), ("Siti Aminah", "Siti Aminah binti Umar", True),
    ("RUDI hartono", "Hartono, Rudi", True), ("Budi Santoso", "Agus Santoso", False), ("Andi", "Dewi", False),
])
def test_name_similarity(a, b, similar):
    assert (svc.name_similarity(a, b) >= svc.NAME_THRESHOLD) is similar


def test_update_participant_audited__ok(engine, staff):
    pid = register(engine)
    with write_session(engine) as s:
        svc.update_participant(s, "staff1", pid, {"phone": "0899 111", "district": "Balaraja", "hobby": "futsal"},
                               role="staff")
    with read_session(engine) as s:
        person = s.get(Participant, pid)
        assert (person.phone, person.district, person.extra["hobby"]) == ("0899 111", "Balaraja", "futsal")
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "participant.update")).one()
    assert audit.details["before"]["phone"] == "081234567890" and audit.details["after"]["district"] == "Balaraja"


def test_update_participant_to_known_nik_or_bad_birth_date__error(engine, staff):
    register(engine)
    other = register(engine, INTAKE | {"nik": make_nik(36, 3, 12, BORN, "M", 2), "full_name": "Agus Salim"})
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.update_participant(s, "staff1", other, {"nik": NIK}, role="staff")
    assert caught.value.key == "cases.duplicate_nik"
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.update_participant(s, "staff1", other, {"birth_date": dt.date(1990, 5, 9), "phone": "1"}, role="staff")
    assert caught.value.keys == ["nik.birth_date_mismatch"]
    with read_session(engine) as s:
        person = s.get(Participant, other)
        assert (person.nik, person.birth_date) == (make_nik(36, 3, 12, BORN, "M", 2), BORN)
        assert person.phone == "081234567890"
    assert count(engine, AuditLog) == 2


def test_open_participant_logs_access__ok(engine, staff):
    pid = register(engine)
    with write_session(engine) as s:
        assert svc.open_participant(s, "manager1", pid).id == pid
    with read_session(engine) as s:
        log = s.scalars(select(AccessLog)).one()
    assert (log.username, log.entity, log.entity_id) == ("manager1", "participants", str(pid))


@pytest.fixture
def registry(engine, staff):
    """30 people; the first 5 in cohort C1 (2 of them active), district alternating."""
    with write_session(engine) as s:
        program = Program(code="P", name="P", skill="S", target_group="T")
        s.add(program)
        s.flush()
        cohort = Cohort(program_id=program.id, code="C1", name="C1", venue="V", skill="S", capacity=30,
                        start_date=dt.date(2025, 5, 1), end_date=dt.date(2025, 5, 30))
        s.add(cohort)
        for n in range(30):
            s.add(Participant(nik=make_nik(36, 3, 12, BORN, "M", n + 1), full_name=f"Peserta {n:02d} Wijaya",
                              sex="M", birth_date=BORN, district="Cikupa" if n % 2 else "Balaraja"))
        s.add(Participant(nik=make_nik(32, 1, 1, BORN, "F", 1), full_name="Rina 100% Lestari", sex="F",
                          birth_date=BORN, district="Bogor"))
        s.flush()
        people = s.scalars(select(Participant).order_by(Participant.id)).all()
        for n, person in enumerate(people[:5]):
            s.add(Enrollment(participant_id=person.id, cohort_id=cohort.id, enrolled_on=dt.date(2025, 5, 1),
                             status="active" if n < 2 else "registered"))
        return cohort.id


def test_search_paging__ok(engine, registry):
    with read_session(engine) as s:
        page = svc.search_participants(s, "wijaya", page_size=25)
        assert (page.total, page.pages, len(page.items), page.page) == (30, 2, 25, 1)
        last = svc.search_participants(s, "WIJAYA", page=7, page_size=25)
        assert (last.page, len(last.items), last.items[-1].full_name) == (2, 5, "Peserta 29 Wijaya")
        assert svc.search_participants(s).total == 31


def test_search_filters__ok(engine, registry):
    with read_session(engine) as s:
        assert svc.search_participants(s, "3603").total == 30
        assert svc.search_participants(s, "3201 01").total == 1
        assert svc.search_participants(s, "peserta 0", district="cikupa").total == 5
        assert svc.search_participants(s, cohort_id=registry).total == 5
        assert svc.search_participants(s, cohort_id=registry, status="active").total == 2
        assert svc.search_participants(s, status="graduated").total == 0
        assert [p.full_name for p in svc.search_participants(s, "100%").items] == ["Rina 100% Lestari"]
        assert svc.search_participants(s, "_").total == 0


def test_two_intakes_of_one_nik_at_once_store_one__ok(engine, staff):
    import threading

    barrier, outcomes = threading.Barrier(3), []

    def attempt(n):
        barrier.wait()
        try:
            with write_session(engine) as s:
                svc.register_participant(s, "staff1", INTAKE | {"full_name": f"Djoko {n}"}, consent=True, role="staff")
            outcomes.append("ok")
        except CaseError as error:
            outcomes.append(error.key)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["cases.duplicate_nik", "cases.duplicate_nik", "ok"]
    assert count(engine, Participant) == 1

"""Test data for the equipment and budget tests, made directly with the ORM (the participant
services are tested elsewhere; these tests do not depend on them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from pulih.database import read_session, write_session
from pulih.models import AuditLog, ChangeCounter, Cohort, Enrollment, Participant, Program, User
from pulih.services import equipment

DAY = dt.date(2025, 5, 28)
USERS = {"admin1": "admin", "manager1": "manager", "staff1": "staff", "viewer1": "viewer"}
NAMES = ["Ahmad Fauzi", "Budi Santoso", "Dedi Kurniawan", "Eko Prasetyo", "Fajar Nugroho", "Gilang Ramadhan",
         "Hendra Wijaya", "Iwan Setiawan", "Joko Susilo", "Kurnia Sandi", "Lukman Hakim", "Maman Suherman"]


@dataclass
class World:
    program_id: int
    cohort_id: int
    participant_ids: list[int]
    enrollment_ids: list[int]
    items: dict[str, int] = field(default_factory=dict)
    kit_id: int | None = None


def count(engine, model) -> int:  # noqa: ANN001
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def counts(engine, *models) -> dict:  # noqa: ANN001, ANN002
    return {m.__name__: count(engine, m) for m in models}


def counter(engine, topic: str) -> int:  # noqa: ANN001
    with read_session(engine) as s:
        return s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == topic)) or 0


def last_audit(engine) -> AuditLog:  # noqa: ANN001
    with read_session(engine) as s:
        return s.scalars(select(AuditLog).order_by(AuditLog.id.desc()).limit(1)).one()


def make_users(session) -> None:  # noqa: ANN001
    session.add_all(User(username=u, name=u.title(), role=r, password_hash="x") for u, r in USERS.items())
    session.flush()


def make_cohort(session, *, code: str = "MTR-2025-1", people: int = 4, first: int = 0,  # noqa: ANN001
                program_id: int | None = None, statuses: list[str] | None = None) -> World:
    if program_id is None:
        program = Program(code=f"P-{code}", name="Pelatihan Mekanik Sepeda Motor", skill="Mekanik motor",
                          target_group="Klien Bapas")
        session.add(program)
        session.flush()
        program_id = program.id
    cohort = Cohort(program_id=program_id, code=code, name=f"Angkatan {code}", venue="UPTD Latihan Kerja Serang",
                    skill="Mekanik motor", start_date=dt.date(2025, 5, 5), end_date=dt.date(2025, 5, 24), capacity=30)
    session.add(cohort)
    session.flush()
    pids, eids = [], []
    for n in range(people):
        i = first + n
        person = Participant(nik=f"360312070590{i:04d}", full_name=NAMES[i % len(NAMES)] + ("" if i < 12 else f" {i}"),
                             sex="M", birth_date=dt.date(1990, 5, 7))
        session.add(person)
        session.flush()
        status = (statuses or [])[n] if statuses and n < len(statuses) else "graduated"
        enrollment = Enrollment(participant_id=person.id, cohort_id=cohort.id, status=status,
                                enrolled_on=dt.date(2025, 5, 1))
        session.add(enrollment)
        session.flush()
        pids.append(person.id)
        eids.append(enrollment.id)
    return World(program_id=program_id, cohort_id=cohort.id, participant_ids=pids, enrollment_ids=eids)


def make_world(engine, *, people: int = 4, stock: dict[str, int] | None = None) -> World:  # noqa: ANN001
    """Users, a program with one cohort of ``people`` graduates, the toolkit (1 toolbox, 2 spanner sets,
    1 multimeter with serials) as the cohort's kit, and ``stock`` received per item code."""
    with write_session(engine) as s:
        make_users(s)
        world = make_cohort(s, people=people)
    with write_session(engine) as s:
        world.items = {
            "TB": equipment.create_item(s, "manager1", code="TB", name="Kotak perkakas", unit="buah",
                                        unit_cost="Rp 350.000").id,
            "SP": equipment.create_item(s, "manager1", code="SP", name="Kunci pas set", unit="set",
                                        unit_cost=125000).id,
            "MM": equipment.create_item(s, "manager1", code="MM", name="Multimeter digital", unit="unit",
                                        unit_cost="275.000,50", has_serials=True).id,
        }
        kit = equipment.create_kit(s, "manager1", code="KIT-MTR", name="Paket mekanik motor",
                                   lines=[(world.items["TB"], 1), (world.items["SP"], 2)])
        world.kit_id = kit.id
        s.get(Cohort, world.cohort_id).kit_id = kit.id
    for code, quantity in (stock or {}).items():
        if quantity:
            with write_session(engine) as s:
                equipment.receive(s, "manager1", item_id=world.items[code], quantity=quantity, date=DAY,
                                  supplier="CV Maju Jaya")
    return world

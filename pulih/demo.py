"""The demo: the Banten program of 2025, loaded on first start of an empty database in demo mode
and by ``python -m pulih demo`` (which resets). Deterministic for a given ``today``.

What it holds: the program "Bimbingan Keterampilan Eks Warga Binaan 2025" with its first cohort of
12 clients of Bapas Kelas II Ciangir trained in May 2025 at UPTD Latihan Kerja (sessions with
attendance, pre/post skills tests, self-esteem scale, 12 toolkits received and handed over,
follow-ups), a second 2025 cohort, the APBD 2025 budget lines with spending, and a 2026 cohort
running around ``today`` so staff screens have work to show.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from pulih import audit
from pulih import demo_data as D
from pulih.auth import hash_password
from pulih.database import write_session
from pulih.models import (
    Attendance, Base, BudgetLine, BudgetPlanMonth, Cohort, CohortPartner, Enrollment, FiscalYear, FollowUp,
    FundingSource, Handover, Item, Kit, KitItem, Participant, Partner, Program, ProgramPartner, Spending,
    StockLevel, StockMovement, TrainingSession, User,
)
from pulih.nik import make_nik

DEMO_PASSWORD = "pulih-demo"
ACTOR = "demo"


def reset(engine: Engine) -> None:
    """Empty every table (keeping the schema), for ``python -m pulih demo``."""
    with write_session(engine) as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())


def load(engine: Engine, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    with write_session(engine) as session:
        Demo(session, today).build()
    _load_forms_and_answers(engine, today)


def _load_forms_and_answers(engine: Engine, today: dt.date) -> None:
    """Publish the shipped form library and file the assessments and follow-ups as submissions."""
    from pulih import demo_forms

    demo_forms.load(engine, today)


class Demo:
    def __init__(self, session: Session, today: dt.date) -> None:
        self.s = session
        self.today = today
        self.rng = random.Random(2025)
        self.users: dict[str, User] = {}
        self.names = list(D.MALE_NAMES)
        self.rng.shuffle(self.names)
        self.receipt_seq: dict[int, int] = {}
        self.nik_serial = 0

    # ------------------------------------------------------------ building blocks
    def build(self) -> None:
        self._users()
        self._organisation()
        self._equipment()
        year_2025 = self._budget_year(2025, cohorts=2)
        prog = self._program(D.PROGRAM, year_2025)
        first = self._cohort(prog, "BKEWB-2025-01", "Angkatan I – Mekanik Sepeda Motor (Mei 2025)",
                             dt.date(2025, 5, 5), dt.date(2025, 5, 23), size=12, dropouts=0)
        second = self._cohort(prog, "BKEWB-2025-02", "Angkatan II – Mekanik Sepeda Motor (Sep 2025)",
                              dt.date(2025, 9, 8), dt.date(2025, 9, 26), size=10, dropouts=1)
        self._run_cohort(first, year_2025)
        self._run_cohort(second, year_2025)
        year_now = self.today.year if self.today.year > 2025 else 2026
        budget_now = self._budget_year(year_now, cohorts=1)
        prog_now = self._program(
            {**D.PROGRAM, "code": f"BKEWB-{year_now}", "name": f"Bimbingan Keterampilan Eks Warga Binaan {year_now}",
             "description": D.PROGRAM["description"].replace("APBD 2025", f"APBD {year_now}")},
            budget_now,
        )
        start = self.today - dt.timedelta(days=9)
        running = self._cohort(prog_now, f"BKEWB-{year_now}-01", f"Angkatan I – Mekanik Sepeda Motor ({year_now})",
                               start, start + dt.timedelta(days=20), size=12, dropouts=1)
        self._run_cohort(running, budget_now)
        audit.record(self.s, ACTOR, "demo.load", "programs", "", today=self.today)
        audit.touch(self.s, *audit.TOPICS)

    def _users(self) -> None:
        password = hash_password(DEMO_PASSWORD)
        for username, name, role in D.USERS:
            user = User(username=username, name=name, role=role, password_hash=password, language="id")
            self.s.add(user)
            self.users[username] = user
        self.s.flush()

    def _organisation(self) -> None:
        self.partners = {}
        for name, kind, _role in D.PARTNERS:
            partner = Partner(name=name, kind=kind)
            self.s.add(partner)
            self.partners[kind] = partner
        self.funding = FundingSource(code=D.FUNDING[0], name=D.FUNDING[1])
        self.s.add(self.funding)
        self.s.flush()

    def _equipment(self) -> None:
        self.kit = Kit(code=D.KIT_CODE, name=D.KIT_NAME, description="Modal awal usaha bengkel")
        self.items = []
        for code, name, unit, cost, serials in D.ITEMS:
            item = Item(code=code, name=name, unit=unit, unit_cost=Decimal(cost), has_serials=serials)
            self.s.add(item)
            self.items.append(item)
        self.s.flush()
        self.kit.lines = [KitItem(item_id=i.id, quantity=1) for i in self.items]
        self.s.add(self.kit)
        for item in self.items:
            self.s.add(StockLevel(item_id=item.id, quantity=0))
        self.s.flush()
        self.kit_value = sum((i.unit_cost for i in self.items), Decimal(0))

    def _budget_year(self, year: int, cohorts: int) -> dict[str, BudgetLine]:
        fy = FiscalYear(year=year)
        self.s.add(fy)
        self.s.flush()
        lines = {}
        for code, name, per_two_cohorts in D.BUDGET_LINES:
            allocation = (per_two_cohorts * cohorts / 2).quantize(Decimal("1"))
            line = BudgetLine(fiscal_year_id=fy.id, funding_source_id=self.funding.id, account_code=code,
                              name=name, allocation=allocation, spent=Decimal(0))
            months = (5, 9) if cohorts == 2 else ((self.today.month,) if year == self.today.year else (11,))
            share = (allocation / len(months)).quantize(Decimal("1"))
            line.plan = [BudgetPlanMonth(month=m, amount=share if m in months else Decimal(0)) for m in range(1, 13)]
            self.s.add(line)
            lines[code] = line
        self.s.flush()
        return lines

    def _program(self, spec: dict, lines: dict[str, BudgetLine]) -> Program:
        prog = Program(**spec, funding_source_id=self.funding.id, followup_months=[3, 6])
        self.s.add(prog)
        self.s.flush()
        for kind, partner in self.partners.items():
            role = "rujukan peserta" if kind == "probation_office" else "tempat pelatihan"
            self.s.add(ProgramPartner(program_id=prog.id, partner_id=partner.id, role=role))
        for line in lines.values():
            line.program_id = prog.id
        return prog

    def _cohort(self, prog: Program, code: str, name: str, start: dt.date, end: dt.date, size: int, dropouts: int) -> Cohort:
        cohort = Cohort(program_id=prog.id, code=code, name=name, venue=D.VENUE, skill=prog.skill, start_date=start,
                        end_date=end, capacity=12, instructors=D.INSTRUCTORS, kit_id=self.kit.id)
        self.s.add(cohort)
        self.s.flush()
        for partner in self.partners.values():
            self.s.add(CohortPartner(cohort_id=cohort.id, partner_id=partner.id))
        cohort._demo_size, cohort._demo_dropouts = size, dropouts  # type: ignore[attr-defined]
        return cohort

    # ------------------------------------------------------------ people
    def _person(self, cohort: Cohort) -> Participant:
        female = self.rng.random() < 0.08 and D.FEMALE_NAMES
        name = self.rng.choice(D.FEMALE_NAMES) if female else (self.names.pop() if self.names else f"Peserta {self.nik_serial}")
        sex = "F" if female else "M"
        birth = dt.date(self.rng.randint(1975, 2002), self.rng.randint(1, 12), self.rng.randint(1, 28))
        regency, regency_name, districts = self.rng.choice(D.REGENCIES)
        self.nik_serial += 1
        nik = make_nik(36, regency, self.rng.randint(1, 20), birth, sex, self.nik_serial)
        release = cohort.start_date - dt.timedelta(days=self.rng.randint(30, 400))
        person = Participant(
            nik=nik, full_name=name, sex=sex, birth_place=regency_name.split()[-1], birth_date=birth,
            phone=f"08{self.rng.randint(11, 99)}{self.rng.randint(10_000_000, 99_999_999)}",
            address=f"Kp. {self.rng.choice(('Sukamaju', 'Cibadak', 'Pasir Gadung', 'Bojong', 'Kadu'))} RT 0{self.rng.randint(1, 9)}/RW 0{self.rng.randint(1, 9)}",
            district=self.rng.choice(districts), regency=regency_name, education=self.rng.choice(D.EDUCATION),
            referral_source="Bapas Kelas II Ciangir", case_number=f"PAS-{self.rng.randint(100, 999)}/{release.year}",
            offence=self.rng.choice(D.OFFENCES), release_date=release, consent_given=True,
            consent_date=cohort.start_date - dt.timedelta(days=7), created_by_id=self.users["staff"].id,
            created_at=dt.datetime.combine(cohort.start_date - dt.timedelta(days=7), dt.time(9)),
        )
        self.s.add(person)
        return person

    def _run_cohort(self, cohort: Cohort, lines: dict[str, BudgetLine]) -> None:
        size, dropouts = cohort._demo_size, cohort._demo_dropouts  # type: ignore[attr-defined]
        people = [self._person(cohort) for _ in range(size)]
        self.s.flush()
        finished = cohort.end_date < self.today
        enrollments = []
        for i, person in enumerate(people):
            e = Enrollment(participant_id=person.id, cohort_id=cohort.id, enrolled_on=cohort.start_date - dt.timedelta(days=5),
                           status="active", status_changed_at=dt.datetime.combine(cohort.start_date, dt.time(8)))
            e._demo_dropout = i >= size - dropouts  # type: ignore[attr-defined]
            self.s.add(e)
            enrollments.append(e)
        self.s.flush()
        sessions = self._sessions(cohort)
        self._attendance(sessions, enrollments)
        self._buy_kits(cohort, lines, len(enrollments))
        self._spend(cohort, lines, len(enrollments))
        for e in enrollments:
            if e._demo_dropout and (finished or self.today > cohort.start_date + dt.timedelta(days=6)):  # type: ignore[attr-defined]
                e.status, e.dropped_on = "dropped_out", cohort.start_date + dt.timedelta(days=6)
                e.dropout_reason = "Bekerja di luar kota / pindah domisili"
            elif finished:
                e.status, e.graduated_on = "graduated", cohort.end_date
                self._handover(cohort, e)
                for months in (3, 6):
                    due = _add_months(cohort.end_date, months)
                    self.s.add(FollowUp(enrollment_id=e.id, months_after=months, due_date=due, status="due"))
        self.s.flush()

    def _sessions(self, cohort: Cohort) -> list[TrainingSession]:
        sessions, day, n = [], cohort.start_date, 0
        while day <= cohort.end_date:
            if day.weekday() < 5:
                code, module = D.MODULES[min(n * len(D.MODULES) // 15, len(D.MODULES) - 1)]
                kind = "theory" if n % 2 == 0 else "practice"
                s = TrainingSession(cohort_id=cohort.id, date=day, module=code, kind=kind, title=f"{module} – {'teori' if kind == 'theory' else 'praktik'}")
                self.s.add(s)
                sessions.append(s)
                n += 1
            day += dt.timedelta(days=1)
        self.s.flush()
        return sessions

    def _attendance(self, sessions: list[TrainingSession], enrollments: list[Enrollment]) -> None:
        for session in sessions:
            if session.date >= self.today:
                continue  # today's attendance is for staff to take
            for e in enrollments:
                if e._demo_dropout and session.date > session_date_plus(sessions[0].date, 6):  # type: ignore[attr-defined]
                    continue
                roll = self.rng.random()
                status = "present" if roll < 0.9 else ("excused" if roll < 0.95 else "absent")
                self.s.add(Attendance(session_id=session.id, enrollment_id=e.id, status=status,
                                      recorded_by_id=self.users["staff"].id,
                                      recorded_at=dt.datetime.combine(session.date, dt.time(15, 30))))

    # ------------------------------------------------------------ equipment and money
    def _buy_kits(self, cohort: Cohort, lines: dict[str, BudgetLine], count: int) -> None:
        line = lines["5.1.02.05.01.0001"]
        when = cohort.start_date - dt.timedelta(days=14)
        spending = self._spending(line, when, self.kit_value * count, f"Pengadaan {count} paket peralatan montir – {cohort.code}", "SPK")
        for item in self.items:
            self.s.add(StockMovement(kind="receipt", item_id=item.id, quantity=count, unit_cost=item.unit_cost, date=when,
                                     spending_id=spending.id, supplier="CV Sinar Teknik Serang", created_by_id=self.users["manager"].id))
            self.s.get(StockLevel, item.id).quantity += count

    def _handover(self, cohort: Cohort, e: Enrollment) -> None:
        year = cohort.end_date.year
        self.receipt_seq[year] = self.receipt_seq.get(year, 0) + 1
        h = Handover(receipt_number=f"BAST/{year}/{self.receipt_seq[year]:04d}", date=cohort.end_date,
                     participant_id=e.participant_id, enrollment_id=e.id, kit_id=self.kit.id, condition="new",
                     created_by_id=self.users["staff"].id)
        self.s.add(h)
        self.s.flush()
        for item in self.items:
            serial = f"{item.code}-{year}-{self.receipt_seq[year]:04d}" if item.has_serials else ""
            self.s.add(StockMovement(kind="handover", item_id=item.id, quantity=-1, unit_cost=item.unit_cost, date=h.date,
                                     handover_id=h.id, participant_id=e.participant_id, serial_numbers=serial,
                                     created_by_id=self.users["staff"].id))
            self.s.get(StockLevel, item.id).quantity -= 1

    def _spending(self, line: BudgetLine, when: dt.date, amount: Decimal, description: str, doc: str) -> Spending:
        amount = min(amount, line.allocation - line.spent)
        entry = Spending(budget_line_id=line.id, date=when, amount=amount, description=description,
                         document_ref=f"{doc}/{when:%Y%m%d}/{line.id:03d}", created_by_id=self.users["manager"].id)
        line.spent += amount
        self.s.add(entry)
        self.s.flush()
        return entry

    def _spend(self, cohort: Cohort, lines: dict[str, BudgetLine], count: int) -> None:
        days = (min(cohort.end_date, self.today) - cohort.start_date).days
        if days <= 0:
            return
        share = Decimal(days) / Decimal((cohort.end_date - cohort.start_date).days)
        when = min(cohort.end_date, self.today - dt.timedelta(days=1))
        costs = {
            "5.1.02.02.01.0026": (Decimal(15) * Decimal(1_200_000), "Honor instruktur"),
            "5.1.02.01.01.0052": (Decimal(15 * count) * Decimal(75_000), "Makan dan minum peserta"),
            "5.1.02.01.01.0024": (Decimal(8_400_000), "Bahan praktik (oli, busi, kampas rem, suku cadang)"),
            "5.1.02.02.01.0063": (Decimal(15 * count) * Decimal(50_000), "Uang transport peserta"),
        }
        for code, (total, text) in costs.items():
            amount = (total * share).quantize(Decimal("1"))
            if amount > 0:
                self._spending(lines[code], when, amount, f"{text} – {cohort.code}", "SPJ")


def session_date_plus(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def has_demo(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Program).where(Program.code == D.PROGRAM["code"])))

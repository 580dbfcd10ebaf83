"""Live dashboards: one cheap query tells which topics changed; a write through a service changes
its own topic only, so only the dashboards reading it recompute (and then show the new data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import event, select

from pulih import audit
from pulih.dashboards import budget, cohort, equipment, live
from pulih.dashboards.filters import Filters
from pulih.database import read_session, write_session
from pulih.models import BudgetLine, Cohort, Enrollment, FiscalYear, Item
from pulih.services.budget_spending import record_spending
from pulih.services.entity_binding import Context
from pulih.services.equipment_handovers import hand_over
from pulih.services.submissions import submit
from tests.services.test_dashboards import TODAY, demo_engine  # noqa: F401 - the module's demo database

def _snap(engine) -> dict:  # noqa: ANN001
    with read_session(engine) as session:
        return live.snapshot(session)


def _diff(old: dict, new: dict) -> set[str]:
    return {topic for topic in set(old) | set(new) if old.get(topic) != new.get(topic)}


def _running_cohort(session) -> Cohort:  # noqa: ANN001
    return session.scalar(select(Cohort).where(Cohort.code == f"BKEWB-{TODAY.year}-01"))


def test_snapshot_is_one_small_query__ok(demo_engine):  # noqa: F811
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(demo_engine, "before_cursor_execute", listener)
    try:
        snap = _snap(demo_engine)
    finally:
        event.remove(demo_engine, "before_cursor_execute", listener)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert set(audit.TOPICS) <= set(snap)


def test_spending_changes_the_budget_topic_only__ok(demo_engine):  # noqa: F811
    with read_session(demo_engine) as session:
        line = session.scalar(select(BudgetLine).join(FiscalYear, FiscalYear.id == BudgetLine.fiscal_year_id)
                              .where(FiscalYear.year == TODAY.year).order_by(BudgetLine.account_code))
        before = budget.lines(session, Filters(), today=TODAY).set_index("budget_line_id")["spent"][line.id]
    old = _snap(demo_engine)
    with write_session(demo_engine) as session:
        record_spending(session, "manager", budget_line_id=line.id, date=TODAY, amount=Decimal(100_000),
                        description="Konsumsi rapat evaluasi")
    new = _snap(demo_engine)
    assert _diff(old, new) == {"budget"}
    assert live.changed(old, new, live.TOPICS["budget"]) and live.changed(old, new, live.TOPICS["overview"])
    assert not live.changed(old, new, live.TOPICS["equipment"]) and not live.changed(old, new, live.TOPICS["cohort"])
    f = Filters()
    assert live.cache_key(f, old, live.TOPICS["budget"]) != live.cache_key(f, new, live.TOPICS["budget"])
    assert live.cache_key(f, old, live.TOPICS["equipment"]) == live.cache_key(f, new, live.TOPICS["equipment"])
    with read_session(demo_engine) as session:
        after = budget.lines(session, Filters(), today=TODAY).set_index("budget_line_id")["spent"][line.id]
    assert after - before == Decimal(100_000)


def test_handover_changes_the_stock_topic_only__ok(demo_engine):  # noqa: F811
    with read_session(demo_engine) as session:
        running = _running_cohort(session)
        enrollment = session.scalar(select(Enrollment).where(Enrollment.cohort_id == running.id,
                                                             Enrollment.status == "active").order_by(Enrollment.id))
        pending = len(equipment.pending_handovers(session, Filters()))
        serials = {i.id: [f"{i.code}-LIVE-1"] for i in session.scalars(select(Item).where(Item.has_serials))}
        kit_id, participant_id, enrollment_id = running.kit_id, enrollment.participant_id, enrollment.id
    old = _snap(demo_engine)
    with write_session(demo_engine) as session:
        hand_over(session, "staff", participant_id=participant_id, enrollment_id=enrollment_id, kit_id=kit_id,
                  date=TODAY, serial_numbers=serials)
    new = _snap(demo_engine)
    assert _diff(old, new) == {"stock"}
    assert live.changed(old, new, live.TOPICS["equipment"]) and not live.changed(old, new, live.TOPICS["budget"])
    with read_session(demo_engine) as session:
        assert len(equipment.pending_handovers(session, Filters())) == pending - 1


def test_submission_changes_the_submissions_topic__ok(demo_engine):  # noqa: F811
    answers = {"test_type": "post", **{f"{m}_{p}": 80 for m in ("engine", "diagnosis", "tools", "repair")
                                       for p in ("theory", "practice")}}
    with read_session(demo_engine) as session:
        running = _running_cohort(session)
        enrollment_id = session.scalar(select(Enrollment.id).where(
            Enrollment.cohort_id == running.id, Enrollment.status == "active").order_by(Enrollment.id.desc()))
    old = _snap(demo_engine)
    with write_session(demo_engine) as session:
        submit(session, "staff", "skills_test", answers, context=Context(enrollment_id=enrollment_id),
               now=dt.datetime.combine(TODAY, dt.time(10)))
    new = _snap(demo_engine)
    assert "submissions" in _diff(old, new) and not _diff(old, new) & {"budget", "stock"}
    assert live.changed(old, new, live.TOPICS["cohort"]) and not live.changed(old, new, live.TOPICS["equipment"])
    with read_session(demo_engine) as session:
        ready = cohort.readiness_table(session, running.id, today=TODAY).set_index("enrollment_id")
    assert ready.loc[enrollment_id, "post_score"] == 80


def test_audit_record_and_touch_bump_their_topic__ok(demo_engine):  # noqa: F811
    old = _snap(demo_engine)
    with write_session(demo_engine) as session:
        audit.record(session, "staff", "attendance.correct", "attendance", 1)
    mid = _snap(demo_engine)
    with write_session(demo_engine) as session:
        audit.touch(session, "programs")
    assert _diff(old, mid) == {"attendance"} and _diff(mid, _snap(demo_engine)) == {"programs"}


def test_changed_and_cache_key__ok():
    old, new = {"budget": 1, "stock": 4}, {"budget": 2, "stock": 4}
    assert live.changed(None, new, {"stock"})
    assert live.changed(old, new, {"budget"}) and not live.changed(old, new, {"stock", "programs"})
    a, b = Filters(program_id=1), Filters(program_id=2)
    assert live.cache_key(a, old, {"stock"}) == live.cache_key(Filters(program_id=1), dict(old), ["stock"])
    assert live.cache_key(a, old, {"stock"}) != live.cache_key(b, old, {"stock"})
    assert live.cache_key(a, old, {"budget"}) != live.cache_key(a, new, {"budget"})
    assert set(live.TOPICS["report"]) >= set().union(*(v for k, v in live.TOPICS.items() if k != "report"))

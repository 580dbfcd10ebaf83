"""Dashboard queries on the seeded demo (today = 2026-11-28), on SQLite and PostgreSQL.

Every number is checked against the same figure computed independently in the test from the ORM
rows (loaded whole here, which the dashboards themselves never do)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import select

from pulih import demo
from pulih.dashboards import budget, cohort, equipment, outcomes, overview, scores
from pulih.dashboards.filters import Filters
from pulih.database import make_engine, read_session
from pulih.models import (
    Attendance, BudgetLine, Cohort, Enrollment, FiscalYear, FollowUp, Form, Handover, Item, KitItem, Participant,
    Program, Spending, StockLevel, StockMovement, Submission, TrainingSession,
)
from pulih.services.attendance import Rate, cohort_attendance
from tests.conftest import PG_URL, REQUIRE_PG, _pg_clone

TODAY = dt.date(2026, 11, 28)
WEEK_AGO = TODAY - dt.timedelta(days=7)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_engine(request, sqlite_template, tmp_path_factory):  # noqa: ANN001
    """A database with the demo loaded once per backend for the whole module."""
    drop = None
    if request.param == "sqlite":
        target = tmp_path_factory.mktemp("dash") / "demo.db"
        shutil.copy(sqlite_template, target)
        url = f"sqlite:///{target}"
    else:
        if not PG_URL:
            if REQUIRE_PG:
                pytest.fail("PULIH_REQUIRE_PG=1 but PULIH_TEST_PG_URL is not set")
            pytest.skip("PostgreSQL not configured (set PULIH_TEST_PG_URL; scripts/test.sh does)")
        url, drop = _pg_clone(request.getfixturevalue("pg_template"))
    engine = make_engine(url)
    demo.load(engine, today=TODAY)
    yield engine
    engine.dispose()
    if drop:
        drop()


@pytest.fixture
def s(demo_engine):  # noqa: ANN001
    with read_session(demo_engine) as session:
        yield session


def _cohort(session, code: str) -> Cohort:  # noqa: ANN001
    return session.scalar(select(Cohort).where(Cohort.code == code))


def _program(session, code: str = "BKEWB-2025") -> Program:  # noqa: ANN001
    return session.scalar(select(Program).where(Program.code == code))


def _enrollments(session, cohort_codes: set[str] | None = None) -> list[Enrollment]:  # noqa: ANN001
    rows = session.scalars(select(Enrollment)).all()
    return [e for e in rows if cohort_codes is None or e.cohort.code in cohort_codes]


def _rows(df, key: str) -> dict:  # noqa: ANN001
    return {r[key]: r for r in df.to_dict("records")}


# ------------------------------------------------------------------ overview

def _active_on(e: Enrollment, day: dt.date) -> bool:
    return (e.status != "registered" and e.enrolled_on <= day and (e.graduated_on is None or e.graduated_on > day)
            and (e.dropped_on is None or e.dropped_on > day))


def _latest_year_lines(session) -> list[BudgetLine]:  # noqa: ANN001
    year = max(y for y in session.scalars(select(FiscalYear.year)) if y <= TODAY.year)
    return [b for b in session.scalars(select(BudgetLine)) if session.get(FiscalYear, b.fiscal_year_id).year == year]


def test_overview_kpis_match_the_seeded_data__ok(s):
    view = overview.overview(s, Filters(), TODAY)
    enrollments = _enrollments(s)
    kits = [h for h in s.scalars(select(Handover)) if h.kit_id is not None]
    assert view.get("participants").value == len({e.participant_id for e in enrollments}) == 34
    assert view.get("active").value == sum(e.status == "active" for e in enrollments) == 11
    assert view.get("active").week_ago == sum(_active_on(e, WEEK_AGO) for e in enrollments) == 12
    assert view.get("active").change == -1
    assert view.get("graduated").value == sum(e.status == "graduated" for e in enrollments) == 21
    assert view.get("kits_handed_over").value == len(kits) == 21
    total = sum((cohort_attendance(s, c.id, TODAY)[0] for c in s.scalars(select(Cohort))), Rate())
    assert view.get("attendance_pct").value == round(total.pct, 1)
    lines = _latest_year_lines(s)
    allocation = sum(b.allocation for b in lines)
    spending = [x for x in s.scalars(select(Spending)) if x.budget_line_id in {b.id for b in lines}]
    spent_now = sum(x.amount for x in spending if x.date <= TODAY)
    spent_then = sum((x.amount for x in spending if x.date <= WEEK_AGO), Decimal(0))
    assert view.budget_spent == spent_now and view.budget_allocation == allocation
    assert view.get("budget_absorbed_pct").value == round(float(spent_now * 100 / allocation), 1)
    assert view.get("budget_absorbed_pct").week_ago == round(float(spent_then * 100 / allocation), 1)


def test_overview_trend_ends_today_and_program_filter_narrows__ok(s):
    view = overview.overview(s, Filters(program_id=_program(s).id), TODAY)
    values = [view.get(key).value for key in ("participants", "graduated", "kits_handed_over")]
    assert values == [22, 21, 21]
    assert view.get("active").value == 0
    trend = view.trend[view.trend["kpi"] == "graduated"]
    assert len(trend) == overview.TREND_WEEKS and trend["week_end"].iloc[-1] == TODAY
    assert trend["value"].iloc[-1] == 21
    assert list(view.frame().columns) == ["kpi", "value", "week_ago", "change"]


# ------------------------------------------------------------------ cohort progress

def test_funnel_per_cohort__ok(s):
    df = cohort.funnel(s, Filters())
    got = {(r["cohort_code"], r["stage"]): r["count"] for r in df.to_dict("records")}
    assert [got[("BKEWB-2025-01", st)] for st in cohort.FUNNEL_STAGES] == [12, 12, 12, 0]
    for c in s.scalars(select(Cohort)):
        statuses = Counter(e.status for e in _enrollments(s, {c.code}))
        assert got[(c.code, "registered")] == sum(statuses.values())
        assert got[(c.code, "graduated")] == statuses["graduated"]
        assert got[(c.code, "dropped_out")] == statuses["dropped_out"]


def test_funnel_period_and_district_filters_narrow__ok(s):
    in_2025 = cohort.funnel(s, Filters(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)))
    assert set(in_2025["cohort_code"]) == {"BKEWB-2025-01", "BKEWB-2025-02"}
    district = Counter(p.district for p in s.scalars(select(Participant))).most_common(1)[0][0]
    df = cohort.funnel(s, Filters(district=district))
    registered = df[df["stage"] == "registered"]["count"].sum()
    expected = sum(e.participant.district == district for e in _enrollments(s))
    assert 0 < registered == expected < 34


def test_attendance_heatmap_is_participant_by_session__ok(s):
    c = _cohort(s, "BKEWB-2026-01")
    df = cohort.attendance_heatmap(s, c.id, Filters(), today=TODAY)
    sessions = [x for x in s.scalars(select(TrainingSession)) if x.cohort_id == c.id and x.date <= TODAY]
    people = _enrollments(s, {c.code})
    assert len(df) == len(sessions) * len(people)
    recorded = Counter(a.status for a in s.scalars(select(Attendance)) if a.session_id in {x.id for x in sessions})
    counts = Counter(df["status"])
    assert all(counts[k] == v for k, v in recorded.items())
    dropped = [e for e in people if e.status == "dropped_out"][0]
    after = sum(x.date > dropped.dropped_on for x in sessions)
    assert counts["dropped_out"] == after


def test_heatmap_and_readiness_masked_for_viewers__ok(s):
    c = _cohort(s, "BKEWB-2025-01")
    names = {e.participant.full_name for e in _enrollments(s, {c.code})}
    heat = cohort.attendance_heatmap(s, c.id, Filters(), today=TODAY, masked=True)
    ready = cohort.readiness_table(s, c.id, Filters(), today=TODAY, masked=True, lang="en")
    for df in (heat, ready):
        assert not names & set(df["participant"])
    assert set(ready["participant"]) == {f"Participant {n}" for n in range(1, 13)}
    assert set(cohort.readiness_table(s, c.id, today=TODAY)["participant"]) == names


def test_readiness_first_cohort_all_ready_running_cohort_waits_for_post_test__ok(s):
    first = cohort.readiness_table(s, _cohort(s, "BKEWB-2025-01").id, today=TODAY)
    assert len(first) == 12 and first["ready"].all()
    running = cohort.readiness_table(s, _cohort(s, "BKEWB-2026-01").id, today=TODAY, lang="en")
    assert len(running) == 11 and not running["ready"].any()
    assert running["missing"].str.contains("post-test").all()


# ------------------------------------------------------------------ scores

def _latest_answers(s, form_id: str, key: str) -> dict:  # noqa: ANN001
    form = s.scalar(select(Form).where(Form.form_id == form_id))
    found: dict = {}
    for sub in s.scalars(select(Submission).where(Submission.form_pk == form.id).order_by(Submission.id)):
        found.setdefault(sub.enrollment_id, {})[sub.data[key]] = sub.data
    return {e: d for e, d in found.items() if "pre" in d and "post" in d}


def test_skills_pre_post_paired_per_module__ok(s):
    df = scores.skills_pre_post(s, Filters())
    pairs = _latest_answers(s, "skills_test", "test_type")
    assert len(df) == 8 and set(df["pairs"]) == {len(pairs)} == {21}
    row = df[(df["module"] == "engine") & (df["part"] == "practice")].iloc[0]
    pre = sum(d["pre"]["engine_practice"] for d in pairs.values()) / len(pairs)
    post = sum(d["post"]["engine_practice"] for d in pairs.values()) / len(pairs)
    assert (row["pre_mean"], row["post_mean"]) == (round(pre, 1), round(post, 1))
    assert row["module_label"] != "engine"  # the label comes from the form


def test_totals_per_cohort_and_self_esteem__ok(s):
    rse = _rows(scores.self_esteem_by_cohort(s, Filters()), "cohort_code")
    pairs = _latest_answers(s, "self_esteem", "timing")
    first = [d for e, d in pairs.items() if s.get(Enrollment, e).cohort.code == "BKEWB-2025-01"]
    assert rse["BKEWB-2025-01"]["pairs"] == len(first) == 12
    post = sum(float(d["post"]["rse_total"]) for d in first) / 12
    assert rse["BKEWB-2025-01"]["post_mean"] == round(post, 1)
    assert "BKEWB-2026-01" not in rse  # no post-test yet: no pairs
    totals = _rows(scores.skills_total_by_cohort(s, Filters(cohort_id=_cohort(s, "BKEWB-2025-02").id)), "cohort_code")
    assert list(totals) == ["BKEWB-2025-02"] and totals["BKEWB-2025-02"]["pairs"] == 9


# ------------------------------------------------------------------ equipment

def test_kits_planned_handed_pending_and_value__ok(s):
    kits = _rows(equipment.kits_by_cohort(s, Filters()), "cohort_code")
    kit_value = sum(k.quantity * k.item.unit_cost for k in s.scalars(select(KitItem)))
    first = kits["BKEWB-2025-01"]
    assert (first["planned"], first["handed_over"], first["pending"]) == (12, 12, 0)
    assert first["value_handed_over"] == 12 * kit_value
    running = kits["BKEWB-2026-01"]
    assert (running["planned"], running["handed_over"], running["pending"]) == (11, 0, 11)
    pending = equipment.pending_handovers(s, Filters(), masked=True)
    assert len(pending) == 11 and set(pending["cohort_code"]) == {"BKEWB-2026-01"}
    assert pending["participant"].str.startswith("Peserta ").all()


def test_items_planned_handed_and_stock_on_hand__ok(s):
    df = _rows(equipment.items(s, Filters()), "item_code")
    movements = [m for m in s.scalars(select(StockMovement)) if m.kind == "handover"]
    for item in s.scalars(select(Item)):
        mine = [m for m in movements if m.item_id == item.id]
        assert df[item.code]["handed_over"] == -sum(m.quantity for m in mine) == 21
        assert df[item.code]["value_handed_over"] == -sum(m.quantity * m.unit_cost for m in mine)
        assert df[item.code]["on_hand"] == s.get(StockLevel, item.id).quantity
        assert df[item.code]["planned"] == 12 + 9 + 11
    only_first = equipment.items(s, Filters(cohort_id=_cohort(s, "BKEWB-2025-01").id))
    assert set(only_first["planned"]) == {12} and set(only_first["handed_over"]) == {12}


# ------------------------------------------------------------------ budget

def test_budget_lines_spent_is_the_sum_of_spending__ok(s):
    program = _program(s)
    df = budget.lines(s, Filters(program_id=program.id), today=TODAY)
    spending = s.scalars(select(Spending)).all()
    lines = [b for b in s.scalars(select(BudgetLine)) if b.program_id == program.id]
    assert len(df) == len(lines) == 5
    for row in df.to_dict("records"):
        assert row["spent"] == sum(x.amount for x in spending if x.budget_line_id == row["budget_line_id"])
        assert row["remaining"] == row["allocation"] - row["spent"]
    monthly = budget.absorption_by_month(s, Filters(program_id=program.id), today=TODAY)
    assert list(monthly["month"]) == list(range(1, 13))
    assert monthly["spent_cum"].iloc[-1] == df["spent"].sum()
    assert monthly["planned_cum"].iloc[-1] == sum(b.allocation for b in lines)


def test_budget_period_narrows_spending_and_cost_per_head__ok(s):
    program = _program(s)
    half = Filters(program_id=program.id, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    spent = sum(x.amount for x in s.scalars(select(Spending))
                if x.line.program_id == program.id and x.date <= dt.date(2025, 6, 30))
    assert budget.lines(s, half, today=TODAY)["spent"].sum() == spent
    cost = budget.cost_per_head(s, half, today=TODAY)
    assert (cost.spent, cost.participants, cost.graduates) == (spent, 12, 12)
    full = budget.cost_per_head(s, Filters(program_id=program.id), today=TODAY)
    assert (full.participants, full.graduates) == (22, 21)
    assert full.per_graduate == (full.spent / 21).quantize(Decimal("0.01"))


# ------------------------------------------------------------------ outcomes

def test_followup_status_per_cohort__ok(s):
    df = outcomes.followup_status(s, Filters(), today=TODAY)
    expected = Counter()
    for f in s.scalars(select(FollowUp)):
        state = "overdue" if f.status == "due" and f.due_date < TODAY else f.status
        expected[(s.get(Enrollment, f.enrollment_id).cohort.code, f.months_after, state)] += 1
    got = {(r["cohort_code"], r["months_after"], r["state"]): r["count"] for r in df.to_dict("records")}
    assert got == dict(expected)
    assert got[("BKEWB-2025-01", 3, "done")] == 12


def test_followup_answers_by_cohort__ok(s):
    df = outcomes.followup_answers(s, Filters())
    form = s.scalar(select(Form).where(Form.form_id == "followup"))
    subs = s.scalars(select(Submission).where(Submission.form_pk == form.id)).all()
    for row in df.to_dict("records"):
        mine = [x.data for x in subs if s.get(Enrollment, x.enrollment_id).cohort.code == row["cohort_code"]
                and int(x.data["followup_month"]) == row["followup_month"]]
        assert row["responses"] == len(mine) > 0
        assert row["working"] == sum(d["working"] == "yes" for d in mine)
        assert row["justice_contact"] == sum(d["justice_contact"] == "yes" for d in mine)
        incomes = [d["monthly_income"] for d in mine if "monthly_income" in d]
        assert row["income_gt_3m"] == sum(i >= 3_000_000 for i in incomes)
        assert sum(row[f"income_{k}"] for k, _l, _h in outcomes.INCOME_BANDS) == len(incomes)
    long = outcomes.indicators_long(df)
    assert len(long) == len(df) * len(outcomes.INDICATORS)


# ------------------------------------------------------------------ filters (no database)

def test_filters_round_trip_through_query_params__ok():
    f = Filters(program_id=1, cohort_id=3, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), district="Cikupa")
    params = f.to_query_params()
    assert params == {"program": "1", "cohort": "3", "from": "2025-01-01", "to": "2025-12-31", "district": "Cikupa"}
    assert Filters.from_query_params(params) == f
    assert Filters().to_query_params() == {} and Filters.from_query_params({}) == Filters()
    assert Filters.from_query_params({"program": ["1", "2"]}).program_id == 2  # st.query_params.get_all


@pytest.mark.parametrize("params", [
    {"program": "abc", "cohort": "-3", "from": "2025-13-01", "to": "31/12/2025"},
    {"program": "0", "cohort": "1; DROP TABLE cohorts", "district": "x" * 500},
    {"from": "2025-12-31", "to": "2025-01-01"},  # reversed: dropped rather than guessed
    {"district": "Cikupa\x00", "evil": "1", "program": "99999999999999999"},
])
def test_filters_ignore_invalid_query_params__error(params):
    assert Filters.from_query_params(params) == Filters()


def test_filters_cache_key_is_stable_and_distinct__ok():
    a = Filters(program_id=1, start=dt.date(2025, 1, 1))
    assert a.cache_key() == Filters(program_id=1, start=dt.date(2025, 1, 1)).cache_key()
    assert a.cache_key() != Filters(program_id=1).cache_key() != Filters(cohort_id=1).cache_key()
    swapped = Filters(start=dt.date(2025, 12, 31), end=dt.date(2025, 1, 1))
    assert (swapped.start, swapped.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


# ------------------------------------------------------------------ charts of the frames

def _marks(spec: dict):  # noqa: ANN202
    """Every (mark, encoding) of a Vega-Lite spec, layers included."""
    for layer in spec.get("layer", [spec]):
        if "layer" in layer:
            yield from _marks(layer)
        else:
            yield layer["mark"], layer.get("encoding", {})


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_chart_has_tooltips_container_width_and_language__ok(s, lang):
    from pulih import charts

    f, first = Filters(), _cohort(s, "BKEWB-2025-01").id
    answers = outcomes.followup_answers(s, f)
    built = [
        charts.trend_chart(overview.overview(s, f, TODAY).trend, "graduated", lang),
        charts.funnel_chart(cohort.funnel(s, f), lang),
        charts.heatmap_chart(cohort.attendance_heatmap(s, first, f, today=TODAY, masked=True), lang),
        charts.readiness_chart(cohort.readiness_table(s, first, f, today=TODAY), lang, min_attendance=80, min_score=60),
        charts.skills_chart(scores.skills_pre_post(s, f, lang=lang), lang),
        charts.self_esteem_chart(scores.self_esteem_by_cohort(s, f), lang),
        charts.kits_chart(equipment.kits_by_cohort(s, f), lang),
        charts.items_chart(equipment.items(s, f), lang),
        charts.budget_lines_chart(budget.lines(s, f, today=TODAY), lang),
        charts.absorption_chart(budget.absorption_by_month(s, f, today=TODAY), lang),
        charts.followup_status_chart(outcomes.followup_status(s, f, today=TODAY), lang),
        charts.outcomes_chart(outcomes.indicators_long(answers), lang),
        charts.income_chart(outcomes.income_long(answers), lang),
    ]
    titles = {"id": "Alur peserta per angkatan", "en": "Enrollment funnel per cohort"}
    for chart in built:
        spec = chart.to_dict()
        assert spec["width"] == "container"
        assert spec["config"]["locale"]["number"]["thousands"] == ("." if lang == "id" else ",")
        for mark, encoding in _marks(spec):
            assert encoding.get("tooltip"), (spec["title"], mark)
    assert built[1].to_dict()["title"] == titles[lang]

"""Benchmarks (``python -m pulih bench``): speed is measured here, never asserted in tests.

Everything runs in one process on one database, so the figures compare with each other; the
machine is shared and noisy, so read the ratios, not the milliseconds.

* the live check (one SELECT of change counters, run by every open dashboard every few seconds)
  against recomputing the dashboards it spares;
* one evaluation of a 60-question form (what each answer change costs the renderer) against a
  full server-side validation and save of a submission;
* a demo load, for scale.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from pulih.bootstrap import prepare_database
from pulih.database import make_engine, read_session, write_session
from pulih.forms.model import Choice, Field, FormDef
from pulih.forms.validate import evaluate_form, validate


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up (caches, connections)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def sixty_question_form() -> tuple[FormDef, dict]:
    """A form shaped like a long assessment: 20 groups of three questions with relevance,
    constraints, a choice list and running calculations."""
    fields, answers = [], {}
    for g in range(20):
        children = [
            Field(name=f"q{g}_a", type="integer", label={"en": f"Score {g}"}, required="true()", constraint=". >= 0 and . <= 100"),
            Field(name=f"q{g}_b", type="select_one", list_name="yn", label={"en": f"Done {g}"}, relevant=f"${{q{g}_a}} > 10"),
            Field(name=f"q{g}_c", type="text", label={"en": f"Note {g}"}, relevant=f"selected(${{q{g}_b}}, 'no')",
                  constraint="string-length(.) < 200"),
        ]
        fields.append(Field(name=f"g{g}", type="group", label={"en": f"Part {g}"}, children=children))
        answers.update({f"q{g}_a": 20 + g, f"q{g}_b": "no" if g % 2 else "yes", f"q{g}_c": "ok"})
    total = " + ".join(f"coalesce(${{q{g}_a}}, 0)" for g in range(20))
    fields.append(Field(name="total", type="calculate", calculation=total))
    form = FormDef(form_id="bench60", title={"en": "Bench"}, fields=fields,
                   choices={"yn": [Choice("yes", {"en": "Yes"}), Choice("no", {"en": "No"})]})
    return form, answers


def run(url: str | None = None, repeat: int = 30) -> dict[str, float]:
    from pulih import demo
    from pulih.dashboards import budget, cohort, equipment, live, outcomes, overview
    from pulih.dashboards.filters import Filters
    from pulih.models import Enrollment
    from pulih.services import submissions

    tmp = None
    if url is None:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    engine = make_engine(url)
    today = dt.date(2026, 11, 28)
    start = time.perf_counter()
    prepare_database(engine, load_demo=False)
    demo.reset(engine)
    prepare_database(engine, load_demo=False)
    demo.load(engine, today=today)
    results = {"demo_load_ms": (time.perf_counter() - start) * 1000}

    f = Filters()

    def check() -> None:
        with read_session(engine) as s:
            live.snapshot(s)

    def dashboards() -> None:
        with read_session(engine) as s:
            overview.overview(s, f, today=today)
            cohort.funnel(s, f)
            equipment.kits_by_cohort(s, f)
            budget.lines(s, f, today=today)
            outcomes.followup_status(s, f, today=today)

    results["live_check_ms"] = _median_ms(check, repeat)
    results["dashboards_recompute_ms"] = _median_ms(dashboards, max(5, repeat // 3))
    form, answers = sixty_question_form()
    results["form60_evaluate_ms"] = _median_ms(lambda: evaluate_form(form, answers), repeat)
    results["form60_validate_ms"] = _median_ms(lambda: validate(form, answers), repeat)
    with read_session(engine) as s:
        enrollment_id = s.scalar(select(Enrollment.id).where(Enrollment.status == "active").limit(1))
    answers_test = {"test_type": "pre", **{f"{m}_{p}": 70 for m in ("engine", "diagnosis", "tools", "repair") for p in ("theory", "practice")}}

    def save() -> None:
        with write_session(engine) as s:
            submissions.submit(s, "staff", "skills_test", answers_test, context=submissions.Context(enrollment_id=enrollment_id))

    results["submission_save_ms"] = _median_ms(save, max(5, repeat // 3))
    results["ratio_recompute_vs_live_check"] = results["dashboards_recompute_ms"] / results["live_check_ms"]
    results["ratio_save_vs_form60_evaluate"] = results["submission_save_ms"] / results["form60_evaluate_ms"]
    engine.dispose()
    if tmp is not None:
        tmp.cleanup()
    return results

"""Pre vs post, paired: only enrollments with both a pre and a post submission count, and of each
the latest submission (highest id) per timing. Averages are taken in SQL.

* skills test (form ``skills_test``, ``test_type`` pre/post): per module and part (theory /
  practice) from the fields ``{module}_theory`` / ``{module}_practice``; the modules are read from
  the form's current definition (so another program's skills test works unchanged);
* totals per cohort: the skills test's ``total_score`` and the self-esteem scale's ``rse_total``
  (form ``self_esteem``, ``timing`` pre/post).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from pulih.dashboards.filters import Filters
from pulih.dashboards.scope import answer_number, answer_text, frame, latest_per_timing, mean
from pulih.forms.model import pick
from pulih.models import Cohort, Enrollment, Submission
from pulih.services import forms as form_service
from pulih.services.readiness import MODULES, PARTS

SKILLS = ("skills_test", "test_type")
SELF_ESTEEM = ("self_esteem", "timing")


def skill_modules(session: Session, lang: str = "id") -> dict[str, str]:
    """{module: label} from the skills test's current definition (groups holding ``{module}_theory``
    or ``{module}_practice``), in form order; the shipped four modules if there is no form."""
    version = form_service.current_version(session, SKILLS[0])
    if version is None:
        return {m: m for m in MODULES}
    definition = form_service.get_definition(version)
    modules: dict[str, str] = {}
    for field in definition.walk():
        for part in PARTS:
            if field.name.endswith(f"_{part}") and field.type in ("integer", "decimal", "range"):
                module = field.name[: -len(part) - 1]
                group = definition.field(module)
                modules.setdefault(module, pick(group.label, lang, module) if group else module)
    return modules or {m: m for m in MODULES}


def _pairs(form: tuple[str, str], filters: Filters):  # noqa: ANN202
    """(pre, post) aliases of Submission and the join/where that pairs them per enrollment."""
    form_id, timing_key = form
    latest = latest_per_timing(form_id, timing_key, filters)
    pre, post = aliased(Submission), aliased(Submission)
    conds = (pre.id.in_(latest), post.id.in_(latest), answer_text(timing_key, pre) == "pre",
             answer_text(timing_key, post) == "post")
    return pre, post, conds


def skills_pre_post(session: Session, filters: Filters = Filters(), *, lang: str = "id") -> pd.DataFrame:
    """Per module and part: module, module_label, part, pre_mean, post_mean, change, pairs."""
    modules = skill_modules(session, lang)
    pre, post, conds = _pairs(SKILLS, filters)
    keys = [(m, p) for m in modules for p in PARTS]
    columns = [func.avg(answer_number(f"{m}_{p}", side)) for m, p in keys for side in (pre, post)]
    stmt = (select(func.count(), *columns).select_from(pre)
            .join(post, post.enrollment_id == pre.enrollment_id).where(*conds))
    pairs, *means = session.execute(stmt).one()
    rows = []
    for i, (module, part) in enumerate(keys):
        before, after = mean(means[2 * i]), mean(means[2 * i + 1])
        change = None if before is None or after is None else round(after - before, 1)
        rows.append((module, modules[module], part, before, after, change, int(pairs)))
    return frame(rows if pairs else [], ["module", "module_label", "part", "pre_mean", "post_mean", "change", "pairs"])


def _totals_by_cohort(session: Session, form: tuple[str, str], score_key: str, filters: Filters) -> pd.DataFrame:
    pre, post, conds = _pairs(form, filters)
    before, after = func.avg(answer_number(score_key, pre)), func.avg(answer_number(score_key, post))
    stmt = (
        select(Cohort.id, Cohort.code, func.count(), before, after)
        .select_from(pre).join(post, post.enrollment_id == pre.enrollment_id)
        .join(Enrollment, Enrollment.id == pre.enrollment_id).join(Cohort, Cohort.id == Enrollment.cohort_id)
        .where(*conds).group_by(Cohort.id, Cohort.code, Cohort.start_date).order_by(Cohort.start_date, Cohort.id)
    )
    rows = []
    for cohort_id, code, pairs, b, a in session.execute(stmt):
        b, a = mean(b), mean(a)
        rows.append((cohort_id, code, b, a, None if b is None or a is None else round(a - b, 1), int(pairs)))
    return frame(rows, ["cohort_id", "cohort_code", "pre_mean", "post_mean", "change", "pairs"])


def skills_total_by_cohort(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Skills test ``total_score`` per cohort: cohort_id, cohort_code, pre_mean, post_mean, change, pairs."""
    return _totals_by_cohort(session, SKILLS, "total_score", filters)


def self_esteem_by_cohort(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Rosenberg ``rse_total`` (10–40) per cohort: cohort_id, cohort_code, pre_mean, post_mean, change, pairs."""
    return _totals_by_cohort(session, SELF_ESTEEM, "rse_total", filters)

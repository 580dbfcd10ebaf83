"""Overview tab: the six KPIs with their change since last week and a sparkline of the last
weeks, what was spent, how many participants took both skills tests, and a weekly trend chart."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulih import charts
from pulih.dashboards import live, overview, scores
from pulih.dashboards.filters import Filters
from pulih.database import read_session
from ui.auth import UserContext
from ui.dash_common import cached, chart, key, num, pct, rupiah, table, today
from ui.i18n import t
from ui.state import engine

# The KPIs' own topics, and submissions/forms for the skills-test pairs shown beside them.
TOPICS = live.TOPICS["overview"] | {"submissions", "forms"}


@cached
def load(key: str, day: dt.date, _filters: Filters) -> tuple[overview.Overview, int]:
    with read_session(engine()) as s:
        view = overview.overview(s, _filters, day)
        pairs = int(scores.skills_total_by_cohort(s, _filters)["pairs"].sum())
    return view, pairs


def _value(kpi: overview.Kpi) -> str:
    return pct(kpi.value) if kpi.is_percent else num(kpi.value)


def _delta(kpi: overview.Kpi) -> str | None:
    if kpi.change is None:
        return None
    text = num(kpi.change)
    return text if text.startswith("-") or not kpi.change else f"+{text}"


def render_overview(ctx: UserContext, filters: Filters, snap: dict[str, int]) -> None:
    view, pairs = load(live.cache_key(filters, snap, TOPICS), today(), filters)
    places = [col for _row in range(2) for col in st.columns(3)]  # rows of three, in order when stacked on a phone
    for place, kpi in zip(places, view.kpis, strict=True):
        trend = view.trend[view.trend["kpi"] == kpi.key]["value"]
        place.metric(
            t(f"dash.kpi.{kpi.key}"), _value(kpi), delta=_delta(kpi), delta_color="normal" if kpi.change else "off",
            delta_arrow="auto" if kpi.change else "off",
            delta_description=t("dash.ui.since_last_week"), chart_data=[float(v) for v in trend if v is not None],
            chart_type="area", border=True,
        )
    cols = st.columns(3)
    cols[0].metric(t("dash.ui.kpi.budget_spent"), rupiah(view.budget_spent), border=True,
                   delta=t("dash.ui.of_allocation", allocation=rupiah(view.budget_allocation)), delta_color="off",
                   delta_arrow="off")
    cols[1].metric(t("dash.ui.kpi.tested_pairs"), num(pairs), border=True, help=t("dash.ui.kpi.tested_pairs_help"))

    names = {k: t(f"dash.kpi.{k}") for k in overview.KPIS}
    kpi = st.segmented_control(t("dash.ui.trend_of"), list(names), default=overview.KPIS[0], required=True,
                               format_func=names.get, key=key("dash_trend_kpi")) or overview.KPIS[0]
    trend = view.trend[view.trend["kpi"] == kpi]
    chart(f"trend-{kpi}", lambda df, lang: charts.trend_chart(df, kpi, lang), trend, ["week_end", "value"])
    table("kpis", view.frame(), ["kpi", "value", "week_ago", "change"], label=t("dash.ui.kpi_table"))

"""The filters every dashboard shares (program, cohort, period, district), kept in the URL.

Opening ``/dashboards?program=1&cohort=3&from=2025-01-01&to=2025-12-31&district=Cikupa`` starts the
widgets from those values (``Filters.from_query_params`` drops anything invalid); every change of
a widget writes the filters back to the URL (``Filters.to_query_params``), so the address bar is
always a link to the view on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from pulih.dashboards.filters import PARAMS, Filters
from pulih.database import read_session
from pulih.services import participants, programs
from ui.dash_common import key
from ui.i18n import t
from ui.state import engine

KEYS = {"program": "dash_program", "cohort": "dash_cohort", "period": "dash_period", "district": "dash_district"}
EARLIEST = dt.date(2000, 1, 1)
ALL = 0  # the "All" choice of a selectbox (ids are positive; a None option would show as empty)


@dataclass(frozen=True)
class Choices:
    """What the filter widgets offered: program names and each cohort's program (for the report)."""

    programs: dict[int, str]
    cohort_program: dict[int, int]


def _options() -> tuple[dict[int, str], list[tuple[int, int, str]], list[str]]:
    with read_session(engine()) as s:
        program_names = {p.id: f"{p.name} ({p.code})" for p in programs.list_programs(s)}
        cohorts = [(c.id, c.program_id, f"{c.code} – {c.name}") for c in programs.list_cohorts(s)]
        districts = participants.districts(s)
    return program_names, cohorts, districts


def _select(where, label: str, options: list, wanted: object, name: str,  # noqa: ANN001, ANN202
            names: dict | None = None):
    """A selectbox started from the URL's value, "All" (None) first; reset to "All" when its choice
    is no longer offered."""
    options, widget = [ALL, *options], key(name)
    if widget in st.session_state and st.session_state[widget] not in options:
        st.session_state[widget] = ALL  # set, not deleted: the browser would keep showing the old choice
    index = options.index(wanted) if wanted in options else 0
    shown = {ALL: t("dash.all"), **(names or {})}  # labels made now, in this run's language
    chosen = where.selectbox(label, options, index=index, format_func=lambda v: shown.get(v, str(v)), key=widget)
    return None if chosen == ALL else chosen


def _sync_url(filters: Filters) -> None:
    wanted = filters.to_query_params()
    for param in PARAMS.values():
        if param in wanted and st.query_params.get(param) != wanted[param]:
            st.query_params[param] = wanted[param]
        elif param not in wanted and param in st.query_params:
            del st.query_params[param]


def filter_bar() -> tuple[Filters, Choices]:
    """Draw the four filters and return what they select."""
    url = Filters.from_query_params(st.query_params.to_dict())
    program_names, cohorts, districts = _options()
    cols = st.columns([3, 3, 4, 2])
    program = _select(cols[0], t("dash.filter.program"), list(program_names), url.program_id, KEYS["program"],
                      program_names)
    offered = [c for c in cohorts if program is None or c[1] == program]
    cohort = _select(cols[1], t("dash.filter.cohort"), [c[0] for c in offered], url.cohort_id,
                     KEYS["cohort"], {c[0]: c[2] for c in offered})
    period = cols[2].date_input(
        t("dash.filter.period"), value=tuple(d for d in url.period if d), min_value=EARLIEST,
        max_value=dt.date.today() + dt.timedelta(days=5 * 366), format="DD/MM/YYYY", key=key(KEYS["period"]),
        help=t("dash.ui.period_help"),
    )
    period = tuple(period) if isinstance(period, (tuple, list)) else ((period,) if period else ())
    extra = [url.district] if url.district and url.district not in districts else []
    district = _select(cols[3], t("dash.filter.district"), [*districts, *extra], url.district, KEYS["district"])
    filters = Filters(program_id=program, cohort_id=cohort, start=period[0] if period else None,
                      end=period[1] if len(period) > 1 else None, district=district)
    _sync_url(filters)
    return filters, Choices(program_names, {c[0]: c[1] for c in cohorts})

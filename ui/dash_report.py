"""The program report button: one click builds ``program_report_pdf`` for the chosen program,
period and cohort, in Indonesian or English, and downloads it. The PDF is made only when the
button is clicked (a callable run by Streamlit on its own thread), from aggregates only."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy import Engine

from pulih.dashboards.filters import Filters
from pulih.database import read_session
from pulih.i18n import LANGUAGES
from pulih.permissions import can
from pulih.report import program_report_pdf
from ui.auth import UserContext
from ui.dash_common import key, today
from ui.dash_filters import Choices
from ui.i18n import lang, t
from ui.state import engine


def report_builder(eng: Engine, program_id: int, filters: Filters, report_lang: str) -> Callable[[], bytes]:
    """The PDF of ``program_id`` for the filters' period and cohort (the district does not apply)."""
    period = filters.period if filters.has_period else None

    def build() -> bytes:
        with read_session(eng) as s:
            return program_report_pdf(s, program_id, period=period, cohort_id=filters.cohort_id, lang=report_lang)

    return build


def _program(filters: Filters, choices: Choices, where) -> int | None:  # noqa: ANN001
    if filters.cohort_id is not None:
        return choices.cohort_program.get(filters.cohort_id)
    if filters.program_id is not None:
        return filters.program_id
    ids = list(choices.programs)
    return where.selectbox(t("dash.ui.report.program"), ids, format_func=choices.programs.get,
                           key=key("dash_report_program")) if ids else None


def report_button(ctx: UserContext, filters: Filters, choices: Choices) -> None:
    if not can(ctx.role, "report.export"):
        return
    with st.container(horizontal=True, vertical_alignment="bottom"):
        program_id = _program(filters, choices, st)
        if program_id is None:
            st.caption(t("dash.ui.report.none"))
            return
        report_lang = st.segmented_control(t("dash.ui.report.lang"), list(LANGUAGES), default=lang(), required=True,
                                           format_func=lambda code: code.upper(), key=key("dash_report_lang")) or lang()
        name = choices.programs.get(program_id, str(program_id))
        st.download_button(
            t("dash.ui.report.download"), data=report_builder(engine(), program_id, filters, report_lang),
            file_name=f"pulih-report-{program_id}-{today().isoformat()}-{report_lang}.pdf", mime="application/pdf",
            key="dash_report", on_click="ignore", type="primary", icon=":material/picture_as_pdf:",
            help=t("dash.ui.report.help", program=name),
        )

"""The program report as PDF: title and period, the KPIs, the main charts (rendered to PNG with
vl-convert, offline) each followed by the table behind it, in Bahasa Indonesia or English, rupiah
written with ``format_rupiah``.

It holds aggregates only (no names, NIKs or other personal data), so it is safe to hand to any
role, viewers included.
"""

from __future__ import annotations

import datetime as dt
import io
import struct

import altair as alt
import pandas as pd
import vl_convert
from sqlalchemy.orm import Session

from pulih import charts
from pulih.dashboards import budget, cohort, equipment, outcomes, overview, scores
from pulih.dashboards.filters import Filters
from pulih.dashboards.tables import MONEY, cell, funnel_wide, heading, number, percent, rows
from pulih.i18n import Translatable, t
from pulih.models import Cohort, Program
from pulih.money import format_rupiah
from pulih.pdf.base import PulihPDF, format_date, pdf_bytes

CHART_WIDTH_PX = 520
MAX_CHART_HEIGHT_MM = 190
PNG_SCALE = 1.6  # pixels per CSS pixel: sharp on paper, quick to render


class ReportError(Translatable, LookupError):
    """A report asked for something that does not exist (message from the catalogue)."""


def program_report_pdf(session: Session, program_id: int, *, period: tuple[dt.date, dt.date] | None = None,
                       cohort_id: int | None = None, lang: str = "id", today: dt.date | None = None) -> bytes:
    """The PDF of one program (optionally one cohort of it) for a period (both dates included)."""
    today = today or dt.date.today()
    program = session.get(Program, program_id)
    if program is None:
        raise ReportError("report.unknown_program", program=program_id)
    chosen = session.get(Cohort, cohort_id) if cohort_id is not None else None
    if cohort_id is not None and (chosen is None or chosen.program_id != program.id):
        raise ReportError("report.unknown_cohort", cohort=cohort_id)
    start, end = period or (None, None)
    filters = Filters(program_id=program.id, cohort_id=cohort_id, start=start, end=end)
    pdf = PulihPDF(f"{t('report.title', lang)} – {program.name}", lang=lang)
    pdf.footer_text = t("report.footer", lang, program=program.code)
    pdf.add_page()
    _cover(pdf, program, chosen, filters, today, lang)
    for section in (_kpis, _cohorts, _scores, _equipment, _budget, _outcomes):
        section(pdf, session, filters, today, lang)
    return pdf_bytes(pdf)


# ------------------------------------------------------------------ building blocks

def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def _chart(pdf: PulihPDF, chart: alt.TopLevelMixin) -> None:
    png = vl_convert.vegalite_to_png(chart.properties(width=CHART_WIDTH_PX).to_dict(), scale=PNG_SCALE)
    width_px, height_px = _png_size(png)
    width = min(pdf.epw, MAX_CHART_HEIGHT_MM * width_px / height_px)
    if pdf.get_y() + width * height_px / width_px > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width)
    pdf.ln(2)


def _heading(pdf: PulihPDF, key: str, lang: str) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 40:
        pdf.add_page()
    pdf.ln(2)
    pdf.paragraph(t(key, lang), size=12, bold=True)


def _table(pdf: PulihPDF, df: pd.DataFrame, columns: list[str], lang: str, widths: list[float] | None = None) -> None:
    if df.empty:
        pdf.paragraph(t("dash.no_data", lang), size=9)
        return
    numeric = [pd.api.types.is_numeric_dtype(df[c]) or c in MONEY or c.endswith("pct") for c in columns]
    pdf.data_table([heading(c, lang) for c in columns], rows(df, columns, lang),
                   col_widths=widths or [1] * len(columns), align=["RIGHT" if n else "LEFT" for n in numeric])


def _maybe_chart(pdf: PulihPDF, df: pd.DataFrame, build, lang: str) -> None:  # noqa: ANN001
    if not df.empty:
        _chart(pdf, build(df, lang))


# ------------------------------------------------------------------ sections

def _cover(pdf: PulihPDF, program: Program, chosen: Cohort | None, filters: Filters, today: dt.date, lang: str) -> None:
    if filters.has_period:
        period = t("report.period", lang, start=format_date(filters.start, lang), end=format_date(filters.end, lang))
    else:
        period = t("report.period_all", lang)
    lines = [f"{program.name} ({program.code})", period]
    if chosen is not None:
        lines.append(t("report.cohort", lang, cohort=f"{chosen.name} ({chosen.code})"))
    lines.append(t("report.generated", lang, date=format_date(today, lang)))
    pdf.title_block(t("report.title", lang), *lines)


def _kpis(pdf: PulihPDF, session: Session, filters: Filters, today: dt.date, lang: str) -> None:
    _heading(pdf, "report.section.kpis", lang)
    view = overview.overview(session, filters, today)
    fmt = lambda k, v: percent(v, lang) if k.is_percent else number(v, lang)  # noqa: E731
    table = [[t(f"dash.kpi.{k.key}", lang), fmt(k, k.value), fmt(k, k.week_ago), cell("change", k.change, lang)]
             for k in view.kpis]
    pdf.data_table([heading(c, lang) for c in ("kpi", "value", "week_ago", "change")], table,
                   col_widths=[3, 1.3, 1.3, 1.3], align=["LEFT", "RIGHT", "RIGHT", "RIGHT"])
    pdf.paragraph(t("report.budget_spent", lang, spent=format_rupiah(view.budget_spent),
                    allocation=format_rupiah(view.budget_allocation)), size=10)


def _cohorts(pdf: PulihPDF, session: Session, filters: Filters, today: dt.date, lang: str) -> None:
    _heading(pdf, "report.section.cohort", lang)
    funnel = cohort.funnel(session, filters)
    _maybe_chart(pdf, funnel, charts.funnel_chart, lang)
    _table(pdf, funnel_wide(funnel), ["cohort_code", "registered", "active", "graduated", "dropped_out"], lang)


def _scores(pdf: PulihPDF, session: Session, filters: Filters, today: dt.date, lang: str) -> None:
    _heading(pdf, "report.section.scores", lang)
    skills = scores.skills_pre_post(session, filters, lang=lang)
    _maybe_chart(pdf, skills, charts.skills_chart, lang)
    _table(pdf, skills, ["module_label", "part", "pre_mean", "post_mean", "change", "pairs"], lang,
           [3, 1.3, 1, 1, 1, 1])
    rse = scores.self_esteem_by_cohort(session, filters)
    _maybe_chart(pdf, rse, charts.self_esteem_chart, lang)
    _table(pdf, rse, ["cohort_code", "pre_mean", "post_mean", "change", "pairs"], lang)


def _equipment(pdf: PulihPDF, session: Session, filters: Filters, today: dt.date, lang: str) -> None:
    _heading(pdf, "report.section.equipment", lang)
    kits = equipment.kits_by_cohort(session, filters)
    _maybe_chart(pdf, kits, charts.kits_chart, lang)
    _table(pdf, kits, ["cohort_code", "kit_code", "planned", "handed_over", "pending", "value_handed_over"], lang,
           [1.6, 1.6, 1, 1, 1, 1.8])
    items = equipment.items(session, filters)
    _table(pdf, items, ["item_name", "unit", "planned", "handed_over", "value_handed_over", "on_hand"], lang,
           [3, 0.8, 1, 1, 1.8, 0.8])


def _budget(pdf: PulihPDF, session: Session, filters: Filters, today: dt.date, lang: str) -> None:
    _heading(pdf, "report.section.budget", lang)
    lines = budget.lines(session, filters, today=today)
    _maybe_chart(pdf, lines, charts.budget_lines_chart, lang)
    _table(pdf, lines, ["account_code", "name", "allocation", "spent", "remaining", "absorption_pct"], lang,
           [1.5, 2.6, 1.8, 1.8, 1.7, 1])
    monthly = budget.absorption_by_month(session, filters, today=today)
    _maybe_chart(pdf, monthly, charts.absorption_chart, lang)
    cost = budget.cost_per_head(session, filters, today=today)
    pdf.key_values([
        (t("report.cost_per_participant", lang), f"{format_rupiah(cost.per_participant)} ({cost.participants})"),
        (t("report.cost_per_graduate", lang), f"{format_rupiah(cost.per_graduate)} ({cost.graduates})"),
    ], label_width=45)


def _outcomes(pdf: PulihPDF, session: Session, filters: Filters, today: dt.date, lang: str) -> None:
    _heading(pdf, "report.section.outcomes", lang)
    status = outcomes.followup_status(session, filters, today=today)
    _maybe_chart(pdf, status, charts.followup_status_chart, lang)
    _table(pdf, status, ["cohort_code", "months_after", "state", "count"], lang)
    answers = outcomes.followup_answers(session, filters)
    indicators = outcomes.indicators_long(answers)
    _maybe_chart(pdf, indicators, charts.outcomes_chart, lang)
    _table(pdf, indicators, ["cohort_code", "followup_month", "indicator", "count", "responses", "pct"], lang,
           [1.6, 0.8, 3, 0.8, 1, 1])

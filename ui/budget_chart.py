"""The budget screen's two Altair charts, from ``budget.monthly_absorption``'s twelve rows: spending
per month against the plan (bars), and cumulative absorption against the plan (lines). Tooltips
carry the amounts written the Indonesian way ("Rp 1.234.567")."""

from __future__ import annotations

import altair as alt
import pandas as pd

from pulih.i18n import t
from pulih.money import format_rupiah
from pulih.pdf.base import MONTHS

COLOURS = ["#90a4ae", "#1565c0"]  # plan, actual


def _pct(value: object, lang: str) -> str:
    if value is None:
        return "-"
    text = f"{float(value):.1f}"
    return (text.replace(".", ",") if lang == "id" else text) + "%"


def _series(lang: str) -> list[str]:
    return [t("budget.ui.series.plan", lang), t("budget.ui.series.actual", lang)]


def _long(rows: list[dict], lang: str, fields: tuple[str, str], kind: str) -> pd.DataFrame:
    series = _series(lang)
    data = []
    for row in rows:
        month = MONTHS[lang][row["month"] - 1][:3]
        for name, field in zip(series, fields, strict=True):
            value = row[field]
            if kind == "money":
                data.append({"month": month, "series": name, "value": float(value) / 1_000_000,
                             "text": format_rupiah(value)})
            else:
                cumulative = row[field.replace("_pct", "_cumulative")]
                data.append({"month": month, "series": name, "value": None if value is None else float(value),
                             "text": f"{_pct(value, lang)} · {format_rupiah(cumulative)}"})
    return pd.DataFrame(data)


def _encode(df: pd.DataFrame, lang: str, y_title: str) -> alt.Chart:
    months = [m[:3] for m in MONTHS[lang]]
    series = _series(lang)
    tooltip = [alt.Tooltip("month:N", title=t("budget.ui.col.month", lang)),
               alt.Tooltip("series:N", title=" "), alt.Tooltip("text:N", title=y_title)]
    return alt.Chart(df).encode(
        x=alt.X("month:N", sort=months, title=None, axis=alt.Axis(labelAngle=0)),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=series, range=COLOURS),
                        sort=series, legend=alt.Legend(orient="top")),
        tooltip=tooltip,
    )


def monthly_chart(rows: list[dict], lang: str) -> alt.TopLevelMixin:
    """Plan and actual spending per month, in millions of rupiah."""
    df = _long(rows, lang, ("plan", "actual"), "money")
    title = t("budget.ui.millions", lang)
    chart = _encode(df, lang, t("budget.ui.col.amount", lang)).mark_bar().encode(
        xOffset=alt.XOffset("series:N", sort=_series(lang)),
        y=alt.Y("value:Q", title=title))
    return chart.properties(title=t("budget.ui.chart_monthly", lang), height=280)


def cumulative_chart(rows: list[dict], lang: str) -> alt.TopLevelMixin:
    """Share of the allocation spent so far, month by month, planned and actual."""
    df = _long(rows, lang, ("plan_pct", "actual_pct"), "pct")
    top = max(100.0, float(df["value"].max() or 0)) if not df.empty else 100.0
    base = _encode(df, lang, t("budget.ui.col.absorption", lang)).encode(
        y=alt.Y("value:Q", title="%", scale=alt.Scale(domain=[0, top])))
    return (base.mark_line() + base.mark_point(filled=True, size=50)).properties(
        title=t("budget.ui.chart_cumulative", lang), height=280)

"""Altair charts of the dashboard frames (``pulih.dashboards``): one builder per chart, each taking
the frame and a language and returning an ``alt.Chart`` (or layer) that is as wide as its
container (phones included), with a tooltip on every mark and titles, axes and values in the
user's language (``pulih.i18n``). Numbers and dates are formatted the Indonesian or English way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import altair as alt
import pandas as pd

from pulih.i18n import t

MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
DAYS = {"id": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        "en": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]}
ATTENDANCE_COLOURS = {"present": "#2e7d32", "excused": "#f9a825", "absent": "#c62828", "not_recorded": "#bdbdbd",
                      "dropped_out": "#eeeeee"}
FOLLOWUP_COLOURS = {"done": "#2e7d32", "due": "#90caf9", "overdue": "#ef6c00", "missed": "#c62828"}
FUNNEL_ORDER = ("registered", "active", "graduated", "dropped_out")


def locale(lang: str) -> dict:
    """Vega's number and time locale: ``1.234.567`` and Indonesian month names for ``id``."""
    lang = "en" if lang == "en" else "id"
    sep = (",", ".") if lang == "id" else (".", ",")
    return {
        "number": {"decimal": sep[0], "thousands": sep[1], "grouping": [3], "currency": ["Rp ", ""]},
        "time": {"dateTime": "%e %B %Y %H:%M", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
                 "days": DAYS[lang], "shortDays": [d[:3] for d in DAYS[lang]], "months": MONTHS[lang],
                 "shortMonths": [m[:3] for m in MONTHS[lang]]},
    }


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """A copy Vega can read: Decimal -> float, dates -> ISO text, missing -> None."""
    out = df.copy()
    for column in out.columns:
        out[column] = out[column].map(_plain_value).astype(object)
    return out


def _plain_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return None if value is None or (isinstance(value, float) and value != value) else value


def _label(df: pd.DataFrame, column: str, prefix: str, lang: str, into: str | None = None) -> pd.DataFrame:
    df[into or f"{column}_label"] = df[column].map(lambda v: t(f"{prefix}.{v}", lang))
    return df


def _col(name: str, lang: str) -> str:
    return t(f"dash.col.{name}", lang)


def _tip(lang: str, *fields: tuple[str, str] | tuple[str, str, str]) -> list[alt.Tooltip]:
    """Tooltips from (field, type[, format]); titles from ``dash.col.<field>`` (``_label`` stripped)."""
    tips = []
    for field, kind, *fmt in fields:
        title = _col(field.removesuffix("_label"), lang)
        tips.append(alt.Tooltip(f"{field}:{kind}", title=title, format=fmt[0]) if fmt else
                    alt.Tooltip(f"{field}:{kind}", title=title))
    return tips


def _finish(chart: alt.TopLevelMixin, title_key: str, lang: str, height: int | None = None) -> alt.TopLevelMixin:
    props = {"width": "container", "title": t(title_key, lang)}
    if height:
        props["height"] = height
    return chart.properties(**props).configure(locale=locale(lang)).configure_legend(orient="bottom")


def _colour(field: str, colours: dict[str, str], labels: dict[str, str], title: str) -> alt.Color:
    domain = [labels[k] for k in colours if k in labels]
    colour_range = [colours[k] for k in colours if k in labels]
    return alt.Color(f"{field}:N", title=title, scale=alt.Scale(domain=domain, range=colour_range))


# ------------------------------------------------------------------ overview

def trend_chart(trend: pd.DataFrame, kpi: str, lang: str = "id") -> alt.TopLevelMixin:
    """One KPI over the last weeks (``overview.trend``): line with points."""
    df = plain(trend[trend["kpi"] == kpi])
    base = alt.Chart(df).encode(
        x=alt.X("week_end:T", title=_col("week_end", lang), axis=alt.Axis(format="%d %b")),
        y=alt.Y("value:Q", title=t(f"dash.kpi.{kpi}", lang)),
        tooltip=_tip(lang, ("week_end", "T", "%d %B %Y"), ("value", "Q", ",.1~f")),
    )
    return _finish(base.mark_line() + base.mark_point(filled=True), "dash.chart.trend", lang, 160)


# ------------------------------------------------------------------ cohort progress

def funnel_chart(funnel: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Horizontal bars per stage (registered → active → graduated, dropped out), one per cohort."""
    df = _label(plain(funnel), "stage", "dash.stage", lang)
    order = [t(f"dash.stage.{s}", lang) for s in FUNNEL_ORDER]
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("stage_label:N", sort=order, title=None),
        yOffset=alt.YOffset("cohort_code:N"),
        x=alt.X("count:Q", title=_col("count", lang)),
        color=alt.Color("cohort_code:N", title=_col("cohort_code", lang)),
        tooltip=_tip(lang, ("cohort_code", "N"), ("stage_label", "N"), ("count", "Q")),
    )
    return _finish(chart, "dash.chart.funnel", lang)


def heatmap_chart(heat: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Participant × session rectangles coloured by attendance status."""
    df = _label(_label(plain(heat), "status", "dash.att", lang), "kind", "dash.part", lang)
    labels = {k: t(f"dash.att.{k}", lang) for k in ATTENDANCE_COLOURS}
    chart = alt.Chart(df).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("session_date:O", title=_col("session_date", lang), axis=alt.Axis(labelAngle=-60)),
        y=alt.Y("participant:N", title=None, sort=None),
        color=_colour("status_label", ATTENDANCE_COLOURS, labels, _col("status", lang)),
        tooltip=_tip(lang, ("participant", "N"), ("session_date", "N"), ("module", "N"), ("kind_label", "N"),
                     ("status_label", "N")),
    )
    rows = max(int(df["participant"].nunique()) if not df.empty else 1, 1)
    return _finish(chart, "dash.chart.heatmap", lang, 18 * rows)


def _dumbbell(df: pd.DataFrame, category: str, title_key: str, lang: str,
              domain: list[float] | None) -> alt.TopLevelMixin:
    df = plain(df)
    scale = alt.Scale(domain=domain) if domain else alt.Undefined
    tips = _tip(lang, (category, "N"), ("pre_mean", "Q"), ("post_mean", "Q"), ("change", "Q"), ("pairs", "Q"))
    y = alt.Y(f"{category}:N", title=None, sort=None)
    rule = alt.Chart(df).mark_rule(color="#9e9e9e", strokeWidth=3).encode(
        y=y, x=alt.X("pre_mean:Q", title=_col("score", lang), scale=scale), x2="post_mean:Q", tooltip=tips)
    long = df.melt(id_vars=[category, "change", "pairs"], value_vars=["pre_mean", "post_mean"], var_name="timing",
                   value_name="score")
    long["timing_label"] = long["timing"].map(lambda v: t(f"dash.timing.{v.removesuffix('_mean')}", lang))
    points = alt.Chart(long).mark_circle(size=110, opacity=1).encode(
        y=y, x=alt.X("score:Q", scale=scale),
        color=alt.Color("timing_label:N", title=_col("timing", lang),
                        sort=[t("dash.timing.pre", lang), t("dash.timing.post", lang)]),
        tooltip=_tip(lang, (category, "N"), ("timing_label", "N"), ("score", "Q"), ("change", "Q"), ("pairs", "Q")),
    )
    return _finish(alt.layer(rule, points), title_key, lang)


def skills_chart(skills: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Dumbbell per module and part (theory / practice): mean before → mean after (paired)."""
    df = skills.copy()
    pairs = zip(df["module_label"], df["part"], strict=True)
    df["module_label"] = [f"{module} · {t(f'dash.part.{part}', lang)}" for module, part in pairs]
    return _dumbbell(df[["module_label", "pre_mean", "post_mean", "change", "pairs"]], "module_label",
                     "dash.chart.skills", lang, [0, 100])


def self_esteem_chart(rse: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Dumbbell per cohort of the Rosenberg total (10–40), before → after (paired)."""
    return _dumbbell(rse[["cohort_code", "pre_mean", "post_mean", "change", "pairs"]], "cohort_code",
                     "dash.chart.self_esteem", lang, [10, 40])


def readiness_chart(ready: pd.DataFrame, lang: str = "id", *, min_attendance: float | None = None,
                    min_score: float | None = None) -> alt.TopLevelMixin:
    """Each participant by attendance % (x) and post-test score (y), coloured ready / not yet."""
    df = plain(ready)
    df["ready_label"] = df["ready"].map(lambda r: t("dash.ready.yes" if r else "dash.ready.no", lang))
    layers = [alt.Chart(df).mark_circle(size=90, opacity=0.85).encode(
        x=alt.X("attendance_pct:Q", title=_col("attendance_pct", lang), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("post_score:Q", title=_col("post_score", lang), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("ready_label:N", title=_col("ready", lang)),
        tooltip=_tip(lang, ("participant", "N"), ("attendance_pct", "Q"), ("post_score", "Q"), ("ready_label", "N"),
                     ("missing", "N")),
    )]
    for value, channel, title in ((min_attendance, "x", "attendance_pct"), (min_score, "y", "post_score")):
        if value is not None:
            rule = pd.DataFrame({"limit": [float(value)]})
            enc = {channel: "limit:Q", "tooltip": [alt.Tooltip("limit:Q", title=_col(title, lang))]}
            layers.append(alt.Chart(rule).mark_rule(strokeDash=[4, 4], color="#616161").encode(**enc))
    return _finish(alt.layer(*layers), "dash.chart.readiness", lang)


# ------------------------------------------------------------------ equipment

def _grouped_bars(df: pd.DataFrame, category: str, series: list[str], title_key: str, lang: str, *,
                  horizontal: bool = False, money: bool = False) -> alt.TopLevelMixin:
    """Bars of several numeric columns (``series``) side by side per ``category``."""
    long = plain(df).melt(id_vars=[category], value_vars=series, var_name="series", value_name="value")
    long["series_label"] = long["series"].map(lambda s: _col(s, lang))
    fmt = "$,.0f" if money else ",.0f"
    cat = alt.Y(f"{category}:N", title=None, sort=None) if horizontal else alt.X(f"{category}:N", title=None, sort=None)
    val = (alt.X if horizontal else alt.Y)("value:Q", title=_col("amount" if money else "count", lang),
                                           axis=alt.Axis(format="$~s" if money else ",.0f"))
    offset = alt.YOffset("series_label:N", sort=[_col(s, lang) for s in series]) if horizontal else \
        alt.XOffset("series_label:N", sort=[_col(s, lang) for s in series])
    chart = alt.Chart(long).mark_bar().encode(
        cat, val, offset,
        color=alt.Color("series_label:N", title=_col("series", lang), sort=[_col(s, lang) for s in series]),
        tooltip=[alt.Tooltip(f"{category}:N", title=_col(category, lang)),
                 alt.Tooltip("series_label:N", title=_col("series", lang)),
                 alt.Tooltip("value:Q", title=_col("value", lang), format=fmt)],
    )
    return _finish(chart, title_key, lang)


def kits_chart(kits: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Per cohort: kits planned, handed over and pending (``equipment.kits_by_cohort``)."""
    return _grouped_bars(kits, "cohort_code", ["planned", "handed_over", "pending"], "dash.chart.kits", lang)


def items_chart(items: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Per item: units planned, handed over and in stock (``equipment.items``)."""
    return _grouped_bars(items, "item_name", ["planned", "handed_over", "on_hand"], "dash.chart.items", lang,
                         horizontal=True)


# ------------------------------------------------------------------ budget

def budget_lines_chart(lines: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Per budget line: allocation and spent (rupiah)."""
    return _grouped_bars(lines, "account_code", ["allocation", "spent"], "dash.chart.budget_lines", lang,
                         horizontal=True, money=True)


def absorption_chart(monthly: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Cumulative share of the allocation, planned vs spent, month by month (``budget.absorption_by_month``)."""
    df = plain(monthly)
    df["month_start"] = [dt.date(int(y), int(m), 1).isoformat() for y, m in zip(df["year"], df["month"], strict=True)]
    long = df.melt(id_vars=["year", "month_start", "planned_cum", "spent_cum"], value_vars=["planned_pct", "spent_pct"],
                   var_name="series", value_name="pct").dropna(subset=["pct"])
    long["series_label"] = long["series"].map(lambda s: _col(s, lang))
    long["amount"] = [p if s == "planned_pct" else a for s, p, a in
                      zip(long["series"], long["planned_cum"], long["spent_cum"], strict=True)]
    base = alt.Chart(long).encode(
        x=alt.X("month_start:T", title=_col("month", lang), axis=alt.Axis(format="%b %Y")),
        y=alt.Y("pct:Q", title=_col("pct", lang), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("series_label:N", title=_col("series", lang)),
        strokeDash=alt.StrokeDash("series_label:N", title=_col("series", lang)),
        detail="year:N",
        tooltip=[alt.Tooltip("month_start:T", title=_col("month", lang), format="%B %Y"),
                 alt.Tooltip("series_label:N", title=_col("series", lang)),
                 alt.Tooltip("pct:Q", title=_col("pct", lang), format=",.1f"),
                 alt.Tooltip("amount:Q", title=_col("amount", lang), format="$,.0f")],
    )
    return _finish(base.mark_line() + base.mark_point(filled=True), "dash.chart.absorption", lang)


# ------------------------------------------------------------------ outcomes

def _cohort_month(df: pd.DataFrame, month_column: str, lang: str) -> pd.DataFrame:
    pairs = zip(df["cohort_code"], df[month_column], strict=True)
    df["group"] = [f"{code} · {t('dash.fu.month', lang, months=month)}" for code, month in pairs]
    return df


def followup_status_chart(status: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Stacked bars per cohort and follow-up month: done / due / overdue / missed."""
    df = _cohort_month(_label(plain(status), "state", "dash.fu", lang), "months_after", lang)
    labels = {k: t(f"dash.fu.{k}", lang) for k in FOLLOWUP_COLOURS}
    df["state_order"] = df["state"].map(lambda s: list(FOLLOWUP_COLOURS).index(s) if s in FOLLOWUP_COLOURS else 9)
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("group:N", title=None, sort=None),
        x=alt.X("count:Q", title=_col("count", lang), stack="zero"),
        color=_colour("state_label", FOLLOWUP_COLOURS, labels, _col("state", lang)),
        order=alt.Order("state_order:Q"),
        tooltip=_tip(lang, ("cohort_code", "N"), ("months_after", "Q"), ("state_label", "N"), ("count", "Q")),
    )
    return _finish(chart, "dash.chart.followups", lang)


def outcomes_chart(indicators: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Share of respondents per indicator (working, own workshop, toolkit, justice contact), per
    cohort and follow-up month (``outcomes.indicators_long``)."""
    df = _cohort_month(_label(plain(indicators), "indicator", "dash.ind", lang), "followup_month", lang)
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("indicator_label:N", title=None, sort=None),
        yOffset=alt.YOffset("group:N"),
        x=alt.X("pct:Q", title=_col("pct", lang), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("group:N", title=_col("cohort_code", lang)),
        tooltip=_tip(lang, ("group", "N"), ("indicator_label", "N"), ("count", "Q"), ("responses", "Q"),
                     ("pct", "Q", ",.1f")),
    )
    return _finish(chart, "dash.chart.outcomes", lang)


def income_chart(income: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Stacked bars per cohort and follow-up month of the monthly income bands (``outcomes.income_long``)."""
    df = _cohort_month(_label(plain(income), "band", "dash.income", lang), "followup_month", lang)
    order = [t(f"dash.income.{b}", lang) for b in ("lt_1m", "1_2m", "2_3m", "gt_3m")]
    chart = alt.Chart(df).mark_bar().encode(
        y=alt.Y("group:N", title=None, sort=None),
        x=alt.X("count:Q", title=_col("count", lang), stack="zero"),
        color=alt.Color("band_label:N", title=_col("band", lang), sort=order, scale=alt.Scale(scheme="blues")),
        tooltip=_tip(lang, ("cohort_code", "N"), ("followup_month", "N"), ("band_label", "N"), ("count", "Q")),
    )
    return _finish(chart, "dash.chart.income", lang)

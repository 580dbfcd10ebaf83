"""Pieces shared by the dashboard tabs (ui/dash_*.py): the cache of the dashboard frames, a chart
with its table one click away and CSV/XLSX downloads made only when clicked, and numbers written
the user's way.

Caching: every tab loads its frames through ``cached`` functions whose first argument is
``pulih.dashboards.live.cache_key(filters, snapshot, topics)``. The key changes only when the
filters change or a change counter the tab reads moves, so a dashboard left open recomputes
nothing until new data arrives; ``ttl`` and ``max_entries`` keep old keys from piling up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import altair as alt
import pandas as pd
import streamlit as st

from pulih.dashboards.tables import MONEY, cell, heading, localise, number, percent
from pulih.exports import to_csv_bytes, to_xlsx_bytes
from pulih.money import format_rupiah
from ui.i18n import lang, t

CACHE_TTL = dt.timedelta(minutes=5)
CACHE_ENTRIES = 48
PLAIN = {"year", "month", "months_after", "followup_month"}  # numbers that are names: 2026, not 2.026
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cached(func: Callable) -> Callable:
    """``st.cache_data`` with the dashboards' short life and bounded size. Arguments starting with
    ``_`` (the Filters object) are not hashed: the live cache key already holds the filters."""
    return st.cache_data(ttl=CACHE_TTL, max_entries=CACHE_ENTRIES, show_spinner=False)(func)


def today() -> dt.date:
    return dt.date.today()


def key(name: str) -> str:
    """A widget key carrying the language: after a switch of language the widgets are drawn afresh
    (from the URL's filters), so no option label of the other language stays on screen."""
    return f"{name}_{lang()}"


# ------------------------------------------------------------------ numbers

def num(value: object) -> str:
    return number(value, lang())


def pct(value: object) -> str:
    return percent(value, lang())


def rupiah(value: Decimal | int | None) -> str:
    return format_rupiah(value)


def share(part: int | float | None, whole: int | float | None) -> float | None:
    return None if part is None or not whole else round(float(part) * 100 / float(whole), 1)


# ------------------------------------------------------------------ tables and downloads

def _numeric(df: pd.DataFrame, column: str) -> bool:
    values = [v for v in df[column] if v is not None and v == v]
    return bool(values) and all(isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in values)


def shown_frame(df: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, dict]:
    """The table as read on screen, and its column settings: codes, headings and numbers in the
    user's language (``1.234,5``, ``97,8%``, ``Rp 1.250.000``, "-" for nothing), numbers right-aligned."""
    language = lang()
    body = [[str(value) if column in PLAIN and value is not None else cell(column, value, language)
             for column, value in zip(columns, record, strict=True)]
            for record in df[columns].itertuples(index=False, name=None)]
    headings = [heading(c, language) for c in columns]
    right = st.column_config.TextColumn(alignment="right")
    config = {heading(c, language): right for c in columns if c in MONEY or _numeric(df, c)}
    return pd.DataFrame(body, columns=headings), config


def downloads(name: str, frame: pd.DataFrame) -> None:
    """CSV and XLSX of ``frame`` (formula-safe), generated only when a button is clicked."""
    stamp = today().isoformat()
    with st.container(horizontal=True):
        st.download_button(t("dash.ui.download_csv"), data=lambda: to_csv_bytes(frame), mime="text/csv",
                           file_name=f"pulih-{name}-{stamp}.csv", key=f"dash_csv_{name}", on_click="ignore",
                           icon=":material/download:")
        st.download_button(t("dash.ui.download_xlsx"), data=lambda: to_xlsx_bytes({name: frame}), mime=XLSX_MIME,
                           file_name=f"pulih-{name}-{stamp}.xlsx", key=f"dash_xlsx_{name}", on_click="ignore",
                           icon=":material/download:")


def table(name: str, df: pd.DataFrame, columns: list[str], *, label: str | None = None,
          expanded: bool = False) -> None:
    """The frame's ``columns`` as a table in an expander, with its downloads (numbers kept as numbers)."""
    with st.expander(label or t("dash.ui.table"), expanded=expanded, icon=":material/table_view:"):
        if df.empty:
            st.caption(t("dash.no_data"))
            return
        shown, config = shown_frame(df, columns)
        st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
        downloads(name, localise(df, lang(), columns))


def fit(built: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Sized for the screen it lands on: as wide as its column with axes and legend inside it (a
    chart's own height is its plotting area, so a heat map keeps a row per participant), the legend
    one entry a line and long axis labels shortened, so nothing spills over on a phone."""
    return (built.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
            .configure_legend(orient="bottom", columns=1, labelLimit=260)
            .configure_axisY(labelLimit=140))


def chart(name: str, build: Callable[..., alt.TopLevelMixin], df: pd.DataFrame, columns: list[str], *,
          rows: pd.DataFrame | None = None, **options: object) -> None:
    """A chart (its builder from ``pulih.charts`` gives the tooltips) and its table one click away:
    ``columns`` of ``df``, or of ``rows`` when the table is better read in another shape."""
    if df.empty:
        st.info(t("dash.no_data"), icon=":material/info:")
        return
    st.altair_chart(fit(build(df, lang(), **options)), width="stretch")
    table(name, df if rows is None else rows, columns)


def status_as_stage(df: pd.DataFrame) -> pd.DataFrame:
    """Enrollment statuses are funnel stages (``dash.stage.*``), not attendance states."""
    return df.rename(columns={"status": "stage"})

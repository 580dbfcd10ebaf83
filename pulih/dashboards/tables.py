"""The dashboard frames as people read them: coded values (stage, status, indicator, ...) and
column names in the user's language, numbers written the Indonesian or English way, rupiah with
``format_rupiah``. Used by the program report; pages may use ``localise`` for tables and downloads.
"""

from __future__ import annotations

import datetime as dt
import numbers
from decimal import Decimal

import pandas as pd

from pulih.i18n import t
from pulih.money import format_rupiah
from pulih.pdf.base import format_date

# Columns holding codes, and the catalogue prefix of their values.
CODED = {"stage": "dash.stage", "status": "dash.att", "state": "dash.fu", "indicator": "dash.ind",
         "band": "dash.income", "part": "dash.part", "kind": "dash.part", "kpi": "dash.kpi"}
MONEY = {"allocation", "spent", "remaining", "value_handed_over", "unit_cost", "value_on_hand", "planned_cum",
         "spent_cum", "amount"}


def number(value: object, lang: str = "id", decimals: int = 1) -> str:
    """``1234.5`` -> ``1.234,5`` (id) / ``1,234.5`` (en); whole numbers without decimals; None -> "-"."""
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, bool):
        return t("dash.ready.yes" if value else "dash.ready.no", lang)
    as_float = float(value)
    text = f"{as_float:,.0f}" if as_float == int(as_float) else f"{as_float:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang != "en" else text


def percent(value: object, lang: str = "id") -> str:
    return "-" if value is None or (isinstance(value, float) and value != value) else number(value, lang) + "%"


def change(value: object, lang: str = "id") -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    return ("+" if float(value) > 0 else "") + number(value, lang)


def cell(column: str, value: object, lang: str = "id") -> str:
    """One value of ``column`` as text."""
    if column in MONEY and isinstance(value, (Decimal, numbers.Integral)) and not isinstance(value, bool):
        return format_rupiah(value if isinstance(value, Decimal) else Decimal(int(value)))
    if column.endswith("_pct") or column == "pct":
        return percent(value, lang)
    if column == "change":
        return change(value, lang)
    if column in CODED and isinstance(value, str):
        return t(f"{CODED[column]}.{value}", lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, numbers.Number):
        return number(value, lang)
    return "-" if value is None else str(value)


def heading(column: str, lang: str = "id") -> str:
    return t(f"dash.col.{column}", lang)


def rows(df: pd.DataFrame, columns: list[str], lang: str = "id") -> list[list[str]]:
    """The frame's ``columns`` as lists of text cells."""
    return [[cell(c, value, lang) for c, value in zip(columns, record, strict=True)]
            for record in df[columns].itertuples(index=False, name=None)]


def localise(df: pd.DataFrame, lang: str = "id", columns: list[str] | None = None) -> pd.DataFrame:
    """A copy with coded values translated and columns renamed to the language (numbers kept as
    numbers, for downloads)."""
    columns = columns or list(df.columns)
    out = df[columns].copy()
    for column in columns:
        if column in CODED:
            out[column] = out[column].map(lambda v, c=column: t(f"{CODED[c]}.{v}", lang) if isinstance(v, str) else v)
    return out.rename(columns={c: heading(c, lang) for c in columns})


def funnel_wide(funnel: pd.DataFrame) -> pd.DataFrame:
    """``cohort.funnel`` as one row per cohort: cohort_code, registered, active, graduated, dropped_out."""
    if funnel.empty:
        return pd.DataFrame(columns=["cohort_code", "registered", "active", "graduated", "dropped_out"])
    wide = funnel.pivot_table(index=["cohort_id", "cohort_code"], columns="stage", values="count", aggfunc="sum",
                              sort=False).reset_index()
    return wide[["cohort_code", "registered", "active", "graduated", "dropped_out"]]

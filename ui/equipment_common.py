"""Streamlit pieces shared by the two ledger screens (equipment and budget): one service call per
user action in its own transaction, messages that survive the rerun after a save, tables with
amounts written the Indonesian way, and CSV/XLSX downloads made only when clicked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st

from pulih.database import write_session
from pulih.exports import to_csv_bytes, to_xlsx_bytes
from pulih.i18n import Translatable
from pulih.money import format_rupiah
from ui.auth import UserContext
from ui.cases_common import md
from ui.i18n import lang, t
from ui.state import engine

# A table column: (field of the service's row, message key of its heading, kind). Kinds: text,
# money, int, pct, date, bool, or "label:<message key prefix>" (the value translated).
Column = tuple[str, str, str]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refuse(error: Translatable) -> None:
    """A service's refusal, in the user's language; user text in it stays inert (``md``)."""
    st.error(md(error.message(lang())))


def call(ctx: UserContext, action: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, Translatable | None]:
    """``action(session, username, *args, **kwargs)`` in one write transaction: (result, None), or
    (None, the error) with nothing saved."""
    try:
        with write_session(engine()) as s:
            return action(s, ctx.username, *args, **kwargs), None
    except Translatable as exc:
        return None, exc


def save(ctx: UserContext, action: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
    """Like ``call``, but a refusal is shown right here as an error; returns (saved, result)."""
    result, error = call(ctx, action, *args, **kwargs)
    if error is not None:
        refuse(error)
        return False, None
    return True, result


def fresh(area: str) -> str:
    """The suffix of the keys of an area's input widgets; ``done`` changes it after each save.
    A widget under a new key starts from its default in the browser too (deleting its
    session_state entry would not: the browser keeps showing, and sending, what was typed)."""
    round_ = st.session_state.get(f"_round_{area}", 0)
    return f"_{round_}" if round_ else ""


def done(area: str, message: str | None) -> None:
    """After a save: keep the success message for the next run, give the area's inputs new keys
    (so its forms start empty: no double entry by a second click) and rerun, so every table and
    figure on the page is read again."""
    st.session_state[f"_flash_{area}"] = message
    st.session_state[f"_round_{area}"] = st.session_state.get(f"_round_{area}", 0) + 1
    st.rerun()


def show_flash(area: str) -> None:
    message = st.session_state.pop(f"_flash_{area}", None)
    if message:
        st.success(md(message))


def number(value: int | None) -> str:
    return "-" if value is None else f"{value:,}".replace(",", "." if lang() == "id" else ",")


def pct(value: Decimal | float | None) -> str:
    if value is None:
        return "-"
    text = f"{float(value):.1f}"
    return (text.replace(".", ",") if lang() == "id" else text) + "%"


def _cell(value: Any, kind: str) -> Any:
    if value is None and kind == "text":
        return ""
    if kind == "money":
        return format_rupiah(value) if value is not None else "-"
    if kind == "pct":
        return pct(value)
    if kind == "int":
        return number(value)
    if kind.startswith("label:"):
        key = kind[6:] + str(value)
        label = t(key)
        return value if label == key else label
    return value


def frame(rows: Iterable[dict], columns: Sequence[Column], *, formatted: bool = True) -> pd.DataFrame:
    """The rows as a table with headings in the user's language; ``formatted`` writes amounts as
    "Rp 1.234.567" (for the screen), otherwise they stay numbers (for exports)."""
    data = [{t(head): (_cell(row.get(field), kind) if formatted or kind.startswith("label:") else row.get(field))
             for field, head, kind in columns} for row in rows]
    return pd.DataFrame(data, columns=[t(head) for _, head, _ in columns])


def show_table(rows: Sequence[dict], columns: Sequence[Column], *, key: str | None = None,
               height: int | str = "auto") -> None:
    if not rows:
        st.info(t("common.none"))
        return
    config: dict[str, Any] = {}
    for _field, head, kind in columns:
        if kind in ("money", "pct", "int"):
            config[t(head)] = st.column_config.TextColumn(alignment="right")
        elif kind == "date":
            config[t(head)] = st.column_config.DateColumn(format="DD/MM/YYYY")
    st.dataframe(frame(rows, columns), hide_index=True, width="stretch", column_config=config, key=key,
                 height=height if len(rows) > 10 else "auto")


def export_buttons(rows: Sequence[dict], columns: Sequence[Column], name: str, key: str) -> None:
    """CSV and XLSX of the rows (numbers stay numbers, formulas neutralised), built on click."""
    raw = frame(rows, columns, formatted=False)
    stamp = dt.date.today().isoformat()
    row = st.container(horizontal=True)
    row.download_button(t("common.download_csv"), lambda: to_csv_bytes(raw), file_name=f"{name}-{stamp}.csv",
                         mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    row.download_button(t("common.download_xlsx"), lambda: to_xlsx_bytes({name: raw}),
                          file_name=f"{name}-{stamp}.xlsx", mime=XLSX, key=f"{key}_xlsx",
                          icon=":material/download:", on_click="ignore")


def money_input(label: str, *, key: str, value: Decimal | None = None, help: str | None = None,  # noqa: A002
                where: Any = st, placeholder: str = "1.250.000") -> str:
    """A text box for a rupiah amount, prefilled the Indonesian way ("1.250.000"); parse it with
    ``pulih.money.parse_rupiah`` (the caller shows its MoneyError)."""
    default = format_rupiah(value, symbol=False) if value is not None else ""
    return where.text_input(label, value=default, key=key, placeholder=placeholder, help=help)

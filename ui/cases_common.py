"""Small Streamlit pieces the case-management screens share: running one user action in one
transaction (a refused action shows its message and saves nothing), a message carried over the
rerun that follows a save, links to the fill page, and plain-text safety for user text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from pulih.database import write_session
from pulih.i18n import Translatable
from pulih.pdf.base import format_date
from pulih.pdf.casefile import number as score_text
from ui.auth import UserContext
from ui.i18n import lang, t
from ui.state import engine

FILL_PAGE = Path(__file__).resolve().parent.parent / "pages" / "fill.py"
_FLASH = "_cases_flash"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&])")


def md(text: object) -> str:
    """User text made inert for labels that Streamlit renders as markdown (headers, expanders, buttons)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def day(value: dt.date | None) -> str:
    return format_date(value, lang()) if value else "-"


def pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def number(value: float | None) -> str:
    return score_text(value, lang())


def flash(message: str) -> None:
    st.session_state[_FLASH] = message


def show_flash() -> None:
    """The success message of the action that caused this rerun, once."""
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def act(ctx: UserContext, action: Callable[..., Any], *args: Any, done: str | Callable[[Any], str] | None = None,
        then: Callable[[Any], None] | None = None, **kwargs: Any) -> None:
    """Run ``action(session, username, *args, **kwargs)`` in one write transaction. Refused: its
    message is shown and nothing is saved. Saved: ``then(result)``, a success message (``done``, or
    ``done(result)``) and a rerun so every figure on the screen is read again."""
    try:
        with write_session(engine()) as s:
            result = action(s, ctx.username, *args, **kwargs)
    except Translatable as exc:
        st.error(md(exc.message(lang())), icon=":material/error:")
        return
    if then is not None:
        then(result)
    flash(done(result) if callable(done) else done or t("common.saved"))
    st.rerun()


def forget(prefix: str) -> None:
    """Drop the widget values whose key starts with ``prefix`` (a form filled in for something new)."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]


def fill_button(label: str, key: str, form: str, *, icon: str = ":material/edit_note:", **params: object) -> None:
    """A button to the fill page with ``?form=...`` and the context (enrollment, follow-up...)."""
    missing = not FILL_PAGE.exists()
    if st.button(label, key=key, icon=icon, disabled=missing, help=t("cases.ui.fill_missing") if missing else None):
        query = {"form": form, **{k: str(v) for k, v in params.items() if v is not None}}
        st.switch_page("pages/fill.py", query_params=query)


def int_param(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and str(value).isdigit() else None

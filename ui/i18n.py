"""The current language of a Streamlit session and ``t()`` bound to it."""

from __future__ import annotations

import streamlit as st

from pulih.i18n import LANGUAGES, normalise_language
from pulih.i18n import t as _t


def lang() -> str:
    if "lang" not in st.session_state:
        st.session_state["lang"] = normalise_language(st.query_params.get("lang"))
    return st.session_state["lang"]


def t(key: str, **values: object) -> str:
    return _t(key, lang(), **values)


def language_switch(where=st.sidebar, key: str = "lang_switch") -> None:  # noqa: ANN001
    """A two-way switch Bahasa Indonesia / English, kept in the session and the URL."""
    current = lang()
    choice = where.segmented_control(
        _t("common.language", current), options=list(LANGUAGES), format_func=LANGUAGES.get,
        default=current, key=key,
    )
    if choice and choice != current:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()

"""Live dashboards: notice new data cheaply and show it without a reload.

Each full run of the dashboards page reads ``live.snapshot`` (one small SELECT of the change
counters every write bumps) and keeps it in the session. ``watch`` is a fragment that every
``EVERY_SECONDS`` reads the snapshot again (that one query, nothing else) and, only if a topic the
visible dashboard reads has moved (``live.changed``), reruns the page. The rerun builds new cache
keys for that dashboard only, so its frames are recomputed once and every other cached frame stays.
Writes from another browser or another app process on the same database bump the same counters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import streamlit as st

from pulih.dashboards import live
from pulih.database import read_session
from ui.i18n import t
from ui.state import engine

EVERY_SECONDS = 2
SEEN = "dash_live_seen"


def _read() -> dict[str, int]:
    with read_session(engine()) as s:
        return live.snapshot(s)


def snapshot() -> dict[str, int]:
    """The change counters this run of the page is drawn from (kept for ``watch`` to compare)."""
    snap = _read()
    st.session_state[SEEN] = snap
    return snap


@st.fragment(run_every=EVERY_SECONDS)
def watch(topics: Iterable[str]) -> None:
    now = _read()
    if live.changed(st.session_state.get(SEEN), now, topics):
        st.rerun(scope="app")
    st.caption(t("dash.ui.live", time=dt.datetime.now().strftime("%H:%M:%S")))

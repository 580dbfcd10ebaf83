"""Live dashboards without re-running heavy queries: every write bumps a change counter per topic
(``pulih.audit``), so an open dashboard polls ``snapshot`` (one small query) every few seconds and
recomputes its frames only when a topic it reads has changed.

Typical use in a page (the cache lives in the UI layer)::

    snap = live.snapshot(session)
    key = live.cache_key(filters, snap, live.TOPICS["budget"])
    frames = cached_budget_frames(key, filters)   # e.g. st.cache_data keyed by ``key``
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from pulih import audit
from pulih.dashboards.filters import Filters

# What each dashboard reads. Handovers and stock movements bump "stock"; follow-ups bump
# "enrollments"; cohorts, sessions and kits on cohorts bump "programs".
TOPICS: dict[str, frozenset[str]] = {
    "overview": frozenset({"participants", "enrollments", "attendance", "stock", "budget", "programs"}),
    "cohort": frozenset({"participants", "enrollments", "attendance", "submissions", "programs", "forms"}),
    "equipment": frozenset({"stock", "enrollments", "participants", "programs"}),
    "budget": frozenset({"budget", "enrollments", "programs"}),
    "outcomes": frozenset({"submissions", "enrollments", "programs"}),
}
TOPICS["report"] = frozenset().union(*TOPICS.values())


def snapshot(session: Session) -> dict[str, int]:
    """{topic: version} of every change counter: one small query."""
    return audit.versions(session)


def changed(old: Mapping[str, int] | None, new: Mapping[str, int], topics: Iterable[str]) -> bool:
    """True if a topic in ``topics`` has another version in ``new`` than in ``old`` (or no ``old``)."""
    if old is None:
        return True
    return any(old.get(topic, 0) != new.get(topic, 0) for topic in topics)


def versions_of(snapshot: Mapping[str, int], topics: Iterable[str]) -> str:
    """``"budget=4,programs=2"``: the versions of ``topics`` only, sorted."""
    return ",".join(f"{topic}={int(snapshot.get(topic, 0))}" for topic in sorted(topics))


def cache_key(filters: Filters, snapshot: Mapping[str, int], topics: Iterable[str]) -> str:
    """A key that changes when the filters change or a topic the dashboard reads changes, and
    only then: results cached under it can be reused until new data arrives."""
    return f"{filters.cache_key()}|{versions_of(snapshot, topics)}"

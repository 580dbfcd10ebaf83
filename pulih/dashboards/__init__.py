"""Dashboard queries: SQL aggregates returning small pandas frames (or dataclasses), all honouring
the shared ``Filters``. No Streamlit here: the pages lay these out, ``pulih.charts`` draws them.

Modules: ``filters`` (the shared filters), ``scope`` (filters as SQL), ``overview`` (KPIs),
``cohort`` (funnel, attendance heat map, readiness), ``scores`` (pre vs post), ``equipment``,
``budget``, ``outcomes``, ``live`` (change detection and cache keys).
"""

from pulih.dashboards.filters import Filters

__all__ = ["Filters"]

"""The filters every dashboard shares: program, cohort, period and district.

Kept in the URL (``to_query_params`` / ``from_query_params``) so a manager can send a link to a
filtered view; anything invalid in a link is dropped, never trusted. Pure Python: no database.

What each filter means:
* ``program_id`` / ``cohort_id``: the cohorts shown (a cohort of another program than the one
  chosen simply gives empty results);
* ``start`` / ``end`` (the period): people, attendance, scores, equipment and follow-ups of the
  cohorts that ran during the period (cohort dates overlap it); money dated in the period
  (spending), and the fiscal years it touches;
* ``district``: participants living in that district (``Participant.district``); money is not
  split by district, so the budget dashboard ignores it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

MAX_DISTRICT = 100
PARAMS = {"program_id": "program", "cohort_id": "cohort", "start": "from", "end": "to", "district": "district"}


def _last(value: object) -> str:
    """Streamlit's query params give strings; lists (``get_all``) give their last value."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value if value is not None else "").strip()


def _positive_int(value: object) -> int | None:
    text = _last(value)
    if not text.isdigit() or len(text) > 12:
        return None
    number = int(text)
    return number if number > 0 else None


def _date(value: object) -> dt.date | None:
    text = _last(value)
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _district(value: object) -> str | None:
    text = " ".join(_last(value).split())
    if not text or len(text) > MAX_DISTRICT or not text.isprintable():
        return None
    return text


@dataclass(frozen=True)
class Filters:
    program_id: int | None = None
    cohort_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    district: str | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:  # picked in the wrong order: swap
            start, end = self.end, self.start
            object.__setattr__(self, "start", start)
            object.__setattr__(self, "end", end)

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        return self.start, self.end

    @property
    def has_period(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def restricts_people(self) -> bool:
        """True if some filter narrows the participants (and so every people query)."""
        return any((self.program_id, self.cohort_id, self.has_period, self.district))

    def with_(self, **changes: object) -> Filters:
        return replace(self, **changes)

    def to_query_params(self) -> dict[str, str]:
        """Only the filters set, as strings: ``{"program": "1", "from": "2025-01-01", ...}``."""
        out = {}
        for name, param in PARAMS.items():
            value = getattr(self, name)
            if value is not None and value != "":
                out[param] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, object] | None) -> Filters:
        """Filters from a URL's query params; unknown keys and invalid values are ignored."""
        params = params or {}
        start, end = _date(params.get("from")), _date(params.get("to"))
        if start and end and start > end:
            start = end = None  # a reversed period is a mistake: show everything rather than guess
        return cls(
            program_id=_positive_int(params.get("program")),
            cohort_id=_positive_int(params.get("cohort")),
            start=start,
            end=end,
            district=_district(params.get("district")),
        )

    def cache_key(self) -> str:
        """A stable text key: the same filters always give the same key (for caches)."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            text = "" if value is None else (value.isoformat() if isinstance(value, dt.date) else str(value))
            parts.append(f"{f.name}={text}")
        return "&".join(parts)

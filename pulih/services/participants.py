"""Participants: intake (consent first, NIK checked, duplicates refused or overridden), edits,
likely-duplicate search and the paged registry search.

Duplicates: a known NIK is refused unless a manager or admin overrides with a reason; a close
name with the same birth date is only *offered* (``find_duplicates``), never refused.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pulih.audit import log_access, record
from pulih.models import Enrollment, Participant
from pulih.nik import check_nik, normalise_nik
from pulih.services.programs import CaseError, Check, apply_changes, get, user_id

OVERRIDE_ROLES = ("manager", "admin")
TEXT_FIELDS = {"full_name": 200, "birth_place": 100, "phone": 30, "address": 5000, "district": 100,
               "regency": 100, "education": 50, "referral_source": 200, "case_number": 100, "offence": 200}
FIELDS = ("nik", "sex", "birth_date", "release_date", *TEXT_FIELDS)
SEX_ALIASES = {"m": "M", "l": "M", "male": "M", "laki-laki": "M", "f": "F", "p": "F", "female": "F", "perempuan": "F"}
NAME_THRESHOLD = 0.85
# Old (pre-1972) Indonesian spelling and common variants, folded before names are compared.
_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("ch", "kh"), ("sj", "sy"), ("nj", "ny"), ("j", "y"), ("y", "i"))
_MUHAMMAD = {"mohamad", "mokhamad", "muhamad", "mukhamad", "mohamed", "moh", "muh", "mhd", "m"}


@dataclass(frozen=True)
class DuplicateCandidate:
    participant: Participant
    reason: str  # "same_nik" | "similar_name_same_birth_date"
    score: float


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    page: int
    pages: int
    page_size: int


def normalise_name(name: str) -> str:
    """Lower case, no accents or punctuation, single spaces, old spellings and double letters folded."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode().lower()
    text = " ".join(re.sub(r"[^a-z\s]", " ", text).split())
    for old, new in _SPELLING:
        text = text.replace(old, new)
    words = re.sub(r"(.)\1+", r"\1", text).split()
    return " ".join("muhamad" if word in _MUHAMMAD else word for word in words)


def name_similarity(a: str, b: str) -> float:
    """0..1: the best of plain, word-order-free and word-subset comparisons of the folded names."""
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return 0.0
    plain = difflib.SequenceMatcher(None, a, b).ratio()
    ordered = difflib.SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split()))).ratio()
    short, long = sorted((set(a.split()), set(b.split())), key=len)
    subset = 0.9 if len(short) >= 2 and short <= long else 0.0
    return round(max(plain, ordered, subset), 3)


def find_duplicates(
    session: Session, nik: str | None, full_name: str | None, birth_date: dt.date | None, exclude_id: int | None = None
) -> list[DuplicateCandidate]:
    """Likely duplicates, best first: the same NIK, or a close name with the same birth date."""
    nik = normalise_nik(nik)
    conditions = [Participant.nik == nik] if len(nik) == 16 else []
    if birth_date is not None and full_name:
        conditions.append(Participant.birth_date == birth_date)
    if not conditions:
        return []
    stmt = select(Participant).where(or_(*conditions))
    if exclude_id is not None:
        stmt = stmt.where(Participant.id != exclude_id)
    found = []
    for person in session.scalars(stmt.limit(200)):
        if person.nik == nik:
            found.append(DuplicateCandidate(person, "same_nik", 1.0))
        elif (score := name_similarity(full_name or "", person.full_name)) >= NAME_THRESHOLD:
            found.append(DuplicateCandidate(person, "similar_name_same_birth_date", score))
    return sorted(found, key=lambda c: (-c.score, c.participant.id))


def _values(data: dict, current: Participant | None) -> tuple[dict, dict]:
    """Validated column values and the other intake answers (for ``extra``); all problems together."""
    merged = {n: getattr(current, n) for n in FIELDS} if current else {}
    merged.update({k: v for k, v in data.items() if k in FIELDS})
    c = Check(merged)
    values = {name: c.text(name, size, required=name == "full_name") for name, size in TEXT_FIELDS.items()}
    values["full_name"] = " ".join(values["full_name"].split())
    values["sex"] = SEX_ALIASES.get(str(merged.get("sex") or "").strip().lower())
    if values["sex"] is None:
        c.fail("cases.required" if not merged.get("sex") else "cases.bad_sex", "sex", value=merged.get("sex"))
    values["birth_date"] = c.date("birth_date")
    values["release_date"] = c.date("release_date", required=False)
    if values["birth_date"] and values["birth_date"] > dt.date.today():
        c.fail("cases.date_in_future", "birth_date")
    values["nik"] = normalise_nik(merged.get("nik"))
    c.problems.extend(check_nik(values["nik"], values["birth_date"], values["sex"]))
    c.done()
    extra = {k: v for k, v in data.items() if k not in FIELDS and k not in ("consent", "consent_date", "id")}
    return values, json.loads(json.dumps(extra, default=str))


def _guard_known_nik(session: Session, nik: str, exclude_id: int | None, role: str, reason: str | None) -> str | None:
    """None when the NIK is new; else the override reason, or a CaseError when no override is allowed."""
    stmt = select(Participant.id).where(Participant.nik == nik)
    if exclude_id is not None:
        stmt = stmt.where(Participant.id != exclude_id)
    existing = session.scalars(stmt.order_by(Participant.id)).first()
    if existing is None:
        return None
    if role not in OVERRIDE_ROLES:
        raise CaseError("cases.duplicate_nik", existing_id=existing)
    reason = (reason or "").strip()
    if not reason:
        raise CaseError("cases.override_reason_required", existing_id=existing)
    return reason


def _lock_nik(session: Session, nik: str) -> None:
    """On PostgreSQL, serialise intakes of one NIK (SQLite's BEGIN IMMEDIATE already serialises writers)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(int(nik))))


def register_participant(
    session: Session, username: str, data: dict, *, consent: bool, override_reason: str | None = None, role: str
) -> Participant:
    """Store a new participant from intake answers; nothing is stored without informed consent."""
    if consent is not True:
        raise CaseError("cases.consent_required")
    values, extra = _values(data, None)
    _lock_nik(session, values["nik"])
    reason = _guard_known_nik(session, values["nik"], None, role, override_reason)
    consent_date = data.get("consent_date") if isinstance(data.get("consent_date"), dt.date) else dt.date.today()
    person = Participant(**values, extra=extra, consent_given=True, consent_date=consent_date,
                         duplicate_override_reason=reason, created_by_id=user_id(session, username))
    session.add(person)
    session.flush()
    record(session, username, "participant.create", "participants", person.id,
           after=values | {"extra": extra}, duplicate_override_reason=reason)
    return person


def update_participant(
    session: Session, username: str, participant_id: int, data: dict, *, role: str, override_reason: str | None = None
) -> Participant:
    """Change a participant's answers (only the keys given); changing to a known NIK needs an override."""
    person = get(session, Participant, participant_id, "participant", lock=True)
    values, extra = _values(data, person)
    if values["nik"] != person.nik:
        _lock_nik(session, values["nik"])
        reason = _guard_known_nik(session, values["nik"], person.id, role, override_reason)
        values["duplicate_override_reason"] = reason or person.duplicate_override_reason
    values["extra"] = {**(person.extra or {}), **extra}
    before, after = apply_changes(person, values)
    if after:
        record(session, username, "participant.update", "participants", person.id, before=before, after=after)
    return person


def open_participant(session: Session, username: str, participant_id: int, page: str = "participant") -> Participant:
    """The participant, with an access-log entry (who opened whose personal data; UU PDP)."""
    person = get(session, Participant, participant_id, "participant")
    log_access(session, username, page, "participants", person.id)
    return person


def search_participants(
    session: Session, q: str | None = None, district: str | None = None, cohort_id: int | None = None,
    status: str | None = None, page: int = 1, page_size: int = 25,
) -> Page:
    """The registry, filtered and paged in SQL: ``q`` is a NIK prefix (digits) or part of a name."""
    stmt = select(Participant)
    q = " ".join(str(q or "").split())
    if q and normalise_nik(q).isdigit():
        stmt = stmt.where(Participant.nik.startswith(normalise_nik(q), autoescape=True))
    elif q:
        stmt = stmt.where(func.lower(Participant.full_name).contains(q.lower(), autoescape=True))
    if district:
        stmt = stmt.where(func.lower(Participant.district) == district.strip().lower())
    if cohort_id is not None or status:
        enrolled = select(Enrollment.id).where(Enrollment.participant_id == Participant.id)
        enrolled = enrolled.where(Enrollment.cohort_id == cohort_id) if cohort_id is not None else enrolled
        stmt = stmt.where((enrolled.where(Enrollment.status == status) if status else enrolled).exists())
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page_size = max(1, min(int(page_size), 500))
    pages = max(1, math.ceil(total / page_size))
    page = min(max(1, int(page)), pages)
    rows = session.scalars(stmt.order_by(Participant.full_name, Participant.id).offset((page - 1) * page_size)
                           .limit(page_size))
    return Page(list(rows), total, page, pages, page_size)


def districts(session: Session) -> list[str]:
    """The districts participants live in, in name order (the registry's district filter)."""
    stmt = select(Participant.district).where(Participant.district != "").distinct()
    return list(session.scalars(stmt.order_by(Participant.district)))

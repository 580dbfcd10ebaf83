"""Every write leaves an audit row; writes also bump a change counter per topic so open
dashboards can notice new data with one cheap query."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pulih.models import AccessLog, AuditLog, ChangeCounter, utcnow

SYSTEM_USER = "system"
TOPICS = ("participants", "enrollments", "attendance", "submissions", "forms", "stock", "budget", "programs", "users")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def record(session: Session, username: str, action: str, entity: str, entity_id: object = "", /, **details: Any) -> None:
    """Add an audit row in the caller's transaction (so it commits or rolls back with the write)."""
    session.add(
        AuditLog(
            username=username or SYSTEM_USER,
            action=action,
            entity=entity,
            entity_id="" if entity_id is None else str(entity_id),
            details=_jsonable(details),
        )
    )
    topic = entity if entity in TOPICS else None
    if topic:
        touch(session, topic)


def touch(session: Session, *topics: str) -> None:
    """Bump the change counter of each topic (created on first use)."""
    for topic in topics:
        changed = session.execute(
            update(ChangeCounter)
            .where(ChangeCounter.topic == topic)
            .values(version=ChangeCounter.version + 1, changed_at=utcnow())
        ).rowcount
        if not changed:
            session.add(ChangeCounter(topic=topic, version=1))
            session.flush()


def versions(session: Session) -> dict[str, int]:
    """All change counters: one small query, polled by live dashboards."""
    return dict(session.execute(select(ChangeCounter.topic, ChangeCounter.version)).all())


def log_access(session: Session, username: str, page: str, entity: str = "", entity_id: object = "") -> None:
    session.add(AccessLog(username=username, page=page, entity=entity, entity_id=str(entity_id or "")))

"""Read side of user administration (the writes live in pulih.auth)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.audit import SYSTEM_USER
from pulih.models import AuditLog, User


def list_users(session: Session) -> list[dict]:
    return [
        {"username": u.username, "name": u.name, "role": u.role, "email": u.email or "", "active": u.is_active,
         "created_at": u.created_at}
        for u in session.scalars(select(User).where(User.username != SYSTEM_USER).order_by(User.username))
    ]


def audit_page(session: Session, *, username: str = "", action: str = "", page: int = 1, page_size: int = 50) -> list[dict]:
    q = select(AuditLog).order_by(AuditLog.id.desc())
    if username:
        q = q.where(AuditLog.username == username.strip().lower())
    if action:
        q = q.where(AuditLog.action.startswith(action.strip()))
    q = q.offset((max(page, 1) - 1) * page_size).limit(page_size)
    return [
        {"at": a.at, "username": a.username, "action": a.action, "entity": a.entity, "entity_id": a.entity_id,
         "details": a.details}
        for a in session.scalars(q)
    ]

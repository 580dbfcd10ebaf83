"""Small pieces shared by the two ledgers (equipment and budget): the acting user and their
permission, all-or-nothing service calls, uploaded files, and input checks."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.i18n import Translatable
from pulih.models import StoredFile, User
from pulih.permissions import can

P = ParamSpec("P")
R = TypeVar("R")

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf")


def atomic(func: Callable[P, R]) -> Callable[P, R]:
    """Run a service inside a SAVEPOINT of the caller's transaction: when it raises, everything it
    wrote is undone, even if the caller catches the error and commits other work (bulk import)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session: Session = args[0]  # type: ignore[assignment]
        with session.begin_nested():
            return func(*args, **kwargs)

    return wrapper


def acting_user(session: Session, username: str, action: str, area: str) -> User:
    """The active user called ``username``, if their role may do ``action`` (pulih.permissions)."""
    name = (username or "").strip().lower()
    user = session.scalar(select(User).where(User.username == name))
    if user is None or not user.is_active:
        raise Translatable(f"{area}.user_unknown", username=name or "-")
    if not can(user.role, action):
        raise Translatable(f"{area}.role_forbidden", username=name, role=user.role)
    return user


@dataclass(frozen=True)
class Upload:
    """An uploaded file as the services take it (Streamlit's UploadedFile works too)."""

    filename: str
    content_type: str
    content: bytes


def _as_upload(obj: Any) -> Upload:
    if isinstance(obj, Upload):
        return obj
    if isinstance(obj, tuple) and len(obj) == 3:
        return Upload(*obj)
    if hasattr(obj, "getvalue"):  # streamlit UploadedFile
        return Upload(getattr(obj, "name", "upload"), getattr(obj, "type", "") or "", obj.getvalue())
    if isinstance(obj, dict):
        return Upload(obj["filename"], obj["content_type"], obj["content"])
    raise TypeError(f"not an upload: {type(obj).__name__}")


def store_upload(session: Session, user: User, obj: Any, area: str) -> StoredFile:
    """Keep a photo or scan (JPEG, PNG, WebP, HEIC, PDF; at most 10 MB) as a StoredFile."""
    upload = _as_upload(obj)
    content = bytes(upload.content or b"")
    name = (upload.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:255]
    if not content:
        raise Translatable(f"{area}.file_empty", filename=name)
    if len(content) > MAX_UPLOAD_BYTES:
        raise Translatable(f"{area}.file_too_large", filename=name, limit_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    content_type = (upload.content_type or "").lower().split(";")[0].strip()
    if content_type not in DOCUMENT_TYPES:
        raise Translatable(f"{area}.file_type", filename=name, content_type=content_type or "-")
    stored = StoredFile(
        filename=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by_id=user.id,
    )
    session.add(stored)
    session.flush()
    return stored


def expire_cached(session: Session, cls: type, ident: object) -> None:
    """Forget a row the session may hold, after a Core UPDATE changed it behind the ORM's back."""
    obj = session.identity_map.get(session.identity_key(cls, ident))  # type: ignore[call-arg]
    if obj is not None:
        session.expire(obj)


def required_text(value: object, key: str, **values: object) -> str:
    text = str(value or "").strip()
    if not text:
        raise Translatable(key, **values)
    return text


def required_date(value: object, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Translatable(key, value=str(value or "-"))


def positive_int(value: object, key: str, **values: object) -> int:
    """A whole number > 0 (quantities of items); text digits are accepted, fractions are not."""
    if isinstance(value, bool):
        raise Translatable(key, value=str(value), **values)
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise Translatable(key, value=str(value), **values) from None
    if number <= 0:
        raise Translatable(key, value=str(value), **values)
    return number

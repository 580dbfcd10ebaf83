"""Accounts, passwords, login throttling and server-side session validity.

streamlit-authenticator keeps no server-side session: its cookie is an HS256 JWT
``{username, exp_date}`` that stays valid until it expires. Pulih closes that gap here:

* logout revokes the cookie's token (a hash is kept until the token would have expired);
* a password change, a role change or disabling a user moves ``sessions_valid_after`` forward,
  which ends every older login of that user, cookie or live session;
* a token is only honoured if signed with our key (never the library's 'some_key'), unexpired,
  unrevoked and issued after ``sessions_valid_after`` for an active user.

Throttling (counted in the database, so it holds across app processes):

* one user name from one client: after 5 failures within 15 minutes, a growing wait
  (30 s, 60 s, ... at most 15 minutes) before the next try;
* one client, whatever names it tries: 20 failures within 15 minutes blocks it for 15 minutes;
* one user name from all clients together: 50 failures within 15 minutes pauses that name for
  one minute: it slows a distributed attack but cannot keep the real user out for long, since
  their own client is only ever held by its own failures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets as pysecrets
from dataclasses import dataclass

import bcrypt
import jwt
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pulih import audit
from pulih.config import COOKIE_EXPIRY_DAYS, ConfigError, cookie_key_problem, settings
from pulih.i18n import Translatable
from pulih.models import ROLES, AppSetting, LoginAttempt, RevokedToken, User, utcnow

WINDOW = dt.timedelta(minutes=15)
PAIR_LIMIT, CLIENT_LIMIT, USER_LIMIT = 5, 20, 50
MAX_WAIT = dt.timedelta(minutes=15)
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 8


class AuthError(Translatable):
    pass


# ---------------------------------------------------------------- passwords and users

def hash_password(password: str) -> str:
    # Tests lower the cost through PULIH_BCRYPT_ROUNDS; real use keeps bcrypt's default of 12.
    rounds = min(max(int(os.environ.get("PULIH_BCRYPT_ROUNDS", "12")), 4), 16)
    return bcrypt.hashpw(password.strip().encode(), bcrypt.gensalt(rounds)).decode()


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.strip().encode(), password_hash.encode())
    except ValueError:
        return False


def _check_new_password(password: str) -> None:
    if len(password.strip()) < MIN_PASSWORD:
        raise AuthError("auth.password_too_short", min=MIN_PASSWORD)


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def get_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normalise_username(username)))


def add_user(session: Session, actor: str, username: str, name: str, role: str, password: str,
             email: str | None = None, language: str = "id") -> User:
    username = normalise_username(username)
    if not USERNAME_RE.match(username):
        raise AuthError("auth.bad_username")
    if role not in ROLES:
        raise AuthError("auth.bad_role", role=role, roles=", ".join(ROLES))
    if not name.strip():
        raise AuthError("auth.name_required")
    _check_new_password(password)
    if get_user(session, username):
        raise AuthError("auth.user_exists", username=username)
    user = User(username=username, name=name.strip(), role=role, email=email, language=language,
                password_hash=hash_password(password))
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.add", "users", user.id, username=username, role=role)
    return user


def _require_user(session: Session, username: str) -> User:
    user = get_user(session, username)
    if user is None:
        raise AuthError("auth.no_such_user", username=normalise_username(username))
    return user


def set_password(session: Session, actor: str, username: str, password: str) -> None:
    """Change a password and end every existing login of that user."""
    _check_new_password(password)
    user = _require_user(session, username)
    user.password_hash = hash_password(password)
    user.sessions_valid_after = utcnow()
    audit.record(session, actor, "user.password", "users", user.id, username=user.username)


def set_active(session: Session, actor: str, username: str, active: bool) -> None:
    user = _require_user(session, username)
    if not active and user.username == normalise_username(actor):
        raise AuthError("auth.cannot_disable_self")
    user.is_active = active
    user.sessions_valid_after = utcnow()
    audit.record(session, actor, "user.enable" if active else "user.disable", "users", user.id, username=user.username)


def set_role(session: Session, actor: str, username: str, role: str) -> None:
    if role not in ROLES:
        raise AuthError("auth.bad_role", role=role, roles=", ".join(ROLES))
    user = _require_user(session, username)
    before = user.role
    user.role = role
    user.sessions_valid_after = utcnow()
    audit.record(session, actor, "user.role", "users", user.id, username=user.username, before=before, after=role)


def credentials(session: Session) -> dict:
    """The credentials dict streamlit-authenticator expects, built from active users (bcrypt hashes)."""
    users = session.scalars(select(User).where(User.is_active.is_(True), User.username != audit.SYSTEM_USER)).all()
    return {
        "usernames": {
            u.username: {"name": u.name, "email": u.email or "", "password": u.password_hash, "roles": [u.role]}
            for u in users
        }
    }


# ---------------------------------------------------------------- cookie key

def cookie_key(session: Session) -> str:
    """The key that signs login cookies: from secrets/environment; in demo mode a random key kept
    in the database (shared by all app processes) when none is configured. Production refuses a
    missing or weak key."""
    conf = settings()
    problem = cookie_key_problem(conf.cookie_key)
    if problem is None:
        return conf.cookie_key  # type: ignore[return-value]
    if not conf.demo:
        raise ConfigError(
            f"PULIH_COOKIE_KEY is {problem}: production mode needs a random key of at least 32 characters "
            "in .streamlit/secrets.toml or the environment (python -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    row = session.get(AppSetting, "cookie_key")
    if row is None:
        row = AppSetting(key="cookie_key", value=pysecrets.token_urlsafe(48))
        session.add(row)
        session.flush()
    return row.value


# ---------------------------------------------------------------- tokens

def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_issued_at(exp_date: float) -> dt.datetime:
    issued = dt.datetime.fromtimestamp(exp_date, dt.UTC) - dt.timedelta(days=COOKIE_EXPIRY_DAYS)
    return issued.replace(tzinfo=None)


def decode_token(token: str, key: str) -> dict | None:
    try:
        payload = jwt.decode(token, key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    if not isinstance(payload.get("username"), str) or not isinstance(payload.get("exp_date"), (int, float)):
        return None
    return payload


def token_user(session: Session, token: str, key: str) -> User | None:
    """The user a cookie token may log in, or None if it must be refused."""
    payload = decode_token(token, key)
    if payload is None or payload["exp_date"] <= dt.datetime.now(dt.UTC).timestamp():
        return None
    if session.get(RevokedToken, token_hash(token)) is not None:
        return None
    user = get_user(session, payload["username"])
    if user is None or not user.is_active or user.username == audit.SYSTEM_USER:
        return None
    if token_issued_at(payload["exp_date"]) < user.sessions_valid_after:
        return None
    return user


def revoke_token(session: Session, token: str, key: str) -> None:
    payload = decode_token(token, key)
    if payload is None or session.get(RevokedToken, token_hash(token)) is not None:
        return
    expires = dt.datetime.fromtimestamp(payload["exp_date"], dt.UTC).replace(tzinfo=None)
    session.add(RevokedToken(token_hash=token_hash(token), username=payload["username"], expires_at=expires))
    session.execute(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))


def session_still_valid(session: Session, username: str, logged_in_at: dt.datetime) -> User | None:
    """Re-checked on every page run: the user is active and nothing ended their sessions since login."""
    user = get_user(session, username)
    if user is None or not user.is_active or logged_in_at < user.sessions_valid_after:
        return None
    return user


# ---------------------------------------------------------------- throttling

@dataclass(frozen=True)
class Throttle:
    blocked: bool
    wait_seconds: int = 0


def _failures(session: Session, since: dt.datetime, **where: str) -> tuple[int, dt.datetime | None]:
    q = select(func.count(), func.max(LoginAttempt.at)).where(LoginAttempt.at >= since, LoginAttempt.success.is_(False))
    for column, value in where.items():
        q = q.where(getattr(LoginAttempt, column) == value)
    count, last = session.execute(q).one()
    return int(count or 0), last


def throttle(session: Session, username: str, client: str, now: dt.datetime | None = None) -> Throttle:
    """Whether a login attempt for ``username`` from ``client`` must wait, and how long."""
    now = now or utcnow()
    since = now - WINDOW
    username = normalise_username(username)
    waits = []
    n, last = _failures(session, since, username=username, client=client)
    if n >= PAIR_LIMIT and last:
        waits.append(last + min(dt.timedelta(seconds=30 * 2 ** (n - PAIR_LIMIT)), MAX_WAIT) - now)
    n, last = _failures(session, since, client=client)
    if n >= CLIENT_LIMIT and last:
        waits.append(last + MAX_WAIT - now)
    n, last = _failures(session, since, username=username)
    if n >= USER_LIMIT and last:
        waits.append(last + dt.timedelta(minutes=1) - now)
    wait = max((w for w in waits), default=dt.timedelta(0))
    seconds = int(wait.total_seconds() + 0.999)
    return Throttle(blocked=seconds > 0, wait_seconds=max(seconds, 0))


def record_attempt(session: Session, username: str, client: str, success: bool) -> None:
    username = normalise_username(username)[:64]
    session.add(LoginAttempt(username=username, client=client[:64], success=success))
    if success:
        # A successful login clears that client's failures for the name (not other clients').
        session.execute(
            delete(LoginAttempt).where(
                LoginAttempt.username == username, LoginAttempt.client == client[:64], LoginAttempt.success.is_(False)
            )
        )
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - 4 * WINDOW))
    audit.record(session, username or "?", "login.success" if success else "login.failure", "login", client=client[:64])

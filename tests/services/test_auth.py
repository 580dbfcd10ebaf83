"""Accounts, tokens and throttling (pulih.auth), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest
from sqlalchemy import func, select

from pulih import auth
from pulih.config import COOKIE_EXPIRY_DAYS
from pulih.database import read_session, write_session
from pulih.models import AuditLog, User, utcnow

KEY = "k" * 40


def _token(username: str, issued: dt.datetime | None = None, key: str = KEY) -> str:
    issued = issued or dt.datetime.now(dt.UTC)
    exp = (issued + dt.timedelta(days=COOKIE_EXPIRY_DAYS)).timestamp()
    return jwt.encode({"username": username, "exp_date": exp}, key, algorithm="HS256")


@pytest.fixture
def users(engine):
    with write_session(engine) as s:
        auth.add_user(s, "system", "Rina", "Rina Kartika", "admin", "long-password")
        auth.add_user(s, "system", "budi", "Budi", "staff", "long-password")
    return engine


def test_add_user_hashes_and_audits__ok(users):
    with read_session(users) as s:
        user = s.scalar(select(User).where(User.username == "rina"))
        assert user.password_hash.startswith("$2") and "long-password" not in user.password_hash
        assert auth.check_password("long-password", user.password_hash)
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "user.add")) == 2


@pytest.mark.parametrize(
    ("username", "role", "password", "key"),
    [("x", "staff", "long-password", "auth.bad_username"), ("ok.name", "boss", "long-password", "auth.bad_role"),
     ("ok.name", "staff", "short", "auth.password_too_short"), ("budi", "staff", "long-password", "auth.user_exists")],
)
def test_add_user_bad_input__error(users, username, role, password, key):
    with read_session(users) as s:
        before = s.scalar(select(func.count()).select_from(User))
    with pytest.raises(auth.AuthError) as err, write_session(users) as s:
        auth.add_user(s, "system", username, "Name", role, password)
    assert err.value.key == key
    assert err.value.message("id") != err.value.message("en")
    with read_session(users) as s:
        assert s.scalar(select(func.count()).select_from(User)) == before


def test_valid_token_logs_in__ok(users):
    with read_session(users) as s:
        assert auth.token_user(s, _token("budi"), KEY).username == "budi"


def test_token_signed_with_some_key_is_refused__error(users):
    with read_session(users) as s:
        assert auth.token_user(s, _token("rina", key="some_key"), KEY) is None


def test_revoked_token_is_refused__error(users):
    token = _token("budi")
    with write_session(users) as s:
        auth.revoke_token(s, token, KEY)
    with read_session(users) as s:
        assert auth.token_user(s, token, KEY) is None
        assert auth.token_user(s, _token("budi", dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)), KEY) is not None


def test_password_change_ends_older_tokens_and_sessions__error(users):
    before = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    old = _token("budi", before)
    login_at = utcnow() - dt.timedelta(minutes=5)
    with write_session(users) as s:
        auth.set_password(s, "rina", "budi", "another-long-one")
    with read_session(users) as s:
        assert auth.token_user(s, old, KEY) is None
        assert auth.session_still_valid(s, "budi", login_at) is None
        assert auth.session_still_valid(s, "budi", utcnow()) is not None


def test_disabled_user_is_refused__error(users):
    with write_session(users) as s:
        auth.set_active(s, "rina", "budi", False)
    with read_session(users) as s:
        assert auth.token_user(s, _token("budi", dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)), KEY) is None
        assert "budi" not in auth.credentials(s)["usernames"]


def test_cannot_disable_self__error(users):
    with pytest.raises(auth.AuthError) as err, write_session(users) as s:
        auth.set_active(s, "rina", "rina", False)
    assert err.value.key == "auth.cannot_disable_self"


def _fail(engine, n: int, username: str = "budi", client: str = "10.0.0.1") -> None:
    with write_session(engine) as s:
        for _ in range(n):
            auth.record_attempt(s, username, client, False)


def test_throttle_after_five_failures_for_that_client_only__error(users):
    _fail(users, 5)
    with read_session(users) as s:
        blocked = auth.throttle(s, "budi", "10.0.0.1")
        assert blocked.blocked and 0 < blocked.wait_seconds <= 30
        # The real user on another client is not locked out by a stranger's failures.
        assert not auth.throttle(s, "budi", "10.0.0.2").blocked


def test_throttle_wait_grows_but_is_capped__ok(users):
    _fail(users, 12)
    with read_session(users) as s:
        state = auth.throttle(s, "budi", "10.0.0.1")
    assert state.blocked and state.wait_seconds <= 15 * 60


def test_throttle_expires__ok(users):
    _fail(users, 5)
    with read_session(users) as s:
        later = utcnow() + dt.timedelta(minutes=16)
        assert not auth.throttle(s, "budi", "10.0.0.1", now=later).blocked


def test_client_spraying_many_names_is_blocked__error(users):
    with write_session(users) as s:
        for i in range(20):
            auth.record_attempt(s, f"guess{i}", "10.9.9.9", False)
    with read_session(users) as s:
        assert auth.throttle(s, "rina", "10.9.9.9").blocked
        assert not auth.throttle(s, "rina", "10.0.0.1").blocked


def test_success_clears_that_clients_failures__ok(users):
    _fail(users, 4)
    with write_session(users) as s:
        auth.record_attempt(s, "budi", "10.0.0.1", True)
    _fail(users, 1)
    with read_session(users) as s:
        assert not auth.throttle(s, "budi", "10.0.0.1").blocked

"""Settings safety (cookie key, modes) and the users command line."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from sqlalchemy import select

from pulih import auth
from pulih.cli import main
from pulih.config import ConfigError, cookie_key_problem, reset_settings_cache
from pulih.database import dispose_engines, make_engine, read_session, write_session
from pulih.models import AppSetting, AuditLog, User
from tests.conftest import ROOT


@pytest.fixture
def env(monkeypatch, sqlite_url):  # noqa: ANN001
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.delenv("PULIH_COOKIE_KEY", raising=False)
    monkeypatch.delenv("PULIH_MODE", raising=False)
    monkeypatch.setenv("PULIH_SECRETS_FILE", "/nonexistent/secrets.toml")
    reset_settings_cache()
    yield monkeypatch
    reset_settings_cache()
    dispose_engines()


@pytest.mark.parametrize(("key", "problem"), [(None, "missing"), ("some_key", "weak"), ("short-key", "short"), ("x" * 40, None)])
def test_cookie_key_strength(key, problem):
    assert cookie_key_problem(key) == problem


def test_production_refuses_weak_cookie_key__error(env, sqlite_url):
    env.setenv("PULIH_MODE", "production")
    env.setenv("PULIH_COOKIE_KEY", "some_key")
    reset_settings_cache()
    engine = make_engine(sqlite_url)
    with pytest.raises(ConfigError, match="PULIH_COOKIE_KEY"), write_session(engine) as s:
        auth.cookie_key(s)


def test_production_uses_configured_key__ok(env, sqlite_url):
    env.setenv("PULIH_MODE", "production")
    env.setenv("PULIH_COOKIE_KEY", "k" * 48)
    reset_settings_cache()
    with write_session(make_engine(sqlite_url)) as s:
        assert auth.cookie_key(s) == "k" * 48


def test_demo_generates_one_shared_random_key__ok(env, sqlite_url):
    engine = make_engine(sqlite_url)
    with write_session(engine) as s:
        first = auth.cookie_key(s)
    with write_session(engine) as s:
        assert auth.cookie_key(s) == first
        assert len(first) >= 32 and first != "some_key"
        assert s.get(AppSetting, "cookie_key").value == first


def test_users_add_passwd_disable_enable_list__ok(env, sqlite_url, capsys):
    env.setattr(sys, "stdin", io.StringIO("a-long-password\n"))
    assert main(["users", "add", "Siti", "--name", "Siti Aminah", "--role", "staff", "--password-stdin"]) == 0
    engine = make_engine(sqlite_url)
    with read_session(engine) as s:
        user = s.scalar(select(User).where(User.username == "siti"))
        assert user.role == "staff" and auth.check_password("a-long-password", user.password_hash)
        valid_after = user.sessions_valid_after
    env.setattr(sys, "stdin", io.StringIO("another-password\n"))
    assert main(["users", "passwd", "siti", "--password-stdin"]) == 0
    assert main(["users", "disable", "siti"]) == 0
    with read_session(engine) as s:
        user = s.scalar(select(User).where(User.username == "siti"))
        assert not user.is_active and user.sessions_valid_after > valid_after
        assert auth.check_password("another-password", user.password_hash)
        actions = [a.action for a in s.scalars(select(AuditLog).where(AuditLog.username == "system"))]
        assert {"user.add", "user.password", "user.disable"} <= set(actions)
    assert main(["users", "enable", "siti"]) == 0
    capsys.readouterr()
    assert main(["users", "list"]) == 0
    assert "siti" in capsys.readouterr().out


def test_users_add_bad_input_says_why_without_traceback__error(env, capsys):
    env.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["users", "add", "budi", "--name", "Budi", "--role", "staff", "--password-stdin"]) == 1
    err = capsys.readouterr().err
    assert "at least 8" in err and "Traceback" not in err


def test_cli_as_a_process_never_shows_a_traceback__error(env, sqlite_url):
    result = subprocess.run([sys.executable, "-m", "pulih", "users", "passwd", "nobody", "--password-stdin"],
                            input="a-long-password\n", capture_output=True, text=True, cwd=ROOT,
                            env={**__import__("os").environ, "DATABASE_URL": sqlite_url})
    assert result.returncode == 1
    assert "There is no user 'nobody'" in result.stderr and "Traceback" not in result.stderr

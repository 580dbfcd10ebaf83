"""Settings, read from the environment first, then ``.streamlit/secrets.toml``.

Nothing secret is ever committed: ``secrets.toml.example`` documents the keys.

* ``DATABASE_URL``      SQLAlchemy URL; default ``sqlite:///data/pulih.db`` in the project folder.
* ``PULIH_MODE``        ``demo`` (default when nothing production-like is set) or ``production``.
* ``PULIH_COOKIE_KEY``  key that signs the ``pulih_auth`` login cookie (>= 32 characters).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
DEFAULT_SQLITE = PROJECT_ROOT / "data" / "pulih.db"
COOKIE_NAME = "pulih_auth"
COOKIE_EXPIRY_DAYS = 7.0
MIN_COOKIE_KEY_LENGTH = 32
WEAK_COOKIE_KEYS = {"some_key", "secret", "changeme", "change-me", "pulih", "key"}


class ConfigError(RuntimeError):
    """A setting is missing or unsafe; the message says which and how to fix it."""


def _secrets() -> dict:
    path = Path(os.environ.get("PULIH_SECRETS_FILE", SECRETS_FILE))
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _get(name: str, secrets: dict) -> str | None:
    if os.environ.get(name):
        return os.environ[name]
    value = secrets.get(name) or secrets.get(name.lower())
    if value is None and name.startswith("PULIH_"):
        value = secrets.get("pulih", {}).get(name.removeprefix("PULIH_").lower())
    return str(value) if value is not None else None


@dataclass(frozen=True)
class Settings:
    database_url: str
    mode: str
    cookie_key: str | None
    login_sleep: float

    @property
    def demo(self) -> bool:
        return self.mode == "demo"


def cookie_key_problem(key: str | None) -> str | None:
    """Why a cookie key is unsafe, or None when it is strong enough."""
    if not key:
        return "missing"
    if key.strip().lower() in WEAK_COOKIE_KEYS:
        return "weak"
    if len(key) < MIN_COOKIE_KEY_LENGTH:
        return "short"
    return None


@lru_cache(maxsize=1)
def settings() -> Settings:
    secrets = _secrets()
    url = _get("DATABASE_URL", secrets)
    if not url:
        url = f"sqlite:///{DEFAULT_SQLITE}"
    mode = (_get("PULIH_MODE", secrets) or "").strip().lower()
    if mode not in ("demo", "production"):
        mode = "demo"
    sleep = float(_get("PULIH_LOGIN_SLEEP", secrets) or 0.3)
    return Settings(database_url=url, mode=mode, cookie_key=_get("PULIH_COOKIE_KEY", secrets), login_sleep=sleep)


def reset_settings_cache() -> None:
    settings.cache_clear()

"""AppTest fixtures: each test runs the real app.py against its own copy of the demo database."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pulih.config import reset_settings_cache
from pulih.database import dispose_engines
from tests.conftest import ROOT

PASSWORD = "pulih-demo"


@pytest.fixture(autouse=True)
def app_env(monkeypatch, demo_db):  # noqa: ANN001
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setenv("PULIH_MODE", "demo")
    monkeypatch.setenv("PULIH_LOGIN_SLEEP", "0")
    monkeypatch.delenv("PULIH_COOKIE_KEY", raising=False)
    reset_settings_cache()
    st.cache_resource.clear()
    st.cache_data.clear()
    yield demo_db
    st.cache_resource.clear()
    st.cache_data.clear()
    dispose_engines()
    reset_settings_cache()


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def login(username: str, password: str = PASSWORD) -> AppTest:
    at = new_app().run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    at.form_submit_button[0].click().run()
    at.run()  # the browser gets this rerun from the cookie component
    return at


def open_page(username: str, page: str) -> AppTest:
    at = login(username)
    at.switch_page(f"pages/{page}.py").run()
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ------------------------------------------------------------------ the same page tests on PostgreSQL

@pytest.fixture(scope="session")
def pg_demo_template():  # noqa: ANN201
    """A PostgreSQL database with the demo loaded through the real command line (``python -m pulih
    demo --yes`` with DATABASE_URL pointing at it), made once per run; each test gets a clone."""
    import os
    import subprocess
    import sys
    import uuid

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from tests.conftest import PG_URL, _ddl

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"pulih_demo_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        _ddl(conn, "CREATE DATABASE", name)
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        subprocess.run([sys.executable, "-m", "pulih", "demo", "--yes"], cwd=ROOT,
                       env={**os.environ, "DATABASE_URL": url}, check=True, stdout=subprocess.DEVNULL)
        yield name
    finally:
        with admin.connect() as conn:
            _ddl(conn, "DROP DATABASE IF EXISTS", name, "WITH (FORCE)")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_backend(request, monkeypatch, app_env) -> str:  # noqa: ANN001
    """Runs a page test on the SQLite demo copy (``app_env``) and again on a fresh PostgreSQL
    database holding the demo (cloned from ``pg_demo_template``, dropped afterwards). Without
    PULIH_TEST_PG_URL the PostgreSQL half is skipped, unless PULIH_REQUIRE_PG=1 makes it fail."""
    from tests.conftest import PG_URL, REQUIRE_PG, _pg_clone

    if request.param == "sqlite":
        yield app_env
        return
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("PULIH_REQUIRE_PG=1 but PULIH_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (set PULIH_TEST_PG_URL; scripts/test.sh does)")
    url, drop = _pg_clone(request.getfixturevalue("pg_demo_template"))
    monkeypatch.setenv("DATABASE_URL", url)
    reset_settings_cache()
    st.cache_resource.clear()
    st.cache_data.clear()
    yield url
    st.cache_resource.clear()
    st.cache_data.clear()
    dispose_engines()
    drop()

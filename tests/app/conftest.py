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

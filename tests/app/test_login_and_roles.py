"""Login, language and what each role may open, through the real app.py (AppTest)."""

from __future__ import annotations

import pytest

from pulih.permissions import PAGES, can_open
from tests.app.conftest import login, metrics, new_app, open_page
from tests.conftest import ROOT

EXISTING_PAGES = [p.key for p in PAGES if (ROOT / "pages" / f"{p.key}.py").exists()]


def test_login_page_lists_demo_accounts__ok():
    at = new_app().run()
    assert not at.exception
    assert at.text_input(key="login_username")
    assert "pulih-demo" in at.info[0].value
    assert not at.metric


@pytest.mark.parametrize("username", ["admin", "manager", "staff", "viewer"])
def test_each_role_logs_in_and_sees_home__ok(username):
    at = login(username)
    assert not at.exception
    assert at.title[0].value.startswith("Selamat datang")
    assert metrics(at)["Peserta"] == "34"


def test_manager_sees_seeded_figures_in_english__ok():
    at = login("manager")
    at.session_state["lang"] = "en"
    at.run()
    figures = metrics(at)
    assert figures["Participants"] == "34"
    assert figures["Kits handed over"] == "21"
    assert figures["Graduated"] == "21"
    assert at.title[0].value.startswith("Welcome")


def test_wrong_password_shows_message_and_no_page__error():
    at = new_app().run()
    at.text_input(key="login_username").input("manager")
    at.text_input(key="login_password").input("wrong-password")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert "salah" in at.error[0].value
    assert not at.metric


def test_repeated_failures_are_throttled__error():
    at = new_app().run()
    for _ in range(5):
        at.text_input(key="login_username").input("staff")
        at.text_input(key="login_password").input("nope-nope")
        at.form_submit_button[0].click().run()
    at.text_input(key="login_username").input("staff")
    at.text_input(key="login_password").input("pulih-demo")  # even the right password must wait
    at.form_submit_button[0].click().run()
    assert "Tunggu" in at.error[0].value
    assert not at.metric


@pytest.mark.parametrize("role", ["admin", "manager", "staff", "viewer"])
@pytest.mark.parametrize("page", EXISTING_PAGES)
def test_role_page_matrix(role, page):
    at = open_page(role, page)
    assert not at.exception, at.exception
    forbidden = any("tidak diizinkan" in e.value for e in at.error)
    assert forbidden == (not can_open(role, page))


@pytest.mark.parametrize("page", EXISTING_PAGES)
def test_page_run_directly_without_login_shows_only_login__error(page):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60).run()
    assert not at.exception
    assert at.text_input(key="login_username")
    assert not at.metric and not at.dataframe


def test_production_login_page_lists_no_demo_accounts__ok(monkeypatch):
    from pulih.config import reset_settings_cache

    monkeypatch.setenv("PULIH_MODE", "production")
    monkeypatch.setenv("PULIH_COOKIE_KEY", "p" * 48)
    reset_settings_cache()
    at = new_app().run()
    assert not at.exception
    assert at.text_input(key="login_username")
    assert not any("pulih-demo" in i.value for i in at.info)


def test_production_with_weak_cookie_key_refuses_to_start__error(monkeypatch):
    from pulih.config import reset_settings_cache

    monkeypatch.setenv("PULIH_MODE", "production")
    monkeypatch.setenv("PULIH_COOKIE_KEY", "some_key")
    reset_settings_cache()
    at = new_app().run()
    assert any("PULIH_COOKIE_KEY" in e.value for e in at.error)
    assert not at.text_input


def test_session_ends_when_password_changes_elsewhere__error():
    import os

    from pulih import auth
    from pulih.database import make_engine, write_session

    at = login("staff")
    assert at.metric
    engine = make_engine(os.environ["DATABASE_URL"])
    with write_session(engine) as s:
        auth.set_password(s, "admin", "staff", "a-brand-new-password")
    engine.dispose()
    at.run()
    assert any("Sesi Anda telah berakhir" in w.value for w in at.warning)
    assert not at.metric

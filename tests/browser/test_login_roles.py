"""Issue 2 journeys in a real browser: each demo user logs in through the real form and sees their
home page; roles are enforced on direct URLs; cookies are checked on the server."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_USERS, login

HOME_HEADING = "Selamat datang"
TIMEOUT = 30_000


@pytest.mark.parametrize("username", DEMO_USERS)
def test_each_demo_user_logs_in_and_sees_home__ok(page, app_server, username):
    page.goto(app_server.url)
    expect(page.get_by_text("Mode demo: masuk dengan salah satu akun")).to_be_visible(timeout=TIMEOUT)
    login(page, app_server.url, username)
    expect(page.get_by_role("heading", name=HOME_HEADING).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    menu = page.get_by_test_id("stSidebar")
    if username == "admin":
        expect(menu.get_by_role("link", name="Pengguna")).to_be_visible()
    else:
        expect(menu.get_by_role("link", name="Pengguna")).to_have_count(0)
    if username == "viewer":
        expect(menu.get_by_role("link", name="Peserta")).to_have_count(0)
        expect(menu.get_by_role("link", name="Anggaran")).to_have_count(0)


def test_manager_sees_figures_in_both_languages__ok(page, app_server):
    login(page, app_server.url, "manager")
    expect(page.get_by_role("heading", name=HOME_HEADING).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").filter(has_text="Peserta").first).to_contain_text("34")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Welcome").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetric").filter(has_text="Participants").first).to_contain_text("34")
    expect(page.get_by_test_id("stMetric").filter(has_text="Kits handed over")).to_be_visible()


@pytest.mark.parametrize(("username", "url", "marker"), [
    ("viewer", "users", "Tambah pengguna"), ("viewer", "participants", "Cari"), ("viewer", "budget", "Realisasi"),
    ("staff", "users", "Tambah pengguna"), ("staff", "budget", "Pos anggaran"),
])
def test_role_cannot_open_page_by_url__error(page, app_server, username, url, marker):
    login(page, app_server.url, username)
    page.goto(f"{app_server.url}/{url}")
    # The router does not know pages outside the role: Streamlit says so and shows home instead.
    expect(page.get_by_text("Page not found")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=HOME_HEADING).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_text(marker, exact=True)).to_have_count(0)


def test_wrong_password_is_refused__error(page, app_server):
    login(page, app_server.url, "staff", "not-the-password", wait=False)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("salah", timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=HOME_HEADING)).to_have_count(0)


def test_fresh_server_page_urls_show_only_login__error(browser, fresh_server):
    from pathlib import Path

    pages = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "pages").glob("*.py"))
    assert pages
    for name in pages:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{fresh_server.url}/{name}")
        expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
        expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
        context.close()


def test_forged_cookie_signed_with_some_key_is_refused__error(browser, app_server):
    exp = (dt.datetime.now() + dt.timedelta(days=7)).timestamp()
    forged = jwt.encode({"username": "admin", "exp_date": exp}, "some_key", algorithm="HS256")
    context = browser.new_context()
    context.add_cookies([{"name": "pulih_auth", "value": forged, "url": app_server.url}])
    page = context.new_page()
    page.goto(app_server.url)
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=HOME_HEADING)).to_have_count(0)
    context.close()


def _auth_cookie(context) -> dict:  # noqa: ANN001
    for _ in range(50):
        cookies = [c for c in context.cookies() if c["name"] == "pulih_auth"]
        if cookies:
            return cookies[0]
        context.pages[0].wait_for_timeout(200)
    raise AssertionError("the login cookie was never set")


def test_cookie_logs_in_again_until_logout__ok(browser, app_server):
    context = browser.new_context()
    page = context.new_page()
    login(page, app_server.url, "manager")
    expect(page.get_by_role("heading", name=HOME_HEADING).first).to_be_visible(timeout=TIMEOUT)
    cookie = _auth_cookie(context)

    # The cookie alone logs in (a reload in another browser with the same cookie).
    other = browser.new_context()
    other.add_cookies([{"name": "pulih_auth", "value": cookie["value"], "url": app_server.url}])
    other_page = other.new_page()
    other_page.goto(app_server.url)
    expect(other_page.get_by_role("heading", name=HOME_HEADING).first).to_be_visible(timeout=TIMEOUT)
    other.close()

    page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar").click()
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=TIMEOUT)

    # After logout the copied cookie no longer logs in.
    copy = browser.new_context()
    copy.add_cookies([{"name": "pulih_auth", "value": cookie["value"], "url": app_server.url}])
    copy_page = copy.new_page()
    copy_page.goto(app_server.url)
    expect(copy_page.get_by_label("Nama pengguna")).to_be_visible(timeout=TIMEOUT)
    expect(copy_page.get_by_role("heading", name=HOME_HEADING)).to_have_count(0)
    copy.close()
    context.close()

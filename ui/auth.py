"""Login with streamlit-authenticator, hardened on the server (see ``pulih.auth``).

``login_required()`` is called by ``app.py`` and again by every page: it returns the logged-in
user, or renders only the login page and stops the script. Within one run of ``app.py`` the
result is reused by the page it routes to; a page file run on its own (a freshly started server
serving ``pages/`` directly) goes through the whole check itself.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import streamlit as st
import streamlit_authenticator as stauth

from pulih import audit
from pulih import auth as accounts
from pulih.config import COOKIE_EXPIRY_DAYS, COOKIE_NAME, ConfigError, settings
from pulih.database import read_session, write_session
from pulih.models import utcnow
from ui.i18n import lang, language_switch, t
from ui.state import engine

DEMO_PASSWORD = "pulih-demo"
_run = threading.local()


@dataclass(frozen=True)
class UserContext:
    username: str
    name: str
    role: str
    lang: str


def client_id() -> str:
    """Who is knocking: the client address (the first X-Forwarded-For hop behind a trusted proxy)."""
    headers = st.context.headers
    forwarded = headers.get("X-Forwarded-For") if isinstance(headers, dict) or hasattr(headers, "get") else None
    if isinstance(forwarded, str) and forwarded and settings().mode == "production":
        return forwarded.split(",")[0].strip()[:64]
    address = st.context.ip_address
    return address[:64] if isinstance(address, str) and address else "unknown"


def _authenticator() -> tuple[stauth.Authenticate, str]:
    with write_session(engine()) as s:
        key = accounts.cookie_key(s)
        creds = accounts.credentials(s)
    authenticator = stauth.Authenticate(
        creds, COOKIE_NAME, key, COOKIE_EXPIRY_DAYS, auto_hash=False, login_sleep_time=settings().login_sleep
    )
    return authenticator, key


def _forget_login() -> None:
    for name in ("_pulih_login_at", "_pulih_token"):
        st.session_state.pop(name, None)


def _cookie_login(authenticator: stauth.Authenticate, key: str) -> None:
    """Let the library log in from the cookie only if the server still honours that cookie."""
    if st.session_state.get("authentication_status"):
        return
    token = st.context.cookies.get(COOKIE_NAME) if st.context.cookies else None
    user = None
    if token:
        with read_session(engine()) as s:
            user = accounts.token_user(s, token, key)
    if user is None:
        st.session_state["logout"] = True  # the library then ignores the cookie
        return
    try:
        authenticator.login(location="unrendered")
    except stauth.utilities.exceptions.LoginError:
        st.session_state["authentication_status"] = None
        return
    if st.session_state.get("authentication_status"):
        payload = accounts.decode_token(token, key) or {}
        st.session_state["_pulih_login_at"] = accounts.token_issued_at(payload.get("exp_date", 0))
        st.session_state["_pulih_token"] = token


def _login_form(authenticator: stauth.Authenticate) -> None:
    placeholder = st.empty()
    with placeholder.container():
        st.title(t("app.name"))
        st.caption(t("app.tagline"))
        language_switch(st, key="lang_switch_login")
        with st.form("login"):
            st.subheader(t("login.title"))
            username = st.text_input(t("login.username"), key="login_username")
            password = st.text_input(t("login.password"), type="password", key="login_password")
            submitted = st.form_submit_button(t("login.submit"), type="primary")
        message = st.empty()
        if settings().demo:
            _demo_accounts()
    if not submitted:
        return
    client = client_id()
    with write_session(engine()) as s:
        state = accounts.throttle(s, username, client)
    if state.blocked:
        message.error(t("login.throttled", seconds=state.wait_seconds))
        return
    ok = bool(username and password and authenticator.authentication_controller.login(username, password))
    with write_session(engine()) as s:
        accounts.record_attempt(s, username, client, ok)
    if not ok:
        st.session_state["authentication_status"] = None
        message.error(t("login.failed"))
        return
    authenticator.cookie_controller.set_cookie()  # renders the cookie component; it reruns by itself
    cookie = authenticator.cookie_controller.cookie_model
    st.session_state["_pulih_token"] = cookie._token_encode()  # the very token the cookie holds
    st.session_state["_pulih_login_at"] = utcnow()
    placeholder.empty()


def _demo_accounts() -> None:
    st.info(t("login.demo_accounts", password=DEMO_PASSWORD))
    st.table(
        [{t("login.username"): u, t("common.role"): t(f"role.{u}")} for u in ("admin", "manager", "staff", "viewer")]
    )


def _still_valid(authenticator: stauth.Authenticate) -> UserContext | None:
    username = st.session_state.get("username")
    login_at = st.session_state.get("_pulih_login_at") or dt.datetime.min
    with read_session(engine()) as s:
        user = accounts.session_still_valid(s, username, login_at) if username else None
    if user is None:
        authenticator.authentication_controller.logout()
        _forget_login()
        return None
    return UserContext(username=user.username, name=user.name, role=user.role, lang=lang())


def login_required() -> UserContext:
    current = getattr(_run, "ctx", None)
    if current is not None:
        return current
    try:
        authenticator, key = _authenticator()
    except ConfigError as exc:
        st.error(str(exc))
        st.stop()
    _cookie_login(authenticator, key)
    if not st.session_state.get("authentication_status"):
        _login_form(authenticator)
    if not st.session_state.get("authentication_status"):
        st.stop()
    ctx = _still_valid(authenticator)
    if ctx is None:
        st.warning(t("login.session_ended"))
        _login_form(authenticator)
        st.stop()
    _run.authenticator, _run.key = authenticator, key
    return ctx


def logout() -> None:
    """End this login on the server (the cookie's token is revoked) and in the browser, then show
    the login page (no rerun: the cookie component must get to run)."""
    authenticator, key = getattr(_run, "authenticator", None), getattr(_run, "key", None)
    if authenticator is None:
        authenticator, key = _authenticator()
    username = st.session_state.get("username") or ""
    tokens = {st.session_state.get("_pulih_token"), st.context.cookies.get(COOKIE_NAME) if st.context.cookies else None}
    with write_session(engine()) as s:
        for token in filter(None, tokens):
            accounts.revoke_token(s, token, key)
        audit.record(s, username, "logout", "login")
    authenticator.authentication_controller.logout()
    authenticator.cookie_controller.delete_cookie()  # renders the component that clears the cookie
    _forget_login()
    _run.ctx = None
    st.success(t("login.logged_out"))
    _login_form(authenticator)
    st.stop()


class routed:  # noqa: N801 - used as a context manager in app.py
    """Marks one run of app.py so pages reuse its login check instead of repeating it."""

    def __init__(self, ctx: UserContext) -> None:
        self.ctx = ctx

    def __enter__(self) -> UserContext:
        _run.ctx = self.ctx
        return self.ctx

    def __exit__(self, *exc: object) -> None:
        _run.ctx = _run.authenticator = _run.key = None

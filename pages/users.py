"""Users and roles (admin): add, change role, reset password, disable. Every change is audited and
a password, role or status change ends that user's existing logins."""

import streamlit as st

from pulih import auth
from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.models import ROLES
from pulih.services.users import list_users
from ui.guard import require
from ui.i18n import lang, t
from ui.state import engine

ctx = require("users")
st.title(t("nav.users"))

with read_session(engine()) as s:
    users = list_users(s)
st.dataframe(
    [{t("users.username"): u["username"], t("users.name"): u["name"], t("common.role"): t(f"role.{u['role']}"),
      t("users.active"): u["active"]} for u in users],
    hide_index=True, width="stretch",
)


def _run(action, *args) -> None:  # noqa: ANN001
    try:
        with write_session(engine()) as s:
            action(s, ctx.username, *args)
    except Translatable as exc:
        st.error(exc.message(lang()))
    else:
        st.success(t("common.saved"))


add_tab, change_tab = st.tabs([t("users.add"), t("users.change")])
with add_tab, st.form("add_user", clear_on_submit=True):
    username = st.text_input(t("users.username"), key="new_username")
    name = st.text_input(t("users.name"), key="new_name")
    role = st.selectbox(t("common.role"), ROLES, format_func=lambda r: t(f"role.{r}"), key="new_role")
    password = st.text_input(t("login.password"), type="password", key="new_password")
    if st.form_submit_button(t("users.add")):
        _run(auth.add_user, username, name, role, password)

with change_tab:
    target = st.selectbox(t("users.username"), [u["username"] for u in users], key="target_user")
    with st.form("change_role"):
        new_role = st.selectbox(t("common.role"), ROLES, format_func=lambda r: t(f"role.{r}"), key="change_role_value")
        if st.form_submit_button(t("users.set_role")):
            _run(auth.set_role, target, new_role)
    with st.form("change_password", clear_on_submit=True):
        new_password = st.text_input(t("users.new_password"), type="password", key="change_password_value")
        if st.form_submit_button(t("users.set_password")):
            _run(auth.set_password, target, new_password)
    active = next((u["active"] for u in users if u["username"] == target), True)
    if st.button(t("users.disable") if active else t("users.enable"), key="toggle_active"):
        _run(auth.set_active, target, not active)

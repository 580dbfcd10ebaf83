"""The check at the top of every page: logged in, and the role may open this page. It runs on
the server for every request, also when a page URL is opened directly."""

from __future__ import annotations

import streamlit as st

from pulih.permissions import PAGE_BY_KEY, can_open
from ui.auth import UserContext, login_required
from ui.i18n import t


def require(page_key: str) -> UserContext:
    ctx = login_required()
    if not can_open(ctx.role, page_key):
        st.error(t("guard.forbidden", page=t(PAGE_BY_KEY[page_key].title_key) if page_key in PAGE_BY_KEY else page_key))
        st.stop()
    return ctx

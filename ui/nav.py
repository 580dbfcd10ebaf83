"""The role-filtered menu and the shared sidebar."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pulih.config import settings
from pulih.permissions import pages_for
from ui.auth import UserContext, logout
from ui.i18n import language_switch, t

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"


def navigation(ctx: UserContext):  # noqa: ANN201 - returns st.navigation's page and the menu
    """Only the pages this role may open are routed at all; the menu is drawn by ``sidebar``
    (config keeps Streamlit's automatic pages/ menu off, which also hides st.navigation's)."""
    sections: dict[str, list] = {}
    for spec in pages_for(ctx.role):
        path = PAGES_DIR / f"{spec.key}.py"
        if not path.exists():
            continue
        page = st.Page(str(path), title=t(spec.title_key), icon=spec.icon, url_path=spec.key, default=spec.key == "home")
        sections.setdefault(t(spec.section), []).append(page)
    return st.navigation(sections, position="hidden"), sections


def sidebar(ctx: UserContext, sections: dict[str, list]) -> None:
    with st.sidebar:
        st.markdown(f"**{t('app.name')}**")
        for section, pages in sections.items():
            st.caption(section)
            for page in pages:
                st.page_link(page)
        st.caption(t("sidebar.signed_in_as", name=ctx.name, role=t(f"role.{ctx.role}")))
        if settings().demo:
            st.caption(t("sidebar.demo_mode"))
        language_switch(st.sidebar)
        if st.button(t("sidebar.logout"), key="sidebar_logout", icon=":material/logout:"):
            logout()

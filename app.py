"""Pulih: the router. Login first; then a menu with only the pages this role may open."""

import streamlit as st

from ui.auth import login_required, routed
from ui.nav import navigation, sidebar

st.set_page_config(page_title="Pulih", page_icon=":material/volunteer_activism:", layout="wide")

ctx = login_required()
with routed(ctx):
    page, menu = navigation(ctx)
    sidebar(ctx, menu)
    page.run()

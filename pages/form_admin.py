"""Manage forms (admin): upload an XLSForm or YAML definition, see its problems or a preview,
publish it as a new version; list versions, download a definition back, retire."""

import streamlit as st

from ui.form_admin import forms_and_versions, upload_and_publish
from ui.guard import require
from ui.i18n import t

ctx = require("form_admin")
st.title(t("nav.form_admin"))
upload_tab, list_tab = st.tabs([t("admin.tab_upload"), t("admin.tab_forms")])
with upload_tab:
    upload_and_publish(ctx.username)
with list_tab:
    forms_and_versions(ctx.username)

"""Submissions of a form: browse with filters and paging, open one, edit it (validated again,
history kept), export CSV/XLSX, import answers typed in from paper."""

import streamlit as st

from pulih.database import read_session
from pulih.services import forms as form_service
from ui.guard import require
from ui.i18n import t
from ui.state import engine
from ui.submissions_view import browse, export_buttons, import_panel, show_one

ctx = require("submissions")
st.title(t("nav.submissions"))
with read_session(engine()) as s:
    forms = {f.form_id: f.title for f in form_service.list_forms(s)}
if not forms:
    st.info(t("fill.no_forms"))
    st.stop()
ids = list(forms)
wanted = st.query_params.get("form")
form_id = st.selectbox(t("fill.choose_form"), ids, index=ids.index(wanted) if wanted in ids else 0,
                       format_func=forms.get, key="subs_form")
with read_session(engine()) as s:
    version = form_service.current_version(s, form_id) or form_service.versions(s, form_id)[-1]
    definition = form_service.get_definition(version)

list_tab, export_tab, import_tab = st.tabs([t("subs.tab_list"), t("subs.tab_export"), t("subs.tab_import")])
with list_tab:
    chosen = browse(form_id, definition)
    if chosen:
        show_one(chosen, ctx.username)
with export_tab:
    st.caption(t("subs.export_help"))
    export_buttons(form_id)
with import_tab:
    st.caption(t("subs.import_help"))
    import_panel(form_id, ctx.username)

"""The audit log (admin): every write, who, when, what."""

import streamlit as st

from pulih.database import read_session
from pulih.services.users import audit_page
from ui.guard import require
from ui.i18n import t
from ui.state import engine

require("audit")
st.title(t("nav.audit"))
left, middle, right = st.columns([2, 2, 1])
username = left.text_input(t("users.username"), key="audit_user")
action = middle.text_input(t("audit.action"), key="audit_action")
page = right.number_input(t("audit.page"), min_value=1, value=1, step=1, key="audit_page")
with read_session(engine()) as s:
    rows = audit_page(s, username=username, action=action, page=int(page))
if not rows:
    st.info(t("common.none"))
else:
    st.dataframe(
        [{**r, "details": str(r["details"])} for r in rows], hide_index=True, width="stretch",
        column_config={"at": t("audit.at"), "username": t("users.username"), "action": t("audit.action"),
                       "entity": t("audit.entity"), "entity_id": "ID", "details": t("audit.details")},
    )

"""Fill a form: pick a published form (or come with ?form=ID), say what it is about, answer it
live (the engine shows, hides, computes and checks as you type), save. Drafts survive a reload."""

import json

import streamlit as st

from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.services import forms as form_service
from pulih.services import submissions
from ui.fill_panels import choose_context, intake_panel
from ui.form_renderer import Renderer, rerun_fragment, title_of
from ui.guard import require
from ui.i18n import lang, t
from ui.state import engine

ctx = require("fill")
st.title(t("fill.title"))
with read_session(engine()) as s:
    forms = submissions.published_forms(s)
if not forms:
    st.info(t("fill.no_forms"))
    st.stop()
ids = [f["form_id"] for f in forms]
wanted = st.query_params.get("form")
form_id = st.selectbox(t("fill.choose_form"), ids, index=ids.index(wanted) if wanted in ids else 0,
                       format_func={f["form_id"]: f["title"] for f in forms}.get, key="fill_form")
st.query_params["form"] = form_id
with read_session(engine()) as s:
    version = form_service.current_version(s, form_id)
    definition = form_service.get_definition(version)
st.caption(t("fill.version", number=version.number, label=version.version_label or ""))

context = choose_context(definition)
if context is None:
    st.stop()
about = context.as_query()  # one draft per form and participant/enrollment/session
with read_session(engine()) as s:
    draft = submissions.load_draft(s, ctx.username, form_id, about)
renderer = Renderer(definition, key=f"fill:{form_id}:{version.id}:{about}", lang=lang(), store_file=lambda upload: _store(upload))


def _store(upload) -> dict:  # noqa: ANN001
    with write_session(engine()) as s:
        return submissions.store_form_file(s, ctx.username, upload)


renderer.start(draft.data if draft is not None and draft.form_version_id == version.id else None)
if draft is not None and draft.form_version_id == version.id:
    st.caption(t("fill.draft_restored", at=f"{draft.updated_at:%d/%m/%Y %H:%M}"))


@st.fragment
def form_area() -> None:
    st.subheader(title_of(definition, lang()))
    state = renderer.render()
    answers = renderer.answers
    bound = intake_panel(definition, answers, ctx, context) if definition.entity == "participant" else context
    snapshot = json.dumps(answers, sort_keys=True, default=str)
    if snapshot != st.session_state.get(f"fill:last_draft:{about}") and answers:
        with write_session(engine()) as s:
            submissions.save_draft(s, ctx.username, form_id, version.id, answers, about)
        st.session_state[f"fill:last_draft:{about}"] = snapshot
    if st.button(t("fill.submit"), type="primary", key="fill_submit", icon=":material/save:"):
        try:
            with write_session(engine()) as s:
                saved = submissions.submit(s, ctx.username, form_id, answers, context=bound, lang=lang(),
                                           version_id=version.id, draft_context=about)
        except submissions.SubmissionInvalid:
            renderer.show_all_errors()
            rerun_fragment()
        except Translatable as exc:
            st.error(exc.message(lang()))
        else:
            renderer.reset()
            st.session_state.pop(f"fill:last_draft:{about}", None)
            st.session_state["fill:saved"] = saved.id
            st.rerun()
    if st.session_state.get(renderer.shown_key) and not state.ok:
        st.error(t("fill.fix_errors"))
    if state.expression_errors:
        st.caption("; ".join(state.expression_errors[:3]))


if st.session_state.get("fill:saved"):
    st.success(t("fill.saved", id=st.session_state.pop("fill:saved")))
form_area()

"""Form administration screens: upload with problems or a preview, publish, versions, retire,
download the definition back."""

from __future__ import annotations

import streamlit as st

from pulih.database import read_session, write_session
from pulih.forms.loader import MAX_BYTES, SUPPORTED_EXTENSIONS, check_form, question_count, unsupported_fields
from pulih.forms.model import pick
from pulih.i18n import Translatable
from pulih.services import forms as form_service
from ui.form_renderer import Renderer
from ui.i18n import lang, t
from ui.state import engine


def upload_and_publish(username: str) -> None:
    upload = st.file_uploader(t("admin.upload"), type=[e.lstrip(".") for e in SUPPORTED_EXTENSIONS], key="admin_upload")
    if upload is None:
        st.caption(t("admin.upload_help"))
        return
    data = upload.getvalue()
    if len(data) > MAX_BYTES:
        st.error(t("admin.too_large", mb=MAX_BYTES // (1024 * 1024)))
        return
    result = check_form(data, upload.name)
    if result.form is None:
        st.error(t("admin.refused", count=len(result.problems)))
        st.dataframe([p.as_dict(lang()) for p in result.problems], hide_index=True, width="stretch",
                     column_config={"key": None, "sheet": t("admin.sheet"), "row": t("admin.row"),
                                    "column": t("admin.column"), "message": t("admin.message")})
        return
    form = result.form
    st.success(t("admin.valid", form_id=form.form_id, title=pick(form.title, lang(), form.form_id),
                 questions=question_count(form), languages=", ".join(form.languages) or "-"))
    for notice in result.notices:
        st.warning(notice.message(lang()))
    if unsupported_fields(form):
        st.caption(t("admin.unsupported", names=", ".join(f.name for f in unsupported_fields(form))))
    with st.expander(t("admin.preview"), expanded=False):
        Renderer(form, key=f"preview:{form.form_id}", lang=lang()).render_preview()
    if st.button(t("admin.publish"), type="primary", key="admin_publish"):
        try:
            with write_session(engine()) as s:
                version = form_service.publish(s, data, upload.name, username)
                number = version.number
        except Translatable as exc:
            st.error(exc.message(lang()))
        else:
            st.success(t("admin.published", form_id=form.form_id, number=number))


def forms_and_versions(username: str) -> None:
    with read_session(engine()) as s:
        forms = form_service.list_forms(s)
        rows = [{"form_id": f.form_id, "title": f.title, "entity": f.entity, "status": f.status,
                 "versions": len(form_service.versions(s, f.form_id))} for f in forms]
    if not rows:
        st.info(t("common.none"))
        return
    st.dataframe(rows, hide_index=True, width="stretch", column_config={
        "form_id": "form_id", "title": t("admin.title"), "entity": t("admin.entity"), "status": t("admin.status"),
        "versions": t("admin.versions")})
    form_id = st.selectbox(t("fill.choose_form"), [r["form_id"] for r in rows], key="admin_form")
    with read_session(engine()) as s:
        versions = form_service.versions(s, form_id)
        listing = [{"number": v.number, "label": v.version_label, "published_at": v.published_at,
                    "retired_at": v.retired_at, "file": v.source_filename} for v in versions]
        sources = {v.number: (v.source_filename, bytes(v.source)) for v in versions}
    st.dataframe(listing, hide_index=True, width="stretch")
    number = st.selectbox(t("admin.version"), list(sources), index=len(sources) - 1, key="admin_version")
    filename, source = sources[number]
    cols = st.columns(2)
    cols[0].download_button(t("admin.download"), source, file_name=filename, key="admin_download")
    if cols[1].button(t("admin.retire"), key="admin_retire"):
        try:
            with write_session(engine()) as s:
                form_service.retire(s, form_id, username, number=number)
        except Translatable as exc:
            st.error(exc.message(lang()))
        else:
            st.success(t("admin.retired", form_id=form_id, number=number))

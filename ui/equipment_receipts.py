"""Equipment tab "Receipts": the handovers (filtered), one receipt as PDF in Indonesian or English,
all receipts of a cohort in one PDF, and the signed receipt attached later."""

from __future__ import annotations

import streamlit as st

from pulih.config import settings
from pulih.database import read_session, write_session
from pulih.i18n import LANGUAGES
from pulih.masking import must_mask
from pulih.pdf.receipts import cohort_receipts_pdf
from pulih.services import equipment as eq
from pulih.services.programs import list_cohorts
from ui.auth import UserContext
from ui.equipment_common import Column, done, export_buttons, fresh, number, save, show_flash, show_table
from ui.equipment_handover import receipt_download
from ui.i18n import lang, t
from ui.state import engine

COLUMNS: list[Column] = [
    ("receipt_number", "equipment.ui.col.receipt_number", "text"), ("date", "equipment.ui.col.date", "date"),
    ("participant", "equipment.ui.col.participant", "text"), ("cohort", "equipment.ui.col.cohort", "text"),
    ("kit", "equipment.ui.col.kit", "text"), ("condition", "equipment.ui.col.condition", "label:equipment.condition."),
    ("units", "equipment.ui.col.units", "int"), ("value", "equipment.ui.col.value", "money"),
    ("signed_receipt", "equipment.ui.col.signed_receipt", "bool"),
]
FILE_TYPES = ["jpg", "jpeg", "png", "webp", "heic", "pdf"]


def render_receipts(ctx: UserContext) -> None:
    show_flash("receipts")
    with read_session(engine()) as s:
        cohorts = {c.id: c for c in list_cohorts(s)}
    a, b, c, d = st.columns([2, 2, 1, 1])
    cohort_id = a.selectbox(t("equipment.ui.col.cohort"), [None, *cohorts], key="rc_cohort",
                            format_func=lambda i: t("equipment.ui.all") if i is None else cohorts[i].code)
    name = b.text_input(t("equipment.ui.name_contains"), key="rc_name")
    date_from = c.date_input(t("equipment.ui.date_from"), value=None, key="rc_from", format="DD/MM/YYYY")
    date_to = d.date_input(t("equipment.ui.date_to"), value=None, key="rc_to", format="DD/MM/YYYY")
    with read_session(engine()) as s:
        rows = eq.handovers(s, cohort_id=cohort_id, date_from=date_from, date_to=date_to)
    if name.strip():
        rows = [r for r in rows if name.strip().lower() in r["participant"].lower()]
    st.caption(t("equipment.ui.rows", count=number(len(rows))))
    show_table(rows, COLUMNS, key="rc_table", height=320)
    if rows:
        export_buttons(rows, COLUMNS, "handovers", key="rc_export")
        _one_receipt(ctx, rows)
    _batch(ctx, cohorts, st.session_state.get("rc_lang") or lang())


def _one_receipt(ctx: UserContext, rows: list[dict]) -> None:
    by_id = {r["id"]: r for r in rows}
    st.subheader(t("equipment.ui.one_receipt"))
    left, right = st.columns([3, 2])
    handover_id = left.selectbox(t("equipment.ui.col.receipt_number"), list(by_id), key="rc_pick",
                                 format_func=lambda i: f"{by_id[i]['receipt_number']} – {by_id[i]['participant']}")
    language = right.radio(t("equipment.ui.receipt_language"), list(LANGUAGES), key="rc_lang", horizontal=True,
                           format_func=LANGUAGES.get, index=list(LANGUAGES).index(lang()))
    receipt_download(ctx, handover_id, by_id[handover_id]["receipt_number"], language, key="rc_download")
    _attach(ctx, by_id[handover_id])


def _attach(ctx: UserContext, handover: dict) -> None:
    state = "equipment.ui.signed_yes" if handover["signed_receipt"] else "equipment.ui.signed_no"
    st.caption(t(state, receipt=handover["receipt_number"]))
    if handover["signed_receipt"]:
        with write_session(engine()) as s:  # writes the access log
            found = eq.signed_receipt_file(s, ctx.username, handover["id"])
        if found:
            filename, content_type, content = found
            st.download_button(t("equipment.ui.signed_download"), content, file_name=filename, mime=content_type,
                               key="rc_signed_download", icon=":material/download:")
    with st.form("rc_attach_form"):
        upload = st.file_uploader(t("equipment.ui.attach_file", receipt=handover["receipt_number"]), type=FILE_TYPES,
                                  key=f"rc_attach_file{fresh('receipts')}", max_upload_size=10)
        if st.form_submit_button(t("equipment.ui.attach_submit"), key="rc_attach_submit"):
            if upload is None:
                st.error(t("equipment.ui.attach_missing"))
                return
            ok, _ = save(ctx, eq.attach_signed_receipt, handover["id"], upload)
            if ok:
                done("receipts", t("equipment.ui.attached", receipt=handover["receipt_number"]))


def _batch(ctx: UserContext, cohorts: dict, language: str) -> None:
    if not cohorts:
        return
    st.subheader(t("equipment.ui.batch_title"))
    eng, mask = engine(), must_mask(ctx.role, demo_export=settings().demo)
    with read_session(eng) as s:
        handed = {h["cohort_id"] for h in eq.handovers(s)}
    ids = list(cohorts)
    default = next((i for i in ids if i in handed), ids[0])  # the newest cohort that has receipts
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    cohort_id = left.selectbox(t("equipment.ui.col.cohort"), ids, key="rc_batch_cohort", index=ids.index(default),
                               format_func=lambda i: f"{cohorts[i].name} ({cohorts[i].code})")

    def pdf() -> bytes:
        with read_session(eng) as s:
            return cohort_receipts_pdf(s, cohort_id, language, mask=mask)

    right.download_button(t("equipment.ui.batch_download"), pdf, file_name=f"BAST-{cohorts[cohort_id].code}.pdf",
                          mime="application/pdf", key="rc_batch_download", icon=":material/picture_as_pdf:",
                          on_click="ignore")

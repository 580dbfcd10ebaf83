"""Equipment tab "Hand over": a cohort, one of its enrolled participants (those still without the
kit first), the kit or single items, then date, condition, one serial number per unit of items
that have serials, notes and the signed receipt. On success: the receipt number and its PDF."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulih.config import settings
from pulih.database import read_session
from pulih.masking import must_mask
from pulih.pdf.receipts import handover_receipt_pdf
from pulih.services import equipment as eq
from pulih.services.enrollment import enrollments_of
from pulih.services.programs import list_cohorts
from ui.auth import UserContext
from ui.cases_common import md
from ui.equipment_common import done, fresh, number, save, show_flash
from ui.i18n import lang, t
from ui.state import engine

LAST = "eq_last_handover"


def receipt_download(ctx: UserContext, handover_id: int, receipt: str, language: str, key: str) -> None:
    """The "Download receipt (PDF)" button; the PDF is made when clicked."""
    eng, mask = engine(), must_mask(ctx.role, demo_export=settings().demo)

    def pdf() -> bytes:
        with read_session(eng) as s:
            return handover_receipt_pdf(s, handover_id, language, mask=mask)

    st.download_button(t("equipment.ui.download_receipt"), pdf, file_name=f"{receipt.replace('/', '-')}.pdf",
                       mime="application/pdf", key=key, icon=":material/picture_as_pdf:", type="primary",
                       on_click="ignore")


def _participants(cohort_id: int, show_all: bool) -> dict[int, tuple[int, str, bool]]:
    """{enrollment_id: (participant_id, name, has the kit)}: those still without the cohort's kit,
    or (``show_all``) everyone enrolled and not dropped out."""
    with read_session(engine()) as s:
        without = {p["enrollment_id"]: (p["participant_id"], p["participant"], False)
                   for p in eq.participants_without_kit(s, cohort_id)}
        if not show_all:
            return without
        enrolled = [(e.id, e.participant_id, e.participant.full_name) for e in enrollments_of(s, cohort_id=cohort_id)
                    if e.status != "dropped_out"]
    return {e_id: (p_id, name, e_id not in without) for e_id, p_id, name in sorted(enrolled, key=lambda r: r[2])}


def _what(kits: dict[int, dict], items: dict[int, object], default_kit: int | None,
          g: str) -> tuple[int | None, dict[int, int]]:
    """Kit or items: (kit_id, {item_id: quantity})."""
    mode = st.radio(t("equipment.ui.what"), ["kit", "items"], horizontal=True, key=f"ho_mode{g}",
                    format_func=lambda m: t(f"equipment.ui.what.{m}"))
    if mode == "kit":
        if not kits:
            st.info(t("equipment.ui.no_kits"))
            return None, {}
        ids = list(kits)
        kit_id = st.selectbox(t("equipment.ui.col.kit"), ids, key=f"ho_kit{g}", format_func=lambda k: kits[k]["name"],
                              index=ids.index(default_kit) if default_kit in ids else 0)
        return kit_id, {ln["item_id"]: ln["quantity"] for ln in kits[kit_id]["lines"]}
    chosen = st.multiselect(t("equipment.ui.items"), list(items), key=f"ho_items{g}",
                            format_func=lambda i: items[i].name)
    cols = st.columns(3)
    lines = {i: int(cols[n % 3].number_input(t("equipment.ui.quantity_of", item=items[i].name), min_value=1, step=1,
                                             key=f"ho_qty_{i}{g}")) for n, i in enumerate(chosen)}
    return None, lines


def render_handover(ctx: UserContext) -> None:
    show_flash("handover")
    g = fresh("handover")
    last = st.session_state.get(LAST)
    if last:
        st.success(md(t("equipment.ui.handover_saved", receipt=last["receipt"], participant=last["participant"])))
        receipt_download(ctx, last["id"], last["receipt"], lang(), key="ho_download")
    with read_session(engine()) as s:
        cohorts = {c.id: c for c in list_cohorts(s)}
        kits = {k["id"]: k for k in eq.list_kits(s)}
        items = {i.id: i for i in eq.list_items(s, active_only=True)}
        on_hand = {r["item_id"]: r["quantity"] for r in eq.stock_on_hand(s)}
    if not cohorts:
        st.info(t("equipment.ui.no_cohorts"))
        return
    left, right = st.columns(2)
    cohort_id = left.selectbox(t("equipment.ui.col.cohort"), list(cohorts), key="ho_cohort",
                               format_func=lambda c: f"{cohorts[c].name} ({cohorts[c].code})")
    show_all = right.toggle(t("equipment.ui.show_all"), key="ho_show_all")
    people = _participants(cohort_id, show_all)
    with read_session(engine()) as s:
        missing = len(eq.participants_without_kit(s, cohort_id))
    right.caption(t("equipment.ui.without_kit", count=number(missing)) if missing else t("equipment.ui.all_have_kit"))
    if not people:
        st.info(t("equipment.ui.no_participants"))
        return
    enrollment_id = left.selectbox(t("equipment.ui.col.participant"), list(people), key=f"ho_participant{g}",
                                   format_func=lambda e: t("equipment.ui.has_kit", name=people[e][1])
                                   if people[e][2] else people[e][1])
    kit_id, lines = _what(kits, items, cohorts[cohort_id].kit_id, g)
    if lines:
        st.dataframe([{t("equipment.ui.col.item"): items[i].name if i in items else str(i),
                       t("equipment.ui.col.quantity"): q, t("equipment.ui.col.on_hand"): on_hand.get(i, 0)}
                      for i, q in lines.items()], hide_index=True, width="stretch")
    with st.form("ho_form"):
        a, b = st.columns(2)
        date = a.date_input(t("equipment.ui.col.date"), value=dt.date.today(), key=f"ho_date{g}", format="DD/MM/YYYY")
        condition = b.selectbox(t("equipment.ui.col.condition"), eq.CONDITIONS, key=f"ho_condition{g}",
                                format_func=lambda c: t(f"equipment.condition.{c}"))
        serials = _serial_inputs(items, lines, g)
        notes = st.text_area(t("equipment.ui.notes"), key=f"ho_notes{g}", height=68)
        upload = st.file_uploader(t("equipment.ui.signed_receipt"), type=["jpg", "jpeg", "png", "webp", "heic", "pdf"],
                                  key=f"ho_signed_receipt{g}", max_upload_size=10,
                                  help=t("equipment.ui.signed_receipt_help"))
        repeat = st.checkbox(t("equipment.ui.hand_over_again"), key=f"ho_repeat{g}") if show_all and kit_id else False
        submitted = st.form_submit_button(t("equipment.ui.handover_submit"), type="primary", key="ho_submit")
    if submitted:
        participant_id, name, _has_kit = people[enrollment_id]
        ok, handover = save(ctx, eq.hand_over, participant_id=participant_id, enrollment_id=enrollment_id,
                            kit_id=kit_id, items=None if kit_id else list(lines.items()), date=date,
                            condition=condition, serial_numbers=serials, notes=notes, signed_receipt=upload,
                            allow_repeat=repeat)
        if ok:
            st.session_state[LAST] = {"id": handover.id, "receipt": handover.receipt_number, "participant": name}
            done("handover", None)


def _serial_inputs(items: dict[int, object], lines: dict[int, int], g: str) -> dict[int, list[str]]:
    needs = [(i, q) for i, q in lines.items() if i in items and items[i].has_serials]
    if not needs:
        return {}
    st.markdown(f"**{t('equipment.ui.serials_title')}**")
    st.caption(t("equipment.ui.serials_help"))
    cols, serials, n = st.columns(3), {}, 0
    for item_id, quantity in needs:
        for unit in range(quantity):
            value = cols[n % 3].text_input(t("equipment.ui.serial_label", item=items[item_id].name, n=unit + 1),
                                           key=f"ho_serial_{item_id}_{unit}{g}")
            serials.setdefault(item_id, []).append(value.strip())
            n += 1
    return {i: [v for v in values if v] for i, values in serials.items()}

"""The equipment and budget screens through the real app.py (AppTest), on a fresh copy of the demo
database per test: who may open what, and that what the screens save and show is what the
services hold. Widgets are found by key; outcomes are checked through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from pulih.database import get_engine, read_session, write_session
from pulih.models import AuditLog
from pulih.money import format_rupiah
from pulih.services import budget as bg
from pulih.services import equipment as eq
from pulih.services.programs import list_cohorts
from tests.app.conftest import metrics, open_page

ROLES = ("admin", "manager", "staff", "viewer")
FORBIDDEN = "tidak diizinkan"
KIT_LINE = "5.1.02.05.01.0001"  # the toolkit purchases: the line with the least room left


def _has(at, kind: str, key: str) -> bool:  # noqa: ANN001
    try:
        getattr(at, kind)(key=key)
    except KeyError:
        return False
    return True


def _plain(text: str) -> str:
    """A message as the user reads it: user text in it is markdown-escaped on the screen."""
    return text.replace("\\", "")


def _errors(at) -> list[str]:  # noqa: ANN001
    return [_plain(e.value) for e in at.error]


def _successes(at) -> list[str]:  # noqa: ANN001
    return [_plain(m.value) for m in at.success]


def _tabs(at) -> list[str]:  # noqa: ANN001
    return [tab.label for tab in at.tabs]


def _kits(s) -> int:  # noqa: ANN001
    return eq.kits_available(s)[0]["available"]


def _running_cohort(s):  # noqa: ANN001, ANN202
    return list_cohorts(s)[0]  # newest first: the cohort running now


def _year(s, year: int) -> int:  # noqa: ANN001
    return bg.fiscal_year_of(s, year).id


def _line(s, year: int, code: str = KIT_LINE) -> dict:  # noqa: ANN001
    return next(r for r in bg.absorption_by_line(s, _year(s, year)) if r["account_code"] == code)


# --------------------------------------------------------------------------- who may open what

@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["equipment", "budget"])
def test_pages_open_by_role(role, page):
    at = open_page(role, page)
    assert not at.exception, at.exception
    allowed = role != "viewer" and (page == "equipment" or role in ("manager", "admin"))
    assert any(FORBIDDEN in e for e in _errors(at)) == (not allowed)
    assert bool(at.metric) == allowed


def test_staff_sees_no_receive_adjust_or_catalog__ok():
    at = open_page("staff", "equipment")
    assert _tabs(at) == ["Stok", "Serah terima", "Berita acara", "Riwayat"]
    for kind, key in (("selectbox", "rcv_item"), ("number_input", "adj_qty"), ("text_input", "adj_reason"),
                      ("selectbox", "ret_handover"), ("text_input", "cat_new_code")):
        assert not _has(at, kind, key), key
    assert _has(at, "selectbox", "ho_participant")


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_see_receive_adjust_and_catalog__ok(role):
    at = open_page(role, "equipment")
    assert "Terima / sesuaikan / kembali" in _tabs(at) and "Katalog" in _tabs(at)
    assert _has(at, "selectbox", "rcv_item") and _has(at, "text_input", "adj_reason")
    assert _has(at, "text_input", "cat_new_code")


# --------------------------------------------------------------------------- equipment

def _fill_serials(at, s, prefix: str = "SN") -> dict[int, str]:  # noqa: ANN001
    serials = {}
    for item in eq.list_items(s):
        if item.has_serials:
            serials[item.id] = f"{prefix}-{item.code}-001"
            at.text_input(key=f"ho_serial_{item.id}_0").input(serials[item.id])
    return serials


def test_stock_figures_equal_the_services__ok(app_env):
    at = open_page("staff", "equipment")
    with read_session(get_engine(app_env)) as s:
        kit = eq.kits_available(s)[0]
        value = sum((r["value"] for r in eq.stock_on_hand(s, active_only=True)), Decimal(0))
    shown = metrics(at)
    assert shown[f"Paket lengkap tersedia: {kit['name']}"] == str(kit["available"])
    assert shown["Nilai stok"] == format_rupiah(value)


def test_handover_through_the_page_saves_and_takes_one_kit__ok(app_env):
    engine = get_engine(app_env)
    at = open_page("staff", "equipment")
    with read_session(engine) as s:
        kits_before, handovers_before = _kits(s), len(eq.handovers(s))
        waiting = eq.participants_without_kit(s, _running_cohort(s).id)
        serials = _fill_serials(at, s)
    assert at.selectbox(key="ho_participant").value == waiting[0]["enrollment_id"]
    at.text_area(key="ho_notes").input("Diserahkan di UPTD")
    at.button(key="ho_submit").click().run()
    assert not at.exception and not _errors(at), _errors(at)
    with read_session(engine) as s:
        assert _kits(s) == kits_before - 1
        latest = eq.handovers(s)[0]
        assert len(eq.handovers(s)) == handovers_before + 1
        moves = eq.movements(s, participant_id=waiting[0]["participant_id"])
    assert latest["participant"] == waiting[0]["participant"] and latest["units"] == 10
    assert {m["item_id"]: m["serial_numbers"] for m in moves if m["serial_numbers"]} == serials
    assert any(latest["receipt_number"] in m for m in _successes(at))
    assert _has(at, "download_button", "ho_download")
    assert at.selectbox(key="ho_participant_1").value == waiting[1]["enrollment_id"]  # fresh inputs: the next one
    assert metrics(at)[f"Paket lengkap tersedia: {latest['kit']}"] == str(kits_before - 1)


def test_handover_out_of_stock_shows_message_and_saves_nothing__error(app_env):
    engine = get_engine(app_env)
    with write_session(engine) as s:
        compressor = next(i for i in eq.list_items(s) if i.code == "KOMP")
        eq.adjust(s, "manager", item_id=compressor.id, quantity=-eq.item_on_hand(s, compressor.id),
                  reason="Rusak saat pengiriman", date=dt.date.today())
    at = open_page("staff", "equipment")
    with read_session(engine) as s:
        stock_before, handovers_before = eq.stock_on_hand(s), len(eq.handovers(s))
        _fill_serials(at, s)
    at.button(key="ho_submit").click().run()
    assert not at.exception
    assert any("Stok Kompresor angin mini tidak cukup" in e and "Tidak ada yang disimpan" in e for e in _errors(at))
    with read_session(engine) as s:
        assert eq.stock_on_hand(s) == stock_before and len(eq.handovers(s)) == handovers_before
    assert not _has(at, "download_button", "ho_download")


def test_handover_without_serials_is_refused__error(app_env):
    at = open_page("staff", "equipment")
    at.button(key="ho_submit").click().run()
    assert any("nomor seri" in e for e in _errors(at))
    with read_session(get_engine(app_env)) as s:
        assert len(eq.handovers(s)) == 21


def test_manager_receives_goods_with_the_catalog_cost__ok(app_env):
    engine = get_engine(app_env)
    with read_session(engine) as s:
        toolbox = next(i for i in eq.list_items(s) if i.code == "TOOLBOX")
        before = eq.item_on_hand(s, toolbox.id)
    at = open_page("manager", "equipment")
    at.selectbox(key="rcv_item").set_value(toolbox.id)
    at.number_input(key="rcv_qty").set_value(3)
    at.text_input(key="rcv_supplier").input("CV Sinar Teknik Serang")
    at.button(key="rcv_submit").click().run()
    assert not _errors(at), _errors(at)
    with read_session(engine) as s:
        assert eq.item_on_hand(s, toolbox.id) == before + 3
        receipt = eq.movements(s, kind="receipt", item_id=toolbox.id)[0]
    assert receipt["quantity"] == 3 and receipt["unit_cost"] == toolbox.unit_cost
    assert any("Diterima 3 unit Kotak perkakas" in m for m in _successes(at))


def test_adjustment_needs_a_reason__error(app_env):
    at = open_page("manager", "equipment")
    at.number_input(key="adj_qty").set_value(-1)
    at.button(key="adj_submit").click().run()
    assert any("alasan" in e.lower() for e in _errors(at))
    with read_session(get_engine(app_env)) as s:
        assert not eq.movements(s, kind="adjustment")


# --------------------------------------------------------------------------- budget

def _spend(at, line_id: int, amount: str, description: str = "Tambahan kompresor") -> None:  # noqa: ANN001
    at.selectbox(key="sp_new_line").set_value(line_id)
    at.text_input(key="sp_new_amount").input(amount)
    at.text_input(key="sp_new_description").input(description)
    at.text_input(key="sp_new_document").input("SPK/2026/77")
    at.button(key="sp_new_submit").click().run()


def test_budget_figures_equal_the_services__ok(app_env):
    at = open_page("manager", "budget")
    this_year = dt.date.today().year
    with read_session(get_engine(app_env)) as s:
        now = bg.absorption_total(s, _year(s, this_year))
        old = bg.absorption_total(s, _year(s, 2025))
        year_2025 = _year(s, 2025)
    shown = metrics(at)
    assert shown["Pagu"] == format_rupiah(now["allocation"])
    assert shown["Realisasi"] == format_rupiah(now["spent"])
    assert shown[f"Serapan {this_year}"] == f"{now['absorption_pct']}%".replace(".", ",")
    at.selectbox(key="budget_year").set_value(year_2025).run()
    shown = metrics(at)
    assert shown["Serapan 2025"] == "86,8%" == f"{old['absorption_pct']}%".replace(".", ",")
    assert shown["Sisa"] == format_rupiah(old["remaining"]) == "Rp 28.550.000"
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")


def test_spending_recorded_with_an_indonesian_amount__ok(app_env):
    engine = get_engine(app_env)
    year = dt.date.today().year
    with read_session(engine) as s:
        line = _line(s, year, "5.1.02.01.01.0052")
    at = open_page("manager", "budget")
    _spend(at, line["line_id"], "1.250.000,50", "Snack rapat evaluasi")
    assert not _errors(at), _errors(at)
    with read_session(engine) as s:
        assert _line(s, year, "5.1.02.01.01.0052")["spent"] == line["spent"] + Decimal("1250000.50")
        assert bg.list_spending(s, budget_line_id=line["line_id"])[0]["description"] == "Snack rapat evaluasi"
    assert any("Rp 1.250.000,50" in m for m in _successes(at))


def test_spending_amount_that_is_not_rupiah__error(app_env):
    at = open_page("manager", "budget")
    with read_session(get_engine(app_env)) as s:
        count = len(bg.list_spending(s))
        line = _line(s, dt.date.today().year)
    _spend(at, line["line_id"], "1,250.000")
    assert any("bukan jumlah rupiah" in e for e in _errors(at))
    with read_session(get_engine(app_env)) as s:
        assert len(bg.list_spending(s)) == count


def test_spending_over_allocation_is_refused_then_overridden_with_a_reason__ok(app_env):
    engine = get_engine(app_env)
    year = dt.date.today().year
    with read_session(engine) as s:
        line, count = _line(s, year), len(bg.list_spending(s))
    requested = line["remaining"] + Decimal(750_000)
    at = open_page("manager", "budget")
    _spend(at, line["line_id"], format_rupiah(requested, symbol=False))
    refusal = [e for e in _errors(at) if "Belanja ditolak" in e]
    assert refusal and format_rupiah(line["remaining"]) in refusal[0] and format_rupiah(requested) in refusal[0]
    with read_session(engine) as s:
        assert len(bg.list_spending(s)) == count and _line(s, year)["spent"] == line["spent"]

    at.button(key="sp_override_submit").click().run()  # no reason yet: still refused
    assert any("alasan" in e for e in _errors(at))
    with read_session(engine) as s:
        assert len(bg.list_spending(s)) == count

    reason = "Harga kompresor naik; disetujui Kepala Bidang"
    at.text_area(key="sp_override_reason").input(reason)
    at.button(key="sp_override_submit").click().run()
    assert not _errors(at), _errors(at)
    assert any("disetujui melebihi pagu" in m for m in _successes(at))
    with read_session(engine) as s:
        entry = bg.list_spending(s, budget_line_id=line["line_id"])[0]
        assert len(bg.list_spending(s)) == count + 1
        assert entry["amount"] == requested and entry["override_reason"] == reason
        assert _line(s, year)["spent"] == line["spent"] + requested
        row = s.scalars(select(AuditLog).where(AuditLog.action == "budget.spend_override")).one()
    assert row.username == "manager" and row.details["override_reason"] == reason
    assert not _has(at, "button", "sp_override_submit")


def test_spending_correction_needs_a_reason_and_keeps_history__ok(app_env):
    engine = get_engine(app_env)
    at = open_page("manager", "budget")
    sid = at.selectbox(key="sp_edit_pick").value
    at.text_input(key=f"sp_edit_{sid}_amount").input("4.000.000")
    at.button(key=f"sp_edit_{sid}_submit").click().run()
    assert any("alasan" in e.lower() for e in _errors(at))
    at.text_input(key=f"sp_edit_{sid}_reason").input("Salah ketik jumlah")
    at.button(key=f"sp_edit_{sid}_submit").click().run()
    assert not _errors(at), _errors(at)
    with read_session(engine) as s:
        assert bg.get_spending(s, sid).amount == Decimal("4000000")
        row = s.scalars(select(AuditLog).where(AuditLog.action == "budget.spending_edit")).one()
    assert row.details["reason"] == "Salah ketik jumlah"


def test_staff_in_english_sees_hand_over_tab__ok():
    at = open_page("staff", "equipment")
    at.session_state["lang"] = "en"
    at.run()
    assert _tabs(at) == ["Stock on hand", "Hand over", "Receipts", "Movements"]
    assert at.button(key="ho_submit").label == "Save the handover"


def test_signed_receipt_attached_later_from_the_receipts_tab__ok(app_env):
    at = open_page("staff", "equipment")
    handover_id = at.selectbox(key="rc_pick").value
    assert _has(at, "download_button", "rc_download") and _has(at, "download_button", "rc_batch_download")
    at.file_uploader(key="rc_attach_file").set_value(("bast-ttd.pdf", b"%PDF-1.4 signed", "application/pdf"))
    at.button(key="rc_attach_submit").click().run()
    assert not _errors(at), _errors(at)
    with read_session(get_engine(app_env)) as s:
        assert next(h for h in eq.handovers(s) if h["id"] == handover_id)["signed_receipt"]
    assert any("tersimpan" in m for m in _successes(at))


def test_catalog_item_created_by_a_manager__ok(app_env):
    at = open_page("manager", "equipment")
    at.text_input(key="cat_new_code").input("KNC-L")
    at.text_input(key="cat_new_name").input("Kunci L set")
    at.text_input(key="cat_new_cost").input("85.000")
    at.button(key="cat_new_submit").click().run()
    assert not _errors(at), _errors(at)
    with read_session(get_engine(app_env)) as s:
        item = next(i for i in eq.list_items(s) if i.code == "KNC-L")
        on_hand = eq.item_on_hand(s, item.id)
    assert item.name == "Kunci L set" and item.unit_cost == Decimal("85000") and on_hand == 0
    assert at.text_input(key="cat_new_1_code").value == ""  # the form starts empty again


def test_monthly_plan_beyond_the_allocation_is_refused__error(app_env):
    engine = get_engine(app_env)
    year = dt.date.today().year
    at = open_page("manager", "budget")
    line_id = at.selectbox(key="plan_pick").value
    with read_session(engine) as s:
        line = bg.get_line(s, line_id)
        before = {m.month: m.amount for m in line.plan}
        allocation = line.allocation
    at.text_input(key=f"plan_{line_id}_1").input(format_rupiah(allocation, symbol=False))
    at.button(key=f"plan_{line_id}_submit").click().run()
    assert any("melebihi pagu" in e for e in _errors(at))
    with read_session(engine) as s:
        assert {m.month: m.amount for m in bg.get_line(s, line_id).plan} == before
        monthly = bg.monthly_absorption(s, _year(s, year), budget_line_id=line_id)
    assert sum(r["plan"] for r in monthly) == sum(before.values())

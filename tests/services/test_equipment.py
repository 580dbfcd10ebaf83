"""Equipment services on SQLite and PostgreSQL: catalog, receipts, handovers with numbered
receipts, returns, adjustments, history and figures; refused input leaves nothing behind."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.models import AccessLog, AuditLog, Handover, Item, Kit, StockLevel, StockMovement, StoredFile
from pulih.services import equipment as eq
from tests.services.ledger_helpers import DAY, counter, counts, last_audit, make_cohort, make_world

LEDGER = (Handover, StockMovement, StockLevel, StoredFile, AuditLog, Item, Kit)
PNG = eq.Upload("ttd.png", "image/png", b"\x89PNG\r\n\x1a\n fake image")


def on_hand(engine, item_id):
    with read_session(engine) as s:
        return eq.item_on_hand(s, item_id)


def refused(engine, key, call, *args, **kwargs):
    """Run ``call`` in its own write transaction; it must raise ``key`` and change nothing."""
    before = counts(engine, *LEDGER)
    with pytest.raises(Translatable) as err, write_session(engine) as s:
        call(s, *args, **kwargs)
    assert err.value.key == key, err.value
    assert counts(engine, *LEDGER) == before
    return err.value


def hand(engine, world, n=0, user="staff1", **kwargs):
    kwargs.setdefault("kit_id", world.kit_id)
    with write_session(engine) as s:
        h = eq.hand_over(s, user, participant_id=world.participant_ids[n], date=kwargs.pop("date", DAY), **kwargs)
        return h.id, h.receipt_number


# Catalog ---------------------------------------------------------------------------------------

def test_catalog_and_kits__ok(engine):
    world = make_world(engine, stock={"TB": 3, "SP": 5})
    with read_session(engine) as s:
        toolbox = s.get(Item, world.items["TB"])
        assert (toolbox.unit, toolbox.unit_cost) == ("buah", Decimal("350000.00"))
        assert s.get(Item, world.items["MM"]).unit_cost == Decimal("275000.50")
        stock = {r["code"]: r for r in eq.stock_on_hand(s)}
        assert stock["TB"]["quantity"] == 3 and stock["TB"]["value"] == Decimal("1050000.00")
        assert stock["MM"]["quantity"] == 0
        # kit = 1 toolbox + 2 spanner sets: min(3 // 1, 5 // 2) = 2
        assert eq.kit_available(s, world.kit_id) == 2
        kits = eq.list_kits(s)
        assert kits[0]["value"] == Decimal("600000.00") and len(kits[0]["lines"]) == 2
    with write_session(engine) as s:
        eq.update_item(s, "admin1", world.items["TB"], unit_cost="400.000", name="Kotak perkakas besi")
        eq.update_kit(s, "admin1", world.kit_id, lines=[(world.items["SP"], 1)])
    with read_session(engine) as s:
        assert s.get(Item, world.items["TB"]).unit_cost == Decimal("400000.00")
        assert eq.kit_available(s, world.kit_id) == 5
    assert last_audit(engine).action == "stock.kit_update"


@pytest.mark.parametrize("values, key", [
    (dict(code="X1", name=" ", unit_cost=1), "equipment.name_required"),
    (dict(code="", name="Obeng", unit_cost=1), "equipment.code_required"),
    (dict(code="X1", name="Obeng", unit_cost=-5), "equipment.unit_cost_invalid"),
    (dict(code="X1", name="Obeng", unit_cost=1.5), "equipment.unit_cost_invalid"),
    (dict(code="X1", name="Obeng", unit_cost="lima ribu"), "equipment.unit_cost_invalid"),
    (dict(code="TB", name="Obeng", unit_cost=1), "equipment.code_taken"),
])
def test_create_item_bad_input__error(engine, values, key):
    make_world(engine)
    refused(engine, key, eq.create_item, "manager1", **values)


def test_kit_bad_lines__error(engine):
    world = make_world(engine)
    refused(engine, "equipment.kit_empty", eq.create_kit, "manager1", code="K2", name="Kosong", lines=[])
    refused(engine, "equipment.item_not_found", eq.create_kit, "manager1", code="K2", name="X", lines=[(999, 1)])
    refused(engine, "equipment.quantity_invalid", eq.create_kit, "manager1", code="K2", name="X",
            lines=[(world.items["TB"], 0)])


def test_roles_checked_in_service__error(engine):
    world = make_world(engine, stock={"TB": 2, "SP": 4})
    refused(engine, "equipment.role_forbidden", eq.create_item, "staff1", code="X", name="X", unit_cost=1)
    refused(engine, "equipment.role_forbidden", eq.receive, "staff1", item_id=world.items["TB"], quantity=1, date=DAY)
    refused(engine, "equipment.role_forbidden", eq.adjust, "staff1", item_id=world.items["TB"], quantity=-1,
            reason="hilang", date=DAY)
    refused(engine, "equipment.role_forbidden", eq.hand_over, "viewer1", participant_id=world.participant_ids[0],
            kit_id=world.kit_id, date=DAY)
    refused(engine, "equipment.user_unknown", eq.hand_over, "mallory", participant_id=world.participant_ids[0],
            kit_id=world.kit_id, date=DAY)


# Receipts and adjustments ----------------------------------------------------------------------

def test_receive__ok(engine):
    world = make_world(engine)
    before = counter(engine, "stock")
    with write_session(engine) as s:
        m = eq.receive(s, "manager1", item_id=world.items["TB"], quantity="12", unit_cost="Rp 340.000",
                       supplier="CV Maju Jaya", date="2025-05-02")
        assert (m.kind, m.quantity, m.unit_cost, m.date) == ("receipt", 12, Decimal("340000.00"), dt.date(2025, 5, 2))
    assert on_hand(engine, world.items["TB"]) == 12
    assert counter(engine, "stock") == before + 1
    audit = last_audit(engine)
    assert (audit.action, audit.entity, audit.username) == ("stock.receive", "stock", "manager1")
    assert audit.details["quantity"] == 12 and audit.details["unit_cost"] == "340000.00"


@pytest.mark.parametrize("quantity", [0, -3, "2.5", "dua", True])
def test_receive_bad_quantity__error(engine, quantity):
    world = make_world(engine)
    refused(engine, "equipment.quantity_invalid", eq.receive, "manager1", item_id=world.items["TB"],
            quantity=quantity, date=DAY)


def test_receive_unknown_spending__error(engine):
    world = make_world(engine)
    refused(engine, "equipment.spending_not_found", eq.receive, "manager1", item_id=world.items["TB"], quantity=1,
            date=DAY, spending_id=4242)
    refused(engine, "equipment.date_invalid", eq.receive, "manager1", item_id=world.items["TB"], quantity=1,
            date="28/05/2025")


def test_adjust__ok(engine):
    world = make_world(engine, stock={"SP": 5})
    with write_session(engine) as s:
        eq.adjust(s, "manager1", item_id=world.items["SP"], quantity=-2, reason="Rusak saat praktik", date=DAY)
        eq.adjust(s, "admin1", item_id=world.items["SP"], quantity="+1", reason="Ditemukan saat stock opname", date=DAY)
    assert on_hand(engine, world.items["SP"]) == 4
    assert last_audit(engine).details["before"] == 3 and last_audit(engine).details["after"] == 4


def test_adjust_bad_input__error(engine):
    world = make_world(engine, stock={"SP": 1})
    refused(engine, "equipment.reason_required", eq.adjust, "manager1", item_id=world.items["SP"], quantity=-1,
            reason="  ", date=DAY)
    refused(engine, "equipment.adjustment_invalid", eq.adjust, "manager1", item_id=world.items["SP"], quantity=0,
            reason="x", date=DAY)
    err = refused(engine, "equipment.out_of_stock", eq.adjust, "manager1", item_id=world.items["SP"], quantity=-2,
                  reason="hilang", date=DAY)
    assert err.values["available"] == 1
    assert on_hand(engine, world.items["SP"]) == 1


def test_stock_check_constraint_is_the_backstop__error(engine):
    world = make_world(engine, stock={"TB": 1})
    with pytest.raises(IntegrityError), write_session(engine) as s:
        s.execute(text("UPDATE stock_levels SET quantity = quantity - 2 WHERE item_id = :i"), {"i": world.items["TB"]})
    assert on_hand(engine, world.items["TB"]) == 1


# Handovers ---------------------------------------------------------------------------------------

def test_hand_over_kit__ok(engine):
    world = make_world(engine, stock={"TB": 3, "SP": 6})
    before = counter(engine, "stock")
    hid, number = hand(engine, world, 0, condition="new", notes="Diserahkan saat wisuda",
                       signed_receipt=PNG)
    assert number == "BAST/2025/0001"
    assert hand(engine, world, 1)[1] == "BAST/2025/0002"
    assert hand(engine, world, 2, date=dt.date(2026, 1, 5))[1] == "BAST/2026/0001"
    assert on_hand(engine, world.items["TB"]) == 0 and on_hand(engine, world.items["SP"]) == 0
    with read_session(engine) as s:
        h = s.get(Handover, hid)
        assert h.enrollment_id == world.enrollment_ids[0]  # the participant's only enrollment
        assert s.get(StoredFile, h.signed_receipt_file_id).content_type == "image/png"
        moves = s.scalars(select(StockMovement).where(StockMovement.handover_id == hid)).all()
        assert sorted((m.kind, m.item_id, m.quantity) for m in moves) == sorted(
            [("handover", world.items["TB"], -1), ("handover", world.items["SP"], -2)])
        assert {m.unit_cost for m in moves} == {Decimal("350000.00"), Decimal("125000.00")}
    assert counter(engine, "stock") == before + 3
    audit = last_audit(engine)
    assert audit.action == "stock.handover" and audit.details["receipt_number"] == "BAST/2026/0001"


def test_hand_over_last_kit_then_out_of_stock__error(engine):
    world = make_world(engine, stock={"TB": 1, "SP": 3})
    hand(engine, world, 0)
    err = refused(engine, "equipment.out_of_stock", eq.hand_over, "staff1", participant_id=world.participant_ids[1],
                  kit_id=world.kit_id, date=DAY, signed_receipt=PNG)
    assert err.values["item"] == "Kotak perkakas" and err.values["available"] == 0
    assert "Kotak perkakas" in err.message("id") and "tersisa 0" in err.message("id")
    assert "Nothing was saved" in err.message("en")
    # the spanner sets that were in stock were not taken either
    assert on_hand(engine, world.items["SP"]) == 1


def test_hand_over_bad_input__error(engine):
    world = make_world(engine, stock={"TB": 5, "SP": 10, "MM": 2})
    pid = world.participant_ids[0]
    refused(engine, "equipment.participant_not_found", eq.hand_over, "staff1", participant_id=9999,
            kit_id=world.kit_id, date=DAY)
    refused(engine, "equipment.nothing_to_hand_over", eq.hand_over, "staff1", participant_id=pid, date=DAY)
    refused(engine, "equipment.enrollment_mismatch", eq.hand_over, "staff1", participant_id=pid,
            enrollment_id=world.enrollment_ids[1], kit_id=world.kit_id, date=DAY)
    refused(engine, "equipment.serials_count", eq.hand_over, "staff1", participant_id=pid,
            items=[(world.items["MM"], 1)], date=DAY)
    refused(engine, "equipment.serials_count", eq.hand_over, "staff1", participant_id=pid,
            items=[(world.items["MM"], 2)], serial_numbers={world.items["MM"]: "MM-001"}, date=DAY)
    refused(engine, "equipment.serials_duplicate", eq.hand_over, "staff1", participant_id=pid,
            items=[(world.items["MM"], 2)], serial_numbers={world.items["MM"]: "MM-001, MM-001"}, date=DAY)
    refused(engine, "equipment.condition_required", eq.hand_over, "staff1", participant_id=pid,
            kit_id=world.kit_id, condition=" ", date=DAY)
    refused(engine, "equipment.file_type", eq.hand_over, "staff1", participant_id=pid, kit_id=world.kit_id,
            date=DAY, signed_receipt=("x.html", "text/html", b"<script>"))
    refused(engine, "equipment.file_empty", eq.hand_over, "staff1", participant_id=pid, kit_id=world.kit_id,
            date=DAY, signed_receipt=("x.png", "image/png", b""))


def test_hand_over_serials__ok(engine):
    world = make_world(engine, stock={"MM": 2})
    with write_session(engine) as s:
        h = eq.hand_over(s, "staff1", participant_id=world.participant_ids[0], items=[(world.items["MM"], 2)],
                         serial_numbers={world.items["MM"]: ["MM-001", "MM-002"]}, date=DAY, condition="good")
        assert h.kit_id is None
    with read_session(engine) as s:
        rows = eq.movements(s, kind="handover")
        assert rows[0]["serial_numbers"] == "MM-001, MM-002" and rows[0]["quantity"] == -2


def test_same_kit_twice__error(engine):
    world = make_world(engine, stock={"TB": 3, "SP": 6})
    _, first = hand(engine, world, 0)
    err = refused(engine, "equipment.kit_already_handed_over", eq.hand_over, "staff1",
                  participant_id=world.participant_ids[0], kit_id=world.kit_id, date=DAY)
    assert first in err.message("en")
    hand(engine, world, 0, allow_repeat=True)  # a real second kit is possible, on purpose


def test_attach_signed_receipt_later__ok(engine):
    world = make_world(engine, stock={"TB": 1, "SP": 2})
    hid, _ = hand(engine, world, 0)
    with write_session(engine) as s:
        eq.attach_signed_receipt(s, "staff1", hid, ("scan.pdf", "application/pdf", b"%PDF-1.4 signed"))
    with read_session(engine) as s:
        assert s.get(StoredFile, s.get(Handover, hid).signed_receipt_file_id).filename == "scan.pdf"
    with write_session(engine) as s:
        assert eq.signed_receipt_file(s, "staff1", hid) == ("scan.pdf", "application/pdf", b"%PDF-1.4 signed")
    with read_session(engine) as s:
        logged = s.scalars(select(AccessLog).where(AccessLog.entity == "handovers")).all()
        assert [(a.username, a.entity_id) for a in logged] == [("staff1", str(hid))]


def test_signed_receipt_missing_or_for_a_stranger__error(engine):
    world = make_world(engine, stock={"TB": 1, "SP": 2})
    hid, _ = hand(engine, world, 0)
    with write_session(engine) as s:
        assert eq.signed_receipt_file(s, "staff1", hid) is None
    with pytest.raises(Translatable), write_session(engine) as s:
        eq.signed_receipt_file(s, "nobody", hid)


def test_failed_call_leaves_caller_transaction_usable__ok(engine):
    """A refused handover inside a larger transaction (bulk import) undoes only its own writes."""
    world = make_world(engine, stock={"TB": 1, "SP": 2})
    with write_session(engine) as s:
        eq.hand_over(s, "staff1", participant_id=world.participant_ids[0], kit_id=world.kit_id, date=DAY)
        with pytest.raises(Translatable):
            eq.hand_over(s, "staff1", participant_id=world.participant_ids[1], kit_id=world.kit_id, date=DAY)
        eq.receive(s, "manager1", item_id=world.items["TB"], quantity=4, date=DAY)
    assert on_hand(engine, world.items["TB"]) == 4
    with read_session(engine) as s:
        assert [h["receipt_number"] for h in eq.handovers(s)] == ["BAST/2025/0001"]


# Returns -----------------------------------------------------------------------------------------

def test_return_items__ok(engine):
    world = make_world(engine, stock={"TB": 1, "SP": 2})
    hid, _ = hand(engine, world, 0)
    with write_session(engine) as s:
        eq.return_items(s, "staff1", handover_id=hid, items=[(world.items["SP"], 1)], date=DAY,
                        reason="Peserta mengundurkan diri", condition="good")
    assert on_hand(engine, world.items["SP"]) == 1
    with read_session(engine) as s:
        assert eq.handovers(s)[0]["value"] == Decimal("475000.00")  # 350.000 + 125.000 still out
    err = refused(engine, "equipment.return_exceeds", eq.return_items, "staff1", handover_id=hid,
                  items=[(world.items["SP"], 2)], date=DAY, reason="x")
    assert err.values["held"] == 1
    refused(engine, "equipment.reason_required", eq.return_items, "staff1", handover_id=hid,
            items=[(world.items["SP"], 1)], date=DAY, reason="")
    refused(engine, "equipment.return_exceeds", eq.return_items, "staff1", handover_id=hid,
            items=[(world.items["MM"], 1)], date=DAY, reason="x")


# History and figures -----------------------------------------------------------------------------

def test_history_and_cohort_figures__ok(engine):
    world = make_world(engine, people=3, stock={"TB": 5, "SP": 10})
    with write_session(engine) as s:
        other = make_cohort(s, code="MTR-2025-2", people=2, first=3, program_id=world.program_id,
                            statuses=["active", "dropped_out"])
    h1, _ = hand(engine, world, 0)
    hand(engine, world, 1, date=dt.date(2025, 6, 2))
    with write_session(engine) as s:
        eq.hand_over(s, "staff1", participant_id=other.participant_ids[0], items=[(world.items["SP"], 1)], date=DAY)
        eq.return_items(s, "staff1", handover_id=h1, items=[(world.items["SP"], 2)], date=DAY, reason="kembali")
    with read_session(engine) as s:
        assert len(eq.movements(s)) == 2 + 4 + 1 + 1
        assert len(eq.movements(s, kind="return")) == 1
        assert len(eq.movements(s, cohort_id=world.cohort_id)) == 5
        assert len(eq.movements(s, date_from=dt.date(2025, 6, 1))) == 2
        assert len(eq.movements(s, participant_id=world.participant_ids[0])) == 3
        assert [h["participant_id"] for h in eq.handovers(s, cohort_id=world.cohort_id)] == world.participant_ids[1::-1]
        assert len(eq.handovers(s, participant_id=other.participant_ids[0])) == 1
        assert len(eq.handovers(s, program_id=world.program_id)) == 3
        values = {v["cohort_id"]: v for v in eq.value_by_cohort(s, program_id=world.program_id)}
        # cohort 1: two kits of 600.000, minus 2 spanner sets returned (250.000)
        assert values[world.cohort_id]["value"] == Decimal("950000.00") and values[world.cohort_id]["handovers"] == 2
        assert values[other.cohort_id]["value"] == Decimal("125000.00")
        plan = {r["code"]: r for r in eq.planned_vs_handed(s, world.cohort_id)}
        assert (plan["TB"]["planned"], plan["TB"]["handed"], plan["TB"]["remaining"]) == (3, 2, 1)
        assert (plan["SP"]["planned"], plan["SP"]["handed"], plan["SP"]["remaining"]) == (6, 2, 4)
        kits = {r["cohort_id"]: r for r in eq.kits_planned_vs_handed(s)}
        assert (kits[world.cohort_id]["kits_planned"], kits[world.cohort_id]["kits_handed"]) == (3, 2)
        assert kits[world.cohort_id]["value_planned"] == Decimal("1800000.00")
        assert other.cohort_id not in kits  # no kit set for that cohort
        pending = eq.participants_without_kit(s, world.cohort_id)
        assert [p["participant_id"] for p in pending] == [world.participant_ids[2]]

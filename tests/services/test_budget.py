"""Budget services on SQLite and PostgreSQL: structure, plans, spending with the allocation guard
and manager override, edits and cancellations in history, absorption and cost per participant."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from pulih import permissions
from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.models import AuditLog, BudgetLine, BudgetPlanMonth, Enrollment, FiscalYear, Spending, StoredFile
from pulih.services import budget as bg
from pulih.services import equipment as eq
from tests.services.ledger_helpers import DAY, counter, counts, last_audit, make_cohort, make_users

LEDGER = (Spending, BudgetLine, BudgetPlanMonth, FiscalYear, StoredFile, AuditLog)


@pytest.fixture
def lines(engine):
    """FY 2025, APBD 2025, a training line (Rp 100.000.000) and an equipment line (Rp 60.000.000)
    linked to a program whose cohort has 4 participants (3 graduated, 1 dropped out)."""
    with write_session(engine) as s:
        make_users(s)
        world = make_cohort(s, people=4, statuses=["graduated", "graduated", "graduated", "dropped_out"])
    with write_session(engine) as s:
        year = bg.create_fiscal_year(s, "admin1", 2025)
        source = bg.create_funding_source(s, "admin1", code="APBD-2025", name="APBD Provinsi Banten 2025")
        training = bg.create_budget_line(s, "manager1", fiscal_year_id=year.id, funding_source_id=source.id,
                                         account_code="5.1.02.01", name="Honorarium instruktur",
                                         allocation="Rp 100.000.000", program_id=world.program_id)
        kit = bg.create_budget_line(s, "manager1", fiscal_year_id=year.id, funding_source_id=source.id,
                                    account_code="5.1.02.02", name="Belanja paket alat mekanik",
                                    allocation=Decimal("60000000"), program_id=world.program_id)
        return dict(year=year.id, source=source.id, training=training.id, kit=kit.id, world=world)


def spend(engine, line_id, amount, user="manager1", date=DAY, **kwargs):
    kwargs.setdefault("description", "Pembayaran")
    with write_session(engine) as s:
        return bg.record_spending(s, user, budget_line_id=line_id, date=date, amount=amount, **kwargs).id


def spent(engine, line_id):
    with read_session(engine) as s:
        line_spent = s.get(BudgetLine, line_id).spent
        total = s.scalar(select(func.sum(Spending.amount)).where(Spending.budget_line_id == line_id))
    assert line_spent == Decimal(str(total or 0)).quantize(Decimal("0.01")), "running total out of step"
    return line_spent


def refused(engine, key, call, *args, **kwargs):
    before = counts(engine, *LEDGER)
    with pytest.raises(Translatable) as err, write_session(engine) as s:
        call(s, *args, **kwargs)
    assert err.value.key == key, err.value
    assert counts(engine, *LEDGER) == before
    return err.value


# Structure and plans -----------------------------------------------------------------------------

def test_structure_bad_input__error(engine, lines):
    refused(engine, "budget.fiscal_year_exists", bg.create_fiscal_year, "admin1", "2025")
    refused(engine, "budget.year_invalid", bg.create_fiscal_year, "admin1", "dua ribu")
    refused(engine, "budget.source_code_taken", bg.create_funding_source, "admin1", code="APBD-2025", name="x")
    refused(engine, "budget.account_code_taken", bg.create_budget_line, "admin1", fiscal_year_id=lines["year"],
            funding_source_id=lines["source"], account_code="5.1.02.01", name="x", allocation=1)
    refused(engine, "budget.amount_invalid", bg.create_budget_line, "admin1", fiscal_year_id=lines["year"],
            funding_source_id=lines["source"], account_code="9", name="x", allocation="banyak")
    refused(engine, "budget.role_forbidden", bg.create_fiscal_year, "staff1", 2026)


def test_monthly_plan__ok(engine, lines):
    plan = [Decimal("5000000")] * 12
    with write_session(engine) as s:
        bg.set_monthly_plan(s, "manager1", lines["kit"], plan)
    with read_session(engine) as s:
        assert len(s.get(BudgetLine, lines["kit"]).plan) == 12
    with write_session(engine) as s:  # a mapping, blanks skipped; replaces the old plan
        bg.set_monthly_plan(s, "manager1", lines["kit"], {5: "Rp 40.000.000", 6: "", 7: 20000000})
    with read_session(engine) as s:
        assert [(m.month, m.amount) for m in s.get(BudgetLine, lines["kit"]).plan] == [
            (5, Decimal("40000000.00")), (7, Decimal("20000000.00"))]
    assert last_audit(engine).details["before"]["1"] == "5000000.00"


def test_monthly_plan_bad__error(engine, lines):
    err = refused(engine, "budget.plan_exceeds_allocation", bg.set_monthly_plan, "manager1", lines["kit"],
                  [Decimal("6000000")] * 11 + [Decimal("1")])
    assert "Rp 66.000.001" in err.message("en") and "Rp 60.000.000" in err.message("id")
    refused(engine, "budget.plan_length", bg.set_monthly_plan, "manager1", lines["kit"], [1, 2, 3])
    refused(engine, "budget.amount_positive", bg.set_monthly_plan, "manager1", lines["kit"], {1: "-5"})


def test_allocation_change_guarded__error(engine, lines):
    spend(engine, lines["kit"], "Rp 30.000.000")
    refused(engine, "budget.allocation_below_spent", bg.update_budget_line, "manager1", lines["kit"],
            allocation=29000000)
    with write_session(engine) as s:
        bg.set_monthly_plan(s, "manager1", lines["kit"], {5: 45000000})
    refused(engine, "budget.allocation_below_plan", bg.update_budget_line, "manager1", lines["kit"],
            allocation=40000000)
    with write_session(engine) as s:
        bg.update_budget_line(s, "manager1", lines["kit"], allocation="Rp 50.000.000", name="Paket alat")
    audit = last_audit(engine)
    assert audit.details["before"]["allocation"] == "60000000.00"
    assert audit.details["after"]["allocation"] == "50000000.00"


# Spending and the allocation guard ---------------------------------------------------------------

def test_record_spending__ok(engine, lines):
    before = counter(engine, "budget")
    sid = spend(engine, lines["training"], "Rp 12.500.000,50", document_ref="SPM-001/2025",
                attachment=("kuitansi.pdf", "application/pdf", b"%PDF-1.4"))
    assert spent(engine, lines["training"]) == Decimal("12500000.50")
    with read_session(engine) as s:
        entry = s.get(Spending, sid)
        assert (entry.document_ref, entry.override_reason) == ("SPM-001/2025", None)
        assert entry.attachment_file_id is not None
    assert counter(engine, "budget") == before + 1
    assert last_audit(engine).action == "budget.spend"
    with read_session(engine) as s:
        assert bg.spending_attachment(s, "manager1", sid) == ("kuitansi.pdf", "application/pdf", b"%PDF-1.4")
    with pytest.raises(Translatable), read_session(engine) as s:
        bg.spending_attachment(s, "staff1", sid)  # spending documents are for managers and admins


@pytest.mark.parametrize("amount, date, key", [
    (0, DAY, "budget.amount_positive"),
    ("-5.000", DAY, "budget.amount_positive"),
    (1.5, DAY, "budget.amount_invalid"),
    ("12,345", DAY, "budget.amount_invalid"),
    (Decimal("0.001"), DAY, "budget.amount_invalid"),
    (1000, dt.date(2024, 12, 31), "budget.date_outside_year"),
    (1000, "kemarin", "budget.date_invalid"),
])
def test_record_spending_bad_input__error(engine, lines, amount, date, key):
    refused(engine, key, bg.record_spending, "manager1", budget_line_id=lines["training"], date=date,
            amount=amount, description="x")


def test_spending_needs_description_open_year_and_role__error(engine, lines):
    refused(engine, "budget.description_required", bg.record_spending, "manager1",
            budget_line_id=lines["training"], date=DAY, amount=1, description="")
    refused(engine, "budget.role_forbidden", bg.record_spending, "staff1", budget_line_id=lines["training"],
            date=DAY, amount=1, description="x")
    refused(engine, "budget.line_not_found", bg.record_spending, "manager1", budget_line_id=999, date=DAY,
            amount=1, description="x")
    with write_session(engine) as s:
        bg.set_fiscal_year_closed(s, "admin1", lines["year"], True)
    refused(engine, "budget.fiscal_year_closed", bg.record_spending, "manager1", budget_line_id=lines["training"],
            date=DAY, amount=1, description="x")


def test_over_allocation_refused_with_figures__error(engine, lines):
    spend(engine, lines["kit"], 55000000)
    err = refused(engine, "budget.over_allocation", bg.record_spending, "manager1", budget_line_id=lines["kit"],
                  date=DAY, amount="Rp 6.000.000", description="Paket ke-13")
    message = err.message("id")
    for figure in ("Rp 60.000.000", "Rp 55.000.000", "Rp 5.000.000", "Rp 6.000.000", "Belanja paket alat mekanik"):
        assert figure in message
    assert spent(engine, lines["kit"]) == Decimal("55000000.00")
    spend(engine, lines["kit"], 5000000)  # exactly the rest fits
    assert spent(engine, lines["kit"]) == Decimal("60000000.00")


def test_manager_override_with_reason__ok(engine, lines):
    spend(engine, lines["kit"], 58000000)
    sid = spend(engine, lines["kit"], 4000000, override_reason="Harga naik; disetujui Kepala Bidang 2 Juni")
    assert spent(engine, lines["kit"]) == Decimal("62000000.00")
    with read_session(engine) as s:
        assert s.get(Spending, sid).override_reason.startswith("Harga naik")
    audit = last_audit(engine)
    assert audit.action == "budget.spend_override" and audit.details["override_reason"].startswith("Harga naik")
    with read_session(engine) as s:
        row = bg.absorption_by_line(s, lines["year"])[1]
        assert row["remaining"] == Decimal("-2000000.00") and row["absorption_pct"] == Decimal("103.3")


def test_override_role_checked_in_service__error(engine, lines, monkeypatch):
    """Even if staff were allowed to enter spending, only managers and admins may override."""
    monkeypatch.setitem(permissions.ACTIONS, "budget.manage", permissions.WORKERS)
    spend(engine, lines["kit"], 59000000, user="staff1")
    err = refused(engine, "budget.override_not_allowed", bg.record_spending, "staff1", budget_line_id=lines["kit"],
                  date=DAY, amount=2000000, description="x", override_reason="perlu")
    assert "staff" in err.message("en")


def test_cents_are_exact__ok(engine, lines):
    with write_session(engine) as s:
        line = bg.create_budget_line(s, "admin1", fiscal_year_id=lines["year"], funding_source_id=lines["source"],
                                     account_code="5.9", name="Materai", allocation="0,30")
    spend(engine, line.id, "0,10")
    spend(engine, line.id, "0,20")  # 0.1 + 0.2 == 0.3 exactly, also where SQLite stores floats
    refused(engine, "budget.over_allocation", bg.record_spending, "manager1", budget_line_id=line.id, date=DAY,
            amount="0,01", description="x")
    assert spent(engine, line.id) == Decimal("0.30")


# Edits and cancellations -------------------------------------------------------------------------

def test_edit_spending_kept_in_history__ok(engine, lines):
    sid = spend(engine, lines["kit"], 10000000)
    with write_session(engine) as s:
        bg.edit_spending(s, "manager1", sid, reason="Salah ketik", amount="Rp 12.000.000", document_ref="SPM-7")
    assert spent(engine, lines["kit"]) == Decimal("12000000.00")
    audit = last_audit(engine)
    assert audit.action == "budget.spending_edit" and audit.details["reason"] == "Salah ketik"
    assert audit.details["before"]["amount"] == "10000000.00" and audit.details["after"]["amount"] == "12000000.00"
    with write_session(engine) as s:  # to another line, and lower
        bg.edit_spending(s, "manager1", sid, reason="Salah mata anggaran", budget_line_id=lines["training"],
                         amount=9000000)
    assert spent(engine, lines["kit"]) == 0 and spent(engine, lines["training"]) == Decimal("9000000.00")


def test_edit_spending_guarded__error(engine, lines):
    sid = spend(engine, lines["kit"], 50000000)
    refused(engine, "budget.over_allocation", bg.edit_spending, "manager1", sid, reason="x", amount=61000000)
    refused(engine, "budget.reason_required", bg.edit_spending, "manager1", sid, reason=" ", amount=1)
    refused(engine, "budget.date_outside_year", bg.edit_spending, "manager1", sid, reason="x",
            date=dt.date(2026, 1, 2))
    assert spent(engine, lines["kit"]) == Decimal("50000000.00")
    with write_session(engine) as s:
        bg.edit_spending(s, "manager1", sid, reason="Addendum", amount=61000000, override_reason="Addendum kontrak")
    assert spent(engine, lines["kit"]) == Decimal("61000000.00")
    assert last_audit(engine).action == "budget.spending_edit_override"


def test_cancel_spending__ok(engine, lines):
    sid = spend(engine, lines["training"], 7000000, description="Dobel input")
    with write_session(engine) as s:
        bg.cancel_spending(s, "manager1", sid, reason="Tercatat dua kali")
    assert spent(engine, lines["training"]) == 0
    audit = last_audit(engine)
    assert audit.action == "budget.spending_cancel" and audit.details["before"]["description"] == "Dobel input"


def test_cancel_spending_with_stock_receipts__error(engine, lines):
    sid = spend(engine, lines["kit"], 3500000, description="Pembelian kotak perkakas")
    with write_session(engine) as s:
        item = eq.create_item(s, "manager1", code="TB", name="Kotak perkakas", unit_cost=350000)
        eq.receive(s, "manager1", item_id=item.id, quantity=10, date=DAY, spending_id=sid)
    refused(engine, "budget.spending_has_receipts", bg.cancel_spending, "manager1", sid, reason="x")


# Absorption and cost per participant -------------------------------------------------------------

def test_absorption_and_cost__ok(engine, lines):
    with write_session(engine) as s:
        bg.set_monthly_plan(s, "manager1", lines["kit"], {4: 30000000, 5: 30000000})
    spend(engine, lines["kit"], 24000000, date=dt.date(2025, 4, 20))
    spend(engine, lines["kit"], 12000000, date=dt.date(2025, 5, 2))
    spend(engine, lines["training"], 40000000, date=dt.date(2025, 5, 30))
    with read_session(engine) as s:
        by_line = {r["account_code"]: r for r in bg.absorption_by_line(s, lines["year"])}
        assert by_line["5.1.02.02"]["absorption_pct"] == Decimal("60.0")
        assert by_line["5.1.02.01"]["remaining"] == Decimal("60000000.00")
        total = bg.absorption_total(s, lines["year"])
        assert (total["allocation"], total["spent"], total["absorption_pct"]) == (
            Decimal("160000000.00"), Decimal("76000000.00"), Decimal("47.5"))
        months = bg.monthly_absorption(s, lines["year"])
        assert len(months) == 12
        april, may, december = months[3], months[4], months[11]
        assert (april["plan"], april["actual"]) == (Decimal("30000000.00"), Decimal("24000000.00"))
        assert (may["plan_cumulative"], may["actual_cumulative"]) == (Decimal("60000000.00"), Decimal("76000000.00"))
        assert december["actual_pct"] == Decimal("47.5") and may["plan_coverage"] == Decimal("37.5")
        kit_only = bg.monthly_absorption(s, lines["year"], budget_line_id=lines["kit"])
        assert kit_only[4]["actual_pct"] == Decimal("60.0") and kit_only[4]["plan_pct"] == Decimal("100.0")
        cost = bg.cost_per_participant(s, lines["world"].program_id)
        assert (cost["participants"], cost["graduates"]) == (4, 3)
        assert cost["per_participant"] == Decimal("19000000.00")
        assert cost["per_graduate"] == Decimal("25333333.33")
        listed = bg.list_spending(s, fiscal_year_id=lines["year"], date_from=dt.date(2025, 5, 1))
        assert [r["amount"] for r in listed] == [Decimal("40000000.00"), Decimal("12000000.00")]


def test_cost_without_participants__ok(engine, lines):
    with write_session(engine) as s:
        s.query(Enrollment).delete()
    with read_session(engine) as s:
        cost = bg.cost_per_participant(s, lines["world"].program_id)
        assert cost["per_participant"] is None and cost["per_graduate"] is None

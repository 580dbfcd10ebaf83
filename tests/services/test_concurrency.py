"""Real concurrency on SQLite (file database, WAL) and PostgreSQL: several threads, each with its
own write_session, released together by a barrier.

(a) the last kit: exactly one handover wins, stock ends at 0, the others get out_of_stock;
(b) the last room on a budget line: exactly one spending entry wins, spent == allocation;
(c) many small receipts and handovers at once: final stock == received - handed over;
(d) handovers of different items at once: receipt numbers unique and gapless.

On PostgreSQL, (a) and (b) also make every worker *see* the free stock or room inside its own
transaction before the barrier releases them, so a check-then-write service would let all of
them through; the conditional UPDATE lets exactly one. (SQLite's BEGIN IMMEDIATE admits one
writer at a time, so there the workers race for the write lock instead.)
"""

import datetime as dt
import random
import threading
from decimal import Decimal

from sqlalchemy import func, select

from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.models import BudgetLine, Handover, Spending, StockMovement
from pulih.services import budget as bg
from pulih.services import equipment as eq
from tests.services.ledger_helpers import DAY, make_users, make_world

WORKERS = 6


def run_together(count, work):
    """Run ``work(i, barrier)`` in ``count`` threads; returns ("ok", value) / ("refused", key) per worker."""
    barrier = threading.Barrier(count, timeout=60)
    results = [None] * count

    def target(i):
        try:
            results[i] = ("ok", work(i, barrier))
        except Translatable as err:
            results[i] = ("refused", err.key)
        except Exception as err:  # noqa: BLE001 - reported by the test
            results[i] = ("crash", repr(err))

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    assert not [r for r in results if r[0] == "crash"], results
    return results


def is_pg(engine):
    return engine.dialect.name == "postgresql"


def test_last_kit_one_winner__ok(engine):
    world = make_world(engine, people=WORKERS, stock={"TB": 1, "SP": 2})

    def work(i, barrier):
        if not is_pg(engine):
            barrier.wait()
        with write_session(engine) as s:
            if is_pg(engine):
                assert eq.kit_available(s, world.kit_id) == 1  # everyone sees the last kit
                barrier.wait()
            return eq.hand_over(s, "staff1", participant_id=world.participant_ids[i], kit_id=world.kit_id,
                                date=DAY).receipt_number

    results = run_together(WORKERS, work)
    assert sorted(r[0] for r in results).count("ok") == 1
    assert [r[1] for r in results if r[0] == "refused"] == ["equipment.out_of_stock"] * (WORKERS - 1)
    with read_session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Handover)) == 1
        assert eq.item_on_hand(s, world.items["TB"]) == 0 and eq.item_on_hand(s, world.items["SP"]) == 0
        assert s.scalar(select(func.count()).where(StockMovement.kind == "handover")) == 2
    assert [r[1] for r in results if r[0] == "ok"] == ["BAST/2025/0001"]


def test_last_budget_room_one_winner__ok(engine):
    with write_session(engine) as s:
        make_users(s)
        year = bg.create_fiscal_year(s, "admin1", 2025)
        source = bg.create_funding_source(s, "admin1", code="APBD-2025", name="APBD 2025")
        line = bg.create_budget_line(s, "admin1", fiscal_year_id=year.id, funding_source_id=source.id,
                                     account_code="5.1.02.02", name="Paket alat", allocation=Decimal("10000000"))
        bg.record_spending(s, "manager1", budget_line_id=line.id, date=DAY, amount=Decimal("4000000"),
                           description="Tahap 1")
    line_id = line.id

    def work(i, barrier):
        if not is_pg(engine):
            barrier.wait()
        with write_session(engine) as s:
            if is_pg(engine):
                row = s.get(BudgetLine, line_id)
                assert row.allocation - row.spent == Decimal("6000000.00")  # everyone sees the room
                barrier.wait()
            return bg.record_spending(s, "manager1", budget_line_id=line_id, date=DAY, amount=Decimal("6000000"),
                                      description=f"Tahap 2 oleh pekerja {i}").id

    results = run_together(WORKERS, work)
    assert [r[0] for r in results].count("ok") == 1
    assert [r[1] for r in results if r[0] == "refused"] == ["budget.over_allocation"] * (WORKERS - 1)
    with read_session(engine) as s:
        row = s.get(BudgetLine, line_id)
        assert row.spent == row.allocation == Decimal("10000000.00")
        assert s.scalar(select(func.count()).select_from(Spending)) == 2
        assert Decimal(str(s.scalar(select(func.sum(Spending.amount))))) == Decimal("10000000")


def test_many_small_movements_no_lost_updates__ok(engine):
    world = make_world(engine, people=WORKERS, stock={"SP": 5})
    rounds = 8
    received = [0] * WORKERS
    handed = [0] * WORKERS

    def work(i, barrier):
        rng = random.Random(i)
        barrier.wait()
        for n in range(rounds):
            quantity = rng.randint(1, 3)
            try:
                with write_session(engine) as s:
                    if n % 2 == 0:
                        eq.receive(s, "manager1", item_id=world.items["SP"], quantity=quantity, date=DAY)
                        received[i] += quantity
                    else:
                        eq.hand_over(s, "staff1", participant_id=world.participant_ids[i],
                                     items=[(world.items["SP"], quantity)], date=DAY)
                        handed[i] += quantity
            except Translatable as err:
                assert err.key == "equipment.out_of_stock"
        return True

    run_together(WORKERS, work)
    with read_session(engine) as s:
        assert eq.item_on_hand(s, world.items["SP"]) == 5 + sum(received) - sum(handed)
        net = s.scalar(select(func.sum(StockMovement.quantity)).where(StockMovement.item_id == world.items["SP"]))
        assert net == 5 + sum(received) - sum(handed)
        numbers = sorted(s.scalars(select(Handover.receipt_number)))
    assert numbers == [f"BAST/2025/{n:04d}" for n in range(1, len(numbers) + 1)]
    assert sum(handed) > 0 and sum(received) > 0


def test_receipt_numbers_unique_under_concurrency__ok(engine):
    """Different items, so no stock row is shared: only the receipt number is contended."""
    world = make_world(engine, people=WORKERS)
    with write_session(engine) as s:
        items = [eq.create_item(s, "manager1", code=f"X{i}", name=f"Obeng {i}", unit_cost=10000).id
                 for i in range(WORKERS)]
        for item_id in items:
            eq.receive(s, "manager1", item_id=item_id, quantity=1, date=DAY)

    def work(i, barrier):
        barrier.wait()
        with write_session(engine) as s:
            return eq.hand_over(s, "staff1", participant_id=world.participant_ids[i], items=[(items[i], 1)],
                                date=dt.date(2025, 7, 1)).receipt_number

    results = run_together(WORKERS, work)
    assert sorted(r[1] for r in results) == [f"BAST/2025/{n:04d}" for n in range(1, WORKERS + 1)]

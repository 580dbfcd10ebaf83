"""Equipment catalog, kits, stock on hand, stock movements and handovers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pulih.models.base import Base, Timestamped

MOVEMENT_KINDS = ("receipt", "handover", "return", "adjustment")


class Item(Timestamped, Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20), default="pcs")
    unit_cost: Mapped[Decimal]
    has_serials: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)


class Kit(Timestamped, Base):
    __tablename__ = "kits"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    lines: Mapped[list[KitItem]] = relationship(cascade="all, delete-orphan")


class KitItem(Base):
    __tablename__ = "kit_items"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), primary_key=True)
    quantity: Mapped[int]

    item: Mapped[Item] = relationship()


class StockLevel(Base):
    """Units on hand per item. The CHECK is the backstop: stock never goes below zero."""

    __tablename__ = "stock_levels"
    __table_args__ = (CheckConstraint("quantity >= 0", name="not_negative"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(default=0)


class Handover(Timestamped, Base):
    """Equipment handed to a participant, with a numbered receipt (berita acara serah terima)."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_number: Mapped[str] = mapped_column(String(60), unique=True)
    date: Mapped[dt.date] = mapped_column(index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"), index=True)
    kit_id: Mapped[int | None] = mapped_column(ForeignKey("kits.id"))
    condition: Mapped[str] = mapped_column(String(50), default="new")
    notes: Mapped[str] = mapped_column(Text, default="")
    signed_receipt_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class StockMovement(Timestamped, Base):
    """A change of stock: receipt (+), handover (-), return (+), adjustment (+/-, with a reason)."""

    __tablename__ = "stock_movements"
    __table_args__ = (
        CheckConstraint("kind IN ('receipt', 'handover', 'return', 'adjustment')", name="kind"),
        CheckConstraint("quantity <> 0", name="quantity_nonzero"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    quantity: Mapped[int]
    unit_cost: Mapped[Decimal]
    date: Mapped[dt.date] = mapped_column(index=True)
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("handovers.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    spending_id: Mapped[int | None] = mapped_column(ForeignKey("spending.id"))
    supplier: Mapped[str] = mapped_column(String(200), default="")
    serial_numbers: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    item: Mapped[Item] = relationship()

"""Fiscal years, funding sources, budget lines, monthly plans and spending entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pulih.models.base import Base, Timestamped


class FundingSource(Timestamped, Base):
    __tablename__ = "funding_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class FiscalYear(Base):
    __tablename__ = "fiscal_years"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    is_closed: Mapped[bool] = mapped_column(default=False)


class BudgetLine(Timestamped, Base):
    __tablename__ = "budget_lines"
    __table_args__ = (
        UniqueConstraint("fiscal_year_id", "account_code"),
        CheckConstraint("allocation >= 0", name="allocation_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fiscal_year_id: Mapped[int] = mapped_column(ForeignKey("fiscal_years.id"), index=True)
    funding_source_id: Mapped[int] = mapped_column(ForeignKey("funding_sources.id"))
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id"), index=True)
    account_code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(300))
    allocation: Mapped[Decimal]
    # Running total of spending, updated in the same transaction as each entry (the allocation guard).
    spent: Mapped[Decimal] = mapped_column(default=Decimal("0"))

    plan: Mapped[list[BudgetPlanMonth]] = relationship(cascade="all, delete-orphan", order_by="BudgetPlanMonth.month")


class BudgetPlanMonth(Base):
    __tablename__ = "budget_plan_months"
    __table_args__ = (CheckConstraint("month BETWEEN 1 AND 12", name="month_range"),)

    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[int] = mapped_column(primary_key=True)
    amount: Mapped[Decimal]


class Spending(Timestamped, Base):
    __tablename__ = "spending"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"), index=True)
    date: Mapped[dt.date] = mapped_column(index=True)
    amount: Mapped[Decimal]
    description: Mapped[str] = mapped_column(Text)
    document_ref: Mapped[str] = mapped_column(String(100), default="")
    attachment_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    override_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    line: Mapped[BudgetLine] = relationship()

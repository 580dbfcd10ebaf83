"""Declarative base, naming convention (so Alembic can alter SQLite tables in batch mode) and
column helpers shared by all models. Times are stored as naive UTC."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, MetaData, Numeric
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(18, 2)
"""Rupiah amounts: exact decimals, never floats."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {Decimal: Money, dict: JSON, list: JSON}


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

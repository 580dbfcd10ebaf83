"""Rupiah amounts: exact ``Decimal`` in and out, never float.

Written the Indonesian way: ``.`` groups thousands and ``,`` marks the decimals, so
``format_rupiah(Decimal("1234567.5")) == "Rp 1.234.567,50"`` and
``parse_rupiah("Rp 1.234.567,50") == Decimal("1234567.50")``. Whole amounts have no decimals.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from pulih.i18n import Translatable

CENT = Decimal("0.01")
# "1.234.567,50" / "1234567,5" / "1.234" : groups of three after a dot, at most two decimals.
_AMOUNT = re.compile(r"^(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d{1,2}))?$")


class MoneyError(Translatable, ValueError):
    """Text that is not a rupiah amount; the message shows how to write one."""


def to_decimal(value: object) -> Decimal:
    """A Decimal from a Decimal, int or rupiah text; floats are refused (they are not exact)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError("budget.amount_invalid", value=str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError("budget.amount_invalid", value=str(value))
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return parse_rupiah(value)
    raise MoneyError("budget.amount_invalid", value=str(value))


def parse_rupiah(text: str) -> Decimal:
    """``"Rp 1.234.567,50"`` -> ``Decimal("1234567.50")``; a leading minus is kept. Junk raises MoneyError."""
    raw = str(text)
    cleaned = raw.strip().replace("\u00a0", " ")
    negative = cleaned.startswith("-")
    if negative:
        cleaned = cleaned[1:].strip()
    if cleaned[:2].lower() == "rp":
        cleaned = cleaned[2:].lstrip(". ")
    if cleaned.startswith("-") and not negative:
        negative, cleaned = True, cleaned[1:].strip()
    cleaned = cleaned.replace(" ", "")
    match = _AMOUNT.match(cleaned)
    if not match:
        raise MoneyError("budget.amount_invalid", value=raw.strip()[:40])
    whole = match["int"].replace(".", "")
    amount = Decimal(f"{whole}.{match['frac']}").quantize(CENT) if match["frac"] else Decimal(whole)
    return -amount if negative else amount


def format_rupiah(amount: Decimal | int | None, *, symbol: bool = True) -> str:
    """``Decimal("1234567")`` -> ``"Rp 1.234.567"``; ``1234567.5`` -> ``"Rp 1.234.567,50"``; None -> ``"-"``."""
    if amount is None:
        return "-"
    value = to_decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    text = grouped if cents == "00" else f"{grouped},{cents}"
    return f"{sign}Rp {text}" if symbol else f"{sign}{text}"

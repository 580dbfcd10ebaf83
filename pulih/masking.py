"""Field-level masking of personal data by role (UU PDP 27/2022): viewers, and every demo export,
see NIK, phone, address and the justice-system fields masked. Every screen and download masks
through here, with one list of fields. Pure Python (works on dicts, and on any DataFrame-like
object with ``columns`` and ``map``), no Streamlit, no database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MASK = "••••"
DOT = "•"
JUSTICE_FIELDS = ("case_number", "offence", "release_date")
MASKED_FIELDS = ("nik", "phone", "address", *JUSTICE_FIELDS)
"""The fields masked for viewers and in demo exports (participant columns and intake answers)."""
FULL_VIEW_ROLES = ("admin", "manager", "staff")


def must_mask(role: str | None, *, demo_export: bool = False) -> bool:
    """True unless the role may see personal data in full (unknown roles are masked: fail closed)."""
    return demo_export or role not in FULL_VIEW_ROLES


def mask_nik(nik: object) -> str:
    """``3603••••••••0001``: province and regency, then the serial; the birth date is hidden."""
    text = str(nik or "")
    return text[:4] + DOT * 8 + text[-4:] if len(text) == 16 else (MASK if text else "")


def mask_phone(phone: object) -> str:
    """Only the last two digits stay: ``••••••89``."""
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit())
    return DOT * 6 + digits[-2:] if len(digits) >= 6 else (MASK if digits else "")


def mask_value(name: str, value: Any) -> Any:
    """The masked form of ``value`` of field ``name`` (values of other fields come back unchanged).
    Justice fields are always masked, even when empty: their absence would tell too."""
    if name == "nik":
        return mask_nik(value)
    if name == "phone":
        return mask_phone(value)
    if name in JUSTICE_FIELDS:
        return MASK
    if name in MASKED_FIELDS:
        return MASK if value not in (None, "") else value
    return value


def mask_participant(data: dict, role: str | None, *, demo_export: bool = False) -> dict:
    """A copy of a participant's fields (and of the intake answers in ``extra``) masked for ``role``."""
    if not must_mask(role, demo_export=demo_export):
        return dict(data)
    masked = {name: mask_value(name, value) for name, value in data.items()}
    if isinstance(data.get("extra"), dict):
        masked["extra"] = {name: mask_value(name, value) for name, value in data["extra"].items()}
    return masked


def mask_rows(rows: Iterable[dict], role: str | None, *, demo_export: bool = False) -> list[dict]:
    return [mask_participant(row, role, demo_export=demo_export) for row in rows]


def mask_frame(frame: Any, role: str | None, *, demo_export: bool = False) -> Any:
    """A copy of a DataFrame with the masked columns masked for ``role``."""
    frame = frame.copy()
    if must_mask(role, demo_export=demo_export):
        for name in MASKED_FIELDS:
            if name in frame.columns:
                frame[name] = frame[name].map(lambda value, name=name: mask_value(name, value))
    return frame

"""The Indonesian national ID number (NIK, Nomor Induk Kependudukan).

Sixteen digits: ``PP RR DD ddmmyy SSSS`` — province (Dukcapil/Kemendagri code), regency, district,
birth date (day + 40 for women) and a serial that is never 0000. ``check_nik`` lists every problem
at once (each a Translatable with a ``nik.`` key); ``parse_nik`` reads what a valid NIK says;
``make_nik`` builds one (the demo generator uses it). Pure Python: no database, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pulih.i18n import Translatable

PROVINCES: dict[str, str] = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
    "34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat", "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan", "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo",
    "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat",
    "93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}
"""The 38 provinces by their two-digit code, as used in the NIK."""

FEMALE_DAY_OFFSET = 40
_SEPARATORS = re.compile(r"[\s.\-]")


class NikProblem(Translatable):
    """One thing wrong with a NIK; ``key`` is ``nik.<code>`` (for example ``nik.bad_province``)."""

    @property
    def code(self) -> str:
        return self.key.removeprefix("nik.")


@dataclass(frozen=True)
class NikInfo:
    province_code: str
    province_name: str
    regency_code: str
    district_code: str
    birth_date: dt.date
    sex: str  # "M" or "F"
    serial: str


def normalise_nik(nik: object) -> str:
    """The NIK without spaces, dots or dashes (as people often type it)."""
    return _SEPARATORS.sub("", str(nik or ""))


def _decode_date(digits: str, today: dt.date) -> tuple[dt.date, str] | None:
    """Birth date and sex from the six date digits; the most recent past date wins the century."""
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    sex = "F" if day > FEMALE_DAY_OFFSET else "M"
    day -= FEMALE_DAY_OFFSET if sex == "F" else 0
    for century in (2000, 1900):
        try:
            candidate = dt.date(century + year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate, sex
    return None


def check_nik(
    nik: object, birth_date: dt.date | None = None, sex: str | None = None, *, today: dt.date | None = None
) -> list[NikProblem]:
    """Every problem with ``nik`` (empty list: fine), also against the birth date and sex given."""
    digits = normalise_nik(nik)
    if not (len(digits) == 16 and digits.isascii() and digits.isdigit()):
        return [NikProblem("nik.not_16_digits", length=len(digits))]
    problems: list[NikProblem] = []
    if digits[:2] not in PROVINCES:
        problems.append(NikProblem("nik.bad_province", code=digits[:2]))
    if digits[2:4] == "00":
        problems.append(NikProblem("nik.bad_regency"))
    if digits[4:6] == "00":
        problems.append(NikProblem("nik.bad_district"))
    decoded = _decode_date(digits[6:12], today or dt.date.today())
    if decoded is None:
        problems.append(NikProblem("nik.bad_birth_date", digits=digits[6:12]))
    else:
        problems.extend(_agreement(digits[6:12], decoded[1], birth_date, sex))
    if digits[12:] == "0000":
        problems.append(NikProblem("nik.zero_serial"))
    return problems


def _agreement(date_digits: str, nik_sex: str, birth_date: dt.date | None, sex: str | None) -> list[NikProblem]:
    problems = []
    if birth_date is not None:
        day = int(date_digits[0:2]) - (FEMALE_DAY_OFFSET if nik_sex == "F" else 0)
        month, year = date_digits[2:4], date_digits[4:6]
        if (day, int(month), int(year)) != (birth_date.day, birth_date.month, birth_date.year % 100):
            problems.append(
                NikProblem("nik.birth_date_mismatch", nik_date=f"{day:02d}-{month}-{year}",
                           birth_date=birth_date.strftime("%d-%m-%y"))
            )
    if sex in ("M", "F") and sex != nik_sex:
        problems.append(NikProblem("nik.sex_mismatch", day=date_digits[0:2]))
    return problems


def parse_nik(nik: object, *, today: dt.date | None = None) -> NikInfo:
    """What a NIK says; raises the first NikProblem when it is not a valid NIK."""
    problems = check_nik(nik, today=today)
    if problems:
        raise problems[0]
    digits = normalise_nik(nik)
    birth_date, sex = _decode_date(digits[6:12], today or dt.date.today())  # type: ignore[misc]
    return NikInfo(digits[:2], PROVINCES[digits[:2]], digits[2:4], digits[4:6], birth_date, sex, digits[12:])


def make_nik(province_code: int | str, regency: int, district: int, birth_date: dt.date, sex: str, serial: int) -> str:
    """A NIK built from its parts (for synthetic demo people); raises ValueError on impossible parts."""
    province = f"{int(province_code):02d}"
    if province not in PROVINCES:
        raise ValueError(f"unknown province code {province_code}")
    if not (1 <= regency <= 99 and 1 <= district <= 99 and 1 <= serial <= 9999):
        raise ValueError("regency and district must be 1–99, serial 1–9999")
    if sex not in ("M", "F"):
        raise ValueError("sex must be 'M' or 'F'")
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "F" else 0)
    return f"{province}{regency:02d}{district:02d}{day:02d}{birth_date:%m}{birth_date:%y}{serial:04d}"

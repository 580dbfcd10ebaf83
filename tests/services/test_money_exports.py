"""Rupiah formatting and parsing; CSV/XLSX exports that never run a formula in a spreadsheet."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pandas as pd
import pytest
from openpyxl import load_workbook

from pulih.exports import neutralise, to_csv_bytes, to_xlsx_bytes
from pulih.money import MoneyError, format_rupiah, parse_rupiah, to_decimal

# Money ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("amount, expected", [
    (Decimal("1234567"), "Rp 1.234.567"),
    (Decimal("1234567.5"), "Rp 1.234.567,50"),
    (Decimal("1234567.00"), "Rp 1.234.567"),
    (Decimal("0"), "Rp 0"),
    (Decimal("999"), "Rp 999"),
    (Decimal("-2500000"), "-Rp 2.500.000"),
    (Decimal("0.005"), "Rp 0,01"),
    (150000000, "Rp 150.000.000"),
    (None, "-"),
])
def test_format_rupiah__ok(amount, expected):
    assert format_rupiah(amount) == expected


def test_format_without_symbol__ok():
    assert format_rupiah(Decimal("1500000.25"), symbol=False) == "1.500.000,25"


@pytest.mark.parametrize("text, expected", [
    ("Rp 1.234.567,50", Decimal("1234567.50")),
    ("1.234.567,50", Decimal("1234567.50")),
    ("Rp1.234.567", Decimal("1234567")),
    ("Rp. 12.000", Decimal("12000")),
    ("1234567", Decimal("1234567")),
    ("1234567,5", Decimal("1234567.50")),
    ("  350.000 ", Decimal("350000")),
    ("-Rp 5.000", Decimal("-5000")),
    ("Rp -5.000", Decimal("-5000")),
    ("0", Decimal("0")),
])
def test_parse_rupiah__ok(text, expected):
    value = parse_rupiah(text)
    assert value == expected and isinstance(value, Decimal)


@pytest.mark.parametrize("text", ["", "Rp", "abc", "1.23", "1,234", "12.34.567", "1.234.56", "1e6", "Rp 5 juta",
                                  "1 234,5,6", "--5"])
def test_parse_rupiah_junk__error(text):
    with pytest.raises(MoneyError) as err:
        parse_rupiah(text)
    assert err.value.key == "budget.amount_invalid"
    assert "1.250.000" in err.value.message("en") and "koma" in err.value.message("id")


def test_to_decimal_refuses_floats__error():
    assert to_decimal(7) == Decimal(7) and to_decimal("7.500") == Decimal(7500)
    for junk in (0.1, True, Decimal("NaN"), object()):
        with pytest.raises(MoneyError):
            to_decimal(junk)


def test_round_trip__ok():
    for value in (Decimal("0.01"), Decimal("1000.10"), Decimal("987654321012.99")):
        assert parse_rupiah(format_rupiah(value)) == value


# Exports -------------------------------------------------------------------------------------------

DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+1", "-2", "@x", "\tX", "\rX"]
ROWS = [
    {"name": text, "amount": Decimal("-2500000.50"), "count": -2, "ratio": -0.5, "when": dt.date(2025, 5, 28),
     "ok": True, "note": None}
    for text in DANGEROUS
] + [{"name": "Ahmad Fauzi", "amount": Decimal("1500000"), "count": 3, "ratio": 0.25, "when": dt.date(2025, 6, 1),
      "ok": False, "note": "Kunci pas 10-12"}]


def test_neutralise__ok():
    assert [neutralise(t) for t in DANGEROUS] == ["'" + t for t in DANGEROUS]
    assert neutralise("Budi") == "Budi" and neutralise("10-12") == "10-12" and neutralise("") == ""


def test_csv_neutralised_numbers_kept__ok():
    data = to_csv_bytes(ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["name"] for r in rows[:6]] == ["'" + t for t in DANGEROUS]
    assert rows[0]["amount"] == "-2500000.50" and rows[0]["count"] == "-2" and rows[0]["ratio"] == "-0.5"
    assert rows[0]["when"] == "2025-05-28" and rows[0]["note"] == "" and rows[6]["note"] == "Kunci pas 10-12"


def test_csv_from_dataframe_and_column_choice__ok():
    frame = pd.DataFrame(ROWS)
    data = to_csv_bytes(frame, columns=["name", "count"]).decode("utf-8-sig")
    assert data.splitlines()[0] == "name,count"
    assert data.splitlines()[1] == '"\'=HYPERLINK(""http://evil.example"",""klik"")",-2'
    header_attack = to_csv_bytes([{"=cmd": 1}]).decode("utf-8-sig")
    assert header_attack.startswith("'=cmd")


def test_xlsx_neutralised_numbers_kept__ok():
    frame = pd.DataFrame(ROWS)
    data = to_xlsx_bytes({"Belanja": frame, "Daftar/[peserta]: terlalu panjang sekali namanya": ROWS[:1],
                          "belanja": []})
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Belanja", "Daftar__peserta__ terlalu panja", "belanja (2)"]
    sheet = book["Belanja"]
    header = [c.value for c in sheet[1]]
    assert header == ["name", "amount", "count", "ratio", "when", "ok", "note"]
    names = [sheet.cell(row=r, column=1) for r in range(2, 8)]
    # XML reading turns a carriage return into a line feed; the apostrophe in front is what matters
    assert [c.value for c in names] == ["'" + t.replace("\r", "\n") for t in DANGEROUS]
    assert all(c.data_type == "s" for c in names)  # text, never a formula
    amount, count, ratio = (sheet.cell(row=2, column=c) for c in (2, 3, 4))
    assert (amount.value, count.value, ratio.value) == (-2500000.5, -2, -0.5)
    assert amount.data_type == count.data_type == ratio.data_type == "n"
    assert sheet.cell(row=2, column=5).value == dt.datetime(2025, 5, 28)
    assert sheet.cell(row=2, column=6).value is True and sheet.cell(row=2, column=7).value is None
    assert sheet.cell(row=8, column=7).value == "Kunci pas 10-12"


def test_xlsx_odd_values__ok():
    rows = [{"answers": {"q1": "=1+1"}, "at": pd.Timestamp("2025-05-28 10:00", tz="Asia/Jakarta"),
             "bad": "a\x00b", "np": pd.Series([7]).iloc[0]}]
    book = load_workbook(io.BytesIO(to_xlsx_bytes({"x": rows})))
    values = [c.value for c in book["x"][2]]
    assert values[0] == '{"q1": "=1+1"}' and values[1] == dt.datetime(2025, 5, 28, 10, 0)
    assert values[2] == "ab" and values[3] == 7
    assert load_workbook(io.BytesIO(to_xlsx_bytes({}))).sheetnames == ["Sheet"]

"""Real XLSForms from pyxform's own examples (../shared/xlsforms, described by its manifest): every
file pyxform accepts loads (questions Pulih does not render are labelled, never a crash); every
file pyxform refuses is refused with a message naming the problem and, where pyxform names a row,
that row. The corpus is not copied into the repository; without it these tests skip."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pulih.forms.loader import check_form

MANIFEST = Path(__file__).resolve().parents[3] / "shared" / "xlsforms" / "manifest.tsv"
ROWS = list(csv.DictReader(MANIFEST.read_text(encoding="utf-8").splitlines(), delimiter="\t")) if MANIFEST.is_file() else []

# What each refused file is refused for (the problem's catalogue key).
EXPECTED_KEYS = {
    "bug_example_xls/calculate_without_calculation.xls": "form.calculation_missing",
    "bug_example_xls/duplicate_columns.xlsx": "form.header_duplicate",
    "bug_example_xls/group_name_test.xls": "form.name_missing",
    "example_xls/gps.csv": "form.label_missing",
    "example_xls/unknown_question_type.xls": "form.header_alias_conflict",
}


def test_corpus_is_there__ok(shared_dir):
    assert (shared_dir / "xlsforms" / "manifest.tsv").is_file()


VALID = [r for r in ROWS if r["pyxform"] == "valid"]
INVALID = [r for r in ROWS if r["pyxform"] == "invalid"]
SKIPPED = [r for r in ROWS if r["pyxform"] not in ("valid", "invalid")]


@pytest.mark.parametrize("entry", VALID, ids=[r["file"] for r in VALID])
def test_corpus_valid_file_loads__ok(entry, shared_dir):
    path = shared_dir / "xlsforms" / entry["file"]
    result = check_form(path.read_bytes(), path.name)
    assert result.form is not None, "\n".join(p.message("en") for p in result.problems)
    unsupported = [f.name for f in result.form.walk() if f.type == "unsupported"]
    labelled = {n.values.get("name") for n in result.notices}
    assert set(unsupported) <= labelled, "every unsupported question has a notice"


@pytest.mark.parametrize("entry", INVALID, ids=[r["file"] for r in INVALID])
def test_corpus_invalid_file_is_refused__error(entry, shared_dir):
    path = shared_dir / "xlsforms" / entry["file"]
    result = check_form(path.read_bytes(), path.name)
    assert result.form is None, f"{entry['file']} should be refused: {entry['message']}"
    messages = [p.message("en") for p in result.problems]
    assert messages and all(m.strip() for m in messages)
    if row := re.search(r"\[row : (\d+)\]", entry["message"]):
        assert any(f"[row {row.group(1)}]" in m for m in messages), messages
    keys = {p.key for p in result.problems}
    expected = EXPECTED_KEYS.get(entry["file"], "form.include_unsupported" if "include" in entry["file"] else None)
    if expected:
        assert expected in keys, (expected, messages)
    assert all(p.message("id") for p in result.problems)


@pytest.mark.parametrize("entry", SKIPPED, ids=[r["file"] for r in SKIPPED])
def test_corpus_skipped_file_never_crashes__ok(entry, shared_dir):
    """pyxform itself crashes on these; Pulih answers with a problem, not a traceback."""
    path = shared_dir / "xlsforms" / entry["file"]
    result = check_form(path.read_bytes(), path.name)
    assert result.form is not None or result.problems


def test_corpus_unsupported_types_are_labelled__ok(shared_dir):
    path = shared_dir / "xlsforms" / "example_xls" / "widgets.xls"
    result = check_form(path.read_bytes(), path.name)
    raw = {f.raw_type for f in result.form.walk() if f.type == "unsupported"}
    assert {"geopoint", "barcode", "audio", "video"} <= raw


def test_corpus_summary__ok(shared_dir):
    """All of it: every valid file loads, every invalid one is refused."""
    loaded = refused = 0
    for entry in ROWS:
        if entry["pyxform"] == "skip":
            continue
        path = shared_dir / "xlsforms" / entry["file"]
        result = check_form(path.read_bytes(), path.name)
        loaded += entry["pyxform"] == "valid" and result.form is not None
        refused += entry["pyxform"] == "invalid" and result.form is None
    assert loaded == sum(e["pyxform"] == "valid" for e in ROWS)
    assert refused == sum(e["pyxform"] == "invalid" for e in ROWS)

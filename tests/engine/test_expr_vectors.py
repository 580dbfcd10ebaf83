"""The shared corpus: 541 expression vectors from Enketo's openrosa-xpath-evaluator (see
../shared/xpath-vectors/README.md). Each gives an expression, a conversion (string, number or
boolean) and the value it must have, down to number formatting, mod signs and rounding."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from pulih.forms.expr import EvalContext, evaluate, to_boolean, to_number, to_string

VECTORS = Path(__file__).resolve().parents[3] / "shared" / "xpath-vectors" / "vectors.json"


def _load() -> list[dict]:
    if not VECTORS.is_file():
        return []
    return json.loads(VECTORS.read_text(encoding="utf-8"))


_ALL = _load()
_CONVERT = {"string": to_string, "number": to_number, "boolean": to_boolean}


def _expected_number(expected) -> float:  # noqa: ANN001
    if expected is None:
        return math.nan
    return {"Infinity": math.inf, "-Infinity": -math.inf}.get(expected, expected)


def test_corpus_is_complete__ok(shared_dir):
    vectors = json.loads((shared_dir / "xpath-vectors" / "vectors.json").read_text(encoding="utf-8"))
    assert len(vectors) == 541


@pytest.mark.parametrize(
    "vector", _ALL or [None], ids=[f"{v['kind']}:{v['expr']}" for v in _ALL] or ["corpus-missing"]
)
def test_vector__ok(vector, shared_dir):
    if vector is None:
        pytest.skip(f"the vectors are not at {VECTORS}")
    value = _CONVERT[vector["kind"]](evaluate(vector["expr"], EvalContext(resolve=lambda name: None)))
    if vector["kind"] == "number":
        expected = _expected_number(vector["expected"])
        if math.isnan(expected):
            assert math.isnan(value), f"{vector['expr']!r} gave {value!r}, expected NaN"
        else:
            assert value == expected, f"{vector['expr']!r} gave {value!r}, expected {expected!r}"
    else:
        assert value == vector["expected"], f"{vector['expr']!r} gave {value!r}, expected {vector['expected']!r}"

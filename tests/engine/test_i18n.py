"""The message catalogue: every message in both languages, with the same placeholders."""

import string

import pytest

from pulih.i18n import CATALOGUE, Translatable, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_message_in_both_languages__ok(key):
    texts = CATALOGUE[key]
    assert set(texts) == {"id", "en"}, key
    assert texts["id"].strip() and texts["en"].strip(), key
    assert _fields(texts["id"]) == _fields(texts["en"]), key


def test_unknown_key_falls_back_to_key__ok():
    assert t("no.such.key", "en") == "no.such.key"


def test_translatable_message_per_language__ok():
    err = Translatable("auth.user_exists", username="budi")
    assert "budi" in err.message("id") and "taken" in err.message("en")

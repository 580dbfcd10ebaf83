"""One message catalogue for both languages (Bahasa Indonesia ``id``, English ``en``).

Each area keeps its messages in a module beside this one as ``MESSAGES = {key: {"id": ..., "en": ...}}``;
they are merged here. ``t(key, lang, **values)`` formats a message with ``str.format`` placeholders.
A test checks that every key has both languages with the same placeholders.
"""

from __future__ import annotations

from pulih.i18n import answers, budget, cases, core, dashboards, equipment, forms, submissions

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"

CATALOGUE: dict[str, dict[str, str]] = {}
for _module in (core, forms, answers, submissions, cases, equipment, budget, dashboards):
    for _key, _texts in _module.MESSAGES.items():
        if _key in CATALOGUE:
            raise RuntimeError(f"message key defined twice: {_key}")
        CATALOGUE[_key] = _texts


def normalise_language(lang: str | None) -> str:
    lang = (lang or DEFAULT_LANGUAGE).lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``; the key itself if unknown."""
    texts = CATALOGUE.get(key)
    if texts is None:
        return key
    text = texts.get(normalise_language(lang)) or texts["en"]
    return text.format(**values) if values else text


class Translatable(Exception):
    """An error whose message comes from the catalogue, so each screen can show it in its language."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(t(key, "en", **values))

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.values)

"""The form definition as Pulih keeps it: plain dataclasses, JSON round-trippable (stored in
``FormVersion.definition``), produced by the loader from XLSForm or YAML and read by the
validator, the Streamlit renderer, the exporter and the importer.

Answers (a "submission's data") are a flat dict keyed by field name: XLSForm names are unique in
a form, so groups do not nest the data; a repeat's value is a list of dicts, one per row, keyed
by the names of the fields inside it. Value types in data:

* text, select_one, time (``HH:MM:SS``), date (``YYYY-MM-DD``), datetime (ISO 8601), acknowledge
  (``"OK"``), calculate (result as text/number), file/image (stored file reference, see below): str
* select_multiple: the chosen choice names joined by single spaces (as ODK stores them): str
* integer: int; decimal and range: int or float
* file/image: ``{"file_id": int, "filename": str}`` once stored; the engine itself only checks
  that a value is present when required
* unanswered / irrelevant: the key is absent
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

# Normalised question types Pulih renders. Aliases (e.g. "select one", "int", "photo") are
# mapped onto these by the loader; anything else becomes "unsupported" (shown as a labelled
# notice, never stored).
INPUT_TYPES = (
    "text", "integer", "decimal", "date", "time", "datetime", "select_one", "select_multiple",
    "acknowledge", "range", "file", "image",
)
STRUCTURE_TYPES = ("group", "repeat")
OTHER_TYPES = ("note", "calculate", "hidden", "unsupported")
ALL_TYPES = INPUT_TYPES + STRUCTURE_TYPES + OTHER_TYPES

# What a form writes besides its submission (ODK entities' ``save_to``).
ENTITIES = ("none", "participant", "enrollment", "session", "handover")

Labels = dict[str, str]
"""Translations keyed by language code ("id", "en"); "default" when the sheet has no language."""


@dataclass
class Choice:
    name: str
    label: Labels = field(default_factory=dict)
    # Extra columns of the choices sheet (used by choice_filter expressions), e.g. {"district": "x"}.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Field:
    name: str
    type: str  # one of ALL_TYPES
    label: Labels = field(default_factory=dict)
    hint: Labels = field(default_factory=dict)
    raw_type: str = ""  # the type as written in the sheet, e.g. "select_one yes_no", "geopoint"
    list_name: str | None = None  # choices list of a select
    required: str | None = None  # "true()" for yes, or an expression
    required_message: Labels = field(default_factory=dict)
    constraint: str | None = None
    constraint_message: Labels = field(default_factory=dict)
    relevant: str | None = None
    calculation: str | None = None
    default: str | None = None
    read_only: str | None = None  # "true()" for yes, or an expression
    choice_filter: str | None = None
    appearance: str = ""
    parameters: dict[str, str] = field(default_factory=dict)  # e.g. range start/end/step, max-pixels
    repeat_count: str | None = None
    save_to: str | None = None  # property of the bound entity, e.g. "nik", "full_name"
    row: int = 0  # row in the survey sheet (1-based, header is row 1), for messages
    children: list[Field] = field(default_factory=list)  # group / repeat content

    def walk(self) -> Iterator[Field]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class FormDef:
    form_id: str
    title: Labels
    version: str = ""
    default_language: str = "id"
    languages: list[str] = field(default_factory=list)
    entity: str = "none"  # one of ENTITIES
    fields: list[Field] = field(default_factory=list)
    choices: dict[str, list[Choice]] = field(default_factory=dict)

    def walk(self) -> Iterator[Field]:
        """Every field, depth first, groups and repeats included."""
        for f in self.fields:
            yield from f.walk()

    def field(self, name: str) -> Field | None:
        return next((f for f in self.walk() if f.name == name), None)

    def repeat_of(self, name: str) -> Field | None:
        """The innermost repeat that contains field ``name``, or None at top level."""

        def search(fields: list[Field], repeat: Field | None) -> Field | None | bool:
            for f in fields:
                if f.name == name:
                    return repeat if repeat is not None else False
                found = search(f.children, f if f.type == "repeat" else repeat)
                if found is not None:
                    return found
            return None

        found = search(self.fields, None)
        return found or None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FormDef:
        def make_field(d: dict[str, Any]) -> Field:
            d = dict(d)
            d["children"] = [make_field(c) for c in d.get("children", [])]
            return Field(**d)

        return cls(
            form_id=data["form_id"],
            title=data.get("title", {}),
            version=data.get("version", ""),
            default_language=data.get("default_language", "id"),
            languages=list(data.get("languages", [])),
            entity=data.get("entity", "none"),
            fields=[make_field(f) for f in data.get("fields", [])],
            choices={k: [Choice(**c) for c in v] for k, v in data.get("choices", {}).items()},
        )


def pick(labels: Labels, lang: str, fallback: str = "") -> str:
    """The text of ``labels`` in ``lang``, else the default language's, else any, else ``fallback``."""
    if not labels:
        return fallback
    for key in (lang, "default"):
        if labels.get(key):
            return labels[key]
    return next((v for v in labels.values() if v), fallback)

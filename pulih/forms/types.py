"""The question-type registry, held as data: every spelling a sheet may use, mapped onto the
types Pulih renders (``model.ALL_TYPES``); what each entity lets a form write (``save_to``);
and the language names the loader recognises in ``label::Language (code)`` columns.

A type pyxform knows but Pulih does not render (geopoint, audio, barcode, select_one_from_file,
rank, begin loop ...) resolves to ``"unsupported"``: the form still loads and the renderer shows
a labelled notice. Metadata types (start, end, today, deviceid, username ...) are unsupported
too, but quietly: Pulih records the submission's start and save times and its submitter itself,
so the renderer can skip them (``is_metadata``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyxform import aliases as px_aliases
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

# Pulih type -> the spellings of it (as written in a sheet, or as pyxform normalises them).
TYPE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "text": ("text", "string", "q string", "add text prompt"),
    "integer": ("integer", "int", "q int", "add integer prompt"),
    "decimal": ("decimal", "q decimal", "add decimal prompt"),
    "date": ("date", "q date", "add date prompt"),
    "time": ("time",),
    "datetime": ("datetime", "dateTime", "date time", "q date time", "q dateTime",
                 "add date time prompt", "add dateTime prompt"),
    "acknowledge": ("acknowledge", "trigger", "q acknowledge", "add acknowledge prompt"),
    "range": ("range",),
    "file": ("file", "add file prompt"),
    "image": ("image", "photo", "q picture", "q image", "add image prompt", "add photo prompt"),
    "note": ("note", "q note", "add note prompt"),
    "calculate": ("calculate", "q calculate", "add calculate prompt"),
    "hidden": ("hidden",),
}
TYPE_ALIASES: dict[str, str] = {spelling: kind for kind, spellings in TYPE_SPELLINGS.items() for spelling in spellings}

# Select commands (pyxform's spellings) -> Pulih type; "from file", external and rank are not rendered.
SELECT_COMMANDS: dict[str, str] = {
    command: ("select_one" if target == "select one" else "select_multiple")
    for command, target in px_aliases.select.items()
    if target in ("select one", "select all that apply") and command not in px_aliases.select_from_file
}
# begin/end spellings -> Pulih type; pyxform's old "loop" (one group per choice) is unsupported.
CONTROL_TYPES = {"group": "group", "repeat": "repeat", "lgroup": "repeat", "looped group": "repeat"}

METADATA_TYPES: frozenset[str] = frozenset(
    name for name, spec in QUESTION_TYPE_DICT.items() if "jr:preload" in spec.get("bind", {})
) | {"audit", "start-geopoint", "background-audio", "background-geopoint"}

_CONTROLS = "|".join(map(re.escape, px_aliases.control))
_BEGIN = re.compile(r"^begin[ _](?P<kind>" + _CONTROLS + r")( (over )?(?P<list>\S+))?$")
_END = re.compile(r"^end[ _](?P<kind>" + _CONTROLS + r")$")
_SELECT = re.compile(
    r"^(?P<command>" + "|".join(map(re.escape, sorted(px_aliases.select, key=len, reverse=True))) + r") (?P<list>\S+)"
    r"( (?P<other>or specify other|or_other|or other))?$"
)
_OSM = re.compile(r"^osm \S+$")


@dataclass(frozen=True)
class TypeInfo:
    type: str | None  # a model.ALL_TYPES value; None when nobody knows the spelling
    raw: str  # as written, whitespace collapsed
    list_name: str | None = None  # choices list (selects), or the file of a select_one_from_file
    structure: str = ""  # "begin" / "end" for group, repeat and loop rows
    or_other: bool = False
    command: str = ""  # the select command as written, e.g. "select_one", "select_one_from_file"


def classify(raw_type: str) -> TypeInfo:
    """What a ``type`` cell means, e.g. "select one yes_no" -> select_one of list yes_no."""
    raw = " ".join(str(raw_type).split())
    if m := _BEGIN.match(raw):
        return TypeInfo(CONTROL_TYPES.get(m["kind"], "unsupported"), raw, m["list"], "begin")
    if m := _END.match(raw):
        return TypeInfo(CONTROL_TYPES.get(m["kind"], "unsupported"), raw, None, "end")
    if m := _SELECT.match(raw):
        kind = SELECT_COMMANDS.get(m["command"], "unsupported")
        return TypeInfo(kind, raw, m["list"], or_other=bool(m["other"]), command=m["command"])
    if _OSM.match(raw):
        return TypeInfo("unsupported", raw)
    name = px_aliases._type_alias_map.get(raw, raw)  # pyxform's own aliases (imei, add image prompt ...)
    if name in TYPE_ALIASES:
        return TypeInfo(TYPE_ALIASES[name], raw)
    if name in QUESTION_TYPE_DICT or name in METADATA_TYPES:
        return TypeInfo("unsupported", raw)
    return TypeInfo(None, raw)


def suggestion(raw_type: str) -> str:
    """A known spelling close to an unknown one ("Select_One x" -> "select_one x"), or ""."""
    lowered = " ".join(str(raw_type).split()).lower()
    return lowered if lowered != raw_type and classify(lowered).type else ""


def is_metadata(raw_type: str) -> bool:
    return " ".join(str(raw_type).split()) in METADATA_TYPES


# What each entity lets a form write through ``save_to``: one place, kept small on purpose.
# participant: the columns of pulih.models.cases.Participant a form may fill;
# enrollment: which follow-up (3/6 months) a follow-up form completes;
# session: the participant's attendance record of a training session (status, note);
# handover: the handover (pulih.models.equipment.Handover) and its stock movement's serial numbers.
ENTITY_PROPERTIES: dict[str, tuple[str, ...]] = {
    "none": (),
    "participant": (
        "nik", "full_name", "sex", "birth_place", "birth_date", "phone", "address", "district",
        "regency", "education", "referral_source", "case_number", "offence", "release_date",
        "consent_given", "consent_date",
    ),
    "enrollment": ("followup_month",),
    "session": ("attendance_status", "attendance_note"),
    "handover": ("date", "kit_code", "condition", "serial_numbers", "signed_receipt", "notes"),
}

# Language names without a "(code)" in a column header, lower case -> ISO 639-1 code.
LANGUAGE_NAMES: dict[str, str] = {
    "bahasa indonesia": "id", "indonesian": "id", "indonesia": "id", "bahasa": "id",
    "english": "en", "inggris": "en", "french": "fr", "français": "fr", "francais": "fr",
    "spanish": "es", "español": "es", "portuguese": "pt", "português": "pt", "arabic": "ar",
    "swahili": "sw", "kiswahili": "sw", "hindi": "hi", "chinese": "zh", "malay": "ms",
    "javanese": "jv", "sundanese": "su", "default": "default",
}
_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\s*\)\s*$")


def language_code(name: str | None) -> str:
    """ "Bahasa Indonesia (id)" -> "id", "English" -> "en", no language -> "default"."""
    name = " ".join(str(name or "").split())
    if not name or name == "default":
        return "default"
    if m := _CODE.search(name):
        return m.group(1).lower().replace("_", "-")
    return LANGUAGE_NAMES.get(name.lower(), name.lower())

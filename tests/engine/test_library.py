"""The shipped form library (forms/*.yaml): each loads cleanly, is bilingual throughout, uses the
form_ids and field names the demo and the dashboards rely on, and validates a good and a bad set
of answers as intended."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from pulih.config import PROJECT_ROOT
from pulih.forms.loader import check_form, load_form

LIBRARY = PROJECT_ROOT / "forms"
FORM_IDS = ("followup", "handover", "intake", "self_esteem", "skills_test")
NOW = dt.datetime(2025, 6, 2, 10, 0)

needs_validate = pytest.mark.skipif(
    importlib.util.find_spec("pulih.forms.validate") is None,
    reason="pulih.forms.validate (answer validation) is not there yet",
)


def library_form(form_id: str):  # noqa: ANN201
    path = LIBRARY / f"{form_id}.yaml"
    return load_form(path.read_bytes(), path.name)


def fill(form_id: str, answers: dict, lang: str = "en"):  # noqa: ANN201
    from pulih.forms.validate import validate

    return validate(library_form(form_id), answers, now=NOW, lang=lang)


def test_library_has_the_five_forms__ok():
    assert tuple(sorted(p.stem for p in LIBRARY.glob("*.yaml"))) == FORM_IDS


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_library_form_loads_cleanly__ok(form_id):
    path = LIBRARY / f"{form_id}.yaml"
    result = check_form(path.read_bytes(), path.name)
    assert result.problems == [] and result.notices == []
    form = result.form
    assert form.form_id == form_id
    assert (form.languages, form.default_language) == (["id", "en"], "id")
    assert set(form.title) == {"default", "id", "en"}
    for field in form.walk():
        for texts in (field.label, field.hint, field.constraint_message, field.required_message):
            assert not texts or set(texts) == {"id", "en"}, (field.name, texts)
        if field.type not in ("calculate",):
            assert set(field.label) == {"id", "en"}, field.name
    for choices in form.choices.values():
        for choice in choices:
            assert set(choice.label) == {"id", "en"}, choice


@pytest.mark.parametrize(("form_id", "entity", "names"), [
    ("intake", "participant", ["consent", "nik", "full_name", "sex", "birth_place", "birth_date", "phone", "address",
                               "district", "regency", "education", "referral_source", "case_number", "offence",
                               "release_date"]),
    ("skills_test", "enrollment", ["test_type", "engine_theory", "engine_practice", "diagnosis_theory",
                                   "diagnosis_practice", "tools_theory", "tools_practice", "repair_theory",
                                   "repair_practice", "total_score"]),
    ("self_esteem", "enrollment", ["timing", *[f"rse_{i}" for i in range(1, 11)], "rse_2_score", "rse_5_score",
                                   "rse_6_score", "rse_8_score", "rse_9_score", "rse_total"]),
    ("handover", "handover", ["handover_date", "kit", "condition", "serial_numbers", "receipt_photo", "notes"]),
    ("followup", "enrollment", ["followup_month", "working", "work_type", "own_workshop", "monthly_income",
                                "toolkit_in_use", "justice_contact", "justice_details", "notes"]),
])
def test_library_names_and_entities__ok(form_id, entity, names):
    form = library_form(form_id)
    assert form.entity == entity
    present = [f.name for f in form.walk()]
    assert [n for n in names if n not in present] == []


def test_intake_saves_to_participant_properties__ok():
    form = library_form("intake")
    saved = {f.name: f.save_to for f in form.walk() if f.save_to}
    for name in ("nik", "full_name", "sex", "birth_place", "birth_date", "phone", "address", "district", "regency",
                 "education", "referral_source", "case_number", "offence", "release_date"):
        assert saved[name] == name
    assert (saved["consent"], saved["consent_date"]) == ("consent_given", "consent_date")
    assert form.field("consent").type == "acknowledge" and form.field("consent").required == "true()"
    assert form.fields[0].type == "note"  # the consent text comes before the consent
    asked = [f for f in form.walk() if f.type not in ("note", "calculate", "acknowledge", "group")]
    assert all(form.field(g.name).relevant == "${consent} = 'OK'" for g in form.fields if g.type == "group")
    assert all(any(f in g.children for g in form.fields if g.type == "group") for f in asked)
    assert [c.name for c in form.choices["education"]] == ["none", "sd", "smp", "sma", "d3", "s1"]
    assert [c.name for c in form.choices["sex"]] == ["M", "F"]
    assert form.field("referral_source").default == "Bapas Kelas II Ciangir"


def test_self_esteem_likert_items__ok():
    form = library_form("self_esteem")
    for i in range(1, 11):
        field = form.field(f"rse_{i}")
        assert (field.type, field.list_name, field.appearance) == ("select_one", "likert4", "likert")
    assert [c.name for c in form.choices["likert4"]] == ["1", "2", "3", "4"]


def test_handover_kit_choices__ok():
    form = library_form("handover")
    assert "MTR-TOOLKIT" in [c.name for c in form.choices["kit"]]
    assert form.field("receipt_photo").type == "image"
    assert form.field("handover_date").default == "today()"


# ---- filled in --------------------------------------------------------------------------------

INTAKE_OK = {"consent": "OK", "nik": "3601234509900001", "full_name": "Budi Santoso", "sex": "M",
             "birth_place": "Serang", "birth_date": "1990-09-05", "phone": "081234567890",
             "address": "Jl. Raya Serang No. 1", "district": "Ciruas", "regency": "Kab. Serang",
             "education": "smp", "case_number": "PAS-12/2024", "offence": "Pencurian", "release_date": "2025-01-10"}


@needs_validate
def test_intake_valid__ok():
    result = fill("intake", INTAKE_OK)
    assert result.ok, result.errors
    assert result.data["consent_date"] == NOW.date().isoformat()
    assert result.data["referral_source"] == "Bapas Kelas II Ciangir"


@needs_validate
def test_intake_invalid__error():
    answers = {**INTAKE_OK, "nik": "36012345", "birth_date": "2030-01-01", "phone": "call me"}
    result = fill("intake", answers)
    assert not result.ok
    assert set(result.errors) == {"nik", "birth_date", "phone"}
    assert "16" in result.errors["nik"]
    assert "16 angka" in fill("intake", answers, lang="id").errors["nik"]


@needs_validate
def test_intake_asks_nothing_before_consent__error():
    result = fill("intake", {k: v for k, v in INTAKE_OK.items() if k != "consent"})
    assert list(result.errors) == ["consent"]


SKILLS = {"test_type": "post", "engine_theory": 80, "engine_practice": 90, "diagnosis_theory": 70,
          "diagnosis_practice": 75, "tools_theory": 85, "tools_practice": 95, "repair_theory": 60, "repair_practice": 66}


@needs_validate
def test_skills_test_total_is_the_mean__ok():
    result = fill("skills_test", SKILLS)
    assert result.ok, result.errors
    assert result.data["total_score"] == pytest.approx(round(sum(v for k, v in SKILLS.items() if k != "test_type") / 8, 1))


@needs_validate
def test_skills_test_out_of_range__error():
    result = fill("skills_test", {**SKILLS, "tools_theory": 101, "repair_practice": -1})
    assert set(result.errors) == {"tools_theory", "repair_practice"}
    assert "0" in result.errors["tools_theory"] and "100" in result.errors["tools_theory"]


@needs_validate
def test_self_esteem_reverse_scored_total__ok():
    answers = {"timing": "pre", **{f"rse_{i}": "4" for i in range(1, 11)}}
    result = fill("self_esteem", answers)
    assert result.ok, result.errors
    assert float(result.data["rse_total"]) == 5 * 4 + 5 * 1  # items 2, 5, 6, 8, 9 count 5 - 4
    assert float(result.data["rse_2_score"]) == 1
    lowest = fill("self_esteem", {"timing": "post", **{f"rse_{i}": "1" if i not in (2, 5, 6, 8, 9) else "4"
                                                        for i in range(1, 11)}})
    assert float(lowest.data["rse_total"]) == 10


@needs_validate
def test_self_esteem_missing_and_wrong_answers__error():
    answers = {"timing": "pre", **{f"rse_{i}": "3" for i in range(1, 10)}, "rse_3": "5"}
    result = fill("self_esteem", answers)
    assert set(result.errors) == {"rse_3", "rse_10"}


@needs_validate
def test_handover_default_date__ok():
    result = fill("handover", {"kit": "MTR-TOOLKIT", "condition": "good", "serial_numbers": "A1\nA2"})
    assert result.ok, result.errors
    assert result.data["handover_date"] == NOW.date().isoformat()


@needs_validate
def test_handover_unknown_kit_and_future_date__error():
    result = fill("handover", {"kit": "BIKE", "condition": "new", "handover_date": "2030-01-01"})
    assert set(result.errors) == {"kit", "handover_date"}


@needs_validate
def test_followup_not_working_drops_work_questions__ok():
    answers = {"followup_month": "6", "working": "no", "work_type": "Dagang", "monthly_income": 900000,
               "own_workshop": "no", "toolkit_in_use": "sold", "justice_contact": "no"}
    result = fill("followup", answers)
    assert result.ok, result.errors
    assert "work_type" not in result.data and "monthly_income" not in result.data


@needs_validate
def test_followup_working_and_justice_contact__error():
    answers = {"followup_month": "3", "working": "yes", "own_workshop": "yes", "monthly_income": -1,
               "toolkit_in_use": "yes", "justice_contact": "yes"}
    result = fill("followup", answers)
    assert set(result.errors) == {"work_type", "monthly_income", "justice_details"}

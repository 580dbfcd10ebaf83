"""``python -m pulih forms check|fill|publish``: the form engine on the command line.

* ``forms check FILE``: exit 0 and a short summary, or exit 1 and every problem (sheet, row, column).
* ``forms fill FILE --answers ANSWERS.json``: validate one set of answers; prints
  ``{"ok": true, "data": {...}}`` (exit 0) or ``{"ok": false, "errors": {...}}`` (exit 1).
  Answers: a JSON object of question name to value; a select_multiple as a space-separated string
  or a list; a repeat as a list of objects; dates as ISO strings.
* ``forms publish FILE``: publish as a new version of its form (by form_id) on the database of
  ``DATABASE_URL``, as the system user; prints the form_id.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from pulih.audit import SYSTEM_USER
from pulih.forms.model import FormDef, pick
from pulih.i18n import LANGUAGES, t

# The loader (and pyxform, slow to import) is imported by each command, not by ``python -m pulih``.


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forms", help="form definitions: check, fill, publish")
    fsub = p.add_subparsers(dest="forms_command", required=True)
    check = fsub.add_parser("check", help="check a definition (XLSForm .xlsx/.xls/.csv or .yaml)")
    check.set_defaults(func=_check)
    fill = fsub.add_parser("fill", help="validate one set of answers against a definition")
    fill.add_argument("--answers", required=True, help="JSON file: an object of question name to value")
    fill.set_defaults(func=_fill)
    publish = fsub.add_parser("publish", help="publish a definition as a new version of its form")
    publish.set_defaults(func=_publish)
    for command in (check, fill, publish):
        command.add_argument("file", help="the form definition")
        command.add_argument("--lang", choices=sorted(LANGUAGES), default="en", help="language of the messages")


def _print_problems(file: str, error, lang: str) -> None:  # noqa: ANN001 - a FormDefinitionError
    print(t("form.cli.problems", lang, file=file, count=len(error.problems)))
    for message in error.messages(lang):
        print(f"- {message}")


def _check(args: argparse.Namespace) -> int:
    from pulih.forms.loader import FormDefinitionError, check_form, question_count

    result = check_form(Path(args.file).read_bytes(), Path(args.file).name)
    if result.form is None:
        _print_problems(args.file, FormDefinitionError(result.problems), args.lang)
        return 1
    form = result.form
    print(t("form.cli.ok", args.lang, form_id=form.form_id))
    print(t("form.cli.summary", args.lang, title=pick(form.title, args.lang), version=form.version or "-",
            languages=", ".join(form.languages) or "-", entity=form.entity, questions=question_count(form)))
    if result.notices:
        unsupported = [f"{n.values['name']} ({n.values['type']})" for n in result.notices if "type" in n.values]
        if unsupported:
            print(t("form.cli.unsupported", args.lang, count=len(unsupported), fields=", ".join(unsupported)))
        for notice in result.notices:
            if notice.key not in ("form.notice.unsupported_type", "form.notice.metadata"):
                print(f"- {notice.message(args.lang)}")
    return 0


def _fill(args: argparse.Namespace) -> int:
    from pulih.forms.loader import FormDefinitionError, load_form

    lang = args.lang
    try:
        form = load_form(Path(args.file).read_bytes(), Path(args.file).name)
    except FormDefinitionError as exc:
        return _answer({"ok": False, "errors": {"_definition": exc.messages(lang)}})
    try:
        answers = json.loads(Path(args.answers).read_text(encoding="utf-8"))
        if not isinstance(answers, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        message = t("form.cli.answers_unreadable", lang, file=args.answers, detail=str(exc)[:200])
        return _answer({"ok": False, "errors": {"_answers": message}})
    try:
        validate = importlib.import_module("pulih.forms.validate").validate
    except ModuleNotFoundError as exc:
        if exc.name != "pulih.forms.validate":
            raise
        return _answer({"ok": False, "errors": {"_validator": t("form.cli.validator_missing", lang)}})
    result = validate(form, _normalise(form, answers), lang=lang)
    if result.ok:
        return _answer({"ok": True, "data": result.data})
    return _answer({"ok": False, "errors": _plain(result.errors, lang)})


def _answer(document: dict) -> int:
    print(json.dumps(document, ensure_ascii=False, default=str))
    return 0 if document["ok"] else 1


def _normalise(form: FormDef, answers: dict) -> dict:
    """select_multiple given as a list -> the space-separated string Pulih stores; inside repeats too."""
    multiple = {f.name for f in form.walk() if f.type == "select_multiple"}
    repeats = {f.name for f in form.walk() if f.type == "repeat"}

    def clean(values: dict) -> dict:
        out = {}
        for name, value in values.items():
            if name in multiple and isinstance(value, list):
                value = " ".join(str(v) for v in value)
            elif name in repeats and isinstance(value, list):
                value = [clean(row) if isinstance(row, dict) else row for row in value]
            out[name] = value
        return out

    return clean(answers)


def _plain(value: Any, lang: str) -> Any:
    """Errors as JSON: messages in ``lang``, nested per repeat row as the validator gives them."""
    if hasattr(value, "message"):
        return value.message(lang)
    if isinstance(value, dict):
        return {str(k): _plain(v, lang) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, lang) for v in value]
    return value


def _publish(args: argparse.Namespace) -> int:
    from pulih.bootstrap import ready_engine
    from pulih.database import write_session
    from pulih.forms.loader import FormDefinitionError
    from pulih.services import forms as form_service

    data = Path(args.file).read_bytes()
    engine = ready_engine()
    try:
        with write_session(engine) as session:
            version = form_service.publish(session, data, Path(args.file).name, SYSTEM_USER)
            form_id, number = version.form.form_id, version.number
    except FormDefinitionError as exc:
        _print_problems(args.file, exc, args.lang)
        return 1
    print(t("form.cli.published", args.lang, form_id=form_id, number=number), file=sys.stderr)
    print(form_id)
    return 0

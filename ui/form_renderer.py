"""Renders a form definition as Streamlit widgets, live.

Every widget writes its answer into one answers dict (in the stored data format, see
``pulih.forms.model``) through its ``on_change`` callback; each run then asks the engine
(``evaluate_form``) what is relevant, required, read-only, calculated and wrong, and draws only
that. Nothing here decides anything: the engine does. Call it inside ``st.fragment`` so a change
reruns only the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitInvalidLayoutContextError

from pulih.forms.model import Field, FormDef, pick
from pulih.forms.validate import FieldState, FormState, defaults, defaults_for_row, evaluate_form
from pulih.i18n import t

IMAGE_TYPES = ["jpg", "jpeg", "png", "webp", "heic"]
FILE_TYPES = IMAGE_TYPES + ["pdf"]
StoreFile = Callable[[Any], dict]  # uploaded file -> {"file_id": int, "filename": str}


class Renderer:
    def __init__(self, form: FormDef, key: str, lang: str, store_file: StoreFile | None = None) -> None:
        self.form, self.lang, self.store_file = form, lang, store_file
        self.base = key
        self.answers_key = f"{key}:answers"
        self.shown_key = f"{key}:show_all_errors"
        # Widget keys carry a generation: a reset starts a new one, so the browser's widgets come
        # back empty (deleting a widget's state alone leaves the old value in the browser).
        self.generation_key = f"{key}:generation"
        self.key = f"{key}#{st.session_state.get(self.generation_key, 0)}"

    # ------------------------------------------------------------ answers
    def start(self, initial: dict | None = None) -> None:
        if self.answers_key not in st.session_state:
            st.session_state[self.answers_key] = dict(initial) if initial is not None else defaults(self.form)

    @property
    def answers(self) -> dict:
        return st.session_state[self.answers_key]

    def reset(self) -> None:
        for name in (self.answers_key, self.shown_key):
            st.session_state.pop(name, None)
        self._new_generation()

    def _container(self, path: tuple[int, ...], repeats: list[str]) -> dict:
        """The dict holding answers at ``path`` (top level, or a repeat row)."""
        node = self.answers
        for name, index in zip(repeats, path):
            node = node[name][index]
        return node

    def _set(self, field: Field, state_key: str, path: tuple[int, ...], repeats: list[str], convert: Callable) -> None:
        value = convert(st.session_state.get(self._widget_key(state_key)))
        node = self._container(path, repeats)
        if value in (None, "", []):
            node.pop(field.name, None)
        else:
            node[field.name] = value

    def _widget_key(self, state_key: str) -> str:
        return f"{self.key}|{state_key}"

    # ------------------------------------------------------------ drawing
    def render(self) -> FormState:
        state = evaluate_form(self.form, self.answers, lang=self.lang)
        self._fields(self.form.fields, state, (), [])
        return state

    def render_preview(self) -> FormState:
        """The form as staff will see it, filled with its defaults (for the admin's preview)."""
        self.start()
        return self.render()

    def show_all_errors(self) -> None:
        st.session_state[self.shown_key] = True

    def _fields(self, fields: list[Field], state: FormState, path: tuple[int, ...], repeats: list[str]) -> None:
        for field in fields:
            fs = state.get(_key(field.name, path, repeats))
            if fs is None or not fs.relevant:
                continue
            if field.type == "group":
                with st.container(border=True):
                    if fs.label:
                        st.markdown(f"**{fs.label}**")
                    self._fields(field.children, state, path, repeats)
            elif field.type == "repeat":
                self._repeat(field, fs, state, path, repeats)
            else:
                self._question(field, fs, path, repeats)

    def _repeat(self, field: Field, fs: FieldState, state: FormState, path: tuple[int, ...], repeats: list[str]) -> None:
        node = self._container(path, repeats)
        rows = node.setdefault(field.name, [])
        st.markdown(f"**{fs.label or field.name}**")
        for i in range(len(rows)):
            with st.container(border=True):
                cols = st.columns([5, 1])
                cols[0].caption(t("fill.row", self.lang, n=i + 1))
                if not field.repeat_count and cols[1].button(t("fill.remove_row", self.lang), key=self._widget_key(f"{fs.key}#del{i}")):
                    rows.pop(i)
                    self._new_generation()  # later rows moved up: widgets start again from the answers
                    rerun_fragment()
                self._fields(field.children, state, (*path, i), [*repeats, field.name])
        if not field.repeat_count and st.button(t("fill.add_row", self.lang), key=self._widget_key(f"{fs.key}#add"), icon=":material/add:"):
            rows.append(defaults_for_row(self.form, field.name))
            rerun_fragment()

    def _new_generation(self) -> None:
        for name in [k for k in st.session_state if str(k).startswith(f"{self.key}|")]:
            del st.session_state[name]
        st.session_state[self.generation_key] = st.session_state.get(self.generation_key, 0) + 1

    def _question(self, field: Field, fs: FieldState, path: tuple[int, ...], repeats: list[str]) -> None:
        label = (fs.label or field.name) + (" *" if fs.required else "")
        if field.type == "note":
            st.markdown(fs.label)
            return
        if field.type in ("calculate", "hidden"):
            return
        if field.type == "unsupported":
            st.info(t("fill.unsupported", self.lang, label=fs.label or field.name, type=field.raw_type))
            return
        if fs.read_only:
            st.text_input(label, value=_display(field, fs), disabled=True)
        else:
            convert = self._stored_file if field.type in ("file", "image") else _WIDGETS[field.type][1]
            kwargs = dict(key=self._widget_key(fs.key), on_change=self._set, args=(field, fs.key, path, repeats, convert))
            initial = _to_widget(field, fs.raw if fs.raw is not None else fs.value)
            _WIDGETS[field.type][0](label, field, fs, initial, kwargs)
        if fs.hint:
            st.caption(fs.hint)
        answered = fs.raw not in (None, "", [])
        if fs.error and (answered or st.session_state.get(self.shown_key)):
            st.error(fs.error, icon=":material/error:")

    def _stored_file(self, upload: Any) -> dict | None:
        if upload is None or self.store_file is None:
            return None
        return self.store_file(upload)


def rerun_fragment() -> None:
    """Rerun just the fragment when running as one, else the whole page."""
    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:
        st.rerun()


def _key(name: str, path: tuple[int, ...], repeats: list[str]) -> str:
    prefix = "".join(f"{r}[{i + 1}]." for r, i in zip(repeats, path))
    return f"{prefix}{name}"


# ---------------------------------------------------------------- widgets per type

def _to_widget(field: Field, value: Any) -> Any:
    if value in (None, ""):
        return [] if field.type == "select_multiple" else None
    try:
        if field.type == "date":
            return dt.date.fromisoformat(str(value)[:10])
        if field.type == "time":
            return dt.time.fromisoformat(str(value)[:8])
        if field.type == "datetime":
            return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)
        if field.type == "select_multiple":
            return str(value).split()
        if field.type == "acknowledge":
            return str(value).upper() == "OK"
        if field.type in ("integer", "decimal", "range"):
            return float(value) if field.type == "decimal" else value
    except (TypeError, ValueError):
        return None
    if field.type in ("file", "image"):
        return None
    return value


def _display(field: Field, fs: FieldState) -> str:
    value = fs.value
    if field.type in ("select_one", "select_multiple") and value:
        labels = dict(fs.choice_labels)
        return ", ".join(labels.get(v, v) for v in str(value).split())
    return "" if value is None else str(value)


def _text(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    if "multiline" in field.appearance:
        st.text_area(label, value=initial or "", **kw)
    else:
        st.text_input(label, value=initial or "", **kw)


def _number(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    if field.type == "range":
        start, end, step = (float(field.parameters.get(k, d)) for k, d in (("start", 0), ("end", 10), ("step", 1)))
        whole = all(x == int(x) for x in (start, end, step))
        cast = int if whole else float
        value = cast(initial) if isinstance(initial, (int, float)) and start <= initial <= end else None
        st.number_input(label, min_value=cast(start), max_value=cast(end), step=cast(step), value=value, **kw)
    elif field.type == "integer":
        value = int(initial) if isinstance(initial, (int, float)) else None
        st.number_input(label, step=1, value=value, format="%d", **kw)
    else:
        value = float(initial) if isinstance(initial, (int, float)) else None
        st.number_input(label, value=value, format="%g", step=None, **kw)


def _choice(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    names = [name for name, _ in fs.choice_labels]
    labels = dict(fs.choice_labels)
    horizontal = any(a in field.appearance for a in ("likert", "horizontal"))
    if field.type == "select_multiple":
        chosen = [v for v in (initial or []) if v in names]
        if horizontal:
            st.pills(label, names, format_func=labels.get, selection_mode="multi", default=chosen, **kw)
        else:
            st.multiselect(label, names, format_func=labels.get, default=chosen, **kw)
        return
    index = names.index(initial) if initial in names else None
    if horizontal or len(names) <= 5:
        st.radio(label, names, format_func=labels.get, index=index, horizontal=horizontal, **kw)
    else:
        st.selectbox(label, names, format_func=labels.get, index=index, placeholder=t("fill.choose"), **kw)


def _date(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    st.date_input(label, value=initial, min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31),
                  format="DD/MM/YYYY", **kw)


def _time(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    st.time_input(label, value=initial, step=60, **kw)


def _datetime(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    st.datetime_input(label, value=initial, format="DD/MM/YYYY", **kw)


def _ack(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    st.checkbox(label, value=bool(initial), **kw)


def _file(label: str, field: Field, fs: FieldState, initial: Any, kw: dict) -> None:
    types = IMAGE_TYPES if field.type == "image" else FILE_TYPES
    st.file_uploader(label, type=types, **kw)
    if fs.value and isinstance(fs.value, dict):
        st.caption(t("fill.file_kept", filename=fs.value.get("filename", "")))


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def _same(value: Any) -> Any:
    return value


_WIDGETS: dict[str, tuple[Callable, Callable]] = {
    "text": (_text, lambda v: (v or "").strip() or None),
    "integer": (_number, lambda v: None if v is None else int(v)),
    "decimal": (_number, _same),
    "range": (_number, _same),
    "date": (_date, _iso),
    "time": (_time, lambda v: v.replace(second=0, microsecond=0).isoformat() if v else None),
    "datetime": (_datetime, _iso),
    "select_one": (_choice, _same),
    "select_multiple": (_choice, lambda v: " ".join(v) if v else None),
    "acknowledge": (_ack, lambda v: "OK" if v else None),
    "file": (_file, _same),
    "image": (_file, _same),
}


def title_of(form: FormDef, lang: str) -> str:
    return pick(form.title, lang, form.form_id)

"""Streamlit-only helpers (login, page guard, navigation, widgets). Pages import from here; the
domain stays in ``pulih``."""

"""Process-wide resources: the database engine, prepared once (migrations, and in demo mode the
demo program on first start of an empty database)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from pulih.bootstrap import prepare_database
from pulih.config import settings
from pulih.database import get_engine


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    eng = get_engine()
    prepare_database(eng, load_demo=settings().demo)
    return eng

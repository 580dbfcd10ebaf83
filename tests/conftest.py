"""Shared fixtures.

``engine`` runs a test once on SQLite and once on PostgreSQL. PostgreSQL comes from
``PULIH_TEST_PG_URL`` (an admin URL such as ``postgresql+psycopg://postgres@127.0.0.1:54329/postgres``,
set by ``scripts/test.sh``, which starts the server). Without it the PostgreSQL half is skipped,
unless ``PULIH_REQUIRE_PG=1`` (CI) makes that a failure.

Each test gets a fresh, migrated database cloned from a template made once per run: a copied
file on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pulih import bootstrap
from pulih.database import dispose_engines, make_engine

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("PULIH_TEST_PG_URL")
os.environ.setdefault("PULIH_BCRYPT_ROUNDS", "4")  # fast hashes in tests (and the servers they start)
REQUIRE_PG = os.environ.get("PULIH_REQUIRE_PG") == "1"


def pytest_collection_modifyitems(config, items):  # noqa: ANN001
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
            # Real-browser journeys race Streamlit's reruns on a loaded 2-core machine: a failed
            # journey is run again (twice at most) before it counts as failed.
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=2))


def _ddl(conn, verb: str, name: str, *rest: str) -> None:  # noqa: ANN001
    """Database DDL cannot take bound parameters; names here are generated, never user text."""
    assert name.replace("_", "").isalnum()
    conn.execute(text(" ".join([verb, '"' + name + '"', *rest])))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    bootstrap.prepare_database(engine, load_demo=False)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> str | None:
    if not PG_URL:
        return None
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"pulih_tpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        _ddl(conn, "CREATE DATABASE", name)
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    bootstrap.prepare_database(engine, load_demo=False)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        _ddl(conn, "DROP DATABASE IF EXISTS", name, "WITH (FORCE)")
    admin.dispose()


def _pg_clone(template: str) -> tuple[str, callable]:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"pulih_t_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        _ddl(conn, "CREATE DATABASE", name, "TEMPLATE", '"' + template + '"')

    def drop() -> None:
        with admin.connect() as conn:
            _ddl(conn, "DROP DATABASE IF EXISTS", name, "WITH (FORCE)")
        admin.dispose()

    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, sqlite_template) -> str:  # noqa: ANN001
    """URL of a fresh migrated database, once per backend."""
    if request.param == "sqlite":
        target = tmp_path / "pulih.db"
        shutil.copy(sqlite_template, target)
        yield f"sqlite:///{target}"
        return
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("PULIH_REQUIRE_PG=1 but PULIH_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (set PULIH_TEST_PG_URL; scripts/test.sh does)")
    template = request.getfixturevalue("pg_template")
    url, drop = _pg_clone(template)
    yield url
    dispose_engines()
    drop()


@pytest.fixture
def engine(db_url):  # noqa: ANN001
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    target = tmp_path / "pulih.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    """A SQLite file with the demo loaded through the real command line (``python -m pulih demo``)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    subprocess.run([sys.executable, "-m", "pulih", "demo", "--yes"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return path


@pytest.fixture
def demo_db(tmp_path, demo_db_template) -> str:
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared corpus is not here ({SHARED}); CI has it")
    return SHARED

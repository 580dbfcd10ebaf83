"""The schema: migrations and models agree (no autogenerate drift), and the database settings
that safety relies on are in force, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from pulih.models import Base


def test_migrations_match_models__ok(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations disagree; autogenerate a migration: {diff}"


def test_sqlite_pragmas__ok(engine):
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000

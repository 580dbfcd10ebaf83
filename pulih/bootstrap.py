"""Getting a database ready: migrations on every start, change counters, and in demo mode the
Banten program on first start of an empty database."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from pulih.audit import SYSTEM_USER, TOPICS
from pulih.database import upgrade, write_session
from pulih.models import ChangeCounter, User


def ensure_counters(engine: Engine) -> None:
    """Change counters for every topic, and the ``system`` account that command-line work runs as
    (it can never log in: its password hash matches no password and it is left out of logins)."""
    with write_session(engine) as session:
        have = set(session.scalars(select(ChangeCounter.topic)))
        for topic in TOPICS:
            if topic not in have:
                session.add(ChangeCounter(topic=topic, version=0))
        if session.scalar(select(User).where(User.username == SYSTEM_USER)) is None:
            session.add(User(username=SYSTEM_USER, name="System (command line)", role="admin", password_hash="!"))


def is_empty(engine: Engine) -> bool:
    with write_session(engine) as session:
        return not session.scalar(select(func.count()).select_from(User).where(User.username != SYSTEM_USER))


def prepare_database(engine: Engine, *, load_demo: bool) -> bool:
    """Migrate, then load the demo into an empty database when asked. True if the demo was loaded."""
    upgrade(engine)
    ensure_counters(engine)
    if load_demo and is_empty(engine):
        from pulih import demo

        demo.load(engine)
        return True
    return False


def ready_engine() -> Engine:
    """The engine of ``DATABASE_URL``, migrated and prepared (what every command line starts with)."""
    from pulih.database import get_engine

    engine = get_engine()
    prepare_database(engine, load_demo=False)
    return engine

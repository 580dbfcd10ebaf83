"""Who may open which page and do which action. Checked on the server by every page and every
service that writes; the menu only mirrors it (a hidden menu item is not a control)."""

from __future__ import annotations

from dataclasses import dataclass

ALL = frozenset({"admin", "manager", "staff", "viewer"})
WORKERS = frozenset({"admin", "manager", "staff"})
MANAGERS = frozenset({"admin", "manager"})
ADMINS = frozenset({"admin"})


@dataclass(frozen=True)
class PageSpec:
    key: str  # also the file name in pages/ (pages/<key>.py) and the URL path
    title_key: str  # message key of its title
    icon: str
    roles: frozenset[str]
    section: str  # message key of the menu section


# In menu order. A page appears in the menu only if its file exists and the role may open it.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "nav.home", ":material/home:", ALL, "nav.section.main"),
    PageSpec("dashboards", "nav.dashboards", ":material/monitoring:", ALL, "nav.section.main"),
    PageSpec("participants", "nav.participants", ":material/groups:", WORKERS, "nav.section.cases"),
    PageSpec("attendance", "nav.attendance", ":material/fact_check:", WORKERS, "nav.section.cases"),
    PageSpec("followups", "nav.followups", ":material/event_repeat:", WORKERS, "nav.section.cases"),
    PageSpec("programs", "nav.programs", ":material/school:", MANAGERS, "nav.section.cases"),
    PageSpec("fill", "nav.fill", ":material/edit_note:", WORKERS, "nav.section.forms"),
    PageSpec("submissions", "nav.submissions", ":material/table_view:", WORKERS, "nav.section.forms"),
    PageSpec("form_admin", "nav.form_admin", ":material/dynamic_form:", ADMINS, "nav.section.forms"),
    PageSpec("equipment", "nav.equipment", ":material/handyman:", WORKERS, "nav.section.resources"),
    PageSpec("budget", "nav.budget", ":material/account_balance:", MANAGERS, "nav.section.resources"),
    PageSpec("users", "nav.users", ":material/manage_accounts:", ADMINS, "nav.section.admin"),
    PageSpec("audit", "nav.audit", ":material/history:", ADMINS, "nav.section.admin"),
)
PAGE_BY_KEY = {p.key: p for p in PAGES}

ACTIONS: dict[str, frozenset[str]] = {
    "participant.register": WORKERS,
    "participant.duplicate_override": MANAGERS,
    "participant.view_personal": WORKERS,
    "enrollment.change": WORKERS,
    "attendance.record": WORKERS,
    "submission.create": WORKERS,
    "submission.edit": WORKERS,
    "submission.export": WORKERS,
    "form.publish": ADMINS,
    "program.manage": MANAGERS,
    "stock.handover": WORKERS,
    "stock.receive": MANAGERS,
    "stock.adjust": MANAGERS,
    "budget.manage": MANAGERS,
    "budget.override": MANAGERS,
    "report.export": MANAGERS | {"viewer"},
    "users.manage": ADMINS,
}


def can_open(role: str | None, page_key: str) -> bool:
    spec = PAGE_BY_KEY.get(page_key)
    return bool(role and spec and role in spec.roles)


def can(role: str | None, action: str) -> bool:
    return bool(role and role in ACTIONS.get(action, frozenset()))


def pages_for(role: str | None) -> list[PageSpec]:
    return [p for p in PAGES if role in p.roles]

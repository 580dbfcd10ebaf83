"""Budget: fiscal years, funding sources, budget lines, monthly plans, spending entries with the
allocation guard (manager override with a reason), absorption and cost per participant.

One import for the screens: everything public lives in the ``budget_*`` modules beside this one
and is re-exported here. Write functions take the caller's Session (inside ``write_session``) and
the acting username; they check the user's role (pulih.permissions), write an audit row, and
raise ``Translatable`` errors. Each runs in a SAVEPOINT, so a refused call leaves nothing behind.
Amounts are Decimal rupiah (text such as "Rp 1.234.567,50" is accepted too, floats are not).
"""

from pulih.services.budget_queries import (
    absorption_by_line, absorption_total, cost_per_participant, fiscal_year_of, monthly_absorption, percent,
)
from pulih.services.budget_setup import (
    amount_of, create_budget_line, create_fiscal_year, create_funding_source, get_fiscal_year, get_line,
    list_budget_lines, list_fiscal_years, list_funding_sources, set_fiscal_year_closed, set_monthly_plan,
    update_budget_line,
)
from pulih.services.budget_spending import (
    cancel_spending, edit_spending, get_spending, list_spending, record_spending, spending_attachment,
)
from pulih.services.ledger_common import Upload

__all__ = [
    "Upload", "absorption_by_line", "absorption_total", "amount_of", "cancel_spending", "cost_per_participant",
    "create_budget_line", "create_fiscal_year", "create_funding_source", "edit_spending", "fiscal_year_of",
    "get_fiscal_year", "get_line", "get_spending", "list_budget_lines", "list_fiscal_years", "list_funding_sources",
    "list_spending", "monthly_absorption", "percent", "record_spending", "set_fiscal_year_closed",
    "set_monthly_plan", "spending_attachment", "update_budget_line",
]

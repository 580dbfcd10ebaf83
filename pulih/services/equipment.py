"""Equipment: catalog, stock, handovers with numbered receipts, returns, adjustments, history.

One import for the screens: everything public lives in the ``equipment_*`` modules beside this
one and is re-exported here. Write functions take the caller's Session (inside
``write_session``) and the acting username; they check the user's role (pulih.permissions),
write an audit row, and raise ``Translatable`` errors. Each runs in a SAVEPOINT, so a refused
call leaves nothing behind. Quantities are whole units; money is Decimal.
"""

from pulih.services.equipment_catalog import (
    create_item, create_kit, get_item, get_kit, item_on_hand, kit_available, kits_available, list_items, list_kits,
    stock_on_hand, update_item, update_kit,
)
from pulih.services.equipment_handovers import (
    CONDITIONS, RECEIPT_PREFIX, attach_signed_receipt, get_handover, hand_over, return_items, signed_receipt_file,
)
from pulih.services.equipment_queries import (
    handovers, kits_planned_vs_handed, movements, participants_without_kit, planned_vs_handed, value_by_cohort,
)
from pulih.services.equipment_stock import adjust, receive
from pulih.services.ledger_common import Upload

__all__ = [
    "CONDITIONS", "RECEIPT_PREFIX", "Upload", "adjust", "attach_signed_receipt", "create_item", "create_kit",
    "get_handover", "get_item", "get_kit", "hand_over", "handovers", "item_on_hand", "kit_available",
    "kits_available", "kits_planned_vs_handed", "list_items", "list_kits", "movements", "participants_without_kit",
    "planned_vs_handed", "receive", "return_items", "signed_receipt_file", "stock_on_hand", "update_item", "update_kit", "value_by_cohort",
]

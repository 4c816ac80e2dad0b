"""Journal views: your own writing (writing.py), and what you and your partner share (shared.py).
Each goes through ``_lookups``: a person reaches only their own entries and what is shared with them."""

from .shared import acknowledgement_draft, share_entry, shared_detail, shared_list
from .writing import (
    autosave,
    delete_entry,
    discard_draft,
    edit_entry,
    entry_detail,
    index,
    new_entry,
)

__all__ = [
    "acknowledgement_draft",
    "autosave",
    "delete_entry",
    "discard_draft",
    "edit_entry",
    "entry_detail",
    "index",
    "new_entry",
    "share_entry",
    "shared_detail",
    "shared_list",
]

"""JSON: :meth:`Summary.to_dict`, indented, with Vietnamese letters kept as they are."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..summary import Summary


def render_json(summary: Summary) -> str:
    """``summary.to_dict()`` as indented JSON (the labels and sections options do not apply)."""
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)

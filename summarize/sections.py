"""Sentence labels for the structured summary: results, limitations, next tasks.

(Placeholder until the sections stage lands: every sentence is unlabelled.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABELS = ("results", "limitations", "next_tasks")


@dataclass(frozen=True, slots=True)
class Label:
    """A sentence's section (``None``: none) and the cue or heading that decided it."""

    section: str | None
    reason: str | None


def label(sentences: Sequence[str], noise: Sequence[str | None]) -> list[Label]:
    """One :class:`Label` per sentence."""
    return [Label(None, None) for _ in sentences]

"""The result types: :class:`Sentence`, :class:`Sections` and :class:`Summary`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SECTION_NAMES = ("results", "limitations", "next_tasks")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the input: ``text == original_text[start:end]`` exactly.

    ``score`` is its ranking score in [0, 1]: graph centrality with the lead, length and title
    priors, min-max scaled over the document's content sentences (1 = the best; noise
    sentences 0). ``section`` is ``"results"``, ``"limitations"``, ``"next_tasks"`` or
    ``None``; ``section_reason`` says which cue or heading gave it.
    ``noise`` is why the sentence can never be summary material (``"title"``, ``"byline"``,
    ``"caption"``, ...) or ``None`` for content.
    """

    index: int
    text: str
    start: int
    end: int
    score: float
    section: str | None = None
    noise: str | None = None
    section_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "section": self.section,
            "section_reason": self.section_reason,
            "noise": self.noise,
        }


@dataclass(frozen=True, slots=True)
class Sections:
    """The structured summary: best sentences of each kind, each tuple in document order."""

    results: tuple[Sentence, ...] = ()
    limitations: tuple[Sentence, ...] = ()
    next_tasks: tuple[Sentence, ...] = ()

    def items(self) -> tuple[tuple[str, tuple[Sentence, ...]], ...]:
        return (
            ("results", self.results),
            ("limitations", self.limitations),
            ("next_tasks", self.next_tasks),
        )

    def __bool__(self) -> bool:
        return bool(self.results or self.limitations or self.next_tasks)


@dataclass(frozen=True, slots=True)
class Summary:
    """What :func:`summarize.summarize` returns.

    ``sentences`` are the chosen sentences in document order; ``all_sentences`` every sentence
    of the document (noise included, with its reason); ``title`` the detected title line.
    ``source_text`` is the text the sentences' offsets index when it is not the caller's own:
    the readable text extracted from HTML input (see :mod:`summarize.html`); ``None`` when the
    offsets index the string that was passed in.
    """

    sentences: tuple[Sentence, ...] = ()
    all_sentences: tuple[Sentence, ...] = ()
    sections: Sections = field(default_factory=Sections)
    title: str | None = None
    source_text: str | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.sentences)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.sentences)

    @property
    def text(self) -> str:
        """The summary as one paragraph: the chosen sentences joined by spaces."""
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the summary, the sections and every sentence with its label."""
        return {
            "title": self.title,
            "summary": [s.index for s in self.sentences],
            "sentences": [s.to_dict() for s in self.sentences],
            "sections": {name: [s.index for s in group] for name, group in self.sections.items()},
            "all_sentences": [s.to_dict() for s in self.all_sentences],
        } | ({} if self.source_text is None else {"source_text": self.source_text})

    def __str__(self) -> str:
        from .render import render_text

        return render_text(self)

"""The result types: :class:`Sentence`, :class:`Sections` and :class:`Summary`.

``str(summary)`` is the text rendering and ``summary._repr_html_()`` the notebook view, both
from :mod:`summarize.renderers`. The import goes one way, from here to the renderers: they read
a summary's attributes and import these classes only for type checking, so there is no import
circle (the reasons are in :mod:`summarize.renderers`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .renderers.html import render_html_fragment
from .renderers.text import render_text

SECTION_NAMES = ("results", "limitations", "next_tasks")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the input: ``text == original_text[start:end]`` exactly.

    ``score`` is its ranking score in [0, 1]: graph centrality with the lead, length and title
    priors plus its expected reader grade (:mod:`summarize.worth`), min-max scaled over the
    document's content sentences (1 = the best; noise sentences 0).
    ``section`` is ``"results"``, ``"limitations"``, ``"next_tasks"`` or
    ``None``; ``section_reason`` says which cue or heading gave it.
    ``noise`` is why the sentence can never be summary material (``"title"``, ``"byline"``,
    ``"caption"``, ...) or ``None`` for content.
    ``document`` is the index of the document it comes from: 0 for :func:`summarize.summarize`,
    the article's position for :func:`summarize.summarize_documents`, whose offsets index
    that article (``documents[s.document][s.start:s.end] == s.text``).
    """

    index: int
    text: str
    start: int
    end: int
    score: float
    section: str | None = None
    noise: str | None = None
    section_reason: str | None = None
    document: int = 0

    def to_dict(self, *, document: bool | None = None) -> dict[str, Any]:
        """A JSON-ready dict; ``document`` is listed when asked, or by default when it is
        not 0 (a summary of several documents asks for it on every sentence)."""
        fields = {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "section": self.section,
            "section_reason": self.section_reason,
            "noise": self.noise,
        }
        if document or (document is None and self.document):
            fields["document"] = self.document
        return fields


@dataclass(frozen=True, slots=True)
class Sections:
    """The structured summary: the best sentences of each kind, each tuple most representative
    first (an overall statement before its items; see ``Summarizer._sections``)."""

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
    the converted text of ``summarize(page, html=True)`` and of
    :func:`summarize.summarize_source` (see :mod:`summarize.readers`); ``None`` when the
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
    def documents(self) -> int:
        """One more than the highest ``document`` of the sentences: 1 for
        :func:`summarize.summarize`, the number of articles for a cluster (trailing articles
        without a sentence aside)."""
        return max((s.document for s in self.all_sentences), default=0) + 1

    @property
    def text(self) -> str:
        """The summary as one paragraph: the chosen sentences joined by spaces."""
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the summary, the sections and every sentence with its label
        (and its ``document`` when the summary covers several)."""
        several = self.documents > 1
        return {
            "title": self.title,
            "summary": [s.index for s in self.sentences],
            "sentences": [s.to_dict(document=several) for s in self.sentences],
            "sections": {name: [s.index for s in group] for name, group in self.sections.items()},
            "all_sentences": [s.to_dict(document=several) for s in self.all_sentences],
        } | ({} if self.source_text is None else {"source_text": self.source_text})

    def __str__(self) -> str:
        """The text rendering: the title, the summary sentences, then the sections."""
        return render_text(self)

    def __repr__(self) -> str:
        """A one-line overview; ``all_sentences`` and the texts are left to the attributes."""
        counts = ", ".join(f"{name}={len(group)}" for name, group in self.sections.items())
        title = self.title
        if title is not None and len(title) > _REPR_TITLE:
            title = title[: _REPR_TITLE - 1].rstrip() + "…"
        converted = ""
        if self.source_text is not None:
            converted = f", source_text={len(self.source_text)} chars"
        return (
            f"<Summary {len(self.sentences)} of {len(self.all_sentences)} sentences, "
            f"title={title!r}, sections: {counts}{converted}>"
        )

    def _repr_html_(self) -> str:
        """The compact HTML view for notebooks: the summary and the sections, not the document."""
        return render_html_fragment(self)


# Longest title ``repr(summary)`` shows, in characters.
_REPR_TITLE = 80

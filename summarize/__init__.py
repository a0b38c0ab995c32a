"""summarize: extractive summarization for Vietnamese.

>>> from summarize import summarize
>>> summary = summarize(text)              # doctest: +SKIP
>>> summary.sentences                      # the best sentences, in document order
>>> summary.sections.results               # what was achieved; .limitations, .next_tasks

TextRank over TF-IDF sentence vectors, with Vietnamese word segmentation (underthesea), page
furniture (titles, bylines, captions, repeats) kept out of the summary, and every sentence
labelled as a result, a limitation or a next task.
"""

from .batch import Failure, summarize_many
from .multi import summarize_documents
from .readers import Document, read, summarize_source
from .summarizer import Summarizer, summarize
from .summary import Sections, Sentence, Summary

__all__ = [
    "Document",
    "Failure",
    "Sections",
    "Sentence",
    "Summarizer",
    "Summary",
    "__version__",
    "read",
    "summarize",
    "summarize_documents",
    "summarize_many",
    "summarize_source",
]

__version__ = "0.1.0"

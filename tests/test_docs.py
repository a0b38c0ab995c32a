"""The docs hold: every repository file and folder they cite exists, every relative link
resolves, and none cites a file outside the repository as if it were shipped."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Paths inside the repository, as the docs write them in backquotes.
_CITED = re.compile(r"`((?:summarize|tests|benchmarks|examples|docs)/[^`\s*{<]+)`")
_LINK = re.compile(r"\]\(([^)#\s]+)")
# Outside the repository, the docs may name only the optional research data and seed text.
_OUTSIDE = re.compile(r"\.\./shared/(?!data\b|seed\b)[\w./-]+")


def _shipped() -> set[str]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    if not listed:
        pytest.skip("not a git checkout")
    folders = {str(parent) for path in listed for parent in Path(path).parents}
    return set(listed) | folders


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_cited_file_and_link_exists(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    shipped = _shipped()
    missing = [
        cited
        for cited in _CITED.findall(text)
        if cited.split("::")[0].rstrip("/") not in shipped
    ]
    missing += [
        link
        for link in _LINK.findall(text)
        if "://" not in link and not (doc.parent / link).exists()
    ]
    missing += _OUTSIDE.findall(text)
    assert not missing, f"{doc.name} cites what is not shipped: {missing}"

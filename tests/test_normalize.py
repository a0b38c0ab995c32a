"""normalize: NFC analysis text with a map back to the caller's offsets (no underthesea)."""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from summarize.normalize import normalize


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_nfc_input_is_kept_as_is_with_identity_offsets():
    text = "Hội nghị tổng kết công tác năm."
    norm = normalize(text)
    assert norm.text is text
    assert norm.chunks == ()
    assert norm.to_original(4, 8) == (4, 8)


def test_nfd_input_is_analysed_as_nfc():
    text = "Hội nghị tổng kết công tác năm."
    decomposed = nfd(text)
    assert decomposed != text
    norm = normalize(decomposed)
    assert norm.original is decomposed
    assert norm.text == text


def test_word_offsets_map_back_to_the_decomposed_word():
    text = "Đồng chí nhấn mạnh nhiệm vụ trọng tâm."
    decomposed = nfd(text)
    norm = normalize(decomposed)
    for word in text.rstrip(".").split():
        start = text.index(word)
        a, b = norm.to_original(start, start + len(word))
        assert decomposed[a:b] == nfd(word)


def test_a_span_inside_a_recomposed_character_widens_to_the_whole_character():
    decomposed = nfd("ệ")  # e + circumflex + dot below: three code points, one in NFC
    assert len(decomposed) == 3
    norm = normalize(decomposed)
    assert norm.text == "ệ"
    assert norm.to_original(0, 1) == (0, 3)
    assert norm.to_original(1, 1) == (3, 3)


def test_mixed_forms_map_each_part():
    text = "Tiếng Việt " + nfd("tiếng Việt") + " xong"
    norm = normalize(text)
    assert norm.text == nfc(text)
    start = norm.text.index("xong")
    assert norm.to_original(start, start + 4) == (text.index("xong"), len(text))


def test_hangul_and_indic_vowel_signs_compose_too():
    # Combining class 0, yet NFC joins them to the character before: the analysis text must
    # still be NFC, or NFC and NFD input would differ.
    for word in ("한국어", "தொகை"):
        norm = normalize(nfd(word))
        assert norm.text == word
        assert norm.to_original(0, len(word)) == (0, len(nfd(word)))


def test_singleton_decompositions_are_normalised():
    angstrom = "\u212b"  # ANGSTROM SIGN: NFC is U+00C5, same length
    norm = normalize(angstrom + " và ô")
    assert norm.text == "\u00c5 và ô"
    assert norm.to_original(0, 1) == (0, 1)


_VIETNAMESE = st.text(
    alphabet=st.sampled_from(list("aăâeêioôơuưyđAĐ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệòóỏõọồốổỗộờớởỡợ\n.,")),
    max_size=60,
)


def _unchunked_positions(norm) -> list[int]:
    inside = {p for s, e, _, _ in norm.chunks for p in range(s + 1, e)}
    return [p for p in range(len(norm.text) + 1) if p not in inside]


@given(st.one_of(_VIETNAMESE.map(nfd), _VIETNAMESE, st.text(max_size=40).map(nfd)))
def test_offsets_round_trip_on_any_text(text):
    norm = normalize(text)
    assert norm.text == nfc(text)
    assert norm.to_original(0, len(norm.text)) == (0, len(text))
    positions = _unchunked_positions(norm)
    mapped = [norm.to_original(p, p)[0] for p in positions]
    assert mapped == sorted(mapped)
    for a, b in itertools.pairwise(positions):
        start, end = norm.to_original(a, b)
        assert nfc(text[start:end]) == norm.text[a:b]

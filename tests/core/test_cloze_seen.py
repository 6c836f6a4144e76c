"""Which sentences a cloze token was already blanked in: the index agrees with a plain scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.questions._cloze import SeenSentences

KEYS = st.text(alphabet="ab가1", max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(KEYS, min_size=SeenSentences.SCANNED, max_size=120))
def test_overlaps_agrees_with_comparing_each_earlier_sentence(keys: list[str]) -> None:
    """Past the sentences compared one by one, the index finds the same overlaps."""
    seen = SeenSentences()
    earlier: list[str] = []
    for key in keys:
        expected = any(key in other or other in key for other in earlier)
        assert seen.overlaps(key) is expected
        if not expected:
            seen.add(key)
            earlier.append(key)


def test_a_token_in_every_line_of_a_long_chapter_is_asked_once_per_sentence() -> None:
    """Thousands of distinct sentences sharing a token are all new; a repeat is not."""
    seen = SeenSentences()
    for i in range(1000):
        key = f"전체의13이하에서동작하는설명{i}입니다"
        assert not seen.overlaps(key)
        seen.add(key)
    assert seen.overlaps("전체의13이하에서동작하는설명999입니다")
    assert seen.overlaps("동작하는설명12")
    assert seen.overlaps("앞에서전체의13이하에서동작하는설명7입니다뒤에")

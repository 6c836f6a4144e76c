"""The notes parser's markdown-it reads links and images exactly as markdown-it does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from bot.core._mdblocks import MD

PLAIN = (
    MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .use(front_matter_plugin)
    .use(deflist_plugin)
)

PIECES = st.sampled_from(
    ["[", "]", "(", ")", "![", "](", "[[", "]]", "`", "*", "a", " ", "\n", "\n\n", "[x]: /u\n"]
)


def _tokens(md: MarkdownIt, text: str) -> list[dict[str, object]]:
    return [token.as_dict() for token in md.parse(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_links_and_images_parse_as_markdown_it_does(text: str) -> None:
    """Skipping a "[" that no "]" follows never changes a token."""
    assert _tokens(MD, text) == _tokens(PLAIN, text)


def test_a_line_of_brackets_stays_text() -> None:
    """Thousands of "[" with no "]" are one paragraph of plain text, as in markdown-it."""
    text = "# 1장 - a\n\n" + "[" * 5000 + " [a](b)\n"
    assert _tokens(MD, text) == _tokens(PLAIN, text)

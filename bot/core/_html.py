"""Which ``<…>`` in a note is HTML markup and which is text that only looks like it.

Notes on XML configuration, generics or templates write ``<property>``, ``<bean>``,
``List<String>`` or ``<context:component-scan />`` as words; markdown-it reads each as
raw inline HTML. Only a tag of a real HTML element is markup to drop: anything else is
text the note means the reader to see.
"""

from __future__ import annotations

import re

from markdown_it.common.html_blocks import block_names

__all__ = ["HTML_ELEMENTS", "HTML_TAG", "is_html_tag"]

_PHRASING = """
    a abbr acronym area audio b bdi bdo big br button canvas cite code data datalist del
    dfn em embed font i img input ins kbd label map mark meter noscript object output
    picture progress q rp rt ruby s samp script select slot small source span strike
    strong style sub sup svg template textarea time tt u var video wbr
"""

#: Names of HTML elements: markdown-it's block names and the phrasing (inline) ones.
HTML_ELEMENTS = frozenset(block_names) | frozenset(_PHRASING.split())

_NAMES = "|".join(sorted(HTML_ELEMENTS, key=lambda name: (-len(name), name)))
#: An opening, closing or self-closing tag of an HTML element, attributes included.
HTML_TAG = re.compile(rf"(?i:</?(?:{_NAMES})(?![\w:-])(?:\s[^<>]*)?/?>)")
# a comment, a declaration or a processing instruction: markup, never text
_OTHER_MARKUP = re.compile(r"<!--.*?-->|<![^<>]*>|<\?[^<>]*\?>", re.DOTALL)


def is_html_tag(text: str) -> bool:
    """Whether ``text`` (one raw inline HTML token) is markup: a tag of an HTML element,
    a comment (``<!-- … -->``), a declaration or a processing instruction."""
    text = text.strip()
    return HTML_TAG.fullmatch(text) is not None or _OTHER_MARKUP.fullmatch(text) is not None

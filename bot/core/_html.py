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
HTML_TAG = re.compile(rf"</?(?:{_NAMES})(?![\w:-])(?:\s[^<>]*)?/?>", re.IGNORECASE)


def is_html_tag(text: str) -> bool:
    """Whether ``text`` (one raw inline HTML token) is a tag of an HTML element."""
    return HTML_TAG.fullmatch(text.strip()) is not None

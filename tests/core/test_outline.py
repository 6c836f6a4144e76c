"""Plain-text outlines pasted from a PDF (``a.``, ``i.``, ``1.`` lines) are read as lists."""

from __future__ import annotations

from bot.core._outline import indent_outline
from bot.core.notes import parse_notes
from tests.core._books import terms_of

PDF_TEXT = """\
Lecture 7: Scheduling
1. A scheduler decides which ready process runs next on the CPU.
2. Scheduling Criteria
a. Throughput
i. The number of processes that finish per unit of time.
ii. Higher is better for batch systems.
b. Turnaround Time
i. The time from the submission of a process to its completion.
ii. Includes waiting and running.
iii. Problems:
1. Long jobs wait behind short ones.
2. Measured only after the job ends.
c. Response Time
i. The time from a request until the first response is produced.
3. Algorithms
a. First Come First Served
i. Processes run in the order in which they arrive.
"""


def test_a_pdf_outline_keeps_its_lines_and_nests_its_levels() -> None:
    """Lettered, roman and restarted numbers nest; every line keeps its number."""
    lines = indent_outline(PDF_TEXT).split("\n")
    assert len(lines) == len(PDF_TEXT.split("\n"))
    assert lines[3] == "    - Throughput"
    assert lines[4] == "        - The number of processes that finish per unit of time."
    assert lines[10] == "            - Long jobs wait behind short ones."
    assert lines[12] == "    - Response Time"
    assert lines[14] == "3. Algorithms"


def test_the_terms_of_a_pdf_outline_are_found() -> None:
    """Each lettered item explained by its roman items is a term, at its own line."""
    terms = terms_of(parse_notes(PDF_TEXT, "os-lecture.md"))
    assert {"Throughput", "Turnaround Time", "Response Time", "First Come First Served"} <= set(
        terms
    )
    assert terms["Throughput"].line == 4
    assert "per unit of time" in terms["Throughput"].definition[0].text


def test_a_letter_i_after_h_is_a_letter_and_stray_letters_change_nothing() -> None:
    """``i.`` after ``h.`` stays a letter; two lettered lines in prose are no outline."""
    letters = "\n".join(f"{c}. Item {c}" for c in "abcdefghij")
    nested = indent_outline("1. Steps\n" + letters).split("\n")
    assert all(line.startswith("    - Item") for line in nested[1:])
    prose = "See the list below.\na. first thing\nb. second thing\n"
    assert indent_outline(prose) == prose


def test_code_blocks_are_left_alone() -> None:
    """Lines inside a fenced code block are never rewritten."""
    text = "a. one\nb. two\nc. three\n```\na. not an item\n```\n"
    assert indent_outline(text).split("\n")[4] == "a. not an item"

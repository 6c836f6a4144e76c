"""Question wording in the notes' languages (Korean and English), kept in one place.

Each template is a ``str.format`` pattern; ``questions.py`` fills it. Quoted text is
shown as a Discord block quote, one ``> `` line per source line.
"""

from __future__ import annotations

__all__ = ["BLANK", "TRUTH", "TRUTH_ALIASES", "quote", "template"]

#: What stands in the text for a masked term or a blanked token.
BLANK = "____"

_TEMPLATES: dict[str, dict[str, str]] = {
    "ko": {
        "term_from_definition": "다음 설명에 해당하는 용어는 무엇일까요?\n{quote}",
        "term_from_blank": "빈칸({blank})에 들어갈 용어는 무엇일까요?\n{quote}",
        "term_from_question": "다음 질문의 답은 무엇일까요?\n{quote}",
        "definition_from_term": "'{term}'에 대한 설명으로 알맞은 것은?",
        "cloze": "빈칸({blank})에 들어갈 말은 무엇일까요?\n{quote}",
        "true_false": "다음은 '{term}'에 대한 설명입니다. 맞으면 O, 틀리면 X를 고르세요.\n{quote}",
        "odd_one_out": "다음 중 '{subject}'의 예가 아닌 것은?",
        "false_explanation": "이 설명은 '{term}'에 대한 것입니다. {text}",
        "statement": "다음 설명이 맞으면 O, 틀리면 X를 고르세요.\n{quote}",
        "statement_about": "'{subject}'에 대한 다음 설명이 맞으면 O, 틀리면 X를 고르세요.\n{quote}",
    },
    "en": {
        "term_from_definition": "Which term does this describe?\n{quote}",
        "term_from_blank": "Which term fills the blank ({blank})?\n{quote}",
        "term_from_question": "Which of these answers the question?\n{quote}",
        "definition_from_term": "Which description fits “{term}”?",
        "cloze": "Fill in the blank ({blank}):\n{quote}",
        "true_false": "True or false: this describes “{term}”.\n{quote}",
        "odd_one_out": "Which of these is NOT an example of “{subject}”?",
        "false_explanation": "This describes “{term}”. {text}",
        "statement": "True or false?\n{quote}",
        "statement_about": "True or false, of “{subject}”?\n{quote}",
    },
}

#: The two choices of a true/false question, the true one first.
TRUTH: dict[str, tuple[str, str]] = {"ko": ("O", "X"), "en": ("True", "False")}

#: Other typed answers that mean the same as each truth choice.
TRUTH_ALIASES: dict[str, tuple[str, ...]] = {
    "O": ("O", "참", "맞다", "맞음"),
    "X": ("X", "거짓", "틀리다", "틀림"),
    "True": ("True", "T", "Yes"),
    "False": ("False", "F", "No"),
}


def template(language: str, name: str) -> str:
    """The template ``name`` in ``language`` (English when the language is unknown)."""
    return _TEMPLATES.get(language, _TEMPLATES["en"])[name]


def quote(text: str) -> str:
    """``text`` as a Discord block quote, one ``> `` per line."""
    return "\n".join(f"> {line}" for line in text.splitlines() if line.strip())

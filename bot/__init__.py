"""quizbot: turns a reading group's Markdown chapter notes into daily Discord quizzes."""

__version__ = "0.1.0"

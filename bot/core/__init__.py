"""The pure domain of quizbot: notes, questions, answers, scoring and schedules.

Nothing in this package imports discord or sqlalchemy; both front doors and the
storage layer build on it.
"""

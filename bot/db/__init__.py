"""Storage: the SQLAlchemy models, the :class:`Database` handle and the query modules."""

from bot.db.session import Database

__all__ = ["Database"]

"""Storage: the SQLAlchemy models, the :class:`Database` handle and the query modules."""

from bot.db.session import Database
from bot.db.writer import DatabaseClosed

__all__ = ["Database", "DatabaseClosed"]

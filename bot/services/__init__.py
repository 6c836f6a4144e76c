"""The application layer shared by the Discord bot and the terminal quiz.

Services take a :class:`bot.db.Database` and plain values, and return plain
dataclasses; they know nothing of discord.py.
"""

"""Explicit question formats besides chapter notes: flashcards and Red-DiscordBot trivia lists."""

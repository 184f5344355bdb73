"""Evaluation harnesses: they print figures measured on ../shared/data (never shipped)."""

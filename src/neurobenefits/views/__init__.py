"""Views: each answer laid out as plain text, Markdown, Rich, data formats and handouts."""

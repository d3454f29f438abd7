"""Hoax signals that explain themselves: claim matching against the fact-check bank,
provocation cues and coordinated posting. Each signal says what it found, not only a number."""

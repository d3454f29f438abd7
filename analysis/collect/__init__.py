"""Collecting from the web for the monitoring worker: polite HTTP fetching (timeouts, retries
with backoff, conditional requests, a per-host rate limit, robots.txt, a User-Agent that names
Pantau, a size cap), RSS/Atom feeds, an article page's main text, fact-checkers' debunks and the
YouTube Data API. Returns plain items; never stores, never scores (:mod:`analysis.monitor` does).
"""

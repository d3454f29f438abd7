"""Monitoring that runs by itself: the sources analysts add (``sources``), collecting one source
into the store through the import pipeline (``collecting``), the worker that runs each due
source on its schedule and scores what arrived (``worker``), and the alerts it raises and
delivers through Apprise (``alerts``)."""

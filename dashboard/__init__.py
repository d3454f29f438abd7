"""Pantau's Streamlit dashboard: thin pages over :mod:`analysis`."""

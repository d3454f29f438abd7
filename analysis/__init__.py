"""Pantau analysis library: ingest, store, models, trends and the pipeline that ties them.

Nothing in this package imports Streamlit or the CLI framework; the CLI and the dashboard
are thin layers over these functions.
"""

__version__ = "0.1.0"

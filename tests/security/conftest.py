"""The dashboard fixtures (the app over the fixture store) for the security suite."""

from tests.dashboard.conftest import app, empty_app

__all__ = ["app", "empty_app"]

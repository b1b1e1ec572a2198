"""Shared test set-up: a fixed Hypothesis profile so CI runs are reproducible."""

import os

from hypothesis import HealthCheck, settings

# eitherway's pytest plugin, loaded here rather than by its entry point (see pyproject.toml).
pytest_plugins = ["either._pytest_plugin", "pytester"]

settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=300, deadline=None)
# `make compat` runs the suite once per Python and pydantic: fewer examples each, same seed.
settings.register_profile("matrix", parent=settings.get_profile("ci"), max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

"""Closed-key validation on pydantic-core, returning `either` results."""

from validation._issues import Invalid, InvalidOptions, Issue

__all__: list[str] = ["Invalid", "InvalidOptions", "Issue"]

"""Closed-key validation on pydantic-core, returning `either` results."""

__all__: list[str] = []

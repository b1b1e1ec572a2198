"""Hypothesis' entry point: teach `st.from_type` about `Left`, `Right` and `Deferred`.

Hypothesis loads this module while `hypothesis` itself is being imported, which can happen
in the middle of importing `either.strategies`; so it must not import that module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _inner(annotation: Any, position: int) -> Any:
    from hypothesis import strategies as st

    args = getattr(annotation, "__args__", None)
    return st.from_type(args[position]) if args else st.integers()


def _wrapped(kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda annotation: _inner(annotation, 0).map(kind)


def _deferred(annotation: Any) -> Any:
    from hypothesis import strategies as st

    from either._core import Left, Right
    from either._deferred import Deferred

    return st.one_of(_inner(annotation, 0).map(Left), _inner(annotation, 1).map(Right)).map(Deferred.of)


def setup() -> None:
    """Register the strategies (called by Hypothesis through its entry point)."""
    from hypothesis import strategies as st

    from either._core import Left, Right
    from either._deferred import Deferred

    st.register_type_strategy(Left, _wrapped(Left))
    st.register_type_strategy(Right, _wrapped(Right))
    st.register_type_strategy(Deferred, _deferred)

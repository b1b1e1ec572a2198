"""Hypothesis' entry point: teach `st.from_type` about `Left`, `Right`, `Deferred` and `Options`.

Hypothesis loads this module while `hypothesis` itself is being imported, which can happen
in the middle of importing `either.strategies`; so it must not import that module. Nor
does it import `validation` (and pydantic) for a suite that only uses `either`: `Options`
classes are registered here only when `validation` is already imported, and otherwise by
`validation` itself as each class is declared (`register_options`).
"""

from __future__ import annotations

import sys
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
    if "validation._options" in sys.modules:
        register_options()


def register_options(cls: type[Any] | None = None) -> None:
    """Register `cls`, else every `Options` class declared so far, with `st.from_type`.

    Hypothesis resolves a class only by a strategy registered for it or its subclasses, so
    each `Options` class is registered: those declared before Hypothesis is imported (here,
    from `setup`), and each declared afterwards (by `validation`, on creation). Nothing is
    built until a strategy is drawn.
    """
    from hypothesis import strategies as st

    if cls is not None:
        st.register_type_strategy(cls, _options)
        return
    from validation._options import Options

    pending = list(Options.__subclasses__())
    while pending:
        subclass = pending.pop()
        st.register_type_strategy(subclass, _options)
        pending.extend(subclass.__subclasses__())


def _options(cls: type[Any]) -> Any:
    from validation._strategies import instances

    return instances(cls)

"""Run several `Deferred`s at once: `gather` fails fast, `gather_all` collects every error.

Both return a `Deferred` (so a gather composes: `gather(a, b).map(...).timeout(5)`), run
the work in an anyio task group, which works on asyncio and trio, and leave nothing behind:
when the `Deferred` they return has been awaited every task they started has finished,
and a coroutine whose turn never came (a fail-fast gather stopped first) is closed, so
Python does not warn that it was never awaited. `limit=` bounds how many run at once.

Values come back as a tuple in argument order, so the types of up to five heterogeneous
arguments are kept: `gather(Deferred[E1, int], Deferred[E2, str])` is
`Deferred[E1 | E2, tuple[int, str]]`.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, NoReturn, TypeVar, overload

from either._checks import check_int, close_refused
from either._core import Left, Right
from either._deferred import Deferred, _from_call, discard_unstarted, once_key, retryable
from either._errors import ArgumentTypeError, describe
from either._nonempty import NonEmpty, _of

__all__ = ["gather", "gather_all"]

_A = TypeVar("_A")
_A1 = TypeVar("_A1")
_A2 = TypeVar("_A2")
_A3 = TypeVar("_A3")
_A4 = TypeVar("_A4")
_A5 = TypeVar("_A5")
_E = TypeVar("_E")
_E1 = TypeVar("_E1")
_E2 = TypeVar("_E2")
_E3 = TypeVar("_E3")
_E4 = TypeVar("_E4")
_E5 = TypeVar("_E5")


def _prepare(caller: str, ds: tuple[object, ...], limit: object) -> tuple[Deferred[Any, Any], ...]:
    try:
        if limit is not None:
            check_int(f"{caller}(limit=...)", limit, minimum=1, what="None or an int >= 1")
        prepared: list[Deferred[Any, Any]] = []
        for index, item in enumerate(ds):
            if item.__class__ is Deferred:
                prepared.append(item)  # type: ignore[arg-type, unused-ignore]
            elif hasattr(type(item), "__await__"):
                prepared.append(Deferred(item))  # type: ignore[arg-type]
            else:
                raise ArgumentTypeError(
                    f"{caller}() argument {index} expected a Deferred or an awaitable of an Either, "
                    f"got {describe(item)}"
                )
    except BaseException:
        close_refused(ds)  # refused work is closed, so Python does not warn it was never awaited
        raise
    return tuple(prepared)


def _shared_sources(ds: tuple[Deferred[Any, Any], ...]) -> list[int | None]:
    """For each argument, the earlier argument that runs the same coroutine, if any.

    A coroutine runs once; a second argument built on it (the same `Deferred` twice, or
    `d` and `d.map(f)`) waits for the first and replays its outcome, whatever `limit` is.
    """
    first: dict[int, int] = {}
    after: list[int | None] = []
    for index, d in enumerate(ds):
        key = once_key(d)
        after.append(None if key is None else first.get(key))
        if key is not None:
            first.setdefault(key, index)
    return after


async def _run(ds: tuple[Deferred[Any, Any], ...], limit: int | None, fail_fast: bool) -> Any:
    count = len(ds)
    if not count:
        return Right(())
    import anyio

    outcomes: list[Any] = [None] * count
    failure: list[Any] = []
    raised: list[BaseException] = []
    next_index = 0
    after = _shared_sources(ds)
    finished = [anyio.Event() for _ in ds] if any(index is not None for index in after) else []
    cancelled = anyio.get_cancelled_exc_class()

    async def worker(scope: anyio.CancelScope) -> None:
        nonlocal next_index
        while next_index < count and not failure and not raised:
            index = next_index
            next_index += 1
            earlier = after[index]
            try:
                if earlier is not None:
                    await finished[earlier].wait()
                either = await ds[index]
            except BaseException as exc:
                if not isinstance(exc, cancelled):
                    raised.append(exc)
                    scope.cancel()
                    return  # the exception is raised once, by gather, as it was
                raise
            finally:
                if finished:
                    finished[index].set()
            outcomes[index] = either
            if fail_fast and either.__class__ is Left and not failure:
                failure.append(either)
                scope.cancel()

    try:
        async with anyio.create_task_group() as group:
            for _ in range(count if limit is None else min(limit, count)):
                group.start_soon(worker, group.cancel_scope)
    finally:
        for d in ds:
            discard_unstarted(d)  # close coroutines whose turn never came
    if raised:
        _reraise(_first(raised))
    if failure:
        return failure[0]
    errors = [either._error for either in outcomes if either.__class__ is Left]
    if errors:
        return Left(_of(tuple(errors)))
    return Right(tuple(either._value for either in outcomes))


def _first(raised: list[BaseException]) -> BaseException:
    """The exception gather raises: the first a child raised, unless one that must stop the
    program (KeyboardInterrupt, SystemExit: not an `Exception`) came later."""
    for exc in raised:
        if not isinstance(exc, Exception):
            return exc
    return raised[0]


def _reraise(exc: BaseException) -> NoReturn:
    """Raise `exc` exactly as the child raised it: raising it again here would replace its
    `__context__` (the "During handling of ..." part of its traceback) with ours."""
    context, suppress = exc.__context__, exc.__suppress_context__
    try:
        raise exc
    finally:
        exc.__context__ = context
        exc.__suppress_context__ = suppress


@overload
def gather(*, limit: int | None = None) -> Deferred[Any, tuple[()]]: ...
@overload
def gather(d1: Awaitable[Left[_E1] | Right[_A1]], /, *, limit: int | None = None) -> Deferred[_E1, tuple[_A1]]: ...
@overload
def gather(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[_E1 | _E2, tuple[_A1, _A2]]: ...
@overload
def gather(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    d3: Awaitable[Left[_E3] | Right[_A3]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[_E1 | _E2 | _E3, tuple[_A1, _A2, _A3]]: ...
@overload
def gather(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    d3: Awaitable[Left[_E3] | Right[_A3]],
    d4: Awaitable[Left[_E4] | Right[_A4]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[_E1 | _E2 | _E3 | _E4, tuple[_A1, _A2, _A3, _A4]]: ...
@overload
def gather(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    d3: Awaitable[Left[_E3] | Right[_A3]],
    d4: Awaitable[Left[_E4] | Right[_A4]],
    d5: Awaitable[Left[_E5] | Right[_A5]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[_E1 | _E2 | _E3 | _E4 | _E5, tuple[_A1, _A2, _A3, _A4, _A5]]: ...
@overload
def gather(*ds: Awaitable[Left[_E] | Right[_A]], limit: int | None = None) -> Deferred[_E, tuple[_A, ...]]: ...
def gather(*ds: Any, limit: int | None = None) -> Any:
    """Run `ds` concurrently; the first `Left` to arrive wins and the rest are cancelled.

    Otherwise the result is `Right` of a tuple of the values, in argument order. Each
    argument is a `Deferred` or an awaitable of an `Either`. At most `limit` run at once.
    An exception a task raises cancels the others and is re-raised as it was raised (its
    traceback, `__cause__` and `__context__` intact): always one bare exception, the
    first raised, or a later `KeyboardInterrupt`/`SystemExit`; never an `ExceptionGroup`
    of gather's making, whatever the timing. Cancellation propagates too. The same
    coroutine-built `Deferred` given twice runs once, whatever `limit` is.
    """
    prepared = _prepare("gather", ds, limit)
    return _from_call(_run, (prepared, limit, True), {}, all(retryable(d) for d in prepared))


@overload
def gather_all(*, limit: int | None = None) -> Deferred[NonEmpty[Any], tuple[()]]: ...
@overload
def gather_all(
    d1: Awaitable[Left[_E1] | Right[_A1]], /, *, limit: int | None = None
) -> Deferred[NonEmpty[_E1], tuple[_A1]]: ...
@overload
def gather_all(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[NonEmpty[_E1 | _E2], tuple[_A1, _A2]]: ...
@overload
def gather_all(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    d3: Awaitable[Left[_E3] | Right[_A3]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[NonEmpty[_E1 | _E2 | _E3], tuple[_A1, _A2, _A3]]: ...
@overload
def gather_all(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    d3: Awaitable[Left[_E3] | Right[_A3]],
    d4: Awaitable[Left[_E4] | Right[_A4]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[NonEmpty[_E1 | _E2 | _E3 | _E4], tuple[_A1, _A2, _A3, _A4]]: ...
@overload
def gather_all(
    d1: Awaitable[Left[_E1] | Right[_A1]],
    d2: Awaitable[Left[_E2] | Right[_A2]],
    d3: Awaitable[Left[_E3] | Right[_A3]],
    d4: Awaitable[Left[_E4] | Right[_A4]],
    d5: Awaitable[Left[_E5] | Right[_A5]],
    /,
    *,
    limit: int | None = None,
) -> Deferred[NonEmpty[_E1 | _E2 | _E3 | _E4 | _E5], tuple[_A1, _A2, _A3, _A4, _A5]]: ...
@overload
def gather_all(
    *ds: Awaitable[Left[_E] | Right[_A]], limit: int | None = None
) -> Deferred[NonEmpty[_E], tuple[_A, ...]]: ...
def gather_all(*ds: Any, limit: int | None = None) -> Any:
    """Run `ds` concurrently to the end: `Left` of every error, or `Right` of every value.

    Errors come as a `NonEmpty` and values as a tuple, both in argument order. At most `limit`
    run at once. Exceptions and cancellation propagate as in `gather`.
    """
    prepared = _prepare("gather_all", ds, limit)
    return _from_call(_run, (prepared, limit, False), {}, all(retryable(d) for d in prepared))

"""Wrong kinds of input, refused early and clearly; exceptions kept as they were raised."""

from __future__ import annotations

import contextlib
import functools
import gc
import inspect
import pickle
import subprocess
import sys
import textwrap
import warnings
from collections.abc import AsyncGenerator, Callable, Generator
from typing import Any

import anyio
import pytest
from either_helpers import Later, inc, resolve

import either
from either import (
    ArgumentTypeError,
    ArgumentValueError,
    AsyncBind,
    Bind,
    Context,
    Deferred,
    Either,
    EitherwayError,
    Left,
    Retry,
    RetryExhausted,
    Right,
    Timeout,
    UnwrapError,
    gather,
    gather_all,
    safe,
)

# ---------------------------------------------------------------- do-blocks, at decoration


def _generator(bind: Bind[str]) -> Generator[int, None, None]:
    yield bind(Right(1))


async def _coroutine(bind: Bind[str]) -> int:
    return 1


async def _async_generator(bind: Bind[str]) -> AsyncGenerator[int, None]:
    yield 1


@pytest.mark.parametrize(
    ("fn", "kind"),
    [
        (_generator, "a generator function"),
        (_coroutine, "an `async def` function"),
        (_async_generator, "an async generator function"),
    ],
)
def test_do_refuses_generators_and_async_functions_when_decorating(fn: Callable[..., Any], kind: str) -> None:
    # These used to be accepted, and calling them gave Right(<generator>) or Right(<coroutine>).
    with pytest.raises(ArgumentTypeError, match=f"either.do decorates a plain function, got {kind}") as caught:
        either.do(fn)
    assert isinstance(caught.value, TypeError)
    if "async" in kind:
        assert "use Deferred.do for an async block" in str(caught.value)


def test_do_refuses_a_function_without_a_handle_when_decorating() -> None:
    def no_parameters() -> int:
        return 1

    class Service:
        def only_self(self) -> int:
            return 1

    with pytest.raises(ArgumentTypeError, match=r"takes the bind handle as its first parameter .*takes none"):
        either.do(no_parameters)  # type: ignore[call-overload]
    # used to fail only when called: "takes 1 positional argument but 2 were given"
    with pytest.raises(ArgumentTypeError, match=r"only_self takes only self"):
        either.do(Service.only_self)  # type: ignore[call-overload]
    with pytest.raises(ArgumentTypeError, match=r"takes only self"):
        Deferred.do(_async_only_self)  # type: ignore[call-overload]


async def _async_only_self(self: object) -> int:
    return 1


def test_deferred_do_refuses_an_async_generator() -> None:
    with pytest.raises(ArgumentTypeError, match=r"Deferred\.do decorates an `async def`"):
        Deferred.do(_async_generator)  # type: ignore[arg-type]


# ---------------------------------------------------------------- "is this async?"


async def _half(x: int) -> int:
    if x % 2:
        raise ValueError(f"odd: {x}")
    return x // 2


def test_safe_on_a_partial_of_an_async_function_gives_a_deferred() -> None:
    # used to return Right(<coroutine>) and warn that the coroutine was never awaited
    halve_ten = safe(functools.partial(_half, 10))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        outcome = halve_ten()
        assert isinstance(outcome, Deferred)
        assert resolve(outcome) == Right(5)
        assert isinstance(resolve(safe(ValueError)(functools.partial(_half, 3))()).left_or_none(), ValueError)


def test_safe_on_a_bound_async_method_gives_a_deferred() -> None:
    class Halver:
        async def halve(self, x: int) -> int:
            return x // 2

    assert resolve(safe(Halver().halve)(8)) == Right(4)


@pytest.mark.skipif(not hasattr(inspect, "markcoroutinefunction"), reason="Python 3.12+")
def test_safe_and_deferred_do_honour_markcoroutinefunction() -> None:
    async def body(bind: AsyncBind[str], x: int) -> int:
        return await bind(inc(x))

    def marked(*args: Any) -> Any:
        return _half(*args)

    def marked_block(bind: AsyncBind[str], x: int) -> Any:
        return body(bind, x)

    mark: Any = inspect.markcoroutinefunction  # type: ignore[attr-defined, unused-ignore]
    assert resolve(safe(mark(marked))(4)) == Right(2)
    assert resolve(Deferred.do(mark(marked_block))(1)) == Right(2)


def test_is_async_function_does_not_import_inspect_for_plain_functions() -> None:
    code = textwrap.dedent(
        """
        import sys, either
        @either.safe
        async def f() -> int:
            return 1
        @either.safe
        def g() -> int:
            return 1
        @either.Deferred.do
        async def h(bind: either.AsyncBind[str]) -> int:
            return 1
        print("inspect" in sys.modules)
        """
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"


# ---------------------------------------------------------------- gather


async def _one() -> Either[str, int]:
    await anyio.sleep(0)
    return Right(1)


@pytest.mark.anyio
@pytest.mark.parametrize("limit", [None, 1, 2])
async def test_gather_of_one_coroutine_twice_gives_one_answer_whatever_the_limit(limit: int | None) -> None:
    # with limit=None this raised DeferredError, with limit=1 it gave Right((1, 1))
    d = Deferred(_one())
    assert await gather(d, d, limit=limit) == Right((1, 1))
    shared = Deferred(_one())
    assert await gather(shared, shared.map(lambda x: x + 1), shared, limit=limit) == Right((1, 2, 1))
    again = Deferred(_one())
    assert await gather_all(again, again, limit=limit) == Right((1, 1))


def _never_awaited_warnings(action: Callable[[], object]) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(EitherwayError):
            action()
        gc.collect()
    return [str(w.message) for w in caught if "never awaited" in str(w.message)]


def test_refused_coroutines_are_closed_not_left_unawaited() -> None:
    assert _never_awaited_warnings(lambda: gather(_one(), 42)) == []  # type: ignore[call-overload]
    assert _never_awaited_warnings(lambda: gather(_one(), limit=0)) == []
    assert _never_awaited_warnings(lambda: gather_all(_one(), _one(), limit="2")) == []  # type: ignore[call-overload]


@pytest.mark.anyio
async def test_gather_raises_a_child_exception_with_its_context_intact() -> None:
    async def lookup() -> Either[str, int]:
        await anyio.sleep(0)
        try:
            {}["missing"]
        except KeyError:
            raise ValueError("no such key") from None
        return Right(1)  # pragma: no cover

    async def chained() -> Either[str, int]:
        try:
            {}["key"]
        except KeyError:
            raise RuntimeError("while handling")  # noqa: B904 (the implicit context is the point)
        return Right(1)  # pragma: no cover

    with pytest.raises(RuntimeError) as caught:
        await gather(Deferred.from_call(chained), Deferred.from_call(_one))
    assert isinstance(caught.value.__context__, KeyError)  # "During handling of KeyError ..."
    assert not caught.value.__suppress_context__
    assert caught.value.__cause__ is None

    with pytest.raises(ValueError, match="no such key") as suppressed:
        await gather_all(Deferred.from_call(lookup))
    assert suppressed.value.__suppress_context__  # `from None` is kept too


def test_a_keyboard_interrupt_in_a_child_leaves_no_unretrieved_task_on_asyncio() -> None:
    code = textwrap.dedent(
        """
        import asyncio, gc, anyio
        from either import Deferred, Right, gather

        async def interrupt():
            raise KeyboardInterrupt

        async def slow():
            await anyio.sleep(1)
            return Right(1)

        async def main():
            await gather(Deferred.from_call(interrupt), Deferred.from_call(slow))

        try:
            asyncio.run(main())
        except KeyboardInterrupt:
            print("interrupted")
        gc.collect()
        """
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert output.stdout.strip() == "interrupted"
    assert "never retrieved" not in output.stderr
    assert output.stderr == ""


# ---------------------------------------------------------------- pickling, huge ints


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_values_pickle_with_every_protocol(protocol: int) -> None:
    for value in (Left("e"), Right([1, 2]), Left(Right(3)), Timeout(2.5), RetryExhausted(("a", "b"))):
        assert pickle.loads(pickle.dumps(value, protocol)) == value


def test_unwrap_of_an_int_past_the_digit_limit_raises_unwrap_error() -> None:
    # used to raise ValueError("Exceeds the limit (4300 digits) ...") from inside the message
    with pytest.raises(UnwrapError, match=r"called unwrap\(\) on Left\(<int of 16610 bits>\)"):
        Left(10**5000).unwrap()
    with pytest.raises(UnwrapError, match=r"Right\(\[<int of 16610 bits>\]\)"):
        Right([10**5000]).unwrap_left()
    with pytest.raises(UnwrapError, match=r"need a Right: Left\(\{'n': <int of"):
        Left({"n": -(10**5000)}).expect("need a Right")


def test_the_repr_of_a_value_holding_a_huge_int_renders_and_others_stay_whole() -> None:
    assert repr(Left(10**5000)) == "Left(<int of 16610 bits>)"
    assert repr(Right([10**5000, "x"])) == "Right([<int of 16610 bits>, 'x'])"
    long = "a" * 500
    assert repr(Right(long)) == f"Right({long!r})"  # a repr is not cut when it can be made


# ---------------------------------------------------------------- one home for errors


@pytest.mark.parametrize(
    ("call", "builtin"),
    [
        (lambda: Retry(attempts="3"), TypeError),
        (lambda: Retry(attempts=0), ValueError),
        (lambda: Retry(jitter=2), ValueError),
        (lambda: Retry(sleep=3), TypeError),
        (lambda: Retry().delay(0), ValueError),
        (lambda: Deferred.of(Right(1)).timeout(-1), ValueError),
        (lambda: Deferred.of(Right(1)).timeout(10**400), ValueError),
        (lambda: Deferred.of(Right(1)).timeout("1"), TypeError),
        (lambda: Deferred.of(Right(1)).retry(3), TypeError),
        (lambda: Deferred(Later(Right(1))).retry(Retry()), TypeError),
        (lambda: gather(Deferred.of(Right(1)), limit=0), ValueError),
        (lambda: gather(Deferred.of(Right(1)), limit=1.5), TypeError),
        (lambda: gather(3), TypeError),
        (lambda: safe(KeyboardInterrupt), TypeError),
        (lambda: safe(3), TypeError),
        (lambda: either.attempt(3), TypeError),
        (lambda: either.do(3), TypeError),
        (lambda: either.do(_generator), TypeError),
        (lambda: Deferred.do(_generator), TypeError),
        (lambda: Deferred(3), TypeError),
        (lambda: Deferred.of(3), TypeError),
        (lambda: Deferred.from_call(3), TypeError),
        (lambda: Deferred.of(Right(1)).tap(3), TypeError),
        (lambda: type("Sub", (Right,), {}), TypeError),
        (lambda: setattr(Retry(), "attempts", 3), AttributeError),
        (lambda: either.sequence(5), TypeError),  # type: ignore[arg-type]
        (lambda: either.partition(5), TypeError),  # type: ignore[arg-type]
        (lambda: either.first_right(5), TypeError),  # type: ignore[arg-type]
        (lambda: either.traverse(Right, None), TypeError),  # type: ignore[arg-type]
        (lambda: either.traverse(5, [1]), TypeError),  # type: ignore[arg-type]
        (lambda: Left(1).unwrap_or_else(5), TypeError),  # type: ignore[arg-type]
        (lambda: Left(KeyError()).recover(KeyError), TypeError),  # a class alone, no handler
        (lambda: Left(1).context(""), ValueError),
        (lambda: Left(1).context(lambda: " "), ValueError),
    ],
)
def test_every_misuse_error_is_an_eitherway_error_and_the_builtin(call: Callable[[], Any], builtin: type) -> None:
    with pytest.raises(EitherwayError) as caught:
        call()
    assert isinstance(caught.value, builtin)
    assert caught.value.__class__.__module__ == "either"


def test_a_context_message_is_read_as_a_plain_str_when_context_is_called() -> None:
    class Hostile(str):
        def strip(self, chars: str | None = None) -> str:
            raise RuntimeError("user code ran")

    assert Left(1).context(Hostile("loading")) == Left(Context("loading", 1))
    with pytest.raises(ArgumentValueError, match="says something"):
        Deferred.of(Left(1)).context(Hostile("  "))


def test_exceptions_live_in_one_module() -> None:
    import either._errors

    for name in either.__all__:
        value = getattr(either, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            assert getattr(either._errors, name) is value


def test_public_names_say_either_in_tracebacks_and_reprs() -> None:
    for name in either.__all__:
        value = getattr(either, name)
        if isinstance(value, type) or inspect.isfunction(value):
            assert value.__module__ == "either", name
    assert repr(Retry).startswith("<class 'either.Retry'>")
    with pytest.raises(ArgumentValueError) as caught:
        Retry(attempts=0)
    assert "either.ArgumentValueError" in "".join(__import__("traceback").format_exception(caught.value))

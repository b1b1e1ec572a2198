"""Error context (`.context`, `Context`) and typed recovery (`recover(ErrType, f)`, `recover({...})`)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import either
from either import Context, Either, Left, NotAnEitherError, Right

messages = st.text(st.characters(blacklist_characters="\n\r"), min_size=1, max_size=20).filter(str.strip)


class NotFound(Exception):  # noqa: N818 (named as users name their errors)
    def __init__(self, key: str = "") -> None:
        super().__init__(key)
        self.key = key


class Timeout(Exception): ...  # noqa: N818


def test_context_renders_outer_to_inner_and_keeps_the_original() -> None:
    cause = ConnectionError("connection refused")
    result = Left(cause).context("fetching profile").context(lambda: "loading user 42")
    assert isinstance(result, Left)
    error = result.error
    assert str(error) == "loading user 42: fetching profile: connection refused"
    assert error.pretty() == "loading user 42\nCaused by:\n    0: fetching profile\n    1: connection refused"
    assert error.message == "loading user 42"
    assert error.messages == ("loading user 42", "fetching profile")
    assert error.cause is cause and error.root_cause() is cause
    assert error.find(ConnectionError) is cause and error.find(KeyError) is None
    assert repr(error) == "Context('loading user 42', 'fetching profile', cause=ConnectionError('connection refused'))"


def test_context_never_nests() -> None:
    inner = Context("inner", "boom")
    outer = Context("outer", inner)
    assert outer.cause == "boom" and outer.messages == ("outer", "inner")
    assert Left(inner).context("outer") == Left(outer)


def test_context_leaves_a_right_alone_and_calls_no_thunk() -> None:
    called: list[str] = []

    def thunk() -> str:
        called.append("x")  # pragma: no cover - must not run
        return "x"  # pragma: no cover

    assert Right(1).context(thunk) == Right(1)
    assert called == []


def test_match_reaches_the_original_error() -> None:
    result: Either[Context[NotFound | Timeout], int] = Left(NotFound("42")).context("loading user")
    match result:
        case Left(Context(NotFound(key=key))):
            assert key == "42"
        case _:  # pragma: no cover
            pytest.fail("no match")
    assert isinstance(result, Left)
    match result.error.root_cause():
        case NotFound():
            pass
        case Timeout():  # pragma: no cover
            pytest.fail("wrong branch")


def test_chain_follows_raise_from_and_survives_cycles() -> None:
    try:
        try:
            raise KeyError("id")
        except KeyError as inner:
            raise NotFound("42") from inner
    except NotFound as exc:
        error = Context("loading", exc)
    assert [type(item) for item in error.chain()] == [NotFound, KeyError]
    assert isinstance(error.find(KeyError), KeyError)
    assert error.pretty().splitlines()[-1] == "    1: 'id'"
    first, second = ValueError("a"), ValueError("b")
    first.__cause__, second.__cause__ = second, first
    assert len(Context("loop", first).chain()) == 2
    suppressed = ValueError("s")
    suppressed.__context__ = KeyError("hidden")
    suppressed.__suppress_context__ = True
    assert Context("x", suppressed).chain() == (suppressed,)


def test_rendering_never_raises_and_stays_bounded() -> None:
    class Hostile:
        def __str__(self) -> str:
            raise RuntimeError("no")

        def __repr__(self) -> str:
            return "Hostile()"

    assert str(Context("while", Hostile())) == "while: Hostile()"
    assert len(str(Context("m", "x" * 100_000))) < 2100
    assert str(Context("m", ValueError())) == "m: ValueError"
    assert Context("a", Context("b\nc", "d\ne")).pretty() == "a\nCaused by:\n    0: b\n       c\n    1: d\n       e"
    assert Context("a", 1) == Context("a", 1) and Context("a", 1) != Context("b", 1) and Context("a", 1) != 1
    assert hash(Context("a", 1)) == hash(Context("a", 1))
    with pytest.raises(AttributeError, match="immutable"):
        Context("a", 1)._cause = 2  # type: ignore[misc]
    with pytest.raises(TypeError, match="final"):
        type("Sub", (Context,), {})


def test_bad_messages_are_refused_clearly() -> None:
    with pytest.raises(TypeError, match=r"expected a message \(str\) or a function returning one, got 3"):
        Left("x").context(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a message"):
        Right("x").context(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="to return a str, got 5"):
        Left("x").context(lambda: 5)  # type: ignore[arg-type, return-value]
    with pytest.raises(TypeError, match="expected a class"):
        Context("a", 1).find("int")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Context\(\) expected a message \(str\), got 3"):
        Context(3, "x")  # type: ignore[arg-type]

    class Sneaky(str):
        def __str__(self) -> str:
            raise RuntimeError("no")

    left = Left("x").context(Sneaky("loading"))
    assert isinstance(left, Left) and type(left.error.message) is str and str(left.error) == "loading: x"


@given(st.lists(messages, min_size=1, max_size=6), st.integers())
def test_context_chains_keep_the_root_cause(layers: list[str], cause: int) -> None:
    result: Any = Left(cause)
    for message in layers:
        result = result.context(message)
    error = result.error
    assert error.root_cause() == cause and error.cause == cause
    assert error.messages == tuple(reversed(layers))
    assert str(error) == ": ".join([*reversed(layers), str(cause)])
    assert error.pretty().count("\n") == len(layers) + 1


# ---------------------------------------------------------------- recover by class
def guest(error: NotFound) -> Either[str, str]:
    return Right(f"guest (no {error.key})")


def test_recover_by_class_handles_only_that_class() -> None:
    assert Left(NotFound("ada")).recover(NotFound, guest) == Right("guest (no ada)")
    timeout = Timeout()
    assert Left(timeout).recover(NotFound, guest) == Left(timeout)
    assert Right("ada").recover(NotFound, guest) == Right("ada")
    assert Left(NotFound("x")).recover(Exception, lambda e: Left("still")) == Left("still")


def test_recover_by_mapping_tries_the_classes_in_order() -> None:
    handlers: dict[type[Any], Any] = {
        NotFound: lambda e: Right("not found"),
        Exception: lambda e: Right("anything else"),
    }
    assert Left(NotFound()).recover(handlers) == Right("not found")
    assert Left(Timeout()).recover(handlers) == Right("anything else")
    assert Left("text").recover(handlers) == Left("text")
    assert Right(1).recover(handlers) == Right(1)


def test_recover_with_a_function_is_bind_left() -> None:
    assert Left(1).recover(lambda e: Right(e + 1)) == Right(2)
    assert Right(1).recover(lambda e: Right(0)) == Right(1)
    assert Right(1).bind_left(lambda e: Right(0)) == Right(1)


def test_recover_refuses_bad_arguments_clearly() -> None:
    with pytest.raises(TypeError, match=r"recover\(kind, f\) expected an error class, got 'NotFound'"):
        Left(1).recover("NotFound", guest)  # type: ignore[call-overload]
    with pytest.raises(NotAnEitherError, match="expected a callable"):
        Right(1).recover(NotFound, "guest")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"recover\(\{...\}\) key expected an error class, got 1"):
        Left(1).recover({1: guest})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="at least one error class"):
        Left(1).recover({})
    with pytest.raises(NotAnEitherError, match="to return a Left or a Right, got 'plain'"):
        Left(NotFound()).recover(NotFound, lambda e: "plain")  # type: ignore[arg-type, return-value]

    class Lying(dict[Any, Any]):
        def items(self) -> Any:
            raise RuntimeError("lies")

    with pytest.raises(TypeError, match="could not read its handlers mapping"):
        Left(1).recover(Lying({NotFound: guest}))


@given(st.integers())
def test_recover_by_class_is_bind_left_on_matching_errors(value: int) -> None:
    def step(error: int) -> Either[str, int]:
        return Right(error * 2) if error % 2 else Left("even")

    assert Left(value).recover(int, step) == Left(value).bind_left(step)
    assert Left(str(value)).recover(int, step) == Left(str(value))
    assert either.is_left(Left(value).recover(str, step))

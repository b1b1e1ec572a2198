"""The synchronous core as `Deferred` relies on it: every method of both variants, do-blocks,
combinators and the error helpers (a compact, table-driven pass over the foundation)."""

from __future__ import annotations

from typing import Any

import pytest

import either
from either import Bind, BindError, Block, Left, NotAnEitherError, Right, UnwrapError
from either._core import _set_tracing
from either._errors import describe, short_repr


def test_right_methods() -> None:
    r: Right[int] = Right(2)
    assert r.value == 2
    assert r.is_right()
    assert not r.is_left()
    assert r.map(lambda x: x + 1) == Right(3)
    assert r.map_left(str) is r
    assert r.bind(Left) == Left(2)
    assert r.bind_left(lambda e: Right(0)) is r
    assert r.recover(lambda e: Right(0)) is r
    assert r.ensure(lambda x: x > 1, "small") is r
    assert r.ensure(lambda x: x > 5, "small") == Left("small")
    seen: list[int] = []
    assert r.tap(seen.append) is r
    assert r.tap_left(seen.append) is r
    assert seen == [2]
    assert r.fold(len, lambda x: x * 2) == 4
    assert r.swap() == Left(2)
    assert r.right_or_none() == 2
    assert r.left_or_none() is None
    assert r.unwrap() == 2
    assert r.unwrap_or(0) == 2
    assert r.unwrap_or_else(len) == 2
    assert r.expect("needed") == 2
    with pytest.raises(UnwrapError, match=r"called unwrap_left\(\) on Right\(2\): expected a Left"):
        r.unwrap_left()
    assert repr(r) == "Right(2)"
    assert r != Left(2)
    assert hash(r) == hash(Right(2))


def test_left_methods() -> None:
    left: Left[str] = Left("e")
    assert left.error == "e"
    assert left.origin is None
    assert left.is_left()
    assert not left.is_right()
    assert left.map(len) is left
    assert left.map_left(str.upper) == Left("E")
    assert left.bind(Right) is left
    assert left.bind_left(lambda e: Right(len(e))) == Right(1)
    assert left.ensure(bool, "x") is left
    seen: list[str] = []
    assert left.tap(seen.append) is left
    assert left.tap_left(seen.append) is left
    assert seen == ["e"]
    assert left.fold(len, str) == 1
    assert left.swap() == Right("e")
    assert left.right_or_none() is None
    assert left.left_or_none() == "e"
    assert left.unwrap_or(0) == 0
    assert left.unwrap_or_else(len) == 1
    assert left.unwrap_left() == "e"
    with pytest.raises(UnwrapError, match=r"called unwrap\(\) on Left\('e'\): expected a Right"):
        left.unwrap()
    with pytest.raises(UnwrapError, match=r"needed: Left\('e'\)"):
        left.expect("needed")
    assert repr(left) == "Left('e')"
    assert left != Right("e")
    assert hash(left) == hash(Left("e"))


def test_unwrap_chains_from_an_exception_held_by_a_left() -> None:
    error = KeyError("k")
    with pytest.raises(UnwrapError) as caught:
        Left(error).unwrap()
    assert caught.value.__cause__ is error
    assert caught.value.either == Left(error)


def test_bad_callbacks_and_results_are_named() -> None:
    with pytest.raises(NotAnEitherError, match=r"map\(\) expected a callable, got 3 \(int\)"):
        Right(1).map(3)  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"bind\(\) expected a callable"):
        Right(1).bind(3)  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"map_left\(\) expected a callable"):
        Left(1).map_left(3)  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"bind_left\(\) expected a callable"):
        Left(1).bind_left(3)  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"bind\(\) expected .*<lambda> to return a Left or a Right"):
        Right(1).bind(lambda x: x)  # type: ignore[arg-type, return-value]
    with pytest.raises(NotAnEitherError, match=r"bind_left\(\) expected .* got 1"):
        Left(1).bind_left(lambda x: x)  # type: ignore[arg-type, return-value]

    def broken(x: int) -> Any:
        raise TypeError("mine")

    for call in (lambda: Right(1).map(broken), lambda: Right(1).bind(broken)):
        with pytest.raises(TypeError, match=r"^mine$"):
            call()
    for call in (lambda: Left(1).map_left(broken), lambda: Left(1).bind_left(broken)):
        with pytest.raises(TypeError, match=r"^mine$"):
            call()


def test_constructors() -> None:
    assert either.right(1) == Right(1)
    assert either.left("e") == Left("e")
    assert either.from_optional(None, "missing") == Left("missing")
    assert either.from_optional(0, "missing") == Right(0)


def test_tracing_records_where_a_left_was_made() -> None:
    _set_tracing(True)
    try:
        left = Left("traced")
    finally:
        _set_tracing(False)
    assert left.origin is not None
    assert "test_either_basics.py" in left.origin
    assert "created at" in repr(left)
    with pytest.raises(UnwrapError, match="created at"):
        left.unwrap()
    assert Left("plain").origin is None


def test_combinators() -> None:
    assert either.sequence([Right(1), Right(2)]) == Right([1, 2])
    assert either.sequence([Right(1), Left("x")]) == Left("x")
    assert either.traverse(lambda s: Right(int(s)), ["1", "2"]) == Right([1, 2])
    assert either.traverse(Left, ["1", "2"]) == Left("1")
    assert either.partition([Right(1), Left("a"), Right(2)]) == (["a"], [1, 2])
    assert either.collect(Right(1), Left("a"), Left("b")) == Left(["a", "b"])
    assert either.collect(Right(1), Right(2)) == Right((1, 2))
    assert either.first_right([Left("a"), Right(1)]) == Right(1)
    for call, where in [
        (lambda: either.sequence([Right(1), 5]), r"sequence\(\) item 1"),
        (lambda: either.traverse(lambda x: x, [1]), r"traverse\(\) function"),
        (lambda: either.partition([5]), r"partition\(\) item 0"),
        (lambda: either.validate_all(1, lambda x: x), r"validate_all\(\) check"),
        (lambda: either.first_right([5]), r"first_right\(\) item 0"),
    ]:
        with pytest.raises(NotAnEitherError, match=where):
            call()


def test_collect_refuses_non_eithers() -> None:
    with pytest.raises(NotAnEitherError):
        either.collect(Right(1), 5)  # type: ignore[call-overload]


def test_do_block_rules() -> None:
    kept: list[Any] = []

    @either.do
    def block(bind: Bind[str], x: int) -> int:
        kept.append(bind)
        return bind(Right(x)) + 1

    assert block(1) == Right(2)
    with pytest.raises(BindError, match="used after its block ended"):
        kept[0](Right(1))

    @either.do
    def bad(bind: Bind[str]) -> int:
        return bind(5)  # type: ignore[arg-type, no-any-return]

    with pytest.raises(NotAnEitherError, match=r"bind\(\) in .*bad\(\) expected a Left or a Right, got 5"):
        bad()

    @either.do
    def outer(bind: Bind[str]) -> int:
        @either.do
        def inner(inner_bind: Bind[str]) -> int:
            return bind(Left("outer"))  # type: ignore[no-any-return]

        return bind(inner())

    with pytest.raises(BindError, match="another do-block"):
        outer()

    class Service:
        @either.do
        def method(self, bind: Bind[str], x: int) -> int:
            return bind(Left("no") if x < 0 else Right(x))

        @either.do
        def nested(self, bind: Bind[str]) -> int:
            @either.do
            def inner(inner_bind: Bind[str]) -> int:
                return bind(Left("outer"))  # type: ignore[no-any-return]

            return bind(inner())

    assert Service().method(1) == Right(1)
    assert Service().method(-1) == Left("no")
    with pytest.raises(BindError):
        Service().nested()


def test_handle_position() -> None:
    from either._do import handle_position

    def annotated_string(self: Any, bind: either.Bind[str]) -> None: ...

    def no_parameters() -> None: ...

    assert handle_position(annotated_string) == 1
    with pytest.raises(TypeError, match="a do-block decorates a function, got 3"):
        handle_position(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes the bind handle as its first parameter"):
        handle_position(no_parameters)


def test_block() -> None:
    block = Block[str, int]()
    with pytest.raises(BindError, match="has not run"):
        _ = block.result
    with block as bind:
        block.succeed(bind(Right(1)))
    assert block.result == Right(1)
    with pytest.raises(BindError, match="can be entered once"):
        block.__enter__()
    with pytest.raises(BindError, match="must be called inside"):
        block.succeed(2)

    empty = Block[str, int]()
    with empty:
        pass
    with pytest.raises(BindError, match="ended without calling succeed"):
        _ = empty.result

    with pytest.raises(ValueError, match="passes through"), Block[str, int]():
        raise ValueError("passes through")

    outer = Block[str, int]()
    with pytest.raises(BindError, match="another do-block"), outer as outer_bind, Block[str, int]():
        outer_bind(Left("x"))


def test_error_helpers() -> None:
    def refuse(self: object) -> int:
        raise RuntimeError("no")

    looks_like_a_list = type("list", (), {"__len__": refuse})  # reprlib then calls len() itself
    assert short_repr(looks_like_a_list()) == "<list object; repr failed: RuntimeError>"
    assert len(short_repr("x" * 10_000)) <= 120
    assert short_repr("x" * 500, limit=20).endswith("...")
    assert describe(3) == "3 (int)"

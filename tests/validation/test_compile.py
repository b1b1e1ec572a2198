"""Schema compilation: one lock for every build, caches that neither collide nor fall off a cliff, no writes."""

from __future__ import annotations

import dataclasses
import sys
import threading
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

import pytest
import typing_extensions
from pydantic import BaseModel, ConfigDict

import validation
import validation._schema as schema_module
from either import Right
from validation import Options


@contextmanager
def _fast_switching() -> Iterator[None]:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def _from_threads(build: Callable[[], object], count: int = 32) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(build())
        except BaseException as exc:  # every failure is collected and shown below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    with _fast_switching():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(results) == count
    return results


def _typed_dicts() -> tuple[Any, Any]:
    """A fresh pair of `typing.TypedDict`s (converted on Python < 3.12), so each round builds anew."""
    make: Any = typing.TypedDict  # the functional form: no string annotations to resolve
    leaf = make("Leaf", {"port": int})
    tree = make("Tree", {"leaf": leaf, "leaves": list[leaf], "by_name": dict[str, leaf]})
    return tree, {"leaf": {"port": 1}, "leaves": [{"port": "2"}], "by_name": {"a": {"port": 3}}}


@pytest.mark.parametrize("round_", range(3))
def test_one_typed_dict_schema_built_from_32_threads(round_: int) -> None:
    tree, data = _typed_dicts()
    results = _from_threads(lambda: validation.parse(tree, data))
    expected = Right({"leaf": {"port": 1}, "leaves": [{"port": 2}], "by_name": {"a": {"port": 3}}})
    assert all(result == expected for result in results)


@pytest.mark.parametrize("round_", range(3))
def test_one_map_schema_and_one_options_class_built_from_32_threads(round_: int) -> None:
    tree, data = _typed_dicts()

    class Server(Options):
        host: str = "h"
        tree: tree | None = None  # type: ignore[valid-type]

    results = _from_threads(
        lambda: validation.schema({"server": Server, "tree": tree}).parse({"server": {}, "tree": data})
    )
    assert all(result.is_right() for result in results)  # type: ignore[attr-defined]

    class Fresh(Options):
        host: str = "h"
        child: Fresh | None = None

    parsed = _from_threads(lambda: Fresh.parse({"child": {"host": "x"}}))
    assert all(result == Right(Fresh(child=Fresh(host="x"))) for result in parsed)


class Model(BaseModel):
    name: str = "n"


@dataclasses.dataclass
class Plain:
    model: Model


def test_no_attribute_of_a_users_class_is_written_even_under_a_race() -> None:
    before = {key: id(value) for key, value in vars(Model).items()}
    seen: list[object] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.append(Model.__dict__.get("__pydantic_complete__"))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for index in range(20):  # a fresh type each time: a schema build each time
            wrapper = list[Plain] if index % 2 else dict[str, Model | Literal[index]]  # type: ignore[valid-type]
            _from_threads(lambda wrapper=wrapper: validation.parse(wrapper, []), count=4)
    finally:
        stop.set()
        watcher.join()
    assert set(seen) == {True}
    assert {key: id(value) for key, value in vars(Model).items()} == before
    assert validation.parse(Plain, {"model": {"name": "x", "nmae": 1}}).is_left()
    assert Model.model_validate({"name": "x", "nmae": 1}) == Model(name="x")  # its own validator is untouched


def test_union_order_is_part_of_the_cache_key() -> None:
    assert validation.parse(int | float, "1") == Right(1)
    assert validation.parse(float | int, "1") == Right(1.0)
    assert type(validation.parse(float | int, "1").unwrap()) is float
    assert validation.parse(list[int | float], ["1"]).unwrap() == [1]
    assert type(validation.parse(list[float | int], ["1"]).unwrap()[0]) is float
    assert schema_module.compile_type(Literal[1]) is not schema_module.compile_type(Literal[True])
    assert validation.parse(Literal[True], True) == Right(True)


def test_the_type_cache_is_a_bounded_lru_without_a_cliff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_module, "_MAX_CACHED", 8)
    schema_module._ENGINES.clear()
    kinds = [Literal[f"v{index}"] for index in range(20)]
    engines = [schema_module.compile_type(kind) for kind in kinds]
    assert len(schema_module._ENGINES) == 8
    assert schema_module.compile_type(kinds[-1]) is engines[-1]  # the newest stay cached past the bound
    assert schema_module.compile_type(kinds[0]) is not engines[0]  # the oldest were evicted
    recent = schema_module.compile_type(kinds[13])
    for kind in kinds[:6]:
        schema_module.compile_type(kind)
    assert schema_module.compile_type(kinds[13]) is recent  # used since: kept


class Items(typing_extensions.TypedDict, extra_items=int):  # type: ignore[call-arg]
    name: str


class Loose(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str


@dataclasses.dataclass
class Holder:
    items: Items
    loose: Loose


def test_opened_levels_stay_open_where_nothing_else_opens() -> None:
    data = {"items": {"name": "a", "x": 1}, "loose": {"name": "b", "y": 2}}
    parsed = validation.parse(Holder, data).unwrap()
    assert parsed.items == {"name": "a", "x": 1}
    assert parsed.loose.model_extra == {"y": 2}
    invalid = validation.parse(Holder, {**data, "z": 1}).unwrap_left()
    assert invalid.paths == (("z",),)
    opened = validation.schema({"a": int}, open=True)
    assert opened.parse({"a": 1, "b": 2}) == Right({"a": 1, "b": 2})
    nested = validation.schema({"inner": {"a": int}}, open=True)
    assert nested.parse({"inner": {"a": 1, "b": 2}}).unwrap_left().paths == (("inner", "b"),)


class _Leaf(Options):
    port: int = 1


class _Row(typing_extensions.TypedDict):
    a: int


class _Tree(Options):
    leaf: _Leaf = _Leaf()
    rows: list[_Row] = []  # noqa: RUF012 -- copied for every instance


class _Model(BaseModel):
    port: int = 1


class _Holder(Options):
    model: _Model = _Model()


def test_the_call_time_switch_is_paid_only_where_a_reused_validator_needs_it() -> None:
    from validation._compile import compile_annotation

    # Options, TypedDicts: every level is closed in the copy, so the plain call suffices...
    own = compile_annotation(_Tree)
    assert own.validate == own.validator.validate_python
    assert validation.parse(_Tree, {"leaf": {"prot": 2}}).unwrap_left().issues[0].suggestions == ("port",)
    assert validation.parse(_Tree, {"rows": [{"a": 1, "b": 2}]}).unwrap_left().codes == ("unknown_key",)
    # ...a pydantic model's own validator is reused by pydantic-core: only the switch closes it.
    held = compile_annotation(_Holder)
    assert held.validate != held.validator.validate_python
    assert validation.parse(_Holder, {"model": {"prot": 2}}).unwrap_left().issues[0].suggestions == ("port",)

"""The engine's error translation across schema shapes: tuples, unions, open and closed levels."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

import pytest
import typing_extensions
from pydantic import BaseModel, ConfigDict, Discriminator, Tag, with_config
from pydantic.version import VERSION as PYDANTIC_VERSION

import validation
from either import Left, Right
from validation import Options
from validation._compile import close_schema
from validation._nodes import step_into
from validation._translate import MAX_SUGGESTED


def issues(result: object) -> list[tuple[str, tuple[object, ...], tuple[str, ...]]]:
    assert isinstance(result, Left), result
    return [(issue.code, issue.path, issue.suggestions) for issue in result.error.issues]


@dataclasses.dataclass
class Cat:
    kind: Literal["cat"]
    lives: int = 9


@dataclasses.dataclass
class Dog:
    kind: Literal["dog"]
    good_boy: bool = True


class Server(Options):
    host: str = "h"
    port: int = 1


def test_fixed_and_variadic_tuples() -> None:
    assert issues(validation.parse(tuple[Server, int], ({"hots": "x"}, 1))) == [("unknown_key", (0, "hots"), ("host",))]
    assert issues(validation.parse(tuple[int, ...], (1, "x"))) == [
        ("wrong_type", (1,), ()),
    ]


def test_sets_and_frozensets() -> None:
    assert issues(validation.parse(frozenset[int], ["x"]))[0][:2] == ("wrong_type", (0,))


def test_discriminated_union_paths_and_suggestions() -> None:
    pet = Annotated[Cat | Dog, Discriminator("kind")]
    assert validation.parse(list[pet], [{"kind": "dog"}]) == Right([Dog("dog")])
    assert issues(validation.parse(list[pet], [{"kind": "dog", "good_boi": False}])) == [
        ("unknown_key", (0, "good_boi"), ("good_boy",))
    ]


def test_callable_discriminator_with_tags() -> None:
    def pick(value: Any) -> str:
        return "server" if isinstance(value, dict) and "host" in value else "number"

    server_or_number = Annotated[Annotated[Server, Tag("server")] | Annotated[int, Tag("number")], Discriminator(pick)]
    assert issues(validation.parse(server_or_number, {"host": "h", "porrt": 1})) == [
        ("unknown_key", ("porrt",), ("port",))
    ]


def test_smart_union_of_options_classes() -> None:
    class Other(Options):
        name: str

    result = validation.parse(Server | Other, {"hots": "x"})
    found = issues(result)
    assert ("unknown_key", ("hots",), ("host",)) in found
    assert all(len(path) == 1 for _, path, _ in found)


def test_left_to_right_union_labels() -> None:
    from pydantic import Field

    spec = validation.schema({"value": Annotated[int | Server, Field(union_mode="left_to_right")]})
    found = issues(spec.parse({"value": {"hots": 1}}))
    assert ("unknown_key", ("value", "hots"), ("host",)) in found


def test_decimal_and_other_wrapped_schemas() -> None:
    assert validation.parse(dict[str, Decimal], {"a": "1.5"}) == Right({"a": Decimal("1.5")})
    assert issues(validation.parse(dict[str, Decimal], {"a": "x"}))[0][:2] == ("wrong_type", ("a",))


def test_typed_dict_extra_items_and_config_open_a_level() -> None:
    class Items(typing_extensions.TypedDict, extra_items=int):
        name: str

    @with_config(ConfigDict(extra="allow"))
    class Configured(typing_extensions.TypedDict):
        name: str

    class Closed(typing_extensions.TypedDict):
        name: str

    assert validation.parse(Items, {"name": "a", "x": 1}) == Right({"name": "a", "x": 1})
    assert validation.parse(Configured, {"name": "a", "x": 1}).is_right()
    assert issues(validation.parse(Closed, {"name": "a", "nmae": 1})) == [("unknown_key", ("nmae",), ())]


def test_explicit_pydantic_ignore_is_respected_and_nested_defaults_are_closed() -> None:
    class Loose(BaseModel):
        model_config = ConfigDict(extra="ignore")
        name: str

    class Strict(BaseModel):
        name: str

    class Holder(BaseModel):
        model_config = ConfigDict(extra="ignore")
        loose: Loose
        strict: Strict

    # Holder opens itself but holds Strict, which Holder's own validator (reused whole by
    # pydantic-core, Loose inside it included) would leave open too: closed by default wins.
    # Loose, inside Holder's validator, keeps its own `extra` on pydantic 2.12 only.
    result = validation.parse(Holder, {"loose": {"name": "a", "x": 1}, "strict": {"name": "b", "nmae": 1}, "y": 2})
    expected = [("unknown_key", ("strict", "nmae"), ()), ("unknown_key", ("y",), ())]
    if tuple(int(part) for part in PYDANTIC_VERSION.split(".")[:2]) >= (2, 13):
        expected.insert(0, ("unknown_key", ("loose", "x"), ()))
    assert sorted(issues(result)) == expected
    # Reached through a schema eitherway builds, Loose stays open.
    assert validation.parse(Loose, {"name": "a", "x": 1}) == Right(Loose(name="a"))
    assert validation.parse(list[Loose], [{"name": "a", "x": 1}]) == Right([Loose(name="a")])
    spec = validation.schema({"loose": Loose, "strict": Strict})
    assert issues(spec.parse({"loose": {"name": "a", "x": 1}, "strict": {"name": "b", "x": 1}})) == [
        ("unknown_key", ("strict", "x"), ())
    ]


def test_pydantic_dataclass_is_closed() -> None:
    from pydantic.dataclasses import dataclass as pydantic_dataclass

    @pydantic_dataclass
    class Point:
        x: int
        y: int = 0

    assert validation.parse(Point, {"x": 1}) == Right(Point(1, 0))
    assert issues(validation.parse(Point, {"x": 1, "yy": 2})) == [("unknown_key", ("yy",), ())]
    assert Point(x=1, y=2).y == 2  # the class's own validator still works afterwards


def test_close_schema_leaves_non_schema_values_alone() -> None:
    schema = {"type": "list", "items_schema": {"type": "str"}, "metadata": {"type": "typed-dict"}}
    closed = close_schema(schema)
    assert closed == schema
    assert closed is not schema
    assert close_schema(({"type": "model-fields", "fields": {}},)) == (
        {"type": "model-fields", "fields": {}, "extra_behavior": "forbid"},
    )


def test_step_survives_hostile_containers() -> None:
    class Exploding(Mapping[str, int]):
        def __getitem__(self, key: str) -> int:
            raise RuntimeError("boom")

        def get(self, key: object, default: object = None) -> Any:
            raise RuntimeError("boom")

        def __iter__(self) -> Iterator[str]:
            return iter(())

        def __len__(self) -> int:
            return 0

    marker = step_into(Exploding(), "a")
    assert marker is step_into(3, "a")
    assert step_into([1, 2], 5) is marker
    assert step_into([1, 2], 1) == 2


def test_every_issue_is_kept_but_only_the_first_unknown_keys_get_suggestions() -> None:
    one_edit = ["port"[:i] + c + "port"[i + 1 :] for i in range(4) for c in "abcdefghijklmnqsuvwxyz"]
    typos = dict.fromkeys(one_edit[: MAX_SUGGESTED + 5], 1)  # each one replacement from "port"
    invalid = Server.parse(typos).unwrap_left()
    assert len(invalid.issues) == MAX_SUGGESTED + 5
    with_suggestions = [issue for issue in invalid.issues if issue.suggestions]
    assert len(with_suggestions) == MAX_SUGGESTED


def test_model_type_errors_for_nested_non_mappings() -> None:
    class Holder(Options):
        server: Server = Server()

    assert issues(Holder.parse({"server": 3})) == [("not_a_mapping", ("server",), ())]
    assert "expected a mapping, got 3 (int)" in str(Holder.parse({"server": 3}).unwrap_left())


@pytest.mark.parametrize("value", [float("nan"), "x" * 10_000, list(range(10_000))])
def test_values_are_quoted_cut(value: object) -> None:
    invalid = validation.schema({"n": int}).parse({"n": value}).unwrap_left()
    assert len(invalid.issues[0].message) <= 240

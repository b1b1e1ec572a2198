"""`validation.schema` for ad-hoc maps and `validation.parse(T, data)` for other typed shapes."""

from __future__ import annotations

import dataclasses
import sys
import typing
from typing import Literal

import attrs
import pytest
import typing_extensions
from pydantic import BaseModel, ConfigDict

import validation
from either import Left, Right
from validation import Options, Secret, optional, schema


def codes(result: object) -> list[tuple[str, tuple[object, ...], tuple[str, ...]]]:
    assert isinstance(result, Left), result
    return [(issue.code, issue.path, issue.suggestions) for issue in result.error.issues]


# ---------------------------------------------------------------------- map schemas

PARAMS = schema(
    {
        "profileId": str,
        optional("includeTypes"): list[str],
        optional("pageSize", default=20): int,
        optional("filters", default={}): {"status": Literal["open", "closed"], optional("owner"): str},
    }
)


def test_map_schema_fills_defaults_and_keeps_optional_keys_out() -> None:
    assert PARAMS.parse({"profileId": "p1"}) == Right({"profileId": "p1", "pageSize": 20, "filters": {}})
    assert PARAMS.parse({"profileId": "p1", "includeTypes": ["a"], "pageSize": "5"}) == Right(
        {"profileId": "p1", "includeTypes": ["a"], "pageSize": 5, "filters": {}}
    )


def test_map_schema_default_is_never_shared() -> None:
    first = PARAMS.parse({"profileId": "p"}).unwrap()
    second = PARAMS.parse({"profileId": "p"}).unwrap()
    assert first["filters"] is not second["filters"]


def test_map_schema_is_closed_at_every_level() -> None:
    result = PARAMS.parse({"profileid": "p1", "pageSise": 3, "filters": {"status": "opne", "ownr": "me"}})
    assert sorted(codes(result)) == [
        ("bad_value", ("filters", "status"), ("open",)),
        ("unknown_key", ("filters", "ownr"), ("owner",)),
        ("unknown_key", ("pageSise",), ("pageSize",)),
        ("unknown_key", ("profileid",), ("profileId",)),
    ]


def test_map_schema_open_keeps_unknown_top_level_keys() -> None:
    loose = schema({"a": int}, open=True)
    assert loose.parse({"a": "1", "b": 2}) == Right({"a": 1, "b": 2})


def test_map_schema_with_options_and_secret_values() -> None:
    class Db(Options):
        host: str

    spec = schema({"db": Db, "token": Secret[str]})
    parsed = spec.parse({"db": {"host": "h"}, "token": "t0k3n"}).unwrap()
    assert parsed["db"] == Db(host="h")
    assert parsed["token"] == Secret("t0k3n")
    assert codes(spec.parse({"db": {"hst": "h"}, "token": "t"})) == [("unknown_key", ("db", "hst"), ("host",))]


def test_map_schema_refuses_bad_spec_keys() -> None:
    with pytest.raises(TypeError, match="schema keys are str"):
        schema({1: int})  # type: ignore[dict-item]  # pyright: ignore[reportArgumentType]
    with pytest.raises(TypeError, match="must be a str"):
        optional(1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def test_optional_key_value_semantics() -> None:
    assert optional("a") == optional("a", default=1)
    assert hash(optional("a")) == hash(optional("a"))
    assert repr(optional("a")) == "optional('a')"
    assert repr(optional("a", default=1)) == "optional('a', default=1)"
    assert "optional('pageSize', default=20)" in repr(PARAMS)


# ---------------------------------------------------------------------- parse(T)


@dataclasses.dataclass
class Address:
    street: str
    city: str = "Kyiv"


@dataclasses.dataclass
class Person:
    name: str
    address: Address


@attrs.define
class Point:
    x: int
    y: int = 0


@attrs.define
class Shape:
    points: list[Point]
    label: str = "shape"


class PydPerson(BaseModel):
    name: str
    age: int = 0


class PydAddress(BaseModel):
    street: str


class PydHolder(BaseModel):
    address: PydAddress


class OpenModel(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str


class Movie(typing.TypedDict):
    title: str
    year: typing_extensions.NotRequired[int]


class Partial(typing.TypedDict, total=False):
    title: str


class Shelf(typing.TypedDict):
    movies: list[Movie]


class ClosedMovie(typing_extensions.TypedDict, closed=False):
    title: str


def test_parse_dataclass_closed_at_every_level() -> None:
    assert validation.parse(Person, {"name": "a", "address": {"street": "s"}}) == Right(
        Person("a", Address("s", "Kyiv"))
    )
    result = validation.parse(Person, {"nmae": "a", "address": {"stret": "s"}})
    assert sorted(codes(result)) == [
        ("unknown_key", ("address", "stret"), ("street",)),
        ("unknown_key", ("nmae",), ("name",)),
    ]


def test_parse_attrs_class() -> None:
    assert validation.parse(Point, {"x": "1"}) == Right(Point(1, 0))
    assert codes(validation.parse(Point, {"x": 1, "z": 2})) == [("unknown_key", ("z",), ())]
    assert codes(validation.parse(Point, {"x": 1, "yy": 1})) == [("unknown_key", ("yy",), ())]  # too short to guess
    shape = validation.parse(Shape, {"points": [{"x": 1}, {"x": 2, "y": 3}]}).unwrap()
    assert shape == Shape([Point(1, 0), Point(2, 3)])
    assert codes(validation.parse(Shape, {"points": [{"x": 1, "yy": 2}]})) == [("unknown_key", ("points", 0, "yy"), ())]
    existing = Point(1, 2)
    assert validation.parse(Point, existing).unwrap() is existing


def test_attrs_validator_errors_become_issues() -> None:
    @attrs.define
    class Positive:
        value: int = attrs.field(validator=attrs.validators.gt(0))

    result = validation.parse(Positive, {"value": -1})
    assert codes(result)[0][0] == "bad_value"


def test_parse_pydantic_models_forbid_unknown_keys_unless_opened() -> None:
    assert validation.parse(PydPerson, {"name": "a"}) == Right(PydPerson(name="a"))
    assert codes(validation.parse(PydPerson, {"name": "a", "aeg": 3})) == [("unknown_key", ("aeg",), ("age",))]
    assert codes(validation.parse(PydHolder, {"address": {"stret": "s"}})) == [
        ("unknown_key", ("address", "stret"), ("street",))
    ]
    assert validation.parse(OpenModel, {"name": "a", "extra": 1}).unwrap().model_extra == {"extra": 1}
    assert validation.parse(PydPerson, {"name": "a", "aeg": 3}, open=True) == Right(PydPerson(name="a"))


def test_parse_typing_typed_dict_on_every_python() -> None:
    assert validation.parse(Movie, {"title": "Heat"}) == Right({"title": "Heat"})
    assert validation.parse(Movie, {"title": "Heat", "year": "1995"}) == Right({"title": "Heat", "year": 1995})
    assert codes(validation.parse(Movie, {"titel": "Heat"})) == [("unknown_key", ("titel",), ("title",))]
    assert validation.parse(Partial, {}) == Right({})
    assert codes(validation.parse(Shelf, {"movies": [{"title": "a", "yaer": 1}]})) == [
        ("unknown_key", ("movies", 0, "yaer"), ("year",))
    ]


def test_typed_dict_opened_explicitly_keeps_unknown_keys_out_of_issues() -> None:
    assert validation.parse(ClosedMovie, {"title": "a", "other": 1}).is_right()


class Tree(typing.TypedDict):
    children: list[Tree]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the conversion only runs before 3.12")
def test_recursive_typing_typed_dict_before_312_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="refers to itself"):
        validation.parse(Tree, {"children": []})


def test_parse_plain_types_and_containers() -> None:
    assert validation.parse(int, "3") == Right(3)
    assert codes(validation.parse(int, "x"))[0][0] == "wrong_type"
    assert validation.parse(list[Address], [{"street": "s"}]) == Right([Address("s")])
    assert codes(validation.parse(dict[str, Point], {"a": {"x": 1, "q": 1}})) == [("unknown_key", ("a", "q"), ())]
    assert validation.parse(int | None, None) == Right(None)


def test_parse_options_class_delegates() -> None:
    class Db(Options):
        host: str

    assert validation.parse(Db, {"host": "h"}) == Right(Db(host="h"))


def test_parse_caches_engines() -> None:
    from validation._schema import compile_type

    assert compile_type(Address) is compile_type(Address)
    assert compile_type(Address, open=True) is not compile_type(Address)


def test_union_tags_are_left_out_of_paths() -> None:
    result = validation.parse(dict[str, Address | Point], {"a": {"street": 1}})
    assert all(issue.path[:1] == ("a",) for issue in result.unwrap_left())
    assert all(len(issue.path) == 2 for issue in result.unwrap_left())


def test_options_fields_of_attrs_and_typing_typed_dict_types() -> None:
    class Scene(Options):
        movie: Movie
        origin: Point = Point(0, 0)

    scene = Scene.parse({"movie": {"title": "Heat"}, "origin": {"x": "2"}}).unwrap()
    assert scene.movie == {"title": "Heat"}
    assert scene.origin == Point(2, 0)
    assert codes(Scene.parse({"movie": {"titel": "Heat"}})) == [("unknown_key", ("movie", "titel"), ("title",))]

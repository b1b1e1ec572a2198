"""Errors under a mapping's typed extra items and aliased keys: one issue each, at the user's path.

Every lax `int` is compiled to a union (a strict probe, then the guarded lax int); the
translator follows each error's location through the schema to drop the union's member
tags and the probe's duplicate. These tests plant one wrong value where the location runs
through an `extras_schema` (a TypedDict's `extra_items`, a model's typed
`__pydantic_extra__`) or through a key spelt by its alias.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import pytest
import typing_extensions
from hostile import EqRaises, HashRaises, PairsMapping
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

import validation
from validation import Issue, Options, sources
from validation._translate import Translator

# ---------------------------------------------------------------------- the containers

_EXTRA_TYPES: dict[str, Any] = {
    "int": int,
    "list": list[int],
    "optional": int | None,
    "map": dict[str, int],
}

_make: Any = typing_extensions.TypedDict  # the functional form takes `extra_items`
_TYPED_DICTS: dict[str, Any] = {
    name: _make(f"Extra_{name}", {"x": int}, extra_items=tp) for name, tp in _EXTRA_TYPES.items()
}


class _IntExtras(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)  # built inline, so its ints are guarded
    __pydantic_extra__: dict[str, int] = Field(init=False)
    x: int = 0


class _ListExtras(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)
    __pydantic_extra__: dict[str, list[int]] = Field(init=False)
    x: int = 0


class _OptionalExtras(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)
    __pydantic_extra__: dict[str, int | None] = Field(init=False)
    x: int = 0


class _MapExtras(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)
    __pydantic_extra__: dict[str, dict[str, int]] = Field(init=False)
    x: int = 0


_MODELS: dict[str, Any] = {"int": _IntExtras, "list": _ListExtras, "optional": _OptionalExtras, "map": _MapExtras}


_IntItems = _TYPED_DICTS["int"]
_ListItems = _TYPED_DICTS["list"]
_OptionalItems = _TYPED_DICTS["optional"]
_MapItems = _TYPED_DICTS["map"]


class _Holder(Options):
    """Extra items one level down, so the path has a prefix and the root is a closed level."""

    by_type: dict[str, int] = {}  # noqa: RUF012 -- copied for every instance
    ints: _IntItems | None = None
    ints_list: list[_ListItems] = []  # noqa: RUF012
    maybe: _OptionalItems | None = None
    maps: dict[str, _MapItems] = {}  # noqa: RUF012


_HELD: dict[str, tuple[str, ...]] = {"int": ("ints",), "list": ("ints_list", 0), "optional": ("maybe",)}

# ---------------------------------------------------------------------- wrong values

_NOT_INT: st.SearchStrategy[object] = st.one_of(
    st.text(max_size=8).filter(lambda text: not text.strip().lstrip("+-").replace("_", "").isdigit()),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda number: not number.is_integer()),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
"""Values an `int` refuses, whatever pydantic's lax parsing makes of strings and floats."""

_KEYS = st.text(min_size=1, max_size=8).filter(lambda key: key != "x")
"""Extra keys, `"int"`, `"[key]"` and pydantic's member tags included."""


_AN_INT = ("expected an integer", "expected a whole number")


@st.composite
def _planted(draw: st.DrawFn) -> tuple[str, dict[str, object], tuple[str | int, ...], tuple[str, ...]]:
    """An extra-items type, a mapping with one wrong extra item, the mistake's path under it and its message's start."""
    name = draw(st.sampled_from(sorted(_EXTRA_TYPES)))
    key = draw(_KEYS)
    wrong = draw(_NOT_INT)
    where: tuple[str | int, ...] = (key,)
    expected = _AN_INT
    if name == "list":
        if draw(st.booleans()):
            good = draw(st.lists(st.integers(), max_size=3))
            index = draw(st.integers(0, len(good)))
            wrong = [*good[:index], wrong, *good[index:]]
            where = (key, index)
        else:
            wrong = draw(_NOT_INT.filter(lambda value: not isinstance(value, list)))
            expected = ("expected a list",)
    elif name == "map":
        inner = draw(st.text(max_size=4))
        wrong = {inner: wrong}
        where = (key, inner)
    return name, {"x": 1, key: wrong}, where, expected


def _one(result: Any) -> Issue:
    issues = result.unwrap_left().issues
    assert len(issues) == 1, [str(issue) for issue in issues]
    return issues[0]


# ---------------------------------------------------------------------- properties


@given(_planted(), st.booleans())
def test_a_wrong_extra_item_of_a_typed_dict_is_one_issue_at_its_path(case: Any, open_: bool) -> None:
    name, data, where, expected = case
    issue = _one(validation.parse(_TYPED_DICTS[name], data, open=open_))
    assert issue.path == where
    assert issue.code == "wrong_type"
    assert issue.message.startswith(expected), issue.message


@given(_planted())
def test_a_wrong_extra_item_of_a_model_is_one_issue_at_its_path(case: Any) -> None:
    name, data, where, expected = case
    issue = _one(validation.parse(_MODELS[name], data))
    assert issue.path == where
    assert issue.code == "wrong_type"
    assert issue.message.startswith(expected), issue.message


@given(_planted())
def test_extra_items_nested_under_closed_levels_keep_their_prefix(case: Any) -> None:
    name, data, where, _ = case
    if name == "map":
        holder: dict[str, object] = {"maps": {"k": data}}
        prefix: tuple[str | int, ...] = ("maps", "k")
    else:
        prefix = _HELD[name]
        holder = {prefix[0]: [data] if len(prefix) > 1 else data}
    issue = _one(validation.parse(_Holder, holder))
    assert issue.path == (*prefix, *where)
    assert issue.code == "wrong_type"


@given(_KEYS, _NOT_INT)
def test_a_wrong_dict_value_is_one_issue_at_its_key(key: str, wrong: object) -> None:
    issue = _one(validation.parse(dict[str, int], {key: wrong}))
    assert (issue.path, issue.code) == ((key,), "wrong_type")
    issue = _one(validation.parse(_Holder, {"by_type": {key: wrong}}))
    assert (issue.path, issue.code) == (("by_type", key), "wrong_type")


# ---------------------------------------------------------------------- examples


def test_the_audited_example_reads_as_one_issue() -> None:
    class T(typing_extensions.TypedDict, extra_items=int):  # type: ignore[call-arg]
        x: int

    invalid = validation.parse(T, {"x": 1, "zz": "q"}).unwrap_left()
    assert [str(issue) for issue in invalid.issues] == ["zz: expected an integer, got 'q' (str)"]
    assert invalid.paths == (("zz",),)


def test_a_bad_key_in_a_mapping_extra_item_is_a_bad_key_of_that_item() -> None:
    issue = _one(validation.parse(_TYPED_DICTS["map"], {"x": 1, "zz": {1: 2}}))
    assert (issue.path, issue.code) == (("zz",), "bad_key")


def test_valid_extra_items_are_kept() -> None:
    data = {"x": 1, "a": [1, 2], "b": [], "int": [3]}
    assert validation.parse(_TYPED_DICTS["list"], data).unwrap() == data
    assert validation.parse(_TYPED_DICTS["optional"], {"x": 1, "a": None, "b": 2}).unwrap() == {
        "x": 1,
        "a": None,
        "b": 2,
    }


# ---------------------------------------------------------------------- keys spelt by their alias


class _Aliased(typing_extensions.TypedDict, extra_items=list[int]):  # type: ignore[call-arg]
    x: Annotated[int, Field(alias="x-y")]


@dataclass
class _AliasedHolder:
    inner: _Aliased


@pytest.mark.parametrize("tp", [_Aliased, _AliasedHolder])
def test_a_typed_dict_field_given_by_its_alias_is_followed_as_that_field(tp: Any) -> None:
    data: dict[str, object] = {"x-y": "q", "other": [1]}
    prefix: tuple[str, ...] = ()
    if tp is _AliasedHolder:
        data, prefix = {"inner": data}, ("inner",)
    issue = _one(validation.parse(tp, data))
    assert (issue.path, issue.code) == ((*prefix, "x-y"), "wrong_type")
    assert "expected an integer" in issue.message


def _model(*, by_name: bool) -> type[BaseModel]:
    class Model(BaseModel):
        model_config = ConfigDict(extra="allow", defer_build=True, validate_by_name=by_name)
        __pydantic_extra__: dict[str, list[int]] = Field(init=False)
        x: int = Field(0, alias="x-y")

    return Model


@pytest.mark.parametrize(
    ("by_name", "data", "expected"),
    [
        # the alias always names the field
        (False, {"x-y": "q"}, [(("x-y",), "wrong_type", "expected an integer")]),
        (True, {"x-y": "q"}, [(("x-y",), "wrong_type", "expected an integer")]),
        # the field's name is an extra item unless the model takes names and the alias is absent
        (False, {"x": ["q"]}, [(("x", 0), "wrong_type", "expected an integer")]),
        (True, {"x-y": 1, "x": ["q"]}, [(("x", 0), "wrong_type", "expected an integer")]),
        (True, {"x": ["q"]}, [(("x",), "wrong_type", "expected an integer")]),
        (True, {"x": "q"}, [(("x",), "wrong_type", "expected an integer")]),
    ],
)
def test_a_model_field_given_by_name_or_alias_is_followed_as_pydantic_reads_it(
    by_name: bool, data: dict[str, object], expected: list[tuple[tuple[str | int, ...], str, str]]
) -> None:
    issues = validation.parse(_model(by_name=by_name), data).unwrap_left().issues
    assert [(issue.path, issue.code) for issue in issues] == [(path, code) for path, code, _ in expected]
    for issue, (_, _, text) in zip(issues, expected, strict=True):
        assert issue.message.startswith(text), issue.message


class _Declares(typing_extensions.TypedDict):
    k: str


class _TakesExtras(typing_extensions.TypedDict, extra_items=int):  # type: ignore[call-arg]
    other: bool


def test_in_a_union_a_member_declaring_the_key_wins_over_one_taking_extra_items() -> None:
    for members in ((_TakesExtras, _Declares), (_Declares, _TakesExtras)):
        shape = Translator(TypeAdapter(members[0] | members[1]).core_schema, "params")
        top = shape.unwrap(shape.root)
        assert shape.child(top, "k") == {"type": "str"}
        assert shape.child(top, "zz") == {"type": "int"}  # no member declares it: the extra items'


class _EnvAliased(typing_extensions.TypedDict, extra_items=int):  # type: ignore[call-arg]
    db: Annotated[dict[str, int], Field(alias="data")]


def test_an_aliased_field_of_an_open_level_is_read_from_env_as_that_field() -> None:
    environ = {"APP_DATA": '{"a": 1}', "APP_WORKERS": "4"}
    loaded = validation.load(_EnvAliased, sources.env("APP_", environ=environ)).unwrap()
    assert loaded == {"db": {"a": 1}, "workers": 4}


@pytest.mark.parametrize("tp", [_TYPED_DICTS["list"], _ListExtras])
def test_extra_keys_that_cannot_be_compared_or_hashed_are_still_followed(tp: Any) -> None:
    for data in (
        {"x": 1, EqRaises("zz"): [1, "q"]},
        PairsMapping([(HashRaises("x"), 1), (HashRaises("zz"), [1, "q"])]),
    ):
        issue = _one(validation.parse(tp, data))
        assert (issue.path, issue.code) == (("zz", 1), "wrong_type")

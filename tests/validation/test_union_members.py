"""Unions of several members taking mappings report only the member the input meant."""

from __future__ import annotations

import re
from typing import Any, Literal

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

import validation
from either import Left
from validation import Options
from validation._engine import MATERIALISED


def issues(result: object) -> list[tuple[str, tuple[object, ...], tuple[str, ...]]]:
    assert isinstance(result, Left), result
    return [(issue.code, issue.path, issue.suggestions) for issue in result.error.issues]


class Alpha(Options):
    alpha: int = 0


class Beta(Options):
    beta: int = 0


class Cat(Options):
    kind: Literal["cat"]
    lives: int = 9


class Dog(Options):
    kind: Literal["dog"]
    bark: int = 1


def test_a_key_of_one_member_is_not_unknown_to_another() -> None:
    class Holder(Options):
        v: Alpha | Beta

    assert [str(issue) for issue in Holder.parse({"v": {"alpha": "x"}}).unwrap_left()] == [
        "v.alpha: expected an integer, got 'x' (str)"
    ]
    assert issues(Holder.parse({"v": {"beta": [1]}})) == [("wrong_type", ("v", "beta"), ())]
    assert issues(Holder.parse({"v": {"btea": 1}})) == [("unknown_key", ("v", "btea"), ("beta",))]


def test_a_wide_union_reports_the_member_that_declares_the_key() -> None:
    members = [
        type(f"Member{n}", (Options,), {"__annotations__": {f"field_{n}": "int"}, f"field_{n}": 0}) for n in range(30)
    ]
    union: Any = members[0]
    for member in members[1:]:
        union = union | member
    assert [str(issue) for issue in validation.parse(union, {"field_3": "x"}).unwrap_left()] == [
        "field_3: expected an integer, got 'x' (str)"
    ]


def test_the_member_whose_literal_tag_matches_wins() -> None:
    assert issues(validation.parse(dict[str, Cat | Dog], {"x": {"kind": "dog", "brak": 2}})) == [
        ("unknown_key", ("x", "brak"), ("bark",))
    ]
    # the tag outweighs the keys: `lives` is Cat's, but the input says it is a dog
    assert issues(validation.parse(Cat | Dog, {"kind": "dog", "lives": 3})) == [("unknown_key", ("lives",), ())]
    assert issues(validation.parse(Cat | Dog, {"kind": "cat", "lives": "x"}))[0][:2] == ("wrong_type", ("lives",))


def test_a_tie_goes_to_the_member_whose_keys_the_input_nearly_spells_then_to_the_first() -> None:
    assert issues(validation.parse(Alpha | Beta, {"btea": 1})) == [("unknown_key", ("btea",), ("beta",))]
    assert issues(validation.parse(Alpha | Beta, {"zzz": 1})) == [("unknown_key", ("zzz",), ())]
    assert issues(validation.parse(Beta | Alpha, {"alpah": 1})) == [("unknown_key", ("alpah",), ("alpha",))]


def test_a_list_reports_the_list_member_whose_items_it_meant() -> None:
    assert issues(validation.parse(list[Alpha] | list[Beta], [{"alpha": "x"}])) == [("wrong_type", (0, "alpha"), ())]
    assert issues(validation.parse(list[Alpha] | list[Beta], [{"beta": 1}, {"btea": 2}])) == [
        ("unknown_key", (1, "btea"), ("beta",))
    ]
    assert issues(validation.parse(list[Cat] | list[Dog], [{"kind": "dog", "lives": 1}])) == [
        ("unknown_key", (0, "lives"), ())
    ]
    # nested: the outer union by kind, the inner one by keys
    assert issues(validation.parse(str | list[Alpha | Beta], [{"beta": "x"}])) == [("wrong_type", (0, "beta"), ())]


def test_members_whose_keys_cannot_be_told_keep_their_errors() -> None:
    found = issues(validation.parse(Alpha | dict[str, int], {"gamma": "x"}))
    assert found == [("unknown_key", ("gamma",), ()), ("wrong_type", ("gamma",), ())]


def test_an_open_member_is_not_charged_for_unknown_keys() -> None:
    class Loose(BaseModel):
        model_config = ConfigDict(extra="allow")
        gamma: int = 0

    # closed, it would tie with Alpha (one key known, two unknown) and lose as the second declared
    assert issues(validation.parse(Alpha | Loose, {"alpha": 1, "gamma": "x", "other": 1})) == [
        ("wrong_type", ("gamma",), ())
    ]


def test_a_hostile_mapping_in_a_union_is_reported_without_a_crash() -> None:
    class Key(str):
        __slots__ = ()

        def __hash__(self) -> int:
            return hash(str(self))

        def __eq__(self, other: object) -> bool:
            raise RuntimeError("boom")

    result = validation.parse(Alpha | Beta, {Key("alpha"): "x"})
    assert isinstance(result, Left)
    assert result.error.issues


_WORDS = (
    "address",
    "bandwidth",
    "capacity",
    "duration",
    "endpoint",
    "frequency",
    "gateway",
    "hostname",
    "interval",
    "journal",
    "keystore",
    "latency",
    "mirror",
    "namespace",
    "operator",
    "protocol",
    "registry",
    "schedule",
    "upstream",
    "verbosity",
)


@st.composite
def _unions(draw: st.DrawFn) -> tuple[list[dict[str, type]], int]:
    """2 to 5 classes' fields (name -> int or str), no key shared, and the member the input means."""
    count = draw(st.integers(min_value=2, max_value=5))
    words = draw(st.permutations(_WORDS))
    sizes = draw(st.lists(st.integers(min_value=1, max_value=3), min_size=count, max_size=count))
    members: list[dict[str, type]] = []
    start = 0
    for size in sizes:
        names = words[start : start + size]
        start += size
        members.append({name: draw(st.sampled_from([int, str])) for name in names})
    return members, draw(st.integers(min_value=0, max_value=count - 1))


@settings(max_examples=60, deadline=None)
@given(
    union=_unions(),
    mistake=st.sampled_from(["typo", "wrong_type"]),
    which=st.integers(min_value=0, max_value=2),
    required=st.booleans(),
)
def test_one_mistake_in_a_union_of_options_classes_is_one_issue(
    union: tuple[list[dict[str, type]], int], mistake: str, which: int, required: bool
) -> None:
    fields, meant = union
    classes: list[Any] = []
    for index, declared in enumerate(fields):
        namespace: dict[str, Any] = {"__annotations__": {name: tp.__name__ for name, tp in declared.items()}}
        if not required:
            namespace.update({name: tp() for name, tp in declared.items()})
        classes.append(type(f"Member{index}", (Options,), namespace))
    member: Any = classes[0]
    for cls in classes[1:]:
        member = member | cls

    class Holder(Options):
        v: member  # type: ignore[valid-type]

    value: dict[str, object] = {name: 1 if tp is int else "s" for name, tp in fields[meant].items()}
    key = list(value)[which % len(value)]
    if mistake == "typo":
        misspelt = key[:3] + "x" + key[3:]  # one letter inserted
        value[misspelt] = value.pop(key)
        expected = [("unknown_key", ("v", misspelt), (key,))]
    else:
        value[key] = [1]
        expected = [("wrong_type", ("v", key), ())]
    assert issues(Holder.parse({"v": value})) == expected
    assert issues(Holder.parse({"v": [value]}))[0][:2] == ("wrong_type", ("v",))


# ---------------------------------------------------------------------- counting what is not listed


class Theme(Options):
    name: str
    dark: bool = False


def _note(result: object) -> str:
    assert isinstance(result, Left)
    last = result.error.issues[-1]
    assert last.code == "too_many_issues"
    return last.message


def test_issues_past_the_first_are_counted_as_reported_not_as_pydantics_errors() -> None:
    bad = [{"name": 5}] * 2000
    for tp in (list[Theme], list[str | Theme], list[Theme | int | None]):
        invalid = validation.parse(tp, bad).unwrap_left()
        assert len(invalid) == MATERIALISED + 1
        assert {issue.code for issue in invalid.issues[:-1]} == {"wrong_type"}
        assert _note(Left(invalid)).startswith(f"{2000 - MATERIALISED} more issues not listed"), tp


def test_a_typo_and_its_missing_key_count_once_past_the_first() -> None:
    plain = validation.parse(list[Theme], [{"nmae": "x"}] * 2000)
    union = validation.parse(list[str | Theme], [{"nmae": "x"}] * 2000)
    assert _note(plain) == _note(union)
    assert len(plain.unwrap_left()) == len(union.unwrap_left())


def test_errors_past_the_examined_ones_are_named_errors() -> None:
    class Wide(Options):
        field_a: str = ""

    # 12 errors (one per member) per item, one issue: the examined errors make fewer issues than are listed
    members = [type(f"M{n}", (Options,), {"__annotations__": {f"f{n}": "int"}, f"f{n}": 0}) for n in range(12)]
    union: Any = members[0]
    for member in members[1:]:
        union = union | member
    many = validation.parse(list[union], [{"f3": "x"}] * 1_000).unwrap_left()
    assert 1 < len(many) < MATERIALISED
    assert many.paths[:-1] == tuple((index, "f3") for index in range(len(many) - 1))
    assert re.fullmatch(r"[0-9]+ more errors not examined", many.issues[-1].message)
    note = _note(validation.parse(list[Wide], [{"field_a": [1]}] * 12_000))  # one error each
    assert note == "9000 more issues not listed, then 2000 more errors not examined"

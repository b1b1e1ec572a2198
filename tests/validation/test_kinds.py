"""Which kinds of input each schema takes, and how a union's members are named (the union report's table)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections import UserDict
from decimal import Decimal
from typing import Any, Literal

import pytest
from pydantic import TypeAdapter
from pydantic_core import core_schema

from validation._kinds import (
    BOOL,
    BYTES,
    MAPPING,
    NULL,
    NUMBER,
    OTHER,
    SEQUENCE,
    STRING,
    describe_input,
    expected_members,
    input_kind,
    member_kinds,
)


class Color(enum.Enum):
    RED = "red"
    ONE = 1


def _schema(tp: Any) -> Any:
    return TypeAdapter(tp).core_schema


def _no_refs(node: Any) -> Any:
    return None


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, NULL),
        (True, BOOL),
        (3, NUMBER),
        (2.5, NUMBER),
        (Decimal("1"), NUMBER),
        ("x", STRING),
        (b"x", BYTES),
        ({"a": 1}, MAPPING),
        (UserDict(), MAPPING),
        ([1], SEQUENCE),
        ((1,), SEQUENCE),
        ({1}, SEQUENCE),
        (object(), OTHER),
    ],
)
def test_input_kinds(value: object, kind: str) -> None:
    assert input_kind(value) == kind


@pytest.mark.parametrize(
    ("tp", "takes", "refuses"),
    [
        (str, {STRING}, {MAPPING, NUMBER}),
        (int, {NUMBER, STRING, BOOL}, {MAPPING, SEQUENCE, NULL}),
        (bool, {BOOL, NUMBER}, {MAPPING}),
        (list[int], {SEQUENCE}, {MAPPING, STRING}),
        (dict[str, int], {MAPPING}, {SEQUENCE, STRING}),
        (int | None, {NULL, NUMBER}, {MAPPING}),
        (Literal["a", 1], {STRING, NUMBER}, {MAPPING}),
        (Color, {STRING, NUMBER}, {MAPPING}),
        (dt.datetime, {STRING, NUMBER}, {MAPPING}),
        (uuid.UUID, {STRING}, {MAPPING}),
        (int | list[int], {NUMBER, SEQUENCE}, {MAPPING}),
        (Any, {MAPPING, STRING, NULL}, set()),
    ],
)
def test_member_kinds(tp: Any, takes: set[str], refuses: set[str]) -> None:
    kinds = member_kinds(_schema(tp), _no_refs)
    assert takes <= kinds
    assert not (refuses & kinds)


def test_member_kinds_follow_wrappers_and_metadata() -> None:
    inner = core_schema.int_schema()
    assert NUMBER in member_kinds(core_schema.with_default_schema(inner, default=1), _no_refs)
    assert member_kinds(core_schema.lax_or_strict_schema(inner, inner), _no_refs) >= {NUMBER}
    assert member_kinds(core_schema.json_or_python_schema(inner, inner), _no_refs) >= {NUMBER}
    ref = core_schema.definition_reference_schema("r")
    assert member_kinds(ref, lambda node: core_schema.str_schema()) == member_kinds(core_schema.str_schema(), _no_refs)
    plain = core_schema.no_info_plain_validator_function(lambda v: v)
    assert OTHER in member_kinds(plain, _no_refs) and MAPPING in member_kinds(plain, _no_refs)
    tagged = core_schema.tagged_union_schema({"a": core_schema.str_schema(), "b": inner}, discriminator="k")
    assert member_kinds(tagged, _no_refs) >= {STRING, NUMBER}
    assert member_kinds("not a schema", _no_refs) >= {MAPPING, NULL}


def test_union_members_in_words() -> None:
    def words(*types: Any) -> str:
        return expected_members([_schema(tp) for tp in types], _no_refs)

    assert words(str, dict[str, int]) == "a string or a mapping"
    assert words(int, float, bool, type(None)) == "an integer, a number, true or false or null"
    assert words(Literal["a", "b"], Color) == "'a', 'b', 'red' or 1"
    assert words(dt.date, dt.datetime, dt.time, dt.timedelta, uuid.UUID, bytes) == (
        "a date, a date and time, a time of day, a duration, a UUID or bytes"
    )
    assert words(int | None) == "an integer or null"
    assert words(Literal[tuple(range(20))]) == "0, 1, 2, 3, 4, 5, 6 or 13 other values"  # type: ignore[valid-type]
    assert words(list[int], set[int]) == "a list"
    assert expected_members([core_schema.no_info_plain_validator_function(lambda v: v)], _no_refs).startswith(
        "a string, a number"
    )


def test_inputs_are_described_without_their_contents() -> None:
    assert describe_input({"password": "hunter2"}) == "a mapping with 1 key"
    assert describe_input([1, 2]) == "a list of 2 items"
    assert describe_input((1,)) == "a tuple of 1 item"
    assert describe_input("x") == "'x' (str)"

    class Lying(dict[str, int]):
        def __len__(self) -> int:
            raise RuntimeError("no")

    assert describe_input(Lying()) == "a mapping with 0 keys"

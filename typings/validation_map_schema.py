"""Static typing of `MapSchema[T]` with no plugin, checked by mypy and pyright.

`schema({...})` gives a `MapSchema[dict[str, Any]]`; the mypy plugin (`validation.mypy`)
narrows a module-level one to a TypedDict, which its own tests cover. `MapSchema` is
covariant, so a narrower schema passes where a `MapSchema[dict[str, Any]]` is expected.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import TypedDict, assert_type

from either import Either
from validation import Invalid, MapSchema, optional, schema

PARAMS = schema({"profileId": str, optional("pageSize", default=20): int})


class Params(TypedDict):
    profileId: str


def schema_is_a_map_schema_of_dict() -> None:
    assert_type(PARAMS, MapSchema[dict[str, Any]])
    assert_type(PARAMS.parse({"profileId": "p"}), Either[Invalid, dict[str, Any]])
    assert_type(schema({"a": int}, open=True), MapSchema[dict[str, Any]])


def parse_any(spec: MapSchema[object]) -> Either[Invalid, object]:
    return spec.parse({})


def parse_params(spec: MapSchema[Params]) -> Either[Invalid, Params]:
    return spec.parse({})


def parse_of_a_narrower_schema(narrow: MapSchema[Params], wide: MapSchema[object]) -> None:
    assert_type(narrow.parse({}), Either[Invalid, Params])
    assert_type(parse_any(narrow), Either[Invalid, object])
    parse_params(wide)  # type: ignore[arg-type]
    not_an_int: MapSchema[int] = schema({"a": int})  # type: ignore[assignment]

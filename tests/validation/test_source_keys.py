"""Env variables naming keys: per key of a `dict[str, X]`, under an open level, in field names holding `__`."""

from __future__ import annotations

import dataclasses
from typing import Any

import pydantic
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import TypedDict

import validation
from either import Left
from validation import Options, sources
from validation._schema import compile_type
from validation._sources import Level


class Retry(Options):
    attempts: int = 3


class App(Options):
    labels: dict[str, str] = {}  # noqa: RUF012 -- copied for every instance
    limits: dict[str, dict[str, int]] = {}  # noqa: RUF012
    retry: Retry = Retry()


def codes(result: object) -> list[tuple[tuple[object, ...], str]]:
    assert isinstance(result, Left), result
    return [(issue.path, issue.code) for issue in result.error.issues]


# ---------------------------------------------------------------------- dict fields per key

_KEYS = st.from_regex(r"[a-z][a-z0-9]{0,6}(_[a-z0-9]{1,4})?", fullmatch=True)


@given(st.dictionaries(_KEYS, st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8)))
def test_a_dict_field_is_set_key_by_key(labels: dict[str, str]) -> None:
    environ = {f"APP_LABELS__{key.upper()}": value for key, value in labels.items()}
    assert App.from_env("APP_", environ).unwrap().labels == labels


def test_a_dict_of_dicts_is_set_key_by_key_and_values_are_parsed() -> None:
    environ = {"APP_LIMITS__API__RATE": "10", "APP_LIMITS__API__BURST": "20", "APP_LIMITS__DB": '{"pool": 5}'}
    assert App.from_env("APP_", environ).unwrap().limits == {"api": {"rate": 10, "burst": 20}, "db": {"pool": 5}}


def test_a_dict_key_keeps_its_case_when_case_sensitive() -> None:
    source = sources.env("APP_", environ={"APP_labels__Team": "core"}, case_sensitive=True)
    assert App.load(source).unwrap().labels == {"Team": "core"}


def test_a_dict_set_whole_and_per_key_is_a_conflict() -> None:
    environ = {"APP_LABELS": '{"team": "core"}', "APP_LABELS__ENV": "prod"}
    assert codes(App.from_env("APP_", environ)) == [(("APP_LABELS__ENV",), "conflict")]


def test_a_per_key_value_of_the_wrong_type_is_named_by_its_variable() -> None:
    result = App.from_env("APP_", {"APP_LIMITS__API__RATE": "fast"})
    assert codes(result) == [(("APP_LIMITS__API__RATE",), "wrong_type")]


# ---------------------------------------------------------------------- open levels


class Loose(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    port: int = 80


@dataclasses.dataclass
class Holder:
    loose: Loose
    strict: Retry = dataclasses.field(default_factory=Retry)


def test_unknown_variables_under_an_open_model_are_its_keys() -> None:
    environ = {"APP_LOOSE__PORT": "81", "APP_LOOSE__REGION": "eu", "APP_LOOSE__Zone_Name": "a"}
    holder = validation.load(Holder, sources.env("APP_", environ=environ)).unwrap()
    assert holder.loose.port == 81
    assert holder.loose.model_extra == {"region": "eu", "zone_name": "a"}


def test_a_closed_level_next_to_an_open_one_still_reports_unknown_variables() -> None:
    environ = {"APP_LOOSE__REGION": "eu", "APP_STRICT__ATTEMPT": "5", "APP_LOSE__PORT": "1"}
    result = validation.load(Holder, sources.env("APP_", environ=environ))
    assert sorted(codes(result)) == [(("APP_LOSE__PORT",), "unknown_key"), (("APP_STRICT__ATTEMPT",), "unknown_key")]


def test_an_open_top_level_takes_every_prefixed_variable() -> None:
    loose = validation.load(Loose, sources.env("APP_", environ={"APP_PORT": "1", "APP_COLOR": "red"})).unwrap()
    assert (loose.port, loose.model_extra) == (1, {"color": "red"})


def test_an_open_schema_takes_unknown_variables() -> None:
    params = validation.schema({"port": int}, open=True)
    loaded = validation.load(params, sources.env("APP_", environ={"APP_PORT": "1", "APP_COLOR": "red"})).unwrap()
    assert loaded == {"port": 1, "color": "red"}


class Extras(TypedDict, extra_items=int):  # type: ignore[call-arg]
    port: int


def test_a_typed_dict_with_extra_items_takes_unknown_variables_as_its_items() -> None:
    loaded = validation.load(Extras, sources.env("APP_", environ={"APP_PORT": "1", "APP_WORKERS": "4"})).unwrap()
    assert loaded == {"port": 1, "workers": 4}


# ---------------------------------------------------------------------- field names holding the separator


class Deep(Options):
    c: int = 0


class Other(Options):
    x: int = 0


class Tricky(Options):
    a: Other = Other()
    a__b: Deep = Deep()


def test_a_name_is_split_where_a_field_path_matches() -> None:
    # Greedy matching would walk into `a` and find no `b__c` there.
    assert Tricky.from_env("APP_", {"APP_A__B__C": "7", "APP_A__X": "1"}).unwrap() == Tricky(
        a=Other(x=1), a__b=Deep(c=7)
    )


_SEGMENTS = st.sampled_from(["a", "b", "a__b", "b__a", "a__a"])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    """A nested map of field names (holding `__` or not) to subtrees or `None` (an int leaf)."""
    names = draw(st.lists(_SEGMENTS, min_size=1, max_size=3, unique=True))
    return {name: draw(trees(depth + 1)) if depth < 2 and draw(st.booleans()) else None for name in names}


def typed(tree: dict[str, Any], name: str = "T") -> Any:
    fields = {
        key: int if sub is None else typed(sub, f"{name}_{index}") for index, (key, sub) in enumerate(tree.items())
    }
    return TypedDict(name, fields, total=False)  # type: ignore[operator]


def leaves(tree: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for key, sub in tree.items():
        found.extend([(*path, key)] if sub is None else leaves(sub, (*path, key)))
    return found


@given(trees(), st.data())
def test_every_leaf_variable_resolves_to_a_leaf_it_spells(tree: dict[str, Any], data: st.DataObject) -> None:
    level = Level.of(compile_type(typed(tree)))
    path = data.draw(st.sampled_from(leaves(tree)))
    name = "__".join(path).upper()
    found = level.resolve(name, "__", upper=True)
    assert found is not None, name
    assert "__".join(found[0]).upper() == name
    assert found[0] in every_path(tree)  # a leaf, or a whole level (`A__B` of `a.b` and of `a__b`: exact first)


def every_path(tree: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for key, sub in tree.items():
        found.append((*path, key))
        if sub is not None:
            found.extend(every_path(sub, (*path, key)))
    return found


def test_an_exact_field_name_wins_over_a_split() -> None:
    tree = {"a": {"b": None}, "a__b": {"a": None}}
    level = Level.of(compile_type(typed(tree)))
    assert [level.resolve(name, "__", upper=True) is not None for name in ("A__B", "A__B__A")] == [True, True]
    assert level.resolve("A__B", "__", upper=True)[0] == ("a__b",)  # type: ignore[index]


# ---------------------------------------------------------------------- floods


def test_a_flood_of_unknown_variables_is_counted_past_the_cap() -> None:
    from validation._engine import MATERIALISED

    environ = {f"APP_KEY{index}": "1" for index in range(MATERIALISED + 500)}
    result = Retry.load(sources.env("APP_", environ=environ))
    found = codes(result)
    assert found.count(((), "too_many_issues")) == 1
    assert len(found) == MATERIALISED + 1
    assert isinstance(result, Left)
    assert "500 more unknown variables" in result.error.issues[-1].message


@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=4))
def test_an_issue_names_the_last_source_that_set_its_value(owners: list[str]) -> None:
    # Each source sets `attempts` to a bad value or leaves it: the issue names the last one setting it.
    class Count(Options):
        attempts: int = 0
        other: int = 0

    layers = [
        sources.values({"attempts": "x"} if owner == "a" else {"other": 1}, name=f"s{index}")
        for index, owner in enumerate(owners)
    ]
    result = Count.load(*layers)
    setters = [index for index, owner in enumerate(owners) if owner == "a"]
    if not setters:
        assert Count.load(*layers).unwrap() == Count(other=1)
        return
    assert isinstance(result, Left)
    assert [issue.source for issue in result.error.issues] == [f"s{setters[-1]}"]


def test_a_name_with_thousands_of_separators_is_resolved_within_the_budget() -> None:
    environ = {"APP_" + "A__" * 30_000 + "X": "1"}
    assert codes(Tricky.from_env("APP_", environ)) == [((next(iter(environ)),), "unknown_key")]
    deep = validation.load(dict[str, dict[str, int]], sources.env("APP_", environ={"APP_A__" + "B__" * 30_000: "1"}))
    assert deep.unwrap() == {"a": {"b__" * 30_000: 1}}  # the innermost open level takes the rest whole

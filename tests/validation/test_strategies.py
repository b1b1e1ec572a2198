"""Properties of `validation.strategies`: valid maps parse, typos are caught and suggested back, wrong values fail."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import annotated_types
import attrs
import pydantic
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample
from pydantic import AfterValidator, Field
from typing_extensions import NotRequired, TypedDict

import validation
from either import EitherwayError, Left, Right
from validation import Options, Secret
from validation._suggest import distance, fold
from validation.strategies import Typo, WrongValue, invalid, misspellings, typos, valid


class Level(enum.Enum):
    DEBUG = "debug"
    INFO = "info"


class Retry(Options):
    attempts: Annotated[int, Field(gt=0, le=10)] = 3
    backoff: Annotated[float, annotated_types.Interval(ge=0, lt=60)] = 0.5


class Node(Options):
    name: str
    child: Node | None = None


def even(number: int) -> int:
    if number % 2:
        raise ValueError("expected an even number")
    return number


class App(Options):
    host: str
    port: Annotated[int, Field(ge=1, le=65535)] = 8080
    log_level: Literal["debug", "info", "warning"] = "info"
    level: Level = Level.INFO
    token: Secret[str] = Secret("")
    retry: Retry = Retry()
    tags: list[str] = []  # noqa: RUF012
    hosts: Annotated[list[str], annotated_types.MinLen(1)] = ["localhost"]  # noqa: RUF012
    limits: dict[str, int] = {}  # noqa: RUF012
    timeout: float | None = None
    pair: tuple[int, str] = (1, "a")
    ids: frozenset[int] = frozenset()
    tree: Node | None = None
    retries: list[Retry] = []  # noqa: RUF012
    name: Annotated[str, Field(min_length=2, max_length=5)] = "ab"
    code: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "ABC"
    even: Annotated[int, AfterValidator(even)] = 0
    since: datetime.date = datetime.date(2020, 1, 1)
    anything: Any = None


class Small(Options):
    host: str
    port: Annotated[int, Field(ge=1)] = 8080
    retry: Retry = Retry()
    tags: list[str] = []  # noqa: RUF012
    timeout: float | None = None
    token: Secret[str] = Secret("")


class Forest(Options):
    name: str = "forest"
    retries: list[Retry] = []  # noqa: RUF012
    tree: Node | None = None


@dataclasses.dataclass
class Page:
    size: int = 20
    cursor: str | None = None


class Query(TypedDict):
    term: str
    page: NotRequired[Page]


@attrs.define
class Point:
    x: int
    y: int = 0


class Model(pydantic.BaseModel):
    query: Query
    pages: list[Page] = []
    tag: str = Field(default="t", alias="Tag")


def issues_of(result: object) -> tuple[validation.Issue, ...]:
    assert isinstance(result, Left), result
    return result.error.issues  # type: ignore[no-any-return]


# ---------------------------------------------------------------------- valid


@settings(max_examples=200)
@given(valid(App))
def test_valid_maps_parse(data: dict[str, Any]) -> None:
    assert set(data) <= set(App.__options_fields__)
    assert "host" in data
    result = App.parse(data)
    assert isinstance(result, Right), (data, result)


@given(valid(Node))
def test_valid_maps_of_a_self_referencing_class_parse(data: dict[str, Any]) -> None:
    assert Node.parse(data).is_right()


@given(valid(Model))
def test_valid_maps_of_other_classes_parse(data: dict[str, Any]) -> None:
    assert "query" in data
    assert validation.parse(Model, data).is_right(), data


@given(valid(Point))
def test_valid_maps_of_an_attrs_class_parse(data: dict[str, Any]) -> None:
    assert validation.parse(Point, data).is_right(), data


@given(valid(Query))
def test_valid_maps_of_a_typed_dict_parse(data: dict[str, Any]) -> None:
    assert validation.parse(Query, data).is_right()


def test_valid_maps_shrink_to_the_required_keys() -> None:
    assert find(valid(Small), lambda data: True) == {"host": ""}
    assert find(valid(Small), lambda data: "port" in data) == {"host": "", "port": 1}
    assert find(valid(Small), lambda data: "retry" in data) == {"host": "", "retry": {}}
    assert find(valid(Small), lambda data: len(data.get("tags", [])) > 1) == {"host": "", "tags": ["", ""]}
    assert find(valid(Small), lambda data: "timeout" in data)["timeout"] is None  # Optional shrinks to None


def test_secrets_are_given_as_plain_values() -> None:
    data = find(valid(Small), lambda data: data.get("token", "") != "")
    options = Small.parse(data).unwrap()
    assert isinstance(options.token, Secret)
    assert options.token.reveal() == data["token"]


def test_a_type_that_is_not_a_class_of_fields_is_refused() -> None:
    with pytest.raises(TypeError, match=r"expected an Options class.*got <class 'int'>"):
        valid(int)
    with pytest.raises(TypeError, match="expected an Options class"):
        typos(list[int])  # type: ignore[arg-type]


def test_shapes_are_built_once_from_many_threads() -> None:
    class Fresh(Options):
        a: int = 1
        b: list[Retry] = []  # noqa: RUF012

    built: list[object] = []
    barrier = threading.Barrier(32)

    def build() -> None:
        barrier.wait()
        built.append(valid(Fresh))

    threads = [threading.Thread(target=build) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 32
    assert all(strategy is built[0] for strategy in built)
    assert Fresh.parse(find(valid(Fresh), lambda data: len(data.get("b", [])) == 2)).is_right()


# ---------------------------------------------------------------------- typos


@settings(max_examples=300)
@given(typos(App))
def test_typo_maps_fail_with_the_original_suggested_at_the_path(typo: Typo) -> None:
    data, original, path = typo
    assert path[-1] != original
    found = [issue for issue in issues_of(App.parse(data)) if issue.path == path]
    assert found, (typo, App.parse(data))
    assert found[0].code == "unknown_key"
    assert original in found[0].suggestions


def typo_is_caught(cls: type[Options], typo: Typo) -> bool:
    found = [issue for issue in issues_of(cls.parse(typo.data)) if issue.path == typo.path]
    return bool(found) and typo.original_key in found[0].suggestions


@given(typos(Model))
def test_typos_in_other_classes_are_suggested_back(typo: Typo) -> None:
    found = [issue for issue in issues_of(validation.parse(Model, typo.data)) if issue.path == typo.path]
    assert found and typo.original_key in found[0].suggestions, typo


def test_typos_land_at_any_level() -> None:
    in_a_list = find(typos(Forest), lambda typo: len(typo.path) == 3 and typo.path[0] == "retries")
    assert in_a_list.path[1] == 0
    assert typo_is_caught(Forest, in_a_list)
    in_a_tree = find(typos(Forest), lambda typo: len(typo.path) == 3 and typo.path[0] == "tree")
    assert in_a_tree.path[1] == "child"
    assert typo_is_caught(Forest, in_a_tree)


def test_typo_maps_shrink_to_a_minimal_map() -> None:
    typo = find(typos(Small), lambda typo: True)
    assert typo.data == {typo.path[0]: ""}
    assert typo.original_key == "host"


def test_typos_of_a_class_with_only_defaults_always_have_a_key() -> None:
    typo = find(typos(Retry), lambda typo: True)
    assert len(typo.data) == 1


@given(st.from_regex(r"[a-z][a-z_\-]{0,20}", fullmatch=True), st.sampled_from("abcxyz09"))
def test_each_misspelling_is_one_slip_away(key: str, letter: str) -> None:
    for typo in misspellings(key, letter):
        assert typo != key
        assert fold(typo) == fold(key) or distance(typo, key, 1) == 1, (key, typo)


def test_misspellings_cover_the_slips_people_make() -> None:
    found = misspellings("max_connections", "x")
    expected = {
        "max_conenctions": "swap",
        "max_connetions": "drop",
        "max_connnections": "double",
        "max_xonnections": "replace",
        "Max_connections": "case change",
        "MAX_CONNECTIONS": "case change",
        "max-connections": "_/- slip",
    }
    assert set(expected) <= set(found)


# ---------------------------------------------------------------------- invalid


@settings(max_examples=200)
@given(invalid(App))
def test_wrong_values_fail_with_the_code_at_the_path(wrong: WrongValue) -> None:
    found = [issue for issue in issues_of(App.parse(wrong.data)) if issue.path == wrong.path]
    assert any(issue.code == wrong.code for issue in found), (wrong, found)


@given(invalid(Model))
def test_wrong_values_in_other_classes(wrong: WrongValue) -> None:
    found = [issue for issue in issues_of(validation.parse(Model, wrong.data)) if issue.path == wrong.path]
    assert any(issue.code == wrong.code for issue in found), (wrong, found)


def test_invalid_covers_every_code() -> None:
    for code in ("wrong_type", "not_a_mapping", "bad_value"):
        assert find(invalid(Small), lambda wrong, code=code: wrong.code == code).code == code  # type: ignore[misc]


def test_wrong_values_shrink_to_one_top_level_key() -> None:
    wrong = find(invalid(Small), lambda wrong: True)
    assert wrong.path == ("host",)
    assert wrong.data == {"host": None}


def test_invalid_needs_a_field_with_a_known_wrong_value() -> None:
    class Loose(Options):
        anything: Any = None

    with pytest.raises(TypeError, match="no field has a type with a known wrong value"):
        invalid(Loose)


# ---------------------------------------------------------------------- st.from_type


@given(st.from_type(App))
def test_from_type_builds_valid_instances(options: App) -> None:
    assert isinstance(options, App)
    assert App.parse(validation.as_dict(options)) == Right(options)


def test_from_type_finds_classes_declared_after_hypothesis_was_imported() -> None:
    class Late(Options):
        value: Annotated[int, Field(ge=5)]

    assert find(st.from_type(Late), lambda late: True) == Late(value=5)


def test_from_type_finds_classes_declared_before_hypothesis_was_imported() -> None:
    code = (
        "import sys, validation\n"
        "class Early(validation.Options):\n"
        "    port: int = 80\n"
        "assert 'hypothesis' not in sys.modules\n"
        "from hypothesis import find, strategies as st\n"
        "print(find(st.from_type(Early), lambda early: early.port > 100))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Early(port=101)"


def test_the_hypothesis_hook_does_not_import_validation() -> None:
    code = (
        "import sys\n"
        "import either\n"
        "from hypothesis import strategies as st\n"
        "from either import Right\n"
        "assert isinstance(st.from_type(Right[int]).example(), Right)\n"
        "print(sorted(name for name in ('validation', 'pydantic') if name in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


# ---------------------------------------------------------------------- shapes in detail


def test_bounds_are_kept() -> None:
    @given(valid(App))
    def bounded(data: dict[str, Any]) -> None:
        assert 1 <= data.get("port", 1) <= 65535
        assert 2 <= len(data.get("name", "ab")) <= 5
        assert len(data.get("hosts", ["x"])) >= 1
        retry = data.get("retry", {})
        assert 0 < retry.get("attempts", 1) <= 10
        assert 0 <= retry.get("backoff", 0) < 60

    bounded()


def test_other_types_come_from_hypothesis() -> None:
    class Stamped(Options):
        when: datetime.datetime
        ident: uuid.UUID

    data = find(valid(Stamped), lambda data: True)
    assert isinstance(data["when"], datetime.datetime)
    assert Stamped.parse(data).is_right()


def test_a_class_that_cannot_be_compiled_fails_every_time() -> None:
    namespace: dict[str, object] = {"__annotations__": {"size": "int", "broken": "NoSuchType"}}
    broken = type(Options)("Broken", (Options,), namespace)
    outer = type(Options)("Outer", (Options,), {"__annotations__": {"inner": broken}})
    for _ in range(2):  # no half-built shape is left behind to draw `{}` from
        with pytest.raises(TypeError, match="cannot resolve the annotations of Broken"):
            valid(outer)


# ---------------------------------------------------------------------- aliases, null as default, rules, named options


class Bounds(Options):
    lo: int = 0
    hi: int = 10
    max_depth: Annotated[int, Field(alias="maxDepth", ge=0)] = 3

    @validation.rule
    def ordered(self) -> Iterator[validation.Issue]:
        if self.lo > self.hi:
            yield validation.Issue(("lo",), "rule", "lo > hi")


class Ordered(Options):
    lo: int = 0
    hi: int = 10

    @validation.rule
    def ordered(self) -> Iterator[validation.Issue]:
        if self.lo > self.hi:
            yield validation.Issue(("lo",), "rule", "lo > hi")


class Holder(Options):
    ordered: Ordered = Ordered()
    many: list[Ordered] = []  # noqa: RUF012
    tree: dict[str, Ordered] = {}  # noqa: RUF012


class Nullable(Options, null_as_default=True):
    size: int = 1
    retry: Retry = Retry()
    token: Secret[str] = Secret("")


class Service(Options):
    host: str
    max_concurrent: Annotated[int, Field(alias="maxConcurrent")] = 1
    keep: Annotated[int, validation.NullAsDefault] = 2
    bounds: Bounds = Bounds()
    per_host: list[Bounds] = []  # noqa: RUF012
    plugins: list[validation.NamedOptions[Literal["search", "tags"], Bounds]] = []  # noqa: RUF012
    extra: validation.NamedOptions[str, Retry] | None = None
    nullable: Nullable = Nullable()
    limit: Annotated[int | None, Field(alias="Limit")] = None

    @validation.rule
    def bounded(self) -> Iterator[validation.Issue]:
        if self.max_concurrent > 100:
            yield validation.Issue(("max_concurrent",), "rule", "at most 100")


SERVICE_KEYS = {"host", "maxConcurrent", "keep", "bounds", "per_host", "plugins", "extra", "nullable", "Limit"}


@settings(max_examples=300)
@given(valid(Service))
def test_valid_maps_of_aliases_null_defaults_rules_and_named_options_parse(data: dict[str, Any]) -> None:
    assert set(data) <= SERVICE_KEYS
    assert Service.parse(data).is_right(), (data, Service.parse(data))


@given(valid(Ordered))
def test_valid_maps_honour_a_rule(data: dict[str, Any]) -> None:
    assert data.get("lo", 0) <= data.get("hi", 10)
    assert Ordered.parse(data).is_right()


@settings(max_examples=200)
@given(valid(Holder))
def test_valid_maps_honour_rules_at_every_level(data: dict[str, Any]) -> None:
    assert Holder.parse(data).is_right(), (data, Holder.parse(data))


def test_valid_maps_use_the_alias_at_every_level() -> None:
    assert find(valid(Service), lambda data: "maxConcurrent" in data) == {"host": "", "maxConcurrent": 0}
    nested = find(valid(Service), lambda data: "maxDepth" in data.get("bounds", {}))
    assert nested == {"host": "", "bounds": {"maxDepth": 0}}
    assert Service.parse(nested).unwrap().bounds.max_depth == 0


def test_valid_maps_still_reach_values_a_rule_allows() -> None:
    data = find(valid(Ordered), lambda data: data.get("lo", 0) > 0 and "hi" in data)
    assert data["lo"] <= data["hi"]
    outer = find(valid(Service), lambda data: any(item.get("lo", 0) > 0 for item in data.get("per_host", [])))
    assert Service.parse(outer).is_right()


def test_valid_maps_give_null_to_a_null_as_default_field() -> None:
    assert find(valid(Service), lambda data: "keep" in data and data["keep"] is None) == {"host": "", "keep": None}
    data = find(valid(Service), lambda data: data.get("nullable", {}).get("retry", 0) is None)
    assert Service.parse(data).unwrap().nullable.retry == Retry()


def test_valid_maps_write_named_options_both_ways() -> None:
    # What the shrinker settles on differs between Hypothesis releases: check the shapes.
    bare = find(valid(Service), lambda data: any(isinstance(item, str) for item in data.get("plugins", [])))
    assert {item for item in bare["plugins"] if isinstance(item, str)} <= {"search", "tags"}
    assert Service.parse(bare).is_right()
    mapped = find(
        valid(Service),
        lambda data: any(isinstance(item, dict) and any(item.values()) for item in data.get("plugins", [])),
    )
    assert Service.parse(mapped).is_right()
    extra = find(valid(Service), lambda data: isinstance(data.get("extra"), dict))
    assert len(extra["extra"]) == 1
    assert Service.parse(extra).is_right()


@settings(max_examples=300)
@given(typos(Service))
def test_typos_of_aliases_and_inside_named_options_are_suggested_back(typo: Typo) -> None:
    found = [issue for issue in issues_of(Service.parse(typo.data)) if issue.path == typo.path]
    assert found and found[0].code == "unknown_key", (typo, Service.parse(typo.data))
    assert typo.original_key in found[0].suggestions, (typo, found)


def test_typos_are_made_from_the_alias() -> None:
    typo = find(typos(Service), lambda typo: typo.original_key == "maxConcurrent")
    assert typo_is_caught(Service, typo)
    nested = find(typos(Service), lambda typo: typo.original_key == "maxDepth")
    assert nested.path[0] in {"bounds", "per_host", "plugins"}  # every level that holds Bounds
    assert typo_is_caught(Service, nested)
    named = find(typos(Service), lambda typo: typo.path[0] == "plugins")
    assert named.path[:3] in {("plugins", 0, "search"), ("plugins", 0, "tags")}
    assert typo_is_caught(Service, named)


@settings(max_examples=300)
@given(invalid(Service))
def test_wrong_values_of_aliases_null_defaults_and_named_options_fail(wrong: WrongValue) -> None:
    found = [issue for issue in issues_of(Service.parse(wrong.data)) if issue.path == wrong.path]
    assert any(issue.code == wrong.code for issue in found), (wrong, found)


def test_none_is_never_the_wrong_value_of_a_null_as_default_field() -> None:
    with pytest.raises(NoSuchExample):
        find(invalid(Nullable), lambda wrong: wrong.data[wrong.path[0]] is None)
    with pytest.raises(NoSuchExample):
        find(invalid(Service), lambda wrong: wrong.path == ("keep",) and wrong.data["keep"] is None)
    assert find(invalid(Nullable), lambda wrong: True).path == ("size",)


def test_wrong_values_of_named_options() -> None:
    for code in ("wrong_type", "bad_value"):
        wrong = find(invalid(Service), lambda wrong, code=code: wrong.path == ("extra",) and wrong.code == code)  # type: ignore[misc]
        assert any(issue.code == code for issue in issues_of(Service.parse(wrong.data)) if issue.path == ("extra",))


def test_typos_of_a_class_without_keys_is_a_clear_error() -> None:
    class Empty(Options):
        pass

    class Digits(Options):
        a: Annotated[int, Field(alias="7")] = 0

    for cls in (Empty, Digits):
        with pytest.raises(TypeError, match=r"typos\(.*\): no key at any level has a misspelling") as raised:
            typos(cls)
        assert isinstance(raised.value, EitherwayError)
    with pytest.raises(TypeError, match="no field has a type with a known wrong value") as raised:
        invalid(Empty)
    assert isinstance(raised.value, EitherwayError)


@dataclasses.dataclass
class AliasedData:
    max_size: Annotated[int, Field(alias="maxSize")] = 1


class AliasedModel(pydantic.BaseModel):
    max_size: int = Field(1, validation_alias="maxSize")
    data: AliasedData = AliasedData()


@given(valid(AliasedModel), typos(AliasedModel))
def test_aliases_of_dataclasses_and_models_are_the_keys(data: dict[str, Any], typo: Typo) -> None:
    assert validation.parse(AliasedModel, data).is_right(), data
    assert set(data) <= {"maxSize", "data"}
    assert set(data.get("data", {})) <= {"maxSize"}
    found = [issue for issue in issues_of(validation.parse(AliasedModel, typo.data)) if issue.path == typo.path]
    assert found and typo.original_key in found[0].suggestions, typo


class Priority(enum.Enum):
    LOW = 1
    HIGH = 2


class Needs(Options):
    path: str


class Jobs(Options):
    by_level: list[validation.NamedOptions[Level, Needs]] = []  # noqa: RUF012
    by_priority: list[validation.NamedOptions[Priority, Retry]] = []  # noqa: RUF012
    plain: list[validation.NamedOptions] = []  # type: ignore[type-arg]  # noqa: RUF012


@given(valid(Jobs))
def test_named_options_of_enums_and_required_options_parse(data: dict[str, Any]) -> None:
    assert Jobs.parse(data).is_right(), (data, Jobs.parse(data))
    # Options with a required key cannot follow a bare name; names of other types are never bare.
    assert all(isinstance(item, dict) for item in data.get("by_level", []) + data.get("by_priority", []))


def test_named_options_of_enums_are_written_as_their_values() -> None:
    data = find(valid(Jobs), lambda data: bool(data.get("by_level")))
    names = [next(iter(item)) if isinstance(item, dict) else item for item in data["by_level"]]
    assert set(names) <= {level.value for level in Level}
    assert Jobs.parse(data).is_right()
    plain = find(valid(Jobs), lambda data: bool(data.get("plain")))
    assert Jobs.parse(plain).is_right()


class Sized(Options):
    retries: Annotated[list[Retry], annotated_types.MinLen(1)] = [Retry()]  # noqa: RUF012
    by_name: Annotated[dict[str, Retry], annotated_types.MaxLen(2)] = {}  # noqa: RUF012
    # A validator it cannot read: drawn within the sizes, then filtered through the field.
    checked: Annotated[list[int], annotated_types.MinLen(1), AfterValidator(sorted)] = [1]  # noqa: RUF012
    checked_map: Annotated[dict[str, int], annotated_types.MaxLen(1), AfterValidator(dict)] = {}  # noqa: RUF012


def test_typos_and_wrong_values_reach_records_in_sized_containers() -> None:
    in_list = find(typos(Sized), lambda typo: typo.path[:2] == ("retries", 0))
    assert typo_is_caught(Sized, in_list)
    in_dict = find(typos(Sized), lambda typo: typo.path[0] == "by_name" and len(typo.path) == 3)
    assert typo_is_caught(Sized, in_dict)
    wrong = find(invalid(Sized), lambda wrong: len(wrong.path) == 3)
    assert any(issue.path == wrong.path for issue in issues_of(Sized.parse(wrong.data)))


@given(valid(Sized))
def test_sized_containers_keep_their_sizes(data: dict[str, Any]) -> None:
    assert len(data.get("retries", [{}])) >= 1
    assert len(data.get("by_name", {})) <= 2
    assert len(data.get("checked", [0])) >= 1
    assert len(data.get("checked_map", {})) <= 1
    assert Sized.parse(data).is_right()

"""Working with options: `replace`, `as_dict(mode="json")`, aliases, `@rule`, null as default."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import sys
import uuid
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Annotated, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import AliasChoices, Field

import validation
from either import Left, Right
from validation import InvalidOptions, Issue, NullAsDefault, Options, Secret


def issues(result: object) -> list[tuple[str, tuple[object, ...], tuple[str, ...]]]:
    assert isinstance(result, Left), result
    return [(issue.code, issue.path, issue.suggestions) for issue in result.error.issues]


class Level(enum.Enum):
    INFO = "info"
    DEBUG = "debug"


class Pool(Options):
    min_connections: int = 1
    max_connections: Annotated[int, Field(alias="maxConn", gt=0)] = 10

    @validation.rule
    def ordered(self) -> Any:
        if self.min_connections > self.max_connections:
            yield Issue(("min_connections",), "rule", "must not exceed maxConn")


class Tls(Options):
    cert: str | None = None
    key: Secret[str] | None = None

    @validation.rule
    def key_needs_cert(self) -> Issue | None:
        if self.key is not None and self.cert is None:
            return Issue(("key",), "rule", "a key needs a cert")
        return None


class Site(Options):
    name: str
    level: Level = Level.INFO
    since: dt.datetime = dt.datetime(2024, 1, 2, 3, 4, 5)
    token: Secret[str] = Secret("hunter2")
    tags: frozenset[str] = frozenset({"b", "a"})
    pool: Pool = Pool()
    pools: list[Pool] = []  # noqa: RUF012
    tls: Tls = Tls()
    use_directory_urls: Annotated[bool, Field(alias="use-directory-urls")] = True
    async_: Annotated[bool, Field(alias="async")] = False


# ---------------------------------------------------------------------- replace


def test_replace_gives_a_validated_copy() -> None:
    site = Site(name="a")
    changed = site.replace(name="b", level="debug")
    assert changed == Site(name="b", level=Level.DEBUG)
    assert site.name == "a"  # the original is untouched
    assert changed.pool is site.pool  # unchanged nested values are shared, not rebuilt


def test_replace_refuses_bad_values_and_misspelt_names_like_the_constructor() -> None:
    site = Site(name="a")
    with pytest.raises(InvalidOptions) as caught:
        site.replace(nmae="b")
    assert [(i.code, i.path, i.suggestions) for i in caught.value.invalid] == [("unknown_key", ("nmae",), ("name",))]
    with pytest.raises(InvalidOptions) as caught:
        site.replace(level="loud")
    assert caught.value.invalid.codes == ("bad_value",)


def test_replace_runs_rules_and_uses_python_names_for_aliased_fields() -> None:
    pool = Pool(max_connections=4)
    assert pool.replace(max_connections=8).max_connections == 8
    with pytest.raises(InvalidOptions) as caught:
        pool.replace(min_connections=5)
    assert caught.value.invalid.codes == ("rule",)
    with pytest.raises(InvalidOptions) as caught:
        pool.replace(max_connection=5)
    assert caught.value.invalid.issues[0].suggestions == ("max_connections",)


def test_copy_replace_protocol() -> None:
    site = Site(name="a")
    if sys.version_info >= (3, 13):
        assert copy.replace(site, name="b") == Site(name="b")  # type: ignore[attr-defined,unused-ignore]
    assert site.__replace__(name="c") == Site(name="c")


def test_replace_is_a_reserved_field_name() -> None:
    with pytest.raises(TypeError, match="reserved"):

        class Bad(Options):  # pyright: ignore[reportUnusedClass]
            replace: int = 1


# ---------------------------------------------------------------------- as_dict


def test_as_dict_json_mode_gives_json_types_and_masks_secrets() -> None:
    site = Site(name="a", tls=Tls(cert="c", key=Secret("k")))
    data = validation.as_dict(site, mode="json")
    assert json.loads(json.dumps(data)) == data
    assert data["level"] == "info"
    assert data["since"] == "2024-01-02T03:04:05"
    assert data["token"] == "***"
    assert data["tls"] == {"cert": "c", "key": "***"}
    assert data["tags"] == ["a", "b"]
    assert data["pool"] == {"min_connections": 1, "maxConn": 10}
    assert data["use-directory-urls"] is True
    assert "hunter2" not in json.dumps(data)
    revealed = validation.as_dict(site, mode="json", reveal_secrets=True)
    assert revealed["token"] == "hunter2" and revealed["tls"]["key"] == "k"


def test_as_dict_json_mode_round_trips_through_parse() -> None:
    site = Site(name="a", pools=[Pool(min_connections=2)], level=Level.DEBUG)
    again = Site.parse(validation.as_dict(site, mode="json", reveal_secrets=True))
    assert again == Right(site)


def test_as_dict_json_of_other_leaf_types() -> None:
    class Odd(Options):
        when: dt.date = dt.date(2024, 1, 2)
        at: dt.time = dt.time(3, 4)
        wait: dt.timedelta = dt.timedelta(seconds=90)
        id: uuid.UUID = uuid.UUID(int=1)
        price: Decimal = Decimal("1.50")
        path: PurePosixPath = PurePosixPath("/a/b")
        raw: bytes = b"ab"
        by_level: dict[Level, int] = {Level.INFO: 1}  # noqa: RUF012
        pair: tuple[int, str] = (1, "x")
        mixed: frozenset[int | str] = frozenset({1, "a"})

    data = validation.as_dict(Odd(), mode="json")
    assert json.loads(json.dumps(data)) == data
    assert data["when"] == "2024-01-02" and data["at"] == "03:04:00" and data["wait"] == 90.0
    assert data["id"] == str(uuid.UUID(int=1)) and data["price"] == "1.50" and data["path"] == "/a/b"
    assert data["raw"] == "ab" and data["by_level"] == {"info": 1} and data["pair"] == [1, "x"]
    assert sorted(map(str, data["mixed"])) == ["1", "a"]


def test_as_dict_refuses_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="mode"):
        validation.as_dict(Site(name="a"), mode="yaml")  # type: ignore[arg-type]


@given(st.text(), st.integers(min_value=1, max_value=10**6))
def test_as_dict_json_never_shows_a_secret_unless_asked(token: str, size: int) -> None:
    site = Site(name="n", token=Secret(token), pool=Pool(max_connections=size))
    text = json.dumps(validation.as_dict(site, mode="json"))
    assert json.loads(text)["token"] == "***"
    assert validation.as_dict(site, mode="json", reveal_secrets=True)["token"] == token


# ---------------------------------------------------------------------- aliases


def test_aliases_are_the_keys_read_and_suggested() -> None:
    assert Site.parse({"name": "a", "use-directory-urls": False, "async": True}).unwrap().async_ is True
    assert issues(Site.parse({"name": "a", "use_directory_url": False})) == [
        ("unknown_key", ("use_directory_url",), ("use-directory-urls",))
    ]
    assert issues(Site.parse({"name": "a", "asinc": True})) == [("unknown_key", ("asinc",), ("async",))]
    assert issues(Pool.parse({"maxconn": 3})) == [("unknown_key", ("maxconn",), ("maxConn",))]
    # the Python name is not an input key
    assert issues(Pool.parse({"max_connections": 3}))[0][:2] == ("unknown_key", ("max_connections",))


def test_constructor_takes_python_names_for_aliased_fields() -> None:
    assert Site(name="a", async_=True, use_directory_urls=False).use_directory_urls is False
    with pytest.raises(InvalidOptions) as caught:
        Pool(max_connections=0)
    assert caught.value.invalid.paths == (("max_connections",),)


def test_required_aliased_field_misspelt_in_the_constructor_is_one_issue() -> None:
    class Needs(Options):
        max_connections: Annotated[int, Field(alias="maxConn")]

    with pytest.raises(InvalidOptions) as caught:
        Needs(max_connection=1)  # type: ignore[call-arg]
    assert [(i.code, i.suggestions) for i in caught.value.invalid] == [("unknown_key", ("max_connections",))]


def test_unusable_aliases_are_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match="AliasChoices"):

        class Choices(Options):  # pyright: ignore[reportUnusedClass]
            a: Annotated[int, Field(validation_alias=AliasChoices("x", "y"))] = 1

    with pytest.raises(TypeError, match="serialization_alias"):

        class Split(Options):  # pyright: ignore[reportUnusedClass]
            a: Annotated[int, Field(validation_alias="x", serialization_alias="y")] = 1

    class Clash(Options):
        a: Annotated[int, Field(alias="b")] = 1
        b: int = 2

    with pytest.raises(TypeError, match="both read from the key 'b'"):
        Clash.parse({})


def test_serialization_alias_alone_is_refused() -> None:
    with pytest.raises(TypeError, match="serialization_alias alone"):

        class Out(Options):  # pyright: ignore[reportUnusedClass]
            a: Annotated[int, Field(serialization_alias="x")] = 1


class Later(Options):
    a: Annotated[Target, Field(validation_alias=AliasChoices("x", "y"))]


class Target(Options):  # declared after its first use: Later's alias is checked on first use
    b: int = 0


def test_an_alias_behind_a_forward_reference_is_checked_on_first_use() -> None:
    with pytest.raises(TypeError, match="AliasChoices"):
        Later.parse({})


# ---------------------------------------------------------------------- rules


def test_rule_issues_are_reported_with_the_other_issues_of_the_same_parse() -> None:
    result = Site.parse(
        {
            "name": "a",
            "pool": {"min_connections": 20, "maxConn": 5},
            "pools": [{}, {"min_connections": 9, "maxConn": 3}],
            "tls": {"key": "k"},
            "levle": "info",
        }
    )
    assert sorted(issues(result)) == sorted(
        [
            ("rule", ("pool", "min_connections"), ()),
            ("rule", ("pools", 1, "min_connections"), ()),
            ("rule", ("tls", "key"), ()),
            ("unknown_key", ("levle",), ("level",)),
        ]
    )
    assert "must not exceed maxConn" in str(result.unwrap_left())


def test_rules_run_in_the_constructor_and_in_parse_of_other_types() -> None:
    with pytest.raises(InvalidOptions) as caught:
        Tls(key=Secret("k"))
    assert caught.value.invalid.paths == (("key",),)
    assert issues(validation.parse(list[Pool], [{"min_connections": 3, "maxConn": 2}])) == [
        ("rule", (0, "min_connections"), ())
    ]


def test_a_rule_raising_is_an_issue_naming_what_it_raised() -> None:
    class Raises(Options):
        a: int = 0

        @validation.rule
        def positive(self) -> None:
            if self.a < 0:
                raise ValueError("a must not be negative")
            if self.a == 13:
                raise RuntimeError("bug")

    assert issues(Raises.parse({"a": -1})) == [("rule", (), ())]
    assert str(Raises.parse({"a": -1}).unwrap_left()) == "(root): a must not be negative"
    assert str(Raises.parse({"a": 13}).unwrap_left()) == "(root): rule positive raised RuntimeError: bug"


def test_rules_are_inherited_and_an_override_without_the_mark_drops_one() -> None:
    class Base(Options):
        a: int = 0

        @validation.rule
        def small(self) -> Issue | None:
            return Issue(("a",), "rule", "too big") if self.a > 10 else None

    class Child(Base):
        b: int = 0

    class Quiet(Base):
        def small(self) -> Issue | None:
            return None

    assert issues(Child.parse({"a": 11})) == [("rule", ("a",), ())]
    assert Quiet.parse({"a": 11}).is_right()


def test_a_rule_must_return_issues() -> None:
    class Wrong(Options):
        a: int = 0

        @validation.rule
        def text(self) -> Any:
            return "bad" if self.a else ["x"]

    assert "must return Issue" in str(Wrong.parse({"a": 1}).unwrap_left())
    assert "must give Issue" in str(Wrong.parse({"a": 0}).unwrap_left())
    with pytest.raises(TypeError, match="plain method"):
        validation.rule(staticmethod(lambda: None))  # type: ignore[type-var]


# ---------------------------------------------------------------------- null as default


def test_null_as_default_per_field_and_per_class() -> None:
    class Theme(Options):
        name: str = "mkdocs"
        locale: Annotated[str, NullAsDefault] = "en"
        font: Annotated[str | None, Field(max_length=20)] = "Roboto"

    assert Theme.parse({"locale": None}).unwrap() == Theme()
    assert Theme.parse({"font": None}).unwrap().font is None  # unmarked: null is a value where allowed
    assert issues(Theme.parse({"name": None}))[0][:2] == ("wrong_type", ("name",))

    class Loose(Options, null_as_default=True):
        name: str = "mkdocs"
        features: list[str] = ["a"]  # noqa: RUF012
        required: int

    assert Loose.parse({"name": None, "features": None, "required": 1}).unwrap() == Loose(required=1)
    assert issues(Loose.parse({"required": None}))[0][:2] == ("wrong_type", ("required",))

    class Inherits(Loose):
        extra: str = "x"

    assert Inherits.parse({"extra": None, "required": 1}).unwrap().extra == "x"
    assert repr(NullAsDefault) == "NullAsDefault"

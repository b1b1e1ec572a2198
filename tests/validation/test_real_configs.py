"""Shapes of real configuration files (mkdocs-style): unions, named options, keyed maps, open levels, warnings."""

from __future__ import annotations

import enum
import string
from typing import Annotated, Any, Literal

import pytest
import typing_extensions
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag

import validation
from either import Left, Right
from validation import NamedOptions, Options, Parsed, Secret


def issues(result: object) -> list[tuple[str, tuple[object, ...], tuple[str, ...]]]:
    assert isinstance(result, Left), result
    return [(issue.code, issue.path, issue.suggestions) for issue in result.error.issues]


class Palette(Options):
    scheme: str = "default"
    primary: str = "indigo"


class Theme(Options):
    name: str
    palette: Palette = Palette()
    custom_dir: str | None = None


class Font(Options):
    text: str = "Roboto"
    code: str = "Roboto Mono"


class TagsOptions(Options):
    tags_file: str = "tags.md"


class Extra(typing_extensions.TypedDict, extra_items=Any):  # type: ignore[call-arg,unused-ignore]
    social: list[dict[str, str]]
    analytics: dict[str, str]


class Site(Options, null_as_default=True):
    site_name: str = "docs"
    theme: str | Theme = "mkdocs"
    font: Font | Literal[False] = False
    plugins: list[NamedOptions[Literal["search", "tags", "blog"], TagsOptions]] = []  # noqa: RUF012
    markdown_extensions: list[str | dict[str, dict[str, Any]]] = []  # noqa: RUF012
    extra: Extra = {"social": [], "analytics": {}}  # noqa: RUF012
    use_directory_urls: Annotated[bool, Field(alias="use-directory-urls")] = True
    is_async: Annotated[bool, Field(alias="async")] = False


# ---------------------------------------------------------------------- unions by kind


def test_a_typo_inside_the_map_member_is_one_issue_without_the_string_member() -> None:
    result = Site.parse({"theme": {"name": "material", "palete": {}}})
    assert issues(result) == [("unknown_key", ("theme", "palete"), ("palette",))]
    assert "{" not in str(result.unwrap_left())  # the map is never quoted


def test_a_value_fitting_no_member_is_one_issue_naming_what_the_union_takes() -> None:
    invalid = Site.parse({"theme": 5}).unwrap_left()
    assert [(i.code, i.path) for i in invalid] == [("wrong_type", ("theme",))]
    assert str(invalid) == "theme: expected a string or a mapping, got 5 (int)"
    invalid = Site.parse({"font": "Inter"}).unwrap_left()
    assert str(invalid) == "font: expected a mapping or False, got 'Inter' (str)"


def test_a_union_member_that_the_kind_fits_reports_its_own_error() -> None:
    assert [i.message for i in Site.parse({"font": True}).unwrap_left()] == ["expected False, got True (bool)"]
    assert issues(Site.parse({"font": {"txet": "x"}})) == [("unknown_key", ("font", "txet"), ("text",))]


def test_lists_of_unions_report_each_item_once() -> None:
    result = Site.parse({"markdown_extensions": ["toc", 3, {"admonition": 4}, {"toc": {"permalink": True}}]})
    assert [(code, path) for code, path, _ in issues(result)] == [
        ("wrong_type", ("markdown_extensions", 1)),
        ("not_a_mapping", ("markdown_extensions", 2, "admonition")),
    ]


def test_a_union_never_renders_a_secret_or_an_unknown_keys_value() -> None:
    class Holder(Options):
        value: int | list[int] = 0
        token: Secret[str] | int = 0

    text = str(Holder.parse({"value": {"password": "hunter2"}}).unwrap_left())
    assert "hunter2" not in text and text == "value: expected an integer or a list, got a mapping with 1 key"
    assert "hunter2" not in str(Holder.parse({"token": {"x": "hunter2"}}).unwrap_left())


def test_a_users_discriminator_still_works() -> None:
    class Cat(Options):
        kind: Literal["cat"]
        lives: int = 9

    class Dog(Options):
        kind: Literal["dog"]
        good: bool = True

    class Home(Options):
        pet: Annotated[Annotated[Cat, Tag("cat")] | Annotated[Dog, Tag("dog")], Discriminator("kind")]

    assert Home.parse({"pet": {"kind": "dog"}}).unwrap().pet == Dog(kind="dog")
    assert issues(Home.parse({"pet": {"kind": "dog", "goood": False}})) == [
        ("unknown_key", ("pet", "goood"), ("good",))
    ]


def test_members_whose_kinds_cannot_be_told_keep_their_errors() -> None:
    def positive(value: int) -> int:
        if value < 0:
            raise ValueError("must not be negative")
        return value

    class Odd(Options):
        value: Annotated[int, AfterValidator(positive)] | str = 0

    assert [i.message for i in Odd.parse({"value": -1}).unwrap_left()] == ["must not be negative, got -1 (int)"]


def test_nested_unions_and_optional_members() -> None:
    class Deep(Options):
        theme: list[str | Theme] | None = None

    assert issues(Deep.parse({"theme": [{"name": "m", "palete": {}}]})) == [
        ("unknown_key", ("theme", 0, "palete"), ("palette",))
    ]
    assert issues(Deep.parse({"theme": "x"}))[0][:2] == ("wrong_type", ("theme",))


_SCALARS: list[tuple[str, Any]] = [
    ("str", str),
    ("int", int),
    ("float", float),
    ("bool", bool),
    ("none", type(None)),
    ("literal", Literal["auto", "off"]),
]


class Target(Options):
    alpha_key: int = 1
    beta_value: str = "b"
    gamma_list: list[int] = []  # noqa: RUF012
    required_name: str


@given(
    members=st.lists(st.sampled_from(_SCALARS), min_size=1, max_size=4, unique_by=lambda m: m[0]),
    position=st.integers(min_value=0, max_value=4),
    key=st.sampled_from(["alpha_key", "beta_value", "gamma_list", "required_name"]),
    edit=st.sampled_from(["swap", "drop", "double", "replace"]),
    in_list=st.booleans(),
)
def test_one_planted_typo_in_a_union_of_options_and_scalars_is_one_issue(
    members: list[tuple[str, Any]], position: int, key: str, edit: str, in_list: bool
) -> None:
    types = [member for _, member in members]
    types.insert(min(position, len(types)), Target)
    union: Any = types[0]
    for member in types[1:]:
        union = union | member
    field_type: Any = list[union] if in_list else union

    class Holder(Options):
        field: field_type  # type: ignore[valid-type]

    value = {"alpha_key": 2, "beta_value": "x", "gamma_list": [1], "required_name": "n"}
    misspelt = _typo(key, edit)
    value[misspelt] = value.pop(key)
    data = {"field": [value] if in_list else value}
    result = Holder.parse(data)
    found = issues(result)
    assert len(found) == 1, (found, members)
    code, path, suggestions = found[0]
    assert code == "unknown_key"
    assert path == (("field", 0) if in_list else ("field",)) + (misspelt,)
    assert suggestions == (key,)


def _typo(key: str, edit: str) -> str:
    middle = len(key) // 2
    if edit == "swap":
        return key[: middle - 1] + key[middle] + key[middle - 1] + key[middle + 1 :]
    if edit == "drop":
        return key[:middle] + key[middle + 1 :]
    if edit == "double":
        return key[:middle] + key[middle] + key[middle:]
    replacement = "q" if key[middle] != "q" else "z"
    return key[:middle] + replacement + key[middle + 1 :]


# ---------------------------------------------------------------------- named options


def test_named_options_from_a_name_or_a_one_key_map() -> None:
    site = Site.parse({"plugins": ["search", {"tags": {"tags_file": "t.md"}}, {"blog": None}]}).unwrap()
    assert site.plugins == [
        NamedOptions("search", TagsOptions()),
        NamedOptions("tags", TagsOptions(tags_file="t.md")),
        NamedOptions("blog", TagsOptions()),
    ]
    assert site.plugins[1].name == "tags" and site.plugins[1].options.tags_file == "t.md"
    assert Site.parse(validation.as_dict(site)) == Right(site)
    assert validation.as_dict(site, mode="json")["plugins"][0] == {"search": {"tags_file": "tags.md"}}


def test_a_mis_indented_options_block_says_a_single_key_was_expected() -> None:
    invalid = Site.parse({"plugins": [{"tags": None, "tags_file": "t.md"}]}).unwrap_left()
    assert invalid.paths == (("plugins", 0),)
    assert str(invalid) == (
        "plugins[0]: expected a single key (a name and its options), got 2 keys: 'tags', 'tags_file'; "
        "is the options block indented under its name?"
    )
    many = {f"k{i}": i for i in range(9)}
    assert "'k0', 'k1', 'k2', 'k3', 'k4' and 4 more" in str(Site.parse({"plugins": [many]}).unwrap_left())
    assert "empty mapping" in str(Site.parse({"plugins": [{}]}).unwrap_left())


def test_a_misspelt_name_is_suggested_in_both_forms() -> None:
    assert issues(Site.parse({"plugins": ["serach"]})) == [("bad_value", ("plugins", 0), ("search",))]
    assert issues(Site.parse({"plugins": [{"tgas": {}}]})) == [("unknown_key", ("plugins", 0, "tgas"), ("tags",))]
    assert issues(Site.parse({"plugins": [{"tags": {"tags_fiel": "x"}}]})) == [
        ("unknown_key", ("plugins", 0, "tags", "tags_fiel"), ("tags_file",))
    ]
    assert issues(Site.parse({"plugins": [4]}))[0][:2] == ("wrong_type", ("plugins", 0))


def test_named_options_with_any_name_and_an_enum() -> None:
    class Kind(enum.Enum):
        A = "alpha"
        B = "beta"

    assert validation.parse(NamedOptions[str, dict[str, int]], "anything").unwrap() == NamedOptions("anything", {})
    assert validation.parse(NamedOptions, {"x": {"y": 1}}).unwrap() == NamedOptions("x", {"y": 1})
    assert issues(validation.parse(NamedOptions[Kind, dict[str, int]], "alpah")) == [("bad_value", (), ("alpha",))]
    named = NamedOptions("a", 1)
    assert validation.parse(NamedOptions[str, int], named).unwrap() is named
    assert repr(named) == "NamedOptions('a', 1)" and hash(named) == hash(NamedOptions("a", 1))
    assert named != ("a", 1)


# ---------------------------------------------------------------------- keyed maps, keywords, nulls


def test_a_map_keyed_by_a_literal_or_an_enum_reports_unknown_keys_with_suggestions() -> None:
    class Name(enum.Enum):
        SEARCH = "search"
        TAGS = "tags"

    assert issues(validation.parse(dict[Literal["search", "tags"], int], {"serach": 1})) == [
        ("unknown_key", ("serach",), ("search",))
    ]
    assert issues(validation.parse(dict[str, dict[Name, int]], {"a": {"tgas": 1}})) == [
        ("unknown_key", ("a", "tgas"), ("tags",))
    ]
    assert issues(validation.parse(dict[Name, int], {3: 1}))[0][0] == "bad_key"


def test_keys_that_are_keywords_or_hold_dashes_through_aliases() -> None:
    site = Site.parse({"use-directory-urls": False, "async": True}).unwrap()
    assert site.use_directory_urls is False and site.is_async is True
    assert issues(Site.parse({"use_directory_urls": False})) == [
        ("unknown_key", ("use_directory_urls",), ("use-directory-urls",))
    ]
    assert issues(Site.parse({"asyn": True})) == [("unknown_key", ("asyn",), ("async",))]
    assert validation.as_dict(site)["use-directory-urls"] is False


def test_null_means_the_default_for_a_class_declared_so() -> None:
    site = Site.parse({"site_name": None, "plugins": None, "theme": None}).unwrap()
    assert site == Site()


# ---------------------------------------------------------------------- open levels


def test_an_open_level_keeps_unknown_keys_but_catches_near_misses() -> None:
    assert Site.parse({"extra": {"social": [], "analytics": {}, "version": "1"}}).unwrap().extra["version"] == "1"
    assert issues(Site.parse({"extra": {"socail": [], "analytics": {}}})) == [
        ("unknown_key", ("extra", "socail"), ("social",))
    ]


def test_open_pydantic_models_and_map_schemas_catch_near_misses() -> None:
    class Open(BaseModel):
        model_config = ConfigDict(extra="allow")
        social: int = 1

    assert validation.parse(Open, {"other": 2}).unwrap().model_extra == {"other": 2}
    assert issues(validation.parse(Open, {"socail": 2})) == [("unknown_key", ("socail",), ("social",))]
    params = validation.schema({"social": int}, open=True)
    assert params.parse({"social": 1, "x": 2}) == Right({"social": 1, "x": 2})
    assert issues(params.parse({"socal": 2, "x": 1})) == [("unknown_key", ("socal",), ("social",))]
    assert params.parse({"social": 1, "socal": 2}).is_right()  # `social` is there: `socal` is another key


# ---------------------------------------------------------------------- lenient mode


def test_lenient_parse_returns_warnings_with_the_value() -> None:
    result = Site.parse({"site_nmae": "x", "theme": {"name": "m", "palete": {}}}, warn={"unknown_key"})
    assert isinstance(result, Right)
    parsed = result.value
    assert parsed.value == Site(theme=Theme(name="m"))
    assert sorted((w.code, w.path, w.suggestions) for w in parsed.warnings) == [
        ("unknown_key", ("site_nmae",), ("site_name",)),
        ("unknown_key", ("theme", "palete"), ("palette",)),
    ]
    assert "site_nmae: unknown key; did you mean 'site_name'?" in str(parsed).splitlines()
    assert repr(parsed).endswith("2 warnings)") and len(parsed) == 2 and list(parsed) == list(parsed.warnings)


def test_lenient_parse_of_a_clean_input_has_no_warnings_and_errors_stay_errors() -> None:
    assert Site.parse({}, warn={"unknown_key"}) == Right(Parsed(Site()))
    assert str(Parsed(1)) == ""
    result = Site.parse({"site_nmae": "x", "font": 3}, warn={"unknown_key"})
    assert [code for code, _, _ in issues(result)] == ["wrong_type"]


def test_lenient_parse_of_a_misspelt_required_key_is_one_error() -> None:
    result = Theme.parse({"nmae": "m"}, warn={"unknown_key"})
    assert issues(result) == [("unknown_key", ("nmae",), ("name",))]
    result = Theme.parse({"nmae": "m", "custom_dir": 3}, warn={"unknown_key"})
    assert sorted(code for code, _, _ in issues(result)) == ["unknown_key", "wrong_type"]


def test_lenient_parse_drops_near_misses_of_open_levels_and_works_for_other_types() -> None:
    params = validation.schema({validation.optional("social"): list[str]}, open=True)
    parsed = params.parse({"socail": [], "v": 1}, warn={"unknown_key"})
    assert parsed.unwrap().value == {"v": 1}
    assert [w.suggestions for w in parsed.unwrap().warnings] == [("social",)]
    assert issues(Site.parse({"extra": {"socail": [], "analytics": {}}}, warn={"unknown_key"})) == [
        ("unknown_key", ("extra", "socail"), ("social",))
    ]
    result = validation.parse(list[Theme], [{"name": "a"}, {"name": "b", "x": 1}], warn={"unknown_key"})
    assert result.unwrap().value == [Theme(name="a"), Theme(name="b")]
    assert result.unwrap().warnings[0].path == (1, "x")
    result = validation.parse(tuple[Theme, ...], ({"name": "a", "x": 1},), warn={"unknown_key"})
    assert result.unwrap().value == (Theme(name="a"),)


def test_lenient_mode_refuses_codes_it_cannot_warn_about() -> None:
    with pytest.raises(ValueError, match="only"):
        Site.parse({}, warn={"missing"})
    with pytest.raises(TypeError, match="collection"):
        Site.parse({}, warn="unknown_key")


@given(st.text(string.ascii_lowercase, min_size=1, max_size=12))
@example("name")
@example("palette")
def test_lenient_parse_never_keeps_an_unknown_key(key: str) -> None:
    strict = Theme.parse({"name": "n", key: 1})
    lenient = Theme.parse({"name": "n", key: 1}, warn={"unknown_key"})
    if isinstance(strict, Right):
        assert lenient == Right(Parsed(strict.value))
    elif any(issue.code != "unknown_key" for issue in strict.error):  # the key is a field: `name`, `palette`
        assert lenient == strict
    else:
        assert lenient.unwrap().value == Theme(name="n")
        assert [w.path for w in lenient.unwrap().warnings] == [(key,)]


# ---------------------------------------------------------------------- messages


def test_messages_in_the_librarys_words() -> None:
    def positive(value: int) -> int:
        if value < 0:
            raise ValueError("must not be negative")
        return value

    class Voice(Options):
        slug: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")] = "a"
        long_slug: Annotated[str, Field(pattern=r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)(?:/[a-z0-9]+)*$")] = "a"
        count: Annotated[int, AfterValidator(positive)] = 0
        size: Annotated[int, Field(ge=1, le=10)] = 1
        name: Annotated[str, Field(min_length=2)] = "ab"
        language: Literal[tuple(f"language-{n:02}" for n in range(40))] = "language-00"  # type: ignore[valid-type]

    def message(data: dict[str, object]) -> str:
        return Voice.parse(data).unwrap_left().issues[0].message

    assert message({"slug": "A B"}) == "expected a string matching the declared pattern '^[a-z0-9-]+$', got 'A B' (str)"
    assert message({"long_slug": "A"}) == "expected a string matching the declared pattern, got 'A' (str)"
    assert message({"count": -1}) == "must not be negative, got -1 (int)"
    assert message({"size": 0}) == "expected a value of at least 1, got 0 (int)"
    assert message({"size": 11}) == "expected a value of at most 10, got 11 (int)"
    assert message({"name": "a"}) == "expected at least 2 characters, got 'a' (str)"
    issue = Voice.parse({"language": "language-7"}).unwrap_left().issues[0]
    assert issue.message.startswith("expected one of 'language-00', 'language-01',")
    assert "other values, got 'language-7' (str)" in issue.message
    assert "…" not in issue.message and "..." not in issue.message
    assert issue.suggestions[0] in ("language-07", "language-17")


def test_named_options_are_immutable_and_pickle() -> None:
    import pickle

    named = NamedOptions("toc", TagsOptions(tags_file="x"))
    with pytest.raises(AttributeError):
        named.name = "other"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(named)) == named


def test_lenient_parse_of_thousands_of_unknown_keys_and_of_a_lying_mapping() -> None:
    data: dict[str, object] = {"name": "n", **{f"unknown_{i}": i for i in range(2500)}}
    parsed = Theme.parse(data, warn={"unknown_key"}).unwrap()
    assert parsed.value == Theme(name="n")
    assert len([w for w in parsed.warnings if w.code == "unknown_key"]) == 2500

    class Lying(dict[str, object]):
        def keys(self) -> Any:
            raise RuntimeError("no")

        def __iter__(self) -> Any:
            raise RuntimeError("no")

    result = Theme.parse(Lying(name="n", x=1), warn={"unknown_key"})
    assert isinstance(result, Left)


def test_a_union_that_fits_nothing_names_null_and_hides_inputs_near_secrets() -> None:
    class Vault(Options):
        password: Secret[str]

    class Holder(Options):
        value: int | list[int] | None = None
        vault: Vault | list[int] = []  # noqa: RUF012

    assert str(Holder.parse({"value": {"a": 1}}).unwrap_left()) == (
        "value: expected an integer, a list or null, got a mapping with 1 key"
    )
    text = str(Holder.parse({"vault": "hunter2"}).unwrap_left())
    assert "hunter2" not in text and text.startswith("vault: expected a mapping or a list, got a value of type str")

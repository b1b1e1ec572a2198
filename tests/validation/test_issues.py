"""The error model: exact renderings, bounded renderings for any input, JSON, immutability."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from either._errors import EitherwayError
from validation import Invalid, InvalidOptions, Issue
from validation._issues import ISSUE_CODES, render_path

TYPO = Issue(
    ("server", "max_conucrrent_requests"),
    "unknown_key",
    "unknown key",
    suggestions=("max_concurrent_requests",),
)
STREET = Issue(("address", "streetz"), "unknown_key", "unknown key", suggestions=("street1", "street2"))
MISSING = Issue(("servers", 2, "port"), "missing", "required key missing")


# ------------------------------------------------------------------ paths


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), "(root)"),
        (("server",), "server"),
        (("server", "max_conucrrent_requests"), "server.max_conucrrent_requests"),
        (("servers", 2, "port"), "servers[2].port"),
        ((0, "name"), "[0].name"),
        (("servers", 0, 1), "servers[0][1]"),
        (("headers", "Content-Type"), "headers.Content-Type"),
        (("headers", "Content Type"), "headers['Content Type']"),
        (("a.b", "c"), "['a.b'].c"),
        (("", "x"), "[''].x"),
        (("-flag",), "['-flag']"),
        (("1st",), "['1st']"),
        (("line\nbreak",), "['line\\nbreak']"),
        (("größe",), "größe"),
        (("x" * 41,), "x" * 39 + "…"),
        (("a b" * 20,), "['" + ("a b" * 20)[:39] + "'…]"),
        (tuple("abcdefg"), "a.b.c.d.e.f.g"),
        (tuple("abcdefgh"), "a.b.c….e.f.g.h"),
        (("a", 1, 2, 3, 4, 5, 6, "z"), "a[1][2]…[4][5][6].z"),
        ((-1,), "[-1]"),
        ((2**64,), "[<65-bit number>]"),
    ],
)
def test_paths_render_readably(path: tuple[str | int, ...], text: str) -> None:
    assert render_path(path) == text
    assert Issue(path, "missing", "m").path_text == text


def test_strays_in_a_path_are_named_by_type() -> None:
    # Not a key or an index (a caller's mistake): shown by type, never crashing.
    odd: tuple[str | int, ...] = (b"key", True)  # type: ignore[assignment]
    assert render_path(odd) == "[<bytes>][<bool>]"
    assert Issue(odd, "bad_key", "m").to_json()["path"] == ["<bytes>", "<bool>"]


# ------------------------------------------------------------------ one issue


def test_issue_renders_as_one_line_with_its_suggestions() -> None:
    assert str(TYPO) == "server.max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?"
    assert str(STREET) == "address.streetz: unknown key; did you mean 'street1' or 'street2'?"
    assert str(MISSING) == "servers[2].port: required key missing"
    three = Issue(("x",), "bad_value", "bad", suggestions=("a", "b", "c"))
    assert str(three) == "x: bad; did you mean 'a', 'b' or 'c'?"
    seven = Issue(("x",), "bad_value", "bad", suggestions=tuple("abcdefg"))
    assert str(seven) == "x: bad; did you mean 'a', 'b', 'c', 'd', 'e' or 2 others?"
    six = Issue(("x",), "bad_value", "bad", suggestions=tuple("abcdef"))
    assert str(six) == "x: bad; did you mean 'a', 'b', 'c', 'd', 'e' or 1 other?"


def test_issue_names_its_source() -> None:
    issue = Issue(("port",), "wrong_type", "expected int, got 'x' (str)", source="app.toml")
    assert str(issue) == "port: expected int, got 'x' (str) (from app.toml)"
    long_source = Issue((), "not_a_mapping", "expected a mapping", source="/srv/" + "deep/" * 40 + "app.toml")
    assert str(long_source).endswith("deep/deep/app.toml)")
    assert "(from …" in str(long_source)


def test_root_issue() -> None:
    issue = Issue((), "not_a_mapping", "expected a mapping, got None (NoneType)")
    assert str(issue) == "(root): expected a mapping, got None (NoneType)"


def test_messages_stay_on_one_line_without_control_characters() -> None:
    issue = Issue(("a",), "bad_value", "first\nsecond\r\nthird \x1b[31mred\x00")
    assert str(issue) == "a: first second third \\x1b[31mred\\x00"


def test_issue_repr_is_bounded_and_readable() -> None:
    assert repr(MISSING) == "Issue(('servers', 2, 'port'), 'missing', 'required key missing')"
    assert repr(TYPO) == (
        "Issue(('server', 'max_conucrrent_requests'), 'unknown_key', 'unknown key', "
        "suggestions=('max_concurrent_requests',))"
    )
    huge = Issue(("k" * 2_000_000,), "unknown_key", "m" * 2_000_000, ("s" * 10_000,), "src" * 10_000)
    assert len(repr(huge)) < 700


def test_issue_json() -> None:
    assert TYPO.to_json() == {
        "path": ["server", "max_conucrrent_requests"],
        "code": "unknown_key",
        "message": "unknown key",
        "suggestions": ["max_concurrent_requests"],
        "source": None,
    }
    with_source = dataclasses.replace(MISSING, source="env")
    assert with_source.to_json()["source"] == "env"
    assert json.loads(json.dumps(with_source.to_json())) == with_source.to_json()


def test_issue_json_is_bounded() -> None:
    deep = Issue(tuple(range(5000)), "too_deep", "nested too deeply")
    path = deep.to_json()["path"]
    assert isinstance(path, list)
    assert len(path) == 64
    assert path[:2] == [0, 1]
    assert path[32] == "…"
    assert path[-1] == 4999
    huge = Issue(("k" * 2_000_000,), "unknown_key", "m" * 2_000_000)
    assert len(json.dumps(huge.to_json())) < 1500


def test_issue_is_immutable_hashable_and_slotted() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        TYPO.code = "missing"  # type: ignore[misc]
    assert not hasattr(TYPO, "__dict__")
    assert hash(TYPO) == hash(dataclasses.replace(TYPO))
    assert dataclasses.replace(TYPO) == TYPO
    assert dataclasses.replace(TYPO, suggestions=()) != TYPO


def test_lists_given_for_tuples_are_stored_as_tuples() -> None:
    issue = Issue(["a", 0], "missing", "m", ["b"])  # type: ignore[arg-type]
    assert issue.path == ("a", 0)
    assert issue.suggestions == ("b",)
    assert hash(issue) == hash(Issue(("a", 0), "missing", "m", ("b",)))


def test_issue_under_and_with_source() -> None:
    assert MISSING.under("app").path == ("app", "servers", 2, "port")
    assert MISSING.under() is MISSING
    assert MISSING.with_source("env").source == "env"
    sourced = MISSING.with_source("file")
    assert sourced.with_source("env") is sourced


def test_codes_are_documented() -> None:
    stable = {"unknown_key", "missing", "wrong_type", "bad_value", "bad_key", "not_a_mapping", "too_deep"}
    assert stable <= ISSUE_CODES


# ------------------------------------------------------------------ bounded for any input


def _long_text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """A long string built by repetition: drawing thousands of characters one by one is slow."""
    return st.builds(
        lambda head, unit, count: head + unit * count,
        st.text(max_size=20),
        st.text(min_size=1, max_size=4),
        st.integers(min_size, max_size),
    )


KEYS = st.one_of(st.text(max_size=60), _long_text(1000, 3000), st.integers())
PATHS = st.lists(KEYS, max_size=30).map(tuple)
TEXTS = st.one_of(st.text(max_size=100), _long_text(2000, 5000))
ISSUES = st.builds(
    Issue,
    path=PATHS,
    code=st.sampled_from(sorted(ISSUE_CODES)),
    message=TEXTS,
    suggestions=st.lists(TEXTS, max_size=10).map(tuple),
    source=st.none() | TEXTS,
)
ISSUE_TEXT_BOUND = 1600


@given(ISSUES)
def test_any_issue_renders_bounded_on_one_printable_line(issue: Issue) -> None:
    text = str(issue)
    assert len(text) <= ISSUE_TEXT_BOUND
    assert text.isprintable()
    assert len(issue.path_text) <= 360
    assert len(repr(issue)) <= 1000
    assert len(json.dumps(issue.to_json())) <= 3 * 64 * 260 + 8000


@given(ISSUES)
def test_any_issue_json_round_trips(issue: Issue) -> None:
    data = issue.to_json()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"path", "code", "message", "suggestions", "source"}


@given(ISSUES, PATHS)
def test_under_prefixes_the_path(issue: Issue, prefix: tuple[str | int, ...]) -> None:
    assert issue.under(*prefix).path == prefix + issue.path
    assert issue.under(*prefix).code == issue.code


# ------------------------------------------------------------------ Invalid


def test_invalid_renders_one_line_per_issue() -> None:
    invalid = Invalid([TYPO, STREET, MISSING])
    assert str(invalid) == (
        "server.max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?\n"
        "address.streetz: unknown key; did you mean 'street1' or 'street2'?\n"
        "servers[2].port: required key missing"
    )
    assert repr(invalid) == (
        "Invalid(3 issues: server.max_conucrrent_requests: unknown key; "
        "did you mean 'max_concurrent_requests'?; and 2 more)"
    )
    assert repr(Invalid([MISSING])) == "Invalid(1 issue: servers[2].port: required key missing)"


def test_invalid_is_a_sequence_of_issues() -> None:
    invalid = Invalid([TYPO, MISSING])
    assert len(invalid) == 2
    assert list(invalid) == [TYPO, MISSING]
    assert invalid.issues == (TYPO, MISSING)
    assert invalid.codes == ("unknown_key", "missing")
    assert invalid.paths == (("server", "max_conucrrent_requests"), ("servers", 2, "port"))
    assert bool(invalid)


def test_invalid_is_never_empty_and_holds_only_issues() -> None:
    with pytest.raises(ValueError, match="at least one Issue"):
        Invalid([])
    with pytest.raises(TypeError, match="got a str"):
        Invalid(["not an issue"])  # type: ignore[list-item]


def test_invalid_equality_hash_and_immutability() -> None:
    assert Invalid([TYPO]) == Invalid((TYPO,))
    assert hash(Invalid([TYPO])) == hash(Invalid(iter([TYPO])))
    assert Invalid([TYPO]) != Invalid([MISSING])
    assert Invalid([TYPO]) != (TYPO,)  # type: ignore[comparison-overlap]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Invalid([TYPO]).issues = ()  # type: ignore[misc]
    assert not hasattr(Invalid([TYPO]), "__dict__")


def test_invalid_helpers() -> None:
    first, second = Invalid([TYPO]), Invalid([MISSING, STREET])
    assert Invalid.merge(first, second).issues == (TYPO, MISSING, STREET)
    assert first.under("app").paths == (("app", "server", "max_conucrrent_requests"),)
    assert first.under() is first
    sourced = Invalid([TYPO, MISSING.with_source("app.toml")]).with_source("env")
    assert [issue.source for issue in sourced] == ["env", "app.toml"]
    with pytest.raises(ValueError, match="at least one Issue"):
        Invalid.merge()


def test_invalid_json() -> None:
    invalid = Invalid([TYPO, MISSING])
    assert invalid.to_json() == [TYPO.to_json(), MISSING.to_json()]
    assert json.loads(json.dumps(invalid.to_json())) == invalid.to_json()


def test_twenty_thousand_issues_render_bounded() -> None:
    many = Invalid([Issue(("extra", f"key_{n}"), "unknown_key", "unknown key") for n in range(20_000)])
    lines = str(many).splitlines()
    assert len(lines) == 51
    assert lines[0] == "extra.key_0: unknown key"
    assert lines[-1] == "... and 19950 more issues"
    assert len(repr(many)) < 300
    assert repr(many).endswith("; and 19999 more)")
    data = many.to_json()
    assert len(data) == 1001
    assert data[-1] == {
        "path": [],
        "code": "too_many_issues",
        "message": "19000 more issues left out",
        "suggestions": [],
        "source": None,
    }
    assert len(many.to_json(limit=None)) == 20_000
    assert many.to_json(limit=1)[-1]["message"] == "19999 more issues left out"
    assert len(many.to_json(limit=0)) == 1
    assert str(Invalid([MISSING] * 51)).endswith("\n... and 1 more issue")


@given(st.lists(ISSUES, min_size=1, max_size=80))
def test_any_invalid_renders_bounded(issues: list[Issue]) -> None:
    invalid = Invalid(issues)
    lines = str(invalid).splitlines()
    assert len(lines) == min(len(issues), 50) + (len(issues) > 50)
    assert all(len(line) <= ISSUE_TEXT_BOUND for line in lines)
    assert len(repr(invalid)) <= 260
    assert json.loads(json.dumps(invalid.to_json())) == invalid.to_json()


@given(st.lists(st.lists(ISSUES, min_size=1, max_size=5).map(Invalid), min_size=1, max_size=5))
def test_merge_keeps_every_issue_in_order(invalids: list[Invalid]) -> None:
    merged = Invalid.merge(*invalids)
    assert merged.issues == tuple(issue for invalid in invalids for issue in invalid)


def test_invalid_pickles() -> None:
    invalid = Invalid([TYPO, MISSING])
    assert pickle.loads(pickle.dumps(invalid)) == invalid


# ------------------------------------------------------------------ InvalidOptions


def test_invalid_options_message_names_the_class() -> None:
    error = InvalidOptions(Invalid([TYPO, MISSING]), "AppOptions")
    assert str(error) == (
        "invalid AppOptions: 2 issues\n"
        "  server.max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?\n"
        "  servers[2].port: required key missing"
    )
    assert isinstance(error, EitherwayError)
    assert isinstance(error, ValueError)
    assert error.invalid == Invalid([TYPO, MISSING])
    assert error.target == "AppOptions"
    assert str(InvalidOptions(Invalid([MISSING]))).startswith("invalid options: 1 issue\n  servers[2].port")


def test_invalid_options_can_be_caught_as_value_error_and_pickled() -> None:
    with pytest.raises(ValueError, match="invalid AppOptions: 1 issue"):
        raise InvalidOptions(Invalid([MISSING]), "AppOptions")
    error = pickle.loads(pickle.dumps(InvalidOptions(Invalid([MISSING]), "AppOptions")))
    assert isinstance(error, InvalidOptions)
    assert error.invalid == Invalid([MISSING])
    assert str(error).startswith("invalid AppOptions")


def test_invalid_options_message_is_bounded() -> None:
    many = Invalid([MISSING] * 20_000)
    assert len(str(InvalidOptions(many, "A" * 10_000))) < 52 * ISSUE_TEXT_BOUND

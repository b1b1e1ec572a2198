"""Bad input: each a `Left` within a second, with a short readable message, never a crash."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

import validation
from either import Left
from validation import Invalid, Options
from validation._engine import MATERIALISED


class Server(Options):
    host: str = "localhost"
    port: int = 8080
    labels: dict[str, str] = {}  # noqa: RUF012


class Node(Options):
    name: str = "n"
    child: Node | None = None


PARAMS = validation.schema({"profileId": str, validation.optional("pageSize", default=20): int})


def _nested(depth: int, key: str) -> dict[str, Any]:
    root: dict[str, Any] = {}
    current = root
    for _ in range(depth):
        current[key] = {}
        current = current[key]
    return root


def _cyclic(key: str) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "loop"}
    data[key] = data
    return data


def _bounded(invalid: Invalid) -> None:
    text = str(invalid)
    assert len(text) < 6000
    assert all(len(line) < 400 for line in text.splitlines())
    assert len(repr(invalid)) < 400
    assert len(str(invalid.to_json())) < 400_000
    for issue in invalid.issues:
        assert issue.message
        assert len(issue.message) < 400


BAD: dict[str, tuple[Callable[[object], object], object, str]] = {
    "none": (Server.parse, None, "not_a_mapping"),
    "int": (Server.parse, 3, "not_a_mapping"),
    "str": (Server.parse, "host=x", "not_a_mapping"),
    "list of pairs": (Server.parse, [("host", "x")], "not_a_mapping"),
    "map none": (PARAMS.parse, None, "not_a_mapping"),
    "map list of pairs": (PARAMS.parse, [("profileId", "x")], "not_a_mapping"),
    "int key": (Server.parse, {1: 2}, "bad_key"),
    "bytes key": (Server.parse, {b"host": "x"}, "bad_key"),
    "tuple key": (Server.parse, {("host",): "x"}, "bad_key"),
    "nested bytes key": (Server.parse, {"labels": {b"k": "v"}}, "bad_key"),
    "nested int key": (Server.parse, {"labels": {1: "v"}}, "bad_key"),
    "map bytes key": (PARAMS.parse, {"profileId": "p", b"pageSize": 1}, "bad_key"),
    "2 MB key": (Server.parse, {"h" * 2_000_000: 1}, "unknown_key"),
    "20 000 unknown keys": (Server.parse, {f"key{i}": i for i in range(20_000)}, "unknown_key"),
    "cycle, recursive schema": (Node.parse, _cyclic("child"), "cycle"),
    "cycle, plain schema": (Server.parse, _cyclic("labels"), "unknown_key"),
    "5000 deep, recursive schema": (Node.parse, _nested(5000, "child"), "too_deep"),
    "5000 deep, plain schema": (Server.parse, _nested(5000, "labels"), "wrong_type"),
    "5000 deep, map schema": (PARAMS.parse, _nested(5000, "profileId"), "wrong_type"),
    "5000 deep list": (Server.parse, {"labels": _nested(5000, "x")}, "wrong_type"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_a_short_left(case: str) -> None:
    parse, data, code = BAD[case]
    start = time.perf_counter()
    result = parse(data)
    invalid = result.error if isinstance(result, Left) else None
    assert isinstance(invalid, Invalid), result
    _bounded(invalid)
    # A guard against hangs and blow-ups (minutes), not a speed check: bench/ measures speed.
    assert time.perf_counter() - start < 20
    assert code in invalid.codes


def test_non_string_keys_are_reported_as_keys_of_their_mapping() -> None:
    invalid = Server.parse({1: 2, b"port": 3}).unwrap_left()
    assert invalid.codes == ("bad_key", "bad_key")
    assert invalid.paths == ((), ())
    assert "1 (int)" in invalid.issues[0].message
    assert "b'port' (bytes)" in invalid.issues[1].message
    nested = Server.parse({"labels": {7: "x"}}).unwrap_left()
    assert nested.paths == (("labels",),)
    assert "7 (int)" in nested.issues[0].message


def test_a_huge_key_gets_no_suggestion_and_a_cut_path() -> None:
    invalid = Server.parse({"p" * 2_000_000: 1}).unwrap_left()
    assert invalid.issues[0].suggestions == ()
    assert len(str(invalid)) < 200


def test_many_unknown_keys_are_counted_and_the_first_kept() -> None:
    invalid = Server.parse({f"key{i}": i for i in range(20_000)}).unwrap_left()
    assert len(invalid.issues) == MATERIALISED + 1  # the first ones, then one that counts the rest
    assert invalid.codes[:-1] == ("unknown_key",) * MATERIALISED
    assert invalid.issues[-1].code == "too_many_issues"
    assert invalid.issues[-1].message.startswith(f"{20_000 - MATERIALISED} more issues not listed")
    text = str(invalid)
    assert len(text.splitlines()) == 51
    assert text.endswith(f"... and {MATERIALISED + 1 - 50} more issues")
    shown = invalid.to_json()
    assert len(shown) == 1001
    assert shown[-1]["code"] == "too_many_issues"


def test_many_unknown_keys_nested_in_a_list_are_counted() -> None:
    class Holder(Options):
        servers: list[Server] = []  # noqa: RUF012

    data = {"servers": [{f"k{i}": i for i in range(700)} for _ in range(3)]}
    invalid = Holder.parse(data).unwrap_left()
    assert invalid.issues[-1].code == "too_many_issues"
    assert invalid.issues[-1].message.startswith(f"{2100 - MATERIALISED} more issues")
    assert invalid.issues[0].path == ("servers", 0, "k0")


def test_messages_name_what_came() -> None:
    invalid = Server.parse(None).unwrap_left()
    assert str(invalid) == "(root): expected a mapping for Server, got None (NoneType)"
    invalid = Server.parse({"port": "eighty"}).unwrap_left()
    assert str(invalid) == "port: expected an integer, got 'eighty' (str)"

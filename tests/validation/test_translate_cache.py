"""The error path's per-schema caches: built lazily from many threads, the same answers as a cold parse, bounded."""

from __future__ import annotations

import sys
import threading
from typing import Any, Literal

import pytest
from pydantic import Field

from validation import Options, Secret
from validation._options import _engine
from validation._translate import _CACHED_NODES, Translator


def _classes() -> type[Options]:
    """A fresh schema each call: a union with a secret member, an alias, a nested level with a typo."""

    class Inner(Options):
        host: str
        port: int = 5432

    class Cat(Options):
        kind: Literal["cat"]
        lives: int = 9

    class Dog(Options):
        kind: Literal["dog"]
        bark: int = 1

    class Outer(Options):
        name: str = Field("svc", alias="service-name")
        pet: Cat | Dog | None = None
        token: Secret[str] | int = 0
        inner: Inner | Literal[False] = False
        level: Literal["debug", "info"] = "info"

    return Outer


_TYPOS: list[dict[str, Any]] = [
    {"servce-name": "x"},
    {"token": ["not", "a", "token"]},
    {"inner": {"hots": "db"}},
    {"inner": "nope"},
    {"level": "inf"},
    {"pet": {"kind": "dog", "brak": 1}},
    {"pet": {"kind": "cat", "lives": "x", "bark": 2}},
    {"pet": [{"kind": "cat"}]},
    {"service-name": 3, "inner": {"host": "db", "prot": 1}, "token": 1.5},
]


def _texts(cls: type[Options]) -> list[str]:
    return [str(cls.parse(data).unwrap_left()) for data in _TYPOS]


@pytest.mark.parametrize("round_", range(3))
def test_32_threads_on_cold_caches_read_what_one_thread_reads(round_: int) -> None:
    expected = _texts(_classes())
    cls = _classes()
    barrier = threading.Barrier(32)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(_texts(cls))
        except BaseException as exc:  # every failure is collected and shown below
            errors.append(exc)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run) for _ in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    assert results == [expected] * 32


def test_a_secret_member_hides_the_input_on_every_parse_not_just_the_first() -> None:
    cls = _classes()
    for _ in range(3):
        text = str(cls.parse({"token": ["hunter2"]}).unwrap_left())
        assert "hunter2" not in text
        assert "token" in text


def test_answers_do_not_depend_on_what_was_asked_first() -> None:
    warm = _classes()
    for data in reversed(_TYPOS):
        warm.parse(data)
    assert _texts(warm) == _texts(_classes())


def test_caches_hold_schema_nodes_only_however_many_inputs_come() -> None:
    cls = _classes()
    _texts(cls)
    translator: Any = _engine(cls).shape
    caches = ("_secrets", "_guarded", "_aliases", "_shapes", "_choices")
    sizes = tuple(len(getattr(translator, name)) for name in caches)
    for index in range(300):
        cls.parse(
            {
                f"unknown_{index}": index,
                "inner": {f"hots{index}": "db"},
                "token": [index],
                "pet": {"kind": "dog", f"k{index}": index},
            }
        )
    assert tuple(len(getattr(translator, name)) for name in caches) == sizes
    assert max(sizes) <= _CACHED_NODES


def test_past_the_bound_answers_are_computed_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _texts(_classes())
    monkeypatch.setattr("validation._translate._CACHED_NODES", 0)
    cls = _classes()
    assert _texts(cls) == expected
    translator: Any = _engine(cls).shape
    caches = ("_secrets", "_guarded", "_aliases", "_shapes", "_choices")
    assert tuple(len(getattr(translator, name)) for name in caches) == (0,) * len(caches)


def test_a_level_looked_up_by_key_finds_what_a_scan_of_its_fields_finds() -> None:
    translator = Translator({"type": "any"}, "x")
    leaf, other = {"type": "int"}, {"type": "str"}
    plain = {
        "type": "dataclass-args",
        "fields": [
            {"name": "a", "schema": leaf},
            {"name": "b", "validation_alias": [["c", 0]], "schema": other},
            {"name": "a", "schema": other},  # the first field of a name wins, as in a scan
        ],
    }
    assert translator.child(plain, "a") is leaf
    assert translator.child(plain, "b") is None
    assert translator.child(plain, 0) is None
    odd = {"type": "dataclass-args", "fields": [{"name": "a", "validation_alias": ("a",), "schema": leaf}]}
    assert translator.child(odd, "a") is None  # an alias that is no key and no alias path: scanned, equal to none
    named = {"type": "dataclass-args", "fields": [{"name": "a", "schema": leaf}]}
    assert translator.child(named, _Key("a")) is leaf  # a key of another class: scanned


class _Key(str):
    __slots__ = ()

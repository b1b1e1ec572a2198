"""Properties of `Options` over generated schemas, maps, typos and hostile input (Hypothesis)."""

from __future__ import annotations

import json
import keyword
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from hostile import HOSTILE
from hypothesis import assume, given
from hypothesis import strategies as st

import validation
from either import Left, Right
from validation import Invalid, Options, Secret

# ---------------------------------------------------------------------- generated schemas


@dataclass(frozen=True)
class Kind:
    """A field type, a strategy for valid values, and a value of the wrong type."""

    annotation: object
    values: st.SearchStrategy[Any]
    wrong: object


KINDS = [
    Kind(int, st.integers(-(10**6), 10**6), "not a number"),
    Kind(str, st.text(max_size=8), 12.5),
    Kind(bool, st.booleans(), "maybe"),
    Kind(float, st.floats(allow_nan=False, allow_infinity=False, width=32), "NaN-ish"),
    Kind(list[str], st.lists(st.text(max_size=4), max_size=3), 5),
    Kind(Literal["debug", "info", "warning"], st.sampled_from(["debug", "info", "warning"]), "zzzzqqqqxx"),
]

NAMES = st.from_regex(r"[a-z][a-z_]{3,14}[a-z]", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name) and name != "parse" and "__" not in name
)


@dataclass(frozen=True)
class Spec:
    cls: type[Options]
    kinds: dict[str, Kind]
    defaults: dict[str, object]


def build(fields: list[tuple[str, Kind, bool]], default_values: list[object]) -> Spec:
    annotations: dict[str, object] = {}
    namespace: dict[str, object] = {"__annotations__": annotations}
    kinds: dict[str, Kind] = {}
    defaults: dict[str, object] = {}
    for (name, kind, has_default), default in zip(fields, default_values, strict=True):
        annotations[name] = kind.annotation
        kinds[name] = kind
        if has_default:
            namespace[name] = default
            defaults[name] = default
    cls = type(Options)("Generated", (Options,), namespace)
    return Spec(cls, kinds, defaults)


@st.composite
def specs(draw: st.DrawFn, min_fields: int = 1) -> Spec:
    names = draw(st.lists(NAMES, min_size=min_fields, max_size=8, unique_by=lambda n: n.replace("_", "")))
    fields = [(name, draw(st.sampled_from(KINDS)), draw(st.booleans())) for name in names]
    default_values = [draw(kind.values) for _, kind, _ in fields]
    return build(fields, default_values)


@st.composite
def valid_maps(draw: st.DrawFn, spec: Spec) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, kind in spec.kinds.items():
        if name not in spec.defaults or draw(st.booleans()):
            data[name] = draw(kind.values)
    return data


def typos(key: str) -> set[str]:
    """Every single-edit typo of `key`: swap, drop, double, replace, case change."""
    found: set[str] = set()
    for i in range(len(key)):
        found.add(key[:i] + key[i + 1 :])
        found.add(key[:i] + key[i] + key[i:])
        found.add(key[:i] + ("x" if key[i] != "x" else "q") + key[i + 1 :])
        found.add(key[:i] + key[i].upper() + key[i + 1 :])
        if i + 1 < len(key):
            found.add(key[:i] + key[i + 1] + key[i] + key[i + 2 :])
    found.add(key.upper())
    found.discard(key)
    return found


def invalid_of(result: object) -> Invalid:
    assert isinstance(result, Left), result
    assert isinstance(result.error, Invalid)
    return result.error


# ---------------------------------------------------------------------- properties


@given(st.data())
def test_valid_maps_parse_and_round_trip(data: st.DataObject) -> None:
    spec = data.draw(specs())
    raw = data.draw(valid_maps(spec))
    result = spec.cls.parse(raw)
    assert isinstance(result, Right), result
    options = result.value
    plain = validation.as_dict(options)
    assert plain == {**spec.defaults, **raw}
    assert spec.cls.parse(plain) == Right(options)
    assert spec.cls(**plain) == options


@given(st.data())
def test_every_single_edit_typo_is_caught_with_the_key_suggested(data: st.DataObject) -> None:
    spec = data.draw(specs())
    raw = data.draw(valid_maps(spec))
    key = data.draw(st.sampled_from(sorted(spec.kinds)))
    value = raw.pop(key) if key in raw else data.draw(spec.kinds[key].values)
    for typo in sorted(typos(key)):
        if typo in spec.kinds:
            continue
        invalid = invalid_of(spec.cls.parse({**raw, typo: value}))
        assert invalid.codes == ("unknown_key",), (typo, invalid)
        assert invalid.issues[0].path == (typo,)
        assert key in invalid.issues[0].suggestions, (typo, invalid)
        assert all(issue.path != (key,) for issue in invalid.issues)


@given(st.data())
def test_issue_count_equals_independent_mistakes(data: st.DataObject) -> None:
    spec = data.draw(specs(min_fields=2))
    raw = data.draw(valid_maps(spec))
    targets = data.draw(st.lists(st.sampled_from(sorted(spec.kinds)), min_size=1, unique=True))
    mistakes = 0
    broken = dict(raw)
    for name in targets:
        how = data.draw(st.sampled_from(["typo", "wrong", "extra"]))
        if how == "typo":
            value = broken.pop(name, None)
            if value is None:
                value = data.draw(spec.kinds[name].values)
            candidates = sorted(t for t in typos(name) if t not in spec.kinds and t not in broken)
            assume(candidates)
            broken[data.draw(st.sampled_from(candidates))] = value
        elif how == "wrong":
            broken[name] = spec.kinds[name].wrong
        else:
            extra = f"zz{len(broken)}{name}zz"
            assume(extra not in broken)
            broken[extra] = 0
        mistakes += 1
    invalid = invalid_of(spec.cls.parse(broken))
    assert len(invalid.issues) == mistakes, (broken, invalid)


class Vault(Options):
    user: str
    token: Secret[str]
    pin: Secret[int] = Secret(0)
    mode: Literal["read", "write"] = "read"


SECRETS = st.text(alphabet="ABCDEFGHJK", min_size=10, max_size=20).map(lambda s: f"S3CR{s}")


@given(SECRETS, st.sampled_from(["valid", "typo", "wrong_secret", "unknown_key_value", "wrong_pin", "bad_mode"]))
def test_secrets_never_appear_in_any_rendering(secret: str, mistake: str) -> None:
    data: dict[str, Any] = {"user": "me", "token": secret}
    if mistake == "typo":
        data["usre"] = data.pop("user")
    elif mistake == "wrong_secret":
        data["token"] = [secret]
    elif mistake == "unknown_key_value":
        data["tokne"] = secret
    elif mistake == "wrong_pin":
        data["pin"] = secret
    elif mistake == "bad_mode":
        data["mode"] = secret
        data["token"] = secret + "x"
    result = Vault.parse(data)
    renderings = [repr(result), str(result)]
    if isinstance(result, Left):
        invalid = result.error
        renderings += [str(invalid), repr(invalid), json.dumps(invalid.to_json())]
        renderings += [issue.message for issue in invalid.issues] + [repr(issue) for issue in invalid.issues]
        try:
            Vault(**data)
        except validation.InvalidOptions as error:
            renderings += [str(error), repr(error)]
    else:
        renderings += [repr(result.value), str(result.value), repr(validation.as_dict(result.value))]
    for text in renderings:
        if mistake == "bad_mode":  # the mode value is not a secret: only the token must stay hidden
            assert secret + "x" not in text
        else:
            assert secret not in text, (mistake, text)


# ---------------------------------------------------------------------- hostile input


class Inner(Options):
    host: str = "h"
    ports: list[int] = []  # noqa: RUF012


class Outer(Options):
    name: str = "n"
    inner: Inner = Inner()
    by_name: dict[str, Inner] = {}  # noqa: RUF012
    child: Outer | None = None


MAP = validation.schema({"a": int, validation.optional("b", default={}): {"c": str}})

KEYS = st.one_of(
    st.text(max_size=6), st.integers(-3, 3), st.binary(max_size=4), st.none(), st.tuples(st.integers(0, 2))
)
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6), st.binary(max_size=4)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)),
    max_leaves=30,
)
PARSERS: list[Callable[[object], object]] = [
    Outer.parse,
    Inner.parse,
    MAP.parse,
    lambda d: validation.parse(list[Inner], d),
]


def _add_cycle(value: object) -> object:
    if isinstance(value, dict):
        value["child"] = value
        value["inner"] = value
    elif isinstance(value, list):
        value.append(value)
    return value


@given(st.one_of(JSONISH, HOSTILE), st.booleans(), st.sampled_from(range(len(PARSERS))))
def test_arbitrary_input_gives_left_or_right_never_an_exception(value: object, cycle: bool, which: int) -> None:
    data = _add_cycle(value) if cycle else value
    result = PARSERS[which](data)
    assert isinstance(result, Left | Right)
    if isinstance(result, Left):
        invalid = result.error
        assert isinstance(invalid, Invalid)
        assert len(str(invalid)) < 10_000
        json.dumps(invalid.to_json())
        repr(invalid)


@given(st.integers(300, 3000), st.sampled_from(["child", "inner", "by_name"]))
def test_deep_nesting_gives_a_short_left(depth: int, key: str) -> None:
    data: dict[str, Any] = {}
    current = data
    for _ in range(depth):
        nested: dict[str, Any] = {}
        current[key] = {"x": nested} if key == "by_name" else nested
        current = nested
    result = Outer.parse(data)
    assert isinstance(result, Left)
    assert len(str(result.error)) < 2000

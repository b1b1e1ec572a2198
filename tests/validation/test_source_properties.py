"""Properties of the sources: every format round-trips, every variable typo is caught, layering is a deep merge."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import validation
from validation import Options, sources

# ---------------------------------------------------------------------- generated options classes

_RESERVED = {"load", "from_env", "from_file", "json_schema", "replace", "parse"}
_NAMES = st.from_regex(r"[a-z]{2,6}(_[a-z]{1,5})?", fullmatch=True).filter(lambda n: n not in _RESERVED)
# Text every format can carry: no surrogates, NUL or DEL (TOML refuses a raw DEL).
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x7f\r"), max_size=12)
_SCALARS: dict[Any, st.SearchStrategy[Any]] = {
    int: st.integers(-(10**12), 10**12),
    str: _TEXT,
    bool: st.booleans(),
    float: st.floats(allow_nan=False, allow_infinity=False, width=32),
    list[str]: st.lists(_TEXT, max_size=3),
}


@st.composite
def options_classes(draw: st.DrawFn, depth: int = 0) -> tuple[type[Options], dict[str, Any]]:
    """An `Options` class of 1-5 fields (scalars, lists, nested classes) and the strategies of its values."""
    names = draw(st.lists(_NAMES, min_size=1, max_size=5, unique_by=lambda n: n.replace("_", "")))
    annotations: dict[str, Any] = {}
    strategies: dict[str, Any] = {}
    for name in names:
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            inner, inner_strategies = draw(options_classes(depth + 1))
            annotations[name] = inner
            strategies[name] = inner_strategies
        else:
            kind = draw(st.sampled_from(list(_SCALARS)))
            annotations[name] = kind
            strategies[name] = _SCALARS[kind]
    cls = type(Options)(f"Generated{depth}", (Options,), {"__annotations__": annotations, "__module__": __name__})
    return cls, strategies


def maps(strategies: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {key: maps(value) if isinstance(value, dict) else value for key, value in strategies.items()}
    )


@st.composite
def classes_and_maps(draw: st.DrawFn) -> tuple[type[Options], dict[str, Any]]:
    cls, strategies = draw(options_classes())
    return cls, draw(maps(strategies))


# ---------------------------------------------------------------------- writers


def env_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value)


def variables(data: dict[str, Any], stem: str = "APP_") -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in data.items():
        name = stem + key.upper()
        if isinstance(value, dict):
            found.update(variables(value, name + "__"))
        else:
            found[name] = env_text(value)
    return found


def dotenv_text(environ: dict[str, str]) -> str:
    def quoted(value: str) -> str:
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        return f'"{escaped}"'

    return "".join(f"{name}={quoted(value)}\n" for name, value in environ.items())


def toml_text(data: dict[str, Any], table: str = "") -> str:
    plain = [f"{key} = {toml_value(value)}\n" for key, value in data.items() if not isinstance(value, dict)]
    tables = [
        f"[{table}{key}]\n" + toml_text(value, f"{table}{key}.")
        for key, value in data.items()
        if isinstance(value, dict)
    ]
    return "".join(plain) + "".join(tables)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


@settings(max_examples=50)
@given(classes_and_maps(), st.sampled_from(["env", "dotenv", "toml", "json", "yaml"]))
def test_every_format_loads_the_same_options(
    tmp_path_factory: Any, case: tuple[type[Options], dict[str, Any]], kind: str
) -> None:
    cls, data = case
    expected = cls.parse(data).unwrap()
    folder: Path = tmp_path_factory.mktemp("formats")
    if kind == "env":
        source = sources.env("APP_", environ=variables(data))
    elif kind == "dotenv":
        (folder / ".env").write_text(dotenv_text(variables(data)), encoding="utf-8")
        source = sources.dotenv(folder / ".env", prefix="APP_")
    else:
        text = {"toml": toml_text, "json": json.dumps, "yaml": yaml.safe_dump}[kind](data)
        (folder / f"app.{kind}").write_text(text, encoding="utf-8")
        source = sources.file(folder / f"app.{kind}")
    assert cls.load(source).unwrap() == expected


# ---------------------------------------------------------------------- typos of variable names


def edits(name: str) -> st.SearchStrategy[str]:
    """`name` with one edit after the prefix: a swap, drop, double, replacement or `_` slip."""
    start = len("APP_")

    @st.composite
    def edit(draw: st.DrawFn) -> str:
        at = draw(st.integers(start, len(name) - 1))
        how = draw(st.sampled_from(["swap", "drop", "double", "replace", "underscore"]))
        if how == "swap" and at + 1 < len(name):
            return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
        if how == "drop":
            return name[:at] + name[at + 1 :]
        if how == "double":
            return name[:at] + name[at] + name[at:]
        if how == "underscore":
            return name[:at] + "_" + name[at:]
        return name[:at] + draw(st.sampled_from(string.ascii_uppercase + "_")) + name[at + 1 :]

    return edit()


@settings(max_examples=50)
@given(st.data())
def test_every_single_edit_typo_of_a_variable_is_suggested_back(data: st.DataObject) -> None:
    cls, strategies = data.draw(options_classes())
    valid = data.draw(maps(strategies))
    environ = variables(valid)
    name = data.draw(st.sampled_from(sorted(environ)))
    typo = data.draw(edits(name))
    # The suggester leaves names of two characters alone by design (malli's table): 0 edits allowed.
    assume(min(len(name), len(typo)) - len("APP_") >= 3)
    # The typo must not name another field, nor one of its levels.
    names = set(environ) | {stem.rstrip("_") for n in environ for stem in _stems(n)}
    assume(typo.upper() not in {n.upper() for n in names})
    assume(not any(typo.upper().startswith(stem) for n in environ for stem in _stems(n)))
    del environ[name]
    result = cls.load(sources.env("APP_", environ={**environ, typo: "1"}))
    invalid = result.unwrap_left()
    unknown = [issue for issue in invalid.issues if issue.path == (typo,)]
    assert len(unknown) == 1
    assert unknown[0].code == "unknown_key"
    assert name in unknown[0].suggestions
    assert all(issue.code != "missing" or issue.path[-1] != name for issue in invalid.issues)


def _stems(name: str) -> list[str]:
    """The nested-level stems of a variable name: `APP_A__B__C` -> `APP_A__`, `APP_A__B__`."""
    parts = name.split("__")
    return ["__".join(parts[:end]) + "__" for end in range(1, len(parts))]


# ---------------------------------------------------------------------- layering

_KEYS = st.sampled_from(["a", "b", "c"])
_TREES = st.recursive(st.integers(0, 9), lambda inner: st.dictionaries(_KEYS, inner, max_size=3), max_leaves=8)


def deep_merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        elif isinstance(value, dict):
            merged[key] = deep_merge({}, value)
        else:
            merged[key] = value
    return merged


@given(st.lists(st.dictionaries(_KEYS, _TREES, max_size=3), min_size=1, max_size=4))
def test_layering_equals_a_reference_deep_merge(layers: list[dict[str, Any]]) -> None:
    expected: dict[str, Any] = {}
    for layer in layers:
        expected = deep_merge(expected, layer)
    loaded = validation.load(
        dict[str, Any], *(sources.values(layer, name=f"layer{i}") for i, layer in enumerate(layers))
    )
    assert loaded.unwrap() == expected
    for layer in layers:  # the layers themselves are left as they were
        assert all(isinstance(key, str) for key in layer)

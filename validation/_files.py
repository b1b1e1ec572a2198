# PyYAML ships no types: its nodes and marks are read here as they are documented.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportMissingModuleSource=false, reportMissingTypeStubs=false
"""Reading configuration files (TOML, JSON, YAML) into a `Layer`, every failure an issue.

Why: a config file that is missing, unreadable, badly encoded or malformed is a mistake
in the configuration like a misspelt key, and is reported the same way: an `Issue`
naming the file (with line and column where the parser gives them), never an exception
escaping `load`. JSON and YAML keep the last of two equal keys without a word; here a key
written twice is an issue naming both lines (TOML's parser refuses it already).

A YAML file's aliases may expand to far more values than the text holds (the "billion
laughs"); the expansion is counted and refused past `MAX_VALUES`. Only a regular file is
read (a named pipe, a device or a directory is an issue naming what it is, found before
the file is opened), and one larger than `MAX_BYTES` (64 MiB) is refused before it is read.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from typing import Any, Final

from either._errors import describe
from validation._issues import Issue, PathElement
from validation._sources import Layer, Origin

__all__ = ["MAX_BYTES", "MAX_VALUES", "file_format", "read_file", "read_text"]

MAX_VALUES: Final = 200_000
"""Values a YAML document may expand to through its aliases."""

MAX_BYTES: Final = 64 * 1024 * 1024
"""Bytes a configuration file (or `.env` file) may hold: 64 MiB; a larger one is refused unread."""

_SUFFIXES: Final = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def file_format(label: str, format: str | None) -> str:
    """The format of a file: `format` when given, else from its suffix; a clear error otherwise."""
    if format is not None:
        if format not in ("toml", "json", "yaml"):
            raise ValueError(f"file(format=...) must be 'toml', 'json' or 'yaml', got {describe(format)}")
        return format
    lowered = label.lower()
    for suffix, kind in _SUFFIXES.items():
        if lowered.endswith(suffix):
            return kind
    raise ValueError(
        f"file({label!r}): cannot tell the format from the suffix; expected .toml, .json, .yaml or .yml,"
        " or pass format='toml', 'json' or 'yaml'"
    )


def read_text(label: str, required: bool, layer: Layer) -> str | None:
    """The file's text as UTF-8, or `None` with the reason added to `layer` (nothing when optional and absent).

    Only a regular file is read, and at most `MAX_BYTES` of it: a named pipe, a device or
    a directory is refused by what it is, before anything is read (a named pipe is opened
    non-blocking, as opening one to read waits for a writer).
    """
    try:
        raw = _read_bytes(label)
    except FileNotFoundError:
        if required:
            layer.issues.append(Issue((), "missing_source", "file not found", source=label))
            layer.broken = True
        return None
    except _RefusedError as exc:
        layer.issues.append(Issue((), "unreadable_source", str(exc), source=label))
        layer.broken = True
        return None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        layer.issues.append(Issue((), "unreadable_source", f"cannot read the file: {reason}", source=label))
        layer.broken = True
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at line {line}, column {column}"
        layer.issues.append(Issue((), "unreadable_source", message, source=f"{label}:{line}:{column}"))
        layer.broken = True
        return None


class _RefusedError(Exception):
    """A path that is not a regular file, or a file past `MAX_BYTES`: the message says which."""


_KINDS: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _read_bytes(label: str) -> bytes:
    """The bytes of the regular file at `label`; `_RefusedError` for anything else or anything too large."""
    # Checked before opening: a directory cannot be opened on every platform, a FIFO blocks in open().
    _check_kind(os.stat(label).st_mode)
    fd = os.open(label, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb", closefd=True) as handle:
        found = os.fstat(fd)
        _check_kind(found.st_mode)  # the path may have been replaced between the two looks
        if found.st_size > MAX_BYTES:
            raise _RefusedError(_too_large())
        raw = handle.read(MAX_BYTES + 1)  # the size reported may be stale, or 0 (procfs): read one byte past
        if len(raw) > MAX_BYTES:
            raise _RefusedError(_too_large())
        return raw


def _check_kind(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise _RefusedError(f"cannot read the file: it is {what}; expected a regular file")


def _too_large() -> str:
    return f"the file is larger than {MAX_BYTES:,} bytes, the limit for a configuration file: refused unread"


def read_file(label: str, kind: str, required: bool) -> Layer:
    """Read one file into a layer whose every key comes from it."""
    layer = Layer()
    text = read_text(label, required, layer)
    if text is None:
        return layer
    try:
        data = _PARSERS[kind](text, label, layer)
    except RecursionError:
        layer.issues.append(Issue((), "malformed", f"{kind.upper()} nested too deeply to read", source=label))
        data = None
    if data is None:
        layer.broken = True
        return layer
    if not isinstance(data, dict):
        message = f"expected a table of options at the top level, got {describe(data)}"
        layer.issues.append(Issue((), "not_a_mapping", message, source=label))
        layer.broken = True
        return layer
    layer.data = data
    layer.origins[()] = Origin(label)
    return layer


def _malformed(layer: Layer, label: str, what: str, reason: str, *, line: int | None, column: int | None) -> None:
    where = f" at line {line}, column {column}" if line is not None and column is not None else ""
    source = f"{label}:{line}:{column}" if where else label
    layer.issues.append(Issue((), "malformed", f"malformed {what}{where}: {reason}", source=source))


# ---------------------------------------------------------------------- TOML

_TOML_WHERE = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$", re.DOTALL)


def _toml(text: str, label: str, layer: Layer) -> object:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the py3.10 compat run covers it
        import tomli as tomllib  # pyright: ignore[reportMissingImports]
    try:
        return tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError, and int() past the digit limit
        message = str(exc)
        found = _TOML_WHERE.match(message)
        if found is None and message.endswith("(at end of document)"):
            last = text.rsplit("\n", 1)[-1]
            reason = message.removesuffix("(at end of document)").strip()
            line, column = text.count("\n") + 1, len(last) + 1
            _malformed(layer, label, "TOML", f"{reason[:200]} (end of file)", line=line, column=column)
        elif found is None:
            _malformed(layer, label, "TOML", message[:200], line=None, column=None)
        else:
            _malformed(layer, label, "TOML", found.group(1)[:200], line=int(found.group(2)), column=int(found.group(3)))
        return None


# ---------------------------------------------------------------------- JSON

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]', re.DOTALL)


def _json(text: str, label: str, layer: Layer) -> object:
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(items)
        if len(result) != len(items):
            repeated = True
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        _malformed(layer, label, "JSON", exc.msg, line=exc.lineno, column=exc.colno)
        return None
    except ValueError as exc:  # an integer past Python's digit limit
        _malformed(layer, label, "JSON", str(exc)[:200], line=None, column=None)
        return None
    if repeated:
        for path, first, again in _json_duplicates(text):
            _duplicate(layer, label, path, first, again)
    return data


def _json_duplicates(text: str) -> Iterator[tuple[tuple[PathElement, ...], int, int]]:
    """`(path, first line, repeated line)` for each key written twice in an object of valid JSON.

    Runs only when the parser saw a repeated key: it finds where, from the tokens alone.
    """
    # A frame per open container: [is an object, its path, the current key or index, keys seen].
    stack: list[list[Any]] = []
    line, last = 1, 0
    expect_key = False
    for token in _TOKENS.finditer(text):
        start = token.start()
        line += text.count("\n", last, start)
        last = start
        value = token.group()
        frame = stack[-1] if stack else None
        if value in ("{", "["):
            path = () if frame is None else (*frame[1], frame[2])
            stack.append([value == "{", path, None if value == "{" else 0, {}])
            expect_key = value == "{"
        elif value in ("}", "]"):
            stack.pop()
            expect_key = False
        elif value == ",":
            if frame is not None and not frame[0]:
                frame[2] += 1
            expect_key = frame is not None and frame[0]
        elif value == ":":
            expect_key = False
        elif expect_key and frame is not None:
            key = json.loads(value)
            frame[2] = key
            first = frame[3].get(key)
            if first is not None:
                yield (*frame[1], key), first, line
            else:
                frame[3][key] = line


# ---------------------------------------------------------------------- YAML


def _yaml(text: str, label: str, layer: Layer) -> object:
    try:
        import yaml
    except ImportError:
        message = "reading YAML needs PyYAML: pip install 'eitherway[yaml]'"
        layer.issues.append(Issue((), "unreadable_source", message, source=label))
        return None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        if not _yaml_checked(node, label, layer):
            return None
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = str(exc.problem or exc.context or "cannot parse")
        if mark is None:
            _malformed(layer, label, "YAML", reason, line=None, column=None)
        else:
            _malformed(layer, label, "YAML", reason, line=mark.line + 1, column=mark.column + 1)
        return None
    except (yaml.YAMLError, ValueError) as exc:
        _malformed(layer, label, "YAML", str(exc)[:200], line=None, column=None)
        return None
    finally:
        loader.dispose()


def _yaml_checked(root: Any, label: str, layer: Layer) -> bool:
    """Report keys written twice in a mapping; `False` for a document whose aliases expand too far."""
    import yaml

    count = 0
    stack: list[tuple[Any, tuple[PathElement, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        count += 1
        if count > MAX_VALUES:
            message = f"the document expands to more than {MAX_VALUES:,} values (aliases): refused"
            layer.issues.append(Issue((), "malformed", message, source=label))
            return False
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, value_node in node.value:
                key: object = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                line = key_node.start_mark.line + 1
                if isinstance(key, str) and key != "<<":
                    if key in seen:
                        _duplicate(layer, label, (*path, key), seen[key], line)
                    else:
                        seen[key] = line
                stack.append((value_node, (*path, key) if isinstance(key, str) else path))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))
    return True


def _duplicate(layer: Layer, label: str, path: tuple[PathElement, ...], first: int, again: int) -> None:
    message = f"key written twice (lines {first} and {again}); only one is read: remove the other"
    layer.issues.append(Issue(path, "duplicate_key", message, source=f"{label}:{again}"))


_PARSERS: Final = {"toml": _toml, "json": _json, "yaml": _yaml}

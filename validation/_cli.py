"""`python -m validation check|show|schema module:Class ...`: configuration checked in CI and by hand.

Why: a deployment should fail before it starts when its configuration has a typo, and the
same check belongs in CI. `check` loads the class from the files, the `.env` file and the
environment given, and exits 0 when valid, 1 with every issue (pretty for people, JSON
with `--json` for machines: stdout then holds only `invalid.to_json()`, `[]` when valid),
2 on a usage error (a module that does not import, a name that is not an options class).
`show` prints each effective value with its source, secrets masked; `schema` prints the
JSON Schema. The console script `eitherway-check` is `check`.

Sources are read in this order, later winning: the files, then `--dotenv`, then the
environment (`--env-prefix`).

`check --lenient` makes unknown keys (and variables that name no field) warnings, as
mkdocs does: they are printed (`warning[unknown_key] ...`), and the exit status is 0 when
they are all there is. With `--json` and `--lenient`, stdout is one object,
`{"issues": [...], "warnings": [...]}`, each list as `Invalid.to_json()` gives it.
`--strict` is the default and says so: every unknown key is an error.

A reader that goes away early (`python -m validation schema app:App | head -1`) ends the
command quietly with status 141 (128 + SIGPIPE, as a shell reports it), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, cast

from either._core import Left
from validation._issues import Invalid
from validation._lenient import Parsed
from validation._load import explain, load_options
from validation._options import Options
from validation._sources import Source, dotenv, env, file

__all__ = ["check_main", "main"]

USAGE_ERROR = 2
BROKEN_PIPE = 141  # 128 + SIGPIPE: how a shell reports a command whose reader went away


class _UsageError(Exception):
    """A usage error: reported on stderr, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    A reader that stops early (`... schema | head -1`) closes stdout: the command then
    stops quietly with `BROKEN_PIPE`, as a command killed by `SIGPIPE` does, with no traceback.
    """
    try:
        status = _run(argv)
        sys.stdout.flush()  # inside the `try`: buffered output meets a closed pipe here, not at exit
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE
    return status


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's own flush at exit finds no closed pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no file descriptor (a replaced sys.stdout): nothing to flush
        pass


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        cls = _target(args.target)
        if args.command == "schema":
            print(json.dumps(cls.json_schema(), indent=2))
            return 0
        sources = _sources(args)
    except _UsageError as exc:
        print(f"{parser.prog} {args.command}: error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    lenient = args.command == "check" and args.lenient
    result = load_options(cls, sources, {"unknown_key"} if lenient else None)
    if isinstance(result, Left):
        invalid = result.error
        if args.json:
            print(json.dumps({"issues": invalid.to_json(), "warnings": []} if lenient else invalid.to_json()))
        else:
            print(invalid.pretty(color=None))
        return 1
    if args.command == "show":
        settings = explain(result.value)
        if args.json:
            print(json.dumps([{"path": list(s.path), "value": s.value, "source": s.source} for s in settings]))
        else:
            for setting in settings:
                print(setting)
        return 0
    parsed = cast("Parsed[object]", result.value) if lenient else Parsed(result.value)
    if args.json:
        warnings = Invalid(parsed.warnings).to_json() if parsed.warnings else []
        print(json.dumps({"issues": [], "warnings": warnings}) if lenient else "[]")
    else:
        if parsed.warnings:
            print(parsed.pretty(color=None))
        print(f"{args.target}: valid")
    return 0


def check_main() -> NoReturn:
    """The `eitherway-check` console script: `python -m validation check ...`."""
    sys.exit(main(["check", *sys.argv[1:]]))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m validation", description="Check configuration against an Options class."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("check", "exit 0 when the configuration is valid, 1 with every issue"),
        ("show", "print each effective value with its source (secrets masked)"),
        ("schema", "print the JSON Schema of the class"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("target", metavar="module:Class", help="the Options class, e.g. myapp.config:AppOptions")
        if name == "schema":
            continue
        command.add_argument("files", nargs="*", metavar="FILE", help="TOML, JSON or YAML files, in order")
        command.add_argument("--env-prefix", metavar="P", help="read environment variables starting with P")
        command.add_argument("--dotenv", metavar="F", help="read a .env file (needs --env-prefix)")
        command.add_argument("--json", action="store_true", help="print JSON only: the issues, or the settings shown")
        if name == "check":
            mode = command.add_mutually_exclusive_group()
            mode.add_argument(
                "--lenient",
                action="store_true",
                help="unknown keys are warnings: printed, exit 0 when they are all there is",
            )
            mode.add_argument(
                "--strict", action="store_true", help="unknown keys are errors (the default, said explicitly)"
            )
    return parser


def _target(spec: str) -> type[Options]:
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise _UsageError(f"expected module:Class, got {spec!r}")
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        target: Any = importlib.import_module(module_name)
    except ImportError as exc:
        raise _UsageError(f"cannot import {module_name!r}: {exc}") from None
    except Exception as exc:
        raise _UsageError(f"importing {module_name!r} raised {type(exc).__name__}: {exc}") from None
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise _UsageError(f"{module_name!r} has no {attribute!r}") from None
    got: str = type(target).__qualname__
    if not (isinstance(target, type) and issubclass(target, Options) and target is not Options):
        raise _UsageError(f"{spec} is not an Options class (got a {got})")
    return target


def _sources(args: argparse.Namespace) -> tuple[Source, ...]:
    found: list[Source] = []
    try:
        found.extend(file(path) for path in args.files)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    if args.dotenv is not None and args.env_prefix is None:
        raise _UsageError("--dotenv needs --env-prefix: only prefixed names are read")
    try:
        if args.dotenv is not None:
            found.append(dotenv(args.dotenv, prefix=args.env_prefix))
        if args.env_prefix is not None:
            found.append(env(args.env_prefix))
    except (TypeError, ValueError) as exc:
        raise _UsageError(f"--env-prefix: {exc}") from None
    return tuple(found)

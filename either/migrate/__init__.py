"""`python -m either.migrate PATH... [--check]`: move a code base from rustedpy/result to eitherway.

Rewrites, in every `.py` file under each PATH that imports `result`:

| result | eitherway |
|---|---|
| `Ok`, `Err`, `OkErr`, `UnwrapError` | `Right`, `Left`, `LeftRight`, `UnwrapError` |
| `Result[T, E]` | `Either[E, T]` (the type arguments swapped) |
| `as_result(...)`, `as_async_result(...)` | `safe(...)` |
| `is_ok(x)`, `is_err(x)` | `is_right(x)`, `is_left(x)` |
| `do(e for x in a for y in b)` | `a.bind(lambda x: b.bind(lambda y: e))` |
| `do_async(e for x in await a ...)` | `Deferred(a).bind(lambda x: ...)` |
| `.and_then`, `.or_else`, `.map_err` | `.bind`, `.bind_left`, `.map_left` |
| `.ok()`, `.err()`, `.ok_value`, `.err_value` | `.right_or_none()`, `.left_or_none()`, `.value`, `.error` |
| `.unwrap_err()`, `.expect_err(m)` | `.unwrap_left()`, `.expect_left(m)` |
| `.is_ok()`, `.is_err()`, `.inspect`, `.inspect_err` | `.is_right()`, `.is_left()`, `.tap`, `.tap_left` |
| `.and_then_async(f)` | `Deferred.of(x).bind(f)` |
| `case Ok(ok_value=v)`, `case Err(err_value=e)` | `case Right(value=v)`, `case Left(error=e)` |

Type expressions in strings (`-> "Result[int, str]"`, `cast("Result[int, str]", x)`, a
`TypeAlias` value, `TypeVar(bound=...)`) are rewritten too, in the same quotes.

`map`, `map_or`, `map_or_else`, `unwrap`, `unwrap_or`, `unwrap_or_else`, `unwrap_or_raise`
and `expect` keep their names. Every change is printed as `path:line:column: what`; what
needs a hand (a `do` with an `if` clause, `map_async`, `from result import *`, a class
pattern keyword `Right`/`Left` lack, a quoted type that does not parse) is printed as
`path:line:column: manual: why` and left as it is (the names such a quoted type uses stay
imported from result).

Exit status: 0 when nothing is left to do; 1 when `--check` found something to change, or
when something needs a hand; 2 on a usage error or when a file does not parse (then no file
is written at all). Needs libcst: `pip install 'eitherway[migrate]'`.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import final

__all__ = ["Migration", "main", "migrate_source"]

_MAX_DEPTH = 100
_SKIPPED_DIRECTORIES = {"__pycache__", "node_modules", "site-packages"}


@final
class Migration:
    """The outcome of rewriting one source: the new `code`, the `changes` and the `manual` notes.

    Each note is `(line, column, message)`, positions in the original source (1-based).
    """

    __slots__ = ("changes", "code", "manual")

    def __init__(
        self, code: str, changes: tuple[tuple[int, int, str], ...], manual: tuple[tuple[int, int, str], ...]
    ) -> None:
        self.code: str = code
        self.changes: tuple[tuple[int, int, str], ...] = changes
        self.manual: tuple[tuple[int, int, str], ...] = manual

    def __repr__(self) -> str:
        return f"Migration({len(self.changes)} changes, {len(self.manual)} manual)"


def migrate_source(source: str) -> Migration:
    """Rewrite one module's source from result's names to eitherway's.

    Raises `SyntaxError` (with the line and column) when `source` does not parse. A module
    that does not import `result` comes back unchanged.

    >>> print(migrate_source("from result import Ok, Result\\nx: Result[int, str] = Ok(1)\\n").code)
    from either import Right, Either
    x: Either[str, int] = Right(1)
    <BLANKLINE>
    """
    import libcst as cst
    from libcst.metadata import MetadataWrapper

    from either.migrate._rewrite import Rewriter, scan, uses_result

    _check_parses(source)
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        raise SyntaxError(f"line {error.raw_line}, column {error.raw_column + 1}: {error.message}") from None
    if not uses_result(module):
        return Migration(source, (), ())
    rewriter = Rewriter(*scan(module))
    try:
        code = MetadataWrapper(module).visit(rewriter).code
    except RecursionError:  # pragma: no cover - _check_parses bounds the depth well below this
        raise SyntaxError("nested too deeply for the codemod; rewrite this file by hand") from None
    try:
        compile(code, "<migrated>", "exec", dont_inherit=True)
    except SyntaxError as error:  # pragma: no cover - a safety net: no known rewrite breaks the syntax
        note = (
            error.lineno or 1,
            error.offset or 1,
            f"the rewritten module would not compile ({error.msg}); unchanged",
        )
        return Migration(source, (), (note,))
    return Migration(
        code,
        tuple(sorted((n.line, n.column, n.message) for n in rewriter.changes)),
        tuple(sorted((n.line, n.column, n.message) for n in rewriter.manual)),
    )


def _check_parses(source: str) -> None:
    """Raise `SyntaxError` unless Python parses `source` and it nests at most `_MAX_DEPTH` deep.

    Python's own parser is the judge of "does not parse". The depth bound keeps libcst
    (recursive, and slow on very long operator chains) to sizes that real code has; it
    holds for the code in long strings too, which libcst parses when they are quoted types.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        where = f"line {error.lineno}, column {error.offset}: " if error.lineno else ""
        raise SyntaxError(f"{where}{error.msg}") from None
    except (RecursionError, MemoryError, ValueError) as error:  # ValueError: a NUL byte before 3.12
        raise SyntaxError(f"Python cannot parse it: {error}") from None
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > _MAX_DEPTH:
            line = getattr(node, "lineno", "?")
            raise SyntaxError(f"line {line}: nested more than {_MAX_DEPTH} levels deep; rewrite this file by hand")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 2 * _MAX_DEPTH:
            _check_string(node.value, node.lineno)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _check_string(text: str, line: int) -> None:
    """Raise `SyntaxError` when `text` parses as Python nested more than `_MAX_DEPTH` deep."""
    try:
        _check_parses(text)
    except SyntaxError as error:
        if "nested" in str(error) or "parse it" in str(error):
            raise SyntaxError(f"line {line}: a string holds code nested too deeply ({error})") from None


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: rewrite (or, with `--check`, list) and return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m either.migrate", description="Rewrite rustedpy/result names to eitherway's."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a .py file or a directory")
    parser.add_argument("--check", action="store_true", help="list what would change, write nothing, exit 1 if any")
    options = parser.parse_args(argv)
    try:
        import libcst  # noqa: F401  # pyright: ignore[reportUnusedImport]
    except ImportError:
        print("either.migrate needs libcst: pip install 'eitherway[migrate]'", file=sys.stderr)
        return 2
    files: list[Path] = []
    for path in options.paths:
        if not path.exists():
            print(f"{path}: no such file or directory", file=sys.stderr)
            return 2
        files.extend(_python_files(path))
    migrations, refused = _migrate_all(files)
    if refused:
        for line in refused:
            print(line, file=sys.stderr)
        print(f"refusing to rewrite anything: {len(refused)} file(s) do not parse", file=sys.stderr)
        return 2
    return _report(migrations, check=options.check)


def _python_files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for child in sorted(path.iterdir()):
        if child.is_dir():
            hidden = child.name.startswith(".") or child.name in _SKIPPED_DIRECTORIES
            if not hidden and not child.is_symlink():  # a symlinked directory may loop back
                yield from _python_files(child)
        elif child.suffix == ".py":
            yield child


def _migrate_all(files: list[Path]) -> tuple[list[tuple[Path, str, Migration]], list[str]]:
    migrations: list[tuple[Path, str, Migration]] = []
    refused: list[str] = []
    for file in files:
        try:
            source = file.read_bytes().decode("utf-8")  # keeps \r\n line ends as they are
        except (OSError, UnicodeDecodeError) as error:
            refused.append(f"{file}: cannot read: {error}")
            continue
        try:
            migrations.append((file, source, migrate_source(source)))
        except SyntaxError as error:
            refused.append(f"{file}: does not parse: {error}")
    return migrations, refused


def _report(migrations: list[tuple[Path, str, Migration]], *, check: bool) -> int:
    changed = manual = 0
    for file, source, migration in migrations:
        for line, column, message in migration.changes:
            print(f"{file}:{line}:{column}: {message}")
        for line, column, message in migration.manual:
            print(f"{file}:{line}:{column}: manual: {message}")
        manual += len(migration.manual)
        if migration.code != source:
            changed += 1
            if not check:
                file.write_bytes(migration.code.encode("utf-8"))
    verb = "would rewrite" if check else "rewrote"
    print(f"{verb} {changed} file(s); {manual} place(s) need a manual change", file=sys.stderr)
    return 1 if manual or (check and changed) else 0

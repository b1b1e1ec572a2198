"""`python -m either.migrate`: result's names to eitherway's, tested on a small project.

The fixture project (`migrate_fixture/shop`) uses every name of rustedpy/result that the
migration table lists; it passes mypy --strict against result, and after the rewrite it must
pass mypy --strict against eitherway and behave the same.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Union

import pytest
from hypothesis import given
from hypothesis import strategies as st

from either.migrate import main, migrate_source

pytest.importorskip("libcst")  # the `migrate` extra

FIXTURE = Path(__file__).parent / "migrate_fixture"
OBSERVE = "from shop import orders, payments; print(orders.observations()); print(payments.observations())"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
    return root


def _mypy_strict(root: Path) -> tuple[str, int]:
    mypy_api = pytest.importorskip("mypy.api")  # the `mypy` extra
    out, err, status = mypy_api.run(
        ["--strict", "--config-file", os.devnull, "--cache-dir", str(root / ".mypy_cache"), str(root / "shop")]
    )
    return out + err, status


def _observe(root: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", OBSERVE], cwd=root, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_the_fixture_is_a_result_project_that_passes_mypy_strict(project: Path) -> None:
    output, status = _mypy_strict(project)
    assert status == 0, output
    assert "result" in _imported_modules(project / "shop" / "orders.py")


def test_the_rewritten_project_passes_mypy_strict_and_behaves_the_same(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("result")  # the `bench` extra: the project runs on result before the rewrite
    before = _observe(project)
    assert main([str(project)]) == 0
    report = capsys.readouterr()
    assert "rewrote 2 file(s); 0 place(s) need a manual change" in report.err
    for name in ("orders.py", "payments.py"):
        modules = _imported_modules(project / "shop" / name)
        assert "result" not in modules and "either" in modules
    output, status = _mypy_strict(project)
    assert status == 0, output
    expected = before.replace("Ok(", "Right(").replace("Err(", "Left(")
    assert _observe(project) == expected
    assert main([str(project), "--check"]) == 0  # idempotent: nothing left to change


def test_check_lists_every_change_writes_nothing_and_exits_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = {p: p.read_bytes() for p in project.rglob("*.py")}
    assert main([str(project / "shop"), "--check"]) == 1
    out = capsys.readouterr().out
    assert {p: p.read_bytes() for p in project.rglob("*.py")} == original
    orders = str(project / "shop" / "orders.py")
    for expected in (
        f"{orders}:8:1: import from either instead of result",
        f"{orders}:15:2: as_result -> safe",
        f"{orders}:26:35: Result[T, E] -> Either[E, T]",
        f"{orders}:31:8: is_ok -> is_right",
        f"{orders}:32:29: .ok_value -> .value",
        ".and_then() -> .bind()",
        ".or_else() -> .bind_left()",
        ".map_err() -> .map_left()",
        ".ok() -> .right_or_none()",
        ".err() -> .left_or_none()",
        ".unwrap_err() -> .unwrap_left()",
        ".expect_err() -> .expect_left()",
        ".is_ok() -> .is_right()",
        ".is_err() -> .is_left()",
        ".inspect() -> .tap()",
        ".inspect_err() -> .tap_left()",
        "OkErr -> LeftRight",
        "do(generator) -> a chain of bind() calls",
        "do_async(generator) -> a chain of bind() calls",
        "x.and_then_async(f) -> Deferred.of(x).bind(f)",
        ".err_value -> .error",
        "as_async_result -> safe",
    ):
        assert expected in out
    assert out.count("Result[T, E] -> Either[E, T]") == out.count("Result")  # one note per annotation


def test_a_file_that_does_not_parse_stops_everything(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "shop" / "broken.py").write_text("from result import Ok\ndef f(:\n", encoding="utf-8")
    original = (project / "shop" / "orders.py").read_bytes()
    assert main([str(project)]) == 2
    err = capsys.readouterr().err
    assert "broken.py: does not parse: line 2" in err
    assert "refusing to rewrite anything" in err
    assert (project / "shop" / "orders.py").read_bytes() == original


def test_unreadable_and_missing_paths_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")
    assert main([str(tmp_path)]) == 2
    assert "latin.py: cannot read" in capsys.readouterr().err
    assert main([str(tmp_path / "missing")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_runs_as_a_module_and_skips_hidden_directories(project: Path) -> None:
    hidden = project / ".venv" / "dep.py"
    hidden.parent.mkdir()
    hidden.write_text("from result import Ok\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "either.migrate", "--check", str(project)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "orders.py:8:1: import from either instead of result" in done.stdout
    assert "dep.py" not in done.stdout


def test_import_either_does_not_import_the_codemod() -> None:
    code = "import sys, either; print('either.migrate' in sys.modules, 'libcst' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]


# --- migrate_source on single modules --------------------------------------------------------


def test_a_module_without_result_is_left_alone() -> None:
    source = "def f(x):\n    return x.and_then(g).ok()\n"
    migration = migrate_source(source)
    assert migration.code == source
    assert migration.changes == migration.manual == ()


def test_aliases_and_shadowing_names_are_resolved() -> None:
    source = (
        "from result import Ok as Success, Result as R\n"
        "def f(x: R[int, str]) -> R[int, str]:\n"
        "    Ok = print\n"
        "    Ok('not a result')\n"
        "    return Success(1)\n"
    )
    code = migrate_source(source).code
    assert code == (
        "from either import Right as Success, Either as R\n"
        "def f(x: R[str, int]) -> R[str, int]:\n"
        "    Ok = print\n"
        "    Ok('not a result')\n"
        "    return Success(1)\n"
    )


def test_nested_result_types_swap_at_each_level() -> None:
    source = "from result import Result\nx: Result[Result[int, str], list[Result[bytes, float]]]\n"
    assert migrate_source(source).code.endswith("x: Either[list[Either[float, bytes]], Either[str, int]]\n")


def test_module_style_imports_keep_their_alias() -> None:
    source = "import result as r\nx: r.Result[int, str] = r.Ok(1)\nok = r.is_ok(x)\n"
    assert migrate_source(source).code == (
        "import either as r\nx: r.Either[str, int] = r.Right(1)\nok = r.is_right(x)\n"
    )


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("y = do(Ok(a) for a in x if a)", "do(...): an `if` clause has no bind equivalent; rewrite it as a do-block"),
        (
            "y = do(Ok(a) for (a, b) in x)",
            "do(...): a tuple target cannot be a lambda parameter; rewrite it as a do-block",
        ),
        ("y = do(x)", "do(...): not a generator expression; rewrite it as a do-block"),
        (
            "y = do_async(Ok(a) for a in x for b in (await k()).map(f))",
            "do_async(...): an `await` would land inside a lambda; rewrite it as a do-block",
        ),
        (
            "y = do_async(Ok(await a) for a in x)",
            "do_async(...): an `await` would land inside a lambda; rewrite it as a do-block",
        ),
        ("y = x.map_async(f)", "map_async: use Deferred.of(x).map(f) once it awaits f"),
    ],
)
def test_what_cannot_be_rewritten_is_reported_and_kept_working(line: str, why: str) -> None:
    source = f"from result import Ok, do, do_async\nasync def g(x, k, f):\n    {line}\n"
    migration = migrate_source(source)
    assert [(line_number, message) for line_number, _, message in migration.manual] == [(3, why)]
    assert f"    {line.replace('Ok(', 'Right(')}\n" in migration.code
    compile(migration.code, "<migrated>", "exec")
    name = "do_async" if "do_async" in line else "do" if "do(" in line else None
    first = migration.code.splitlines()[0]
    assert first.endswith(f"; from result import {name}") if name else "from result" not in first


def test_names_without_an_equivalent_stay_imported_from_result() -> None:
    migration = migrate_source("from result import Ok, DoException\nfrom result import *\n")
    assert migration.code.splitlines() == [
        "from either import Right; from result import DoException",
        "from result import *",
    ]
    assert [m for _, _, m in migration.manual] == [
        "`DoException` has no eitherway equivalent; still imported from result",
        "`from result import *`: import the eitherway names you use",
    ]


def test_do_over_an_awaited_first_source_is_parenthesised() -> None:
    source = "from result import Ok, do\nasync def g(foo):\n    return do(Ok(1) for q in await foo())\n"
    assert "    return (await foo()).bind(lambda q: Right(1))\n" in migrate_source(source).code


def test_a_syntax_error_names_the_line() -> None:
    with pytest.raises(SyntaxError, match="line 2"):
        migrate_source("import result\ndef (:\n")


def test_the_migration_is_idempotent_on_the_fixture() -> None:
    for path in (FIXTURE / "shop").glob("*.py"):
        once = migrate_source(path.read_text(encoding="utf-8")).code
        assert migrate_source(once).code == once


def test_do_async_over_awaited_sources_becomes_a_deferred_chain() -> None:
    source = (
        "from result import Ok, Result, do_async\n"
        "async def g(f, h, x: Result[int, str]):\n"
        "    return await do_async(Ok(a + b + c) for a in await f() for b in await h(a) for c in x)\n"
    )
    migration = migrate_source(source)
    assert migration.code.splitlines()[0] == "from either import Right, Either, Deferred"
    assert migration.code.splitlines()[2] == (
        "    return await Deferred(f()).bind(lambda a: Deferred(h(a)).bind("
        "lambda b: Deferred.of(x).bind(lambda c: Right(a + b + c))))"
    )


def test_and_then_async_with_imported_names_imports_deferred() -> None:
    source = "from result import Ok\nasync def g(f):\n    return await Ok(1).and_then_async(f)\n"
    assert migrate_source(source).code == (
        "from either import Right, Deferred\nasync def g(f):\n    return await Deferred.of(Right(1)).bind(f)\n"
    )


def test_an_import_left_with_nothing_to_import_is_removed() -> None:
    source = "import os\nfrom result import do\nx = do(y for y in os.environ)\n"
    assert migrate_source(source).code == "import os\nx = os.environ.bind(lambda y: y)\n"


def test_unusual_calls_are_reported_not_guessed() -> None:
    source = "from result import is_ok, do\nkeep = filter(is_ok, [])\nasync def g(x):\n    do(Ok(a) async for a in x)\n"
    migration = migrate_source(source)
    assert [m for _, _, m in migration.manual] == ["do(...): an `async for` clause; rewrite it as a do-block"]
    assert migration.code.splitlines()[:2] == [
        "from either import is_right; from result import do",
        "keep = filter(is_right, [])",
    ]
    assert repr(migration) == "Migration(2 changes, 1 manual)"


def test_a_single_file_with_manual_notes_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.py"
    path.write_text("from result import Ok\nx = Ok(1).map_async(str)\n", encoding="utf-8")
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:11: manual: map_async: use Deferred.of(x).map(f) once it awaits f" in out
    assert path.read_text(encoding="utf-8") == "from either import Right\nx = Right(1).map_async(str)\n"


def test_without_libcst_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "libcst", None)
    assert main([str(tmp_path)]) == 2
    assert "pip install 'eitherway[migrate]'" in capsys.readouterr().err


def test_the_module_entry_point(project: Path) -> None:
    # A real `python -m`: in-process, runpy meets pytest's assertion-rewriting import hook,
    # which marks every module of a distribution that ships a pytest plugin (this one does).
    completed = subprocess.run(
        [sys.executable, "-m", "either.migrate", "--check", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "would rewrite 2 file(s)" in completed.stderr


def test_a_variable_called_result_is_not_the_module() -> None:
    source = (
        "import result\n"
        "from result import Ok\n"
        "result = Ok(1)\n"
        "value = result.and_then(lambda v: Ok(v)).ok()\n"
        "def f(result):\n"
        "    return result.ok_value\n"
    )
    assert migrate_source(source).code == (
        "import either\n"
        "from either import Right\n"
        "result = Right(1)\n"
        "value = result.bind(lambda v: Right(v)).right_or_none()\n"
        "def f(result):\n"
        "    return result.value\n"
    )


@pytest.mark.parametrize(
    "expression",
    [
        "[" * 150 + "Ok(1)" + "]" * 150,
        "+".join(["Ok(1)"] * 5000),
        "Ok(" * 120 + "1" + ")" * 120,
    ],
    ids=["nested", "long-chain", "nested-calls"],
)
def test_deeply_nested_code_is_refused_quickly(expression: str) -> None:
    # Python 3.12+ may refuse a long chain itself while building the tree (its recursion limit).
    with pytest.raises(SyntaxError, match=r"nested more than 100 levels deep|maximum recursion depth"):
        migrate_source(f"from result import Ok\nx = {expression}\n")


def test_what_python_itself_refuses_is_refused() -> None:
    with pytest.raises(SyntaxError, match="too many nested parentheses"):
        migrate_source("from result import Ok\nx = " + "[" * 300 + "]" * 300 + "\n")
    with pytest.raises(SyntaxError, match="null bytes"):
        migrate_source("from result import Ok\nx = '\0'\n")


def test_line_ends_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "crlf.py"
    path.write_bytes(b"from result import Ok\r\nx = Ok(1)\r\n")
    assert main([str(path)]) == 0
    assert path.read_bytes() == b"from either import Right\r\nx = Right(1)\r\n"


def test_a_symlinked_directory_is_not_followed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "shop" / "loop").symlink_to(project, target_is_directory=True)
    assert main([str(project), "--check"]) == 1
    assert "loop" not in capsys.readouterr().out


TypeTree = Union[str, tuple[str, "TypeTree"], tuple[str, "TypeTree", "TypeTree"]]
type_trees: st.SearchStrategy[TypeTree] = st.recursive(
    st.sampled_from(["int", "str", "bytes"]),
    lambda inner: st.one_of(
        st.tuples(st.just("Result"), inner, inner), st.tuples(st.just("list"), inner), st.tuples(st.just("Ok"), inner)
    ),
    max_leaves=12,
)


def _render(tree: TypeTree, *, migrated: bool) -> str:
    if isinstance(tree, str):
        return tree
    if len(tree) == 2:
        name = "Right" if migrated and tree[0] == "Ok" else tree[0]
        return f"{name}[{_render(tree[1], migrated=migrated)}]"
    value, error = _render(tree[1], migrated=migrated), _render(tree[2], migrated=migrated)
    return f"Either[{error}, {value}]" if migrated else f"Result[{value}, {error}]"


@given(type_trees)
def test_result_types_swap_their_arguments_at_every_level(tree: TypeTree) -> None:
    before = f"from result import Ok, Result\nx: {_render(tree, migrated=False)}\n"
    after = f"from either import Right, Either\nx: {_render(tree, migrated=True)}\n"
    assert migrate_source(before).code == after


# --- class patterns --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("imports", "pattern", "expected"),
    [
        ("from result import Ok", "Ok(ok_value=v)", "Right(value=v)"),
        ("from result import Ok", "Ok(value=v)", "Right(value=v)"),
        ("from result import Err", "Err(err_value=v)", "Left(error=v)"),
        ("from result import Err", "Err(value=v)", "Left(error=v)"),
        ("from result import Ok as Success", "Success(ok_value=v)", "Success(value=v)"),
        ("import result as r", "r.Err(err_value=v)", "r.Left(error=v)"),
        ("import result", "result.Ok(ok_value=[v, *_])", "either.Right(value=[v, *_])"),
        ("from result import Ok", "Ok(v) | Ok(ok_value=v)", "Right(v) | Right(value=v)"),
    ],
)
def test_class_pattern_keywords_become_eitherways_attributes(imports: str, pattern: str, expected: str) -> None:
    source = f"{imports}\ndef f(x):\n    match x:\n        case {pattern}:\n            return v\n"
    migration = migrate_source(source)
    assert migration.code.splitlines()[3] == f"        case {expected}:"
    assert migration.manual == ()
    renamed = pattern.count("_value=") + pattern.count("Err(value=")
    assert sum("=...) -> " in message for _, _, message in migration.changes) == renamed


@pytest.mark.parametrize(
    ("pattern", "expected", "why"),
    [
        ("Ok(err_value=v)", "Right(err_value=v)", "`Ok(err_value=...)`: Right has no `err_value`; rewrite the pattern"),
        ("Err(ok_value=v)", "Left(ok_value=v)", "`Err(ok_value=...)`: Left has no `ok_value`; rewrite the pattern"),
        (
            "Ok(value=v, colour=c)",
            "Right(value=v, colour=c)",
            "`Ok(colour=...)`: Right has no `colour`; rewrite the pattern",
        ),
    ],
)
def test_class_pattern_keywords_without_an_equivalent_are_reported(pattern: str, expected: str, why: str) -> None:
    source = f"from result import Ok, Err\ndef f(x):\n    match x:\n        case {pattern}:\n            pass\n"
    migration = migrate_source(source)
    assert migration.code.splitlines()[3] == f"        case {expected}:"
    assert [(line, message) for line, _, message in migration.manual] == [(4, why)]


def test_class_patterns_of_other_classes_keep_their_keywords() -> None:
    source = (
        "from result import Ok\n"
        "class Err:\n"
        "    err_value = 1\n"
        "def f(x):\n"
        "    match x:\n"
        "        case Err(err_value=v) | Ok(ok_value=v):\n"
        "            return v\n"
    )
    migration = migrate_source(source)
    assert migration.code.splitlines()[5] == "        case Err(err_value=v) | Right(value=v):"
    assert migration.manual == ()


# --- quoted type expressions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            'def h() -> "Result[list[int], Optional[str]]": ...',
            'def h() -> "Either[Optional[str], list[int]]": ...',
        ),
        ("def h(x: 'Result[int, str]') -> None: ...", "def h(x: 'Either[str, int]') -> None: ..."),
        ('Alias: TypeAlias = "Result[int, str]"', 'Alias: TypeAlias = "Either[str, int]"'),
        ('Alias: typing.TypeAlias = "Result[int, str]"', 'Alias: typing.TypeAlias = "Either[str, int]"'),
        ('x = cast("Result[int, str]", y)', 'x = cast("Either[str, int]", y)'),
        ('x = typing.cast(typ="Ok[int]", val=y)', 'x = typing.cast(typ="Right[int]", val=y)'),
        ('x = typing.cast("Ok[int]", y)', 'x = typing.cast("Right[int]", y)'),
        ('T = TypeVar("T", bound="Result[int, str]")', 'T = TypeVar("T", bound="Either[str, int]")'),
        ('x: list["Result[int, str]"] = []', 'x: list["Either[str, int]"] = []'),
        ('x: Callable[["Result[int, str]"], "Ok[int]"]', 'x: Callable[["Either[str, int]"], "Right[int]"]'),
        ('Alias = Optional["Result[int, str]"]', 'Alias = Optional["Either[str, int]"]'),
        ('Alias = typing.Union["Ok[int]", None]', 'Alias = typing.Union["Right[int]", None]'),
        (
            'x: Optional["Result[int, str]"] = cast(Optional["Ok[int]"], y)',
            'x: Optional["Either[str, int]"] = cast(Optional["Right[int]"], y)',
        ),
        ("x: \"R[int, 'Result[bytes, str]']\"", "x: \"R['Either[str, bytes]', int]\""),
        ('x: "r.Result[int, str] | None"', 'x: "r.Either[str, int] | None"'),
        ('x: """\n    Result[\n        int, str]\n"""', 'x: """\n    Either[\n        str, int]\n"""'),
        ('x: Literal["Ok", "Result"]', 'x: Literal["Ok", "Result"]'),
        ('x: Annotated["Result[int, str]", "Ok"]', 'x: Annotated["Either[str, int]", "Ok"]'),
        ('x: "Other[int, str]"', 'x: "Other[int, str]"'),
        ('x = "Result[int, str]"', 'x = "Result[int, str]"'),
        ('x: "not a type ["', 'x: "not a type ["'),
    ],
)
def test_quoted_type_expressions_are_rewritten_in_place(before: str, after: str) -> None:
    header = (
        "import typing\nfrom typing import Annotated, Callable, Literal, Optional, TypeAlias, TypeVar, cast\n"
        "from result import Ok, Result, Result as R\nimport result as r\n"
    )
    migration = migrate_source(header + before + "\n")
    assert migration.code.endswith("\n" + after + "\n")
    assert migration.manual == ()


def test_a_quoted_type_statement_value_is_rewritten() -> None:
    # `type X = ...` is Python 3.12 syntax: the transformer is run on libcst's 3.12 parse.
    import libcst as cst
    from libcst.metadata import MetadataWrapper

    from either.migrate._rewrite import Rewriter, scan

    source = 'from result import Result\ntype Number = "Result[int, str]"\n'
    try:
        config = cst.PartialParserConfig(python_version="3.12")
    except ValueError:  # an older libcst (the declared floor, 1.1) reads no 3.12 grammar
        pytest.skip("this libcst cannot parse Python 3.12 syntax")
    module = cst.parse_module(source, config=config)
    code = MetadataWrapper(module).visit(Rewriter(*scan(module))).code
    assert code == 'from either import Either\ntype Number = "Either[str, int]"\n'


def test_quoted_types_with_result_imported_for_type_checking_only() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from result import Result\n"
        "def f() -> 'Result[int, str]':\n"
        "    raise NotImplementedError\n"
    )
    migration = migrate_source(source)
    assert migration.code.splitlines()[2:4] == ["    from either import Either", "def f() -> 'Either[str, int]':"]
    assert (4, 12, "Result[T, E] -> Either[E, T]") in migration.changes


@pytest.mark.parametrize(
    "annotation",
    ['"Result[int, " "str]"', '"Result[int,\\x20str]"', '"Result[int, str"', 'f"Result[int, {str}]"'],
    ids=["concatenated", "escape", "broken", "f-string"],
)
def test_a_quoted_type_that_cannot_be_rewritten_is_reported_and_keeps_its_import(annotation: str) -> None:
    source = f"from result import Ok, Result\nx: Result[int, str] = Ok(1)\ny: {annotation}\n"
    migration = migrate_source(source)
    assert migration.code.splitlines() == [
        "from either import Right, Either; from result import Result",
        "x: Either[str, int] = Right(1)",
        f"y: {annotation}",
    ]
    assert [(line, message) for line, _, message in migration.manual] == [
        (3, "a quoted type the codemod cannot rewrite: rewrite it by hand; Result still imported from result")
    ]


@pytest.mark.parametrize(
    "body",
    ["list[" * 150 + "Result[int, str]" + "]" * 150, " | ".join(["Result[int, str]"] * 3000)],
    ids=["nested", "long-chain"],
)
def test_a_deeply_nested_quoted_type_is_refused_quickly(body: str) -> None:
    # libcst's scope analysis parses quoted types itself, as recursively as code.
    with pytest.raises(SyntaxError, match=r"line 2: a string holds code nested too deeply"):
        migrate_source(f'from result import Result\nx: "{body}"\n')
    prose = "a long string is checked only when it parses as code; " * 10
    assert migrate_source(f'from result import Result\nx: "{prose}"\n').code.startswith("from either")


def test_an_aliased_name_in_a_quoted_type_that_cannot_be_rewritten_is_reported() -> None:
    # `R` cannot name both Either and result's Result: the note says so, the import is not doubled.
    source = 'from result import Result as R\nx: R[int, str]\ny: "R[int, " "str]"\n'
    migration = migrate_source(source)
    assert migration.code.splitlines()[0] == "from either import Either as R"
    assert [m for _, _, m in migration.manual] == ["a quoted type the codemod cannot rewrite: rewrite it by hand"]


@given(type_trees, st.sampled_from(['"', "'", '"""']))
def test_quoted_result_types_are_rewritten_like_unquoted_ones(tree: TypeTree, quote: str) -> None:
    before = f"from result import Ok, Result\nx: {quote}{_render(tree, migrated=False)}{quote}\n"
    after = f"from either import Right, Either\nx: {quote}{_render(tree, migrated=True)}{quote}\n"
    assert migrate_source(before).code == after


def test_rewritten_patterns_and_quoted_types_pass_mypy_strict(tmp_path: Path) -> None:
    mypy_api = pytest.importorskip("mypy.api")
    source = """\
from typing import Optional, TypeAlias, TypeVar, cast

from result import Err, Ok, Result, is_ok

Number: TypeAlias = "Result[int, str]"
N = TypeVar("N", bound="Result[int, str]")


def describe(number: "Result[int, Optional[str]]") -> str:
    match number:
        case Ok(value=value):
            return str(value + 1)
        case Err(value=error):
            return error or "none"


def first(numbers: list[N]) -> N:
    return numbers[0]


def parse(text: object) -> Number:
    given: "list[Result[int, str]]" = [Ok(1), Err("no")]
    assert [is_ok(n) for n in given] == [True, False]
    return cast("Result[int, str]", text)
"""
    migration = migrate_source(source)
    assert migration.manual == ()
    assert "from result" not in migration.code
    (tmp_path / "typed.py").write_text(migration.code, encoding="utf-8")
    out, err, status = mypy_api.run(
        [
            "--strict",
            "--config-file",
            os.devnull,
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            str(tmp_path / "typed.py"),
        ]
    )
    assert status == 0, out + err + migration.code
    assert 'describe(number: "Either[Optional[str], int]")' in migration.code

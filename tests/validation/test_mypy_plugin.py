"""The mypy plugin (`validation.mypy`), run in-process over case files with expected-output comments.

Each line of a case file in `mypy_cases/` that mypy must report carries the report as a
comment: `# E: message  [code]` for an error, `# N: message` for a note (several on one
line in the order mypy gives them). A case file passes when mypy reports exactly those
lines. mypy runs in this process (`mypy.api.run`), so coverage sees the plugin.
"""

from __future__ import annotations

import gc
import re
import shutil
import sys
import textwrap
from pathlib import Path

import mypy.api
import mypy.version
import pytest

import validation.mypy as plugin_module
from validation.mypy import MYPY_RANGE

CASES = Path(__file__).resolve().parent / "mypy_cases"
CASE_FILES = sorted(CASES.glob("mypy_case_*.py"))
EXPECTED = re.compile(r"\s*# ([EN]): ")
REPORTED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<severity>error|note): (?P<message>.*)$")
MYPY_VERSION = plugin_module._version_tuple(mypy.version.__version__)


def run_mypy(
    directory: Path,
    files: list[str],
    cache: Path,
    *,
    plugin: bool = True,
    config: str = "",
    flags: tuple[str, ...] = (),
) -> list[tuple[str, int, str, str]]:
    """mypy's reports on `files` (in `directory`) as (file, line, severity, message), in its order.

    `cache` is shared by the runs with the same configuration: checking pydantic and the
    standard library once, not once per test, keeps this file fast.
    """
    config_file = directory / "mypy.ini"
    plugins = "plugins = validation.mypy\n" if plugin else ""
    config_file.write_text(f"[mypy]\n{plugins}{config}", encoding="utf-8")
    args = ["--config-file", str(config_file), "--cache-dir", str(cache), "--show-error-codes"]
    args += ["--no-error-summary", "--hide-error-context", "--no-pretty", "--no-color-output"]
    stdout, stderr = _run_and_restore([*args, *flags, *(str(directory / name) for name in files)])
    assert not stderr, stderr
    reports = []
    for line in stdout.splitlines():
        match = REPORTED.match(line)
        assert match is not None, line
        reports.append((Path(match["file"]).name, int(match["line"]), match["severity"], match["message"]))
    return reports


def _run_and_restore(args: list[str]) -> tuple[str, str]:
    """`mypy.api.run`, then the process-wide settings mypy changes (GC, recursion limit) put back."""
    threshold, limit = gc.get_threshold(), sys.getrecursionlimit()
    try:
        stdout, stderr, _ = mypy.api.run(args)
    finally:
        gc.set_threshold(*threshold)
        sys.setrecursionlimit(limit)
        gc.enable()
    return stdout, stderr


def expected_reports(path: Path) -> list[tuple[str, int, str, str]]:
    expected = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = EXPECTED.split(line)
        for severity, message in zip(parts[1::2], parts[2::2], strict=True):
            expected.append((path.name, number, "error" if severity == "E" else "note", message.strip()))
    return expected


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache of the runs with the plugin and no other setting."""
    return tmp_path_factory.mktemp("mypy_cache")


@pytest.fixture(scope="module")
def plain_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache of the runs without the plugin."""
    return tmp_path_factory.mktemp("mypy_cache_plain")


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("mypy_cases")
    for path in CASES.glob("*.py"):
        shutil.copy(path, directory / path.name)
    return directory


@pytest.mark.parametrize("case", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_case_file(case: Path, case_dir: Path, cache: Path) -> None:
    assert run_mypy(case_dir, [case.name], cache) == expected_reports(case)


def test_case_files_exist_and_expect_reports() -> None:
    assert len(CASE_FILES) >= 7
    assert all(expected_reports(path) for path in CASE_FILES)


def test_without_the_plugin_nothing_changes(case_dir: Path, plain_cache: Path) -> None:
    reports = run_mypy(case_dir, ["mypy_case_schema.py"], plain_cache, plugin=False)
    # Only the two lines that assert the TypedDict's item types fail: every parse gives a dict.
    source = (CASES / "mypy_case_schema.py").read_text(encoding="utf-8").splitlines()
    typed_lines = [number for number, line in enumerate(source, start=1) if "assert_type(params[" in line]
    assert len(typed_lines) == 2
    assert [(line, message.endswith("[assert-type]")) for _, line, _, message in reports] == [
        (line, True) for line in typed_lines
    ]


@pytest.mark.skipif(MYPY_VERSION is None or MYPY_VERSION < (1, 19), reason="custom codes in config from mypy 1.19")
def test_codes_are_silenced_per_project(case_dir: Path, tmp_path: Path) -> None:
    config = "disable_error_code = option-key, option-value\n"
    files = ["mypy_case_values.py", "mypy_case_keys.py", "mypy_case_missing.py"]
    reports = run_mypy(case_dir, files, tmp_path / "cache", config=config)
    assert {message for *_, message in reports} == {
        'Missing key "host" for "Server"  [option-missing]',
        'Missing key "host" for "AppOptions"  [option-missing]',
        'Missing key "y" for "Point"  [option-missing]',
    }


# ---------------------------------------------------------------------- suggestions as at run time

TYPOS = [
    "max_conucrrent_requests",
    "streetz",
    "prot",
    "hots",
    "LOG_LEVEL",
    "log-levle",
    "retyr",
    "verbos",
    "ratoi",
    "zzzzqqqq",
    "street",
    "fallbak",
    "max_concurent_request",
    "lvl",
]


def test_suggestions_match_run_time(tmp_path: Path, cache: Path) -> None:
    shutil.copy(CASES / "models.py", tmp_path / "models.py")
    lines = ["from models import AppOptions", "", "", "def cases() -> None:"]
    lines += [f'    AppOptions.parse({{"host": "h", "{typo}": 1}})' for typo in TYPOS]
    (tmp_path / "typos.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports = run_mypy(tmp_path, ["typos.py"], cache)
    static = {line - 5: message for _, line, _, message in reports}
    sys.path.insert(0, str(tmp_path))  # the run-time side of the same models
    try:
        from models import AppOptions  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("models", None)
    for index, typo in enumerate(TYPOS):
        issue = next(i for i in AppOptions.parse({"host": "h", typo: 1}).unwrap_left().issues if i.path == (typo,))
        hint = "; did you mean " + " or ".join(f'"{s}"' for s in issue.suggestions) + "?" if issue.suggestions else ""
        assert static[index] == f'Unknown key "{typo}" for "AppOptions"{hint}  [option-key]'


# ---------------------------------------------------------------------- incremental runs


def test_incremental_runs_follow_a_field_rename(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "opts.py").write_text(
        "import validation\n\n\nclass Opts(validation.Options):\n    retries: int = 3\n    host: str\n",
        encoding="utf-8",
    )
    use = 'from opts import Opts\n\nOpts.parse({"host": "h", "retries": 2})\n'
    (tmp_path / "use.py").write_text(use, encoding="utf-8")
    assert run_mypy(tmp_path, ["opts.py", "use.py"], cache) == []
    opts = (tmp_path / "opts.py").read_text(encoding="utf-8").replace("retries", "attempts")
    (tmp_path / "opts.py").write_text(opts, encoding="utf-8")
    renamed = [("use.py", 3, "error", 'Unknown key "retries" for "Opts"  [option-key]')]
    assert run_mypy(tmp_path, ["opts.py", "use.py"], cache) == renamed
    # Only use.py changes now: Opts comes from the cache, with the fields the hook stored.
    (tmp_path / "use.py").write_text(use.replace('"h"', '"h2"') + 'Opts.parse({"atempts": 1})\n', encoding="utf-8")
    assert run_mypy(tmp_path, ["opts.py", "use.py"], cache) == [
        *renamed,
        ("use.py", 4, "error", 'Missing key "host" for "Opts"  [option-missing]'),
        ("use.py", 4, "error", 'Unknown key "atempts" for "Opts"; did you mean "attempts"?  [option-key]'),
    ]


def test_cached_schema_typed_dict_is_used_by_other_modules(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "params.py").write_text(
        'import validation\n\nPARAMS = validation.schema({"profileId": str})\n', encoding="utf-8"
    )
    use = "from params import PARAMS\n\nPARAMS.parse({})\n"
    (tmp_path / "handler.py").write_text(use, encoding="utf-8")
    expected = [("handler.py", 3, "error", 'Missing key "profileId" for "PARAMS"  [option-missing]')]
    assert run_mypy(tmp_path, ["params.py", "handler.py"], cache) == expected
    (tmp_path / "handler.py").write_text(use + "\n", encoding="utf-8")
    assert run_mypy(tmp_path, ["params.py", "handler.py"], cache) == expected


def _has_workers() -> bool:
    return "--num-workers" in _run_and_restore(["--help"])[0]


@pytest.mark.skipif(not _has_workers(), reason="this mypy has no parallel workers (-n)")
def test_parallel_workers_agree_with_a_serial_run(case_dir: Path, cache: Path, tmp_path: Path) -> None:
    files = ["mypy_case_schema.py", "mypy_case_keys.py", "mypy_case_nested.py", "mypy_case_parse.py"]
    serial = sorted(run_mypy(case_dir, files, cache))  # workers report files in the order they finish
    assert len(serial) > 20
    workers = tmp_path / "cache"
    assert sorted(run_mypy(case_dir, files, workers, flags=("-n", "2"))) == serial
    # Again, each worker now loading the schemas' modules from the cache.
    assert sorted(run_mypy(case_dir, files, workers, flags=("-n", "2"))) == serial


# ---------------------------------------------------------------------- a large module


def large_module(count: int) -> str:
    """17 lines per block: an `Options` class and parse calls, one of them with a typo."""
    blocks = ["import validation", ""]
    for n in range(count):
        blocks.append(
            textwrap.dedent(
                f"""

                class Opts{n}(validation.Options):
                    host: str
                    port: int = {n}
                    max_concurrent_requests: int = 64
                    log_level: str = "info"


                def use{n}(data: dict[str, object]) -> None:
                    Opts{n}.parse(data)
                    Opts{n}.parse({{"host": "h", "port": {n}}})
                    Opts{n}.parse({{"host": "h", "max_conucrrent_requests": {n}}})
                    Opts{n}(host="h").parse({{"host": "h", "log_level": "debug"}})
                    total = {n} + 1
                    assert total > 0
                """
            )
        )
    return "\n".join(blocks)


def test_a_two_thousand_line_module_with_and_without_the_plugin(tmp_path: Path, cache: Path, plain_cache: Path) -> None:
    source = large_module(120)
    assert source.count("\n") >= 2000
    (tmp_path / "big.py").write_text(source, encoding="utf-8")
    without = run_mypy(tmp_path, ["big.py"], plain_cache, plugin=False)
    assert without == []
    with_plugin = run_mypy(tmp_path, ["big.py"], cache)
    assert len(with_plugin) == 120
    assert {message for *_, message in with_plugin} == {
        f'Unknown key "max_conucrrent_requests" for "Opts{n}"; did you mean "max_concurrent_requests"?  [option-key]'
        for n in range(120)
    }


# ---------------------------------------------------------------------- versions


@pytest.mark.parametrize("version", ["1.18.2", "0.991", "3.0.0", "not a version", ""])
def test_an_unsupported_mypy_gets_one_error_line(version: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        plugin_module.plugin(version)
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: validation.mypy supports mypy >=1.19,<3.0")
    assert repr(version) in err


@pytest.mark.parametrize("version", ["1.19.0", "1.20.2", "2.4.1", "2.5.0+dev.abcdef"])
def test_a_supported_mypy_gets_the_plugin(version: str) -> None:
    from validation._mypy_plugin import OptionsPlugin

    assert plugin_module.plugin(version) is OptionsPlugin


def test_the_installed_mypy_is_in_the_stated_range() -> None:
    low, high = MYPY_RANGE
    assert MYPY_VERSION is not None
    assert low <= MYPY_VERSION < high


def test_the_stated_range_matches_the_extra() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    low, high = MYPY_RANGE
    assert f'mypy = ["mypy>={low[0]}.{low[1]},<{high[0]}"]' in pyproject


def test_the_demo_example_shows_each_code(tmp_path: Path, cache: Path, plain_cache: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "plugin_typos.py"
    shutil.copy(example, tmp_path / example.name)
    assert run_mypy(tmp_path, [example.name], plain_cache, plugin=False, config="strict = True\n") == []
    codes = [message.rsplit("[", 1)[1] for *_, message in run_mypy(tmp_path, [example.name], cache)]
    assert codes == ["option-key]", "option-value]", "option-key]", "option-missing]", "option-key]"]


@pytest.mark.parametrize("order", ["pydantic.mypy, validation.mypy", "validation.mypy, pydantic.mypy"])
def test_beside_pydantic_s_plugin(order: str, case_dir: Path, tmp_path: Path) -> None:
    """Either order: pydantic's plugin keeps its hooks, and its metadata gives the keys."""
    reports = run_mypy(
        case_dir, ["mypy_case_parse.py"], tmp_path / "cache", plugin=False, config=f"plugins = {order}\n"
    )
    assert reports == expected_reports(CASES / "mypy_case_parse.py")


def test_the_runtime_keys_case_agrees_with_run_time() -> None:
    """Each call in `mypy_case_runtime_keys.cases` fails at run time exactly when mypy reports it, as often."""
    source = (CASES / "mypy_case_runtime_keys.py").read_text(encoding="utf-8")
    body = source.split("def cases() -> None:\n", 1)[1].splitlines()
    calls = [line.strip() for line in body if line.strip() and not line.strip().startswith("#")]
    assert len(calls) >= 20
    sys.path.insert(0, str(CASES))
    try:
        import mypy_case_runtime_keys as case  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(CASES))
        sys.modules.pop("mypy_case_runtime_keys", None)
    for call in calls:
        code, *reports = EXPECTED.split(call)
        result = eval(code, vars(case))  # the case file's own lines
        errors = len(result.unwrap_left().issues) if result.is_left() else 0
        assert errors == len(reports) // 2, call


def test_incremental_runs_follow_an_alias_change(tmp_path: Path, cache: Path) -> None:
    opts = (
        "from typing import Annotated\n\nimport pydantic\n\nimport validation\n\n\n"
        "class Opts(validation.Options):\n"
        '    max_conn: Annotated[int, pydantic.Field(alias="maxConn")] = 1\n'
    )
    (tmp_path / "opts.py").write_text(opts, encoding="utf-8")
    (tmp_path / "use.py").write_text('from opts import Opts\n\nOpts.parse({"maxConn": 2})\n', encoding="utf-8")
    assert run_mypy(tmp_path, ["opts.py", "use.py"], cache) == []
    (tmp_path / "opts.py").write_text(opts.replace("maxConn", "max-conn"), encoding="utf-8")
    assert run_mypy(tmp_path, ["opts.py", "use.py"], cache) == [
        ("use.py", 3, "error", 'Unknown key "maxConn" for "Opts"; did you mean "max-conn"?  [option-key]')
    ]


def test_an_alias_in_source_mypy_cannot_read_leaves_the_class_unchecked(tmp_path: Path) -> None:
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nplugins = validation.mypy\n", encoding="utf-8")
    source = (
        "from typing import Annotated\nimport pydantic\nimport validation\n"
        "class Opts(validation.Options):\n"
        '    max_conn: Annotated[int, pydantic.Field(alias="maxConn")] = 1\n'
        "    other: int = 0\n"
        'Opts.parse({"max_conn": 3})\n'
    )
    args = ["--config-file", str(config), "--cache-dir", str(tmp_path / "cache"), "--no-error-summary"]
    assert _run_and_restore([*args, "-c", source]) == ("", "")
    # The same source in a file is checked.
    (tmp_path / "opts.py").write_text(source, encoding="utf-8")
    reports = run_mypy(tmp_path, ["opts.py"], tmp_path / "cache")
    assert [message for *_, message in reports] == [
        'Unknown key "max_conn" for "Opts"; did you mean "maxConn"?  [option-key]'
    ]

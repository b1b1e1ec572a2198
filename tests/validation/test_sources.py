"""`validation.sources` and `load`: every mistake in env, `.env` and files named where it was written."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import Field

import validation
from either import Left, Right
from validation import Invalid, Issue, Options, Secret, sources


class Retry(Options):
    attempts: int = 3
    backoff: float = 0.5


class Database(Options):
    host: str = "localhost"
    password: Secret[str] = Secret("")


class AppOptions(Options):
    name: str = "app"
    max_concurrent_requests: int = 64
    hosts: list[str] = []  # noqa: RUF012 -- copied for every instance
    labels: dict[str, str] = {}  # noqa: RUF012
    retry: Retry = Retry()
    database: Database = Database()
    token: Secret[str] = Secret("")


class Required(Options):
    host: str
    retry: Retry = Retry()


def issues(result: object) -> list[Issue]:
    assert isinstance(result, Left), result
    invalid = result.error
    assert isinstance(invalid, Invalid)
    return list(invalid.issues)


def lines(result: object) -> list[str]:
    return [str(issue) for issue in issues(result)]


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def within(seconds: float, call: Callable[[], object]) -> object:
    """`call()`, run on a daemon thread: a call that hangs fails the test instead of hanging it."""
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert done, f"still running after {seconds} seconds"
    return done[0]


# ---------------------------------------------------------------------- env


def test_env_reads_prefixed_variables_at_every_level() -> None:
    environ = {
        "APP_NAME": "svc",
        "APP_MAX_CONCURRENT_REQUESTS": "128",
        "APP_HOSTS": '["a", "b"]',
        "APP_RETRY__ATTEMPTS": "5",
        "APP_DATABASE__PASSWORD": "hunter2",
        "HOME": "/home/ada",
        "APPLE": "ignored: no prefix",
    }
    options = AppOptions.from_env("APP_", environ).unwrap()
    assert options.name == "svc"
    assert options.max_concurrent_requests == 128
    assert options.hosts == ["a", "b"]
    assert options.retry == Retry(attempts=5)
    assert options.database.password.reveal() == "hunter2"


def test_env_misspelt_top_level_variable_is_reported_with_the_variable_meant() -> None:
    result = AppOptions.from_env("APP_", {"APP_MAX_CONUCRRENT_REQUESTS": "1"})
    [issue] = issues(result)
    assert issue.path == ("APP_MAX_CONUCRRENT_REQUESTS",)
    assert issue.code == "unknown_key"
    assert issue.suggestions == ("APP_MAX_CONCURRENT_REQUESTS",)
    assert issue.source == "env"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("APP_RETRY_ATTEMPTS", "APP_RETRY__ATTEMPTS"),
        ("APP_RETRY__ATEMPTS", "APP_RETRY__ATTEMPTS"),
        ("APP_DATABASE___HOST", "APP_DATABASE__HOST"),
        ("app_retry_backoff", "APP_RETRY__BACKOFF"),
    ],
)
def test_env_nested_slips_are_suggested_as_variable_names(written: str, meant: str) -> None:
    [issue] = issues(AppOptions.from_env("APP_", {written: "1"}))
    assert issue.path == (written,)
    assert issue.suggestions == (meant,)


def test_env_value_of_an_unknown_variable_is_never_shown() -> None:
    result = AppOptions.from_env("APP_", {"APP_TOKNE": "hunter2"})
    text = str(result.unwrap_left()) + json.dumps(result.unwrap_left().to_json()) + result.unwrap_left().pretty()
    assert "hunter2" not in text
    assert "APP_TOKEN" in text


def test_env_secret_with_a_wrong_value_is_not_rendered() -> None:
    class Creds(Options):
        pin: Secret[int] = Secret(0)

    result = Creds.from_env("APP_", {"APP_PIN": "hunter2"})
    [issue] = issues(result)
    assert issue.path == ("APP_PIN",)
    assert "hunter2" not in str(result.unwrap_left())
    assert "hunter2" not in repr(result)


def test_env_bad_value_is_named_by_its_variable() -> None:
    [issue] = issues(AppOptions.from_env("APP_", {"APP_RETRY__ATTEMPTS": "many"}))
    assert issue.path == ("APP_RETRY__ATTEMPTS",)
    assert issue.code == "wrong_type"
    assert issue.source == "env"


def test_env_list_field_takes_json_text_and_bad_json_is_an_issue() -> None:
    [issue] = issues(AppOptions.from_env("APP_", {"APP_HOSTS": "a,b"}))
    assert issue.path == ("APP_HOSTS",)
    assert issue.code == "wrong_type"
    assert "JSON" in issue.message


def test_env_nested_field_as_json_merges_and_reports_inside() -> None:
    options = AppOptions.from_env("APP_", {"APP_RETRY": '{"attempts": 7}'}).unwrap()
    assert options.retry == Retry(attempts=7)
    [issue] = issues(AppOptions.from_env("APP_", {"APP_RETRY": '{"atempts": 7}'}))
    assert issue.path == ("APP_RETRY", "atempts")
    assert issue.suggestions == ("attempts",)


def test_env_nested_field_set_whole_and_per_field_is_a_conflict_naming_both() -> None:
    environ = {"APP_RETRY": '{"attempts": 7}', "APP_RETRY__BACKOFF": "1.5"}
    [issue] = issues(AppOptions.from_env("APP_", environ))
    assert issue.code == "conflict"
    assert "APP_RETRY" in issue.message
    assert "APP_RETRY__BACKOFF" in issue.message


def test_env_same_field_twice_with_different_case_is_a_conflict() -> None:
    [issue] = issues(AppOptions.from_env("APP_", {"APP_NAME": "a", "app_name": "b"}))
    assert issue.code == "conflict"


def test_env_case_sensitive_and_custom_separator() -> None:
    source = sources.env("app.", environ={"app.retry.attempts": "4", "APP.NAME": "x"}, nested=".", case_sensitive=True)
    assert AppOptions.load(source).unwrap().retry.attempts == 4
    [issue] = issues(
        AppOptions.load(sources.env("app.", environ={"app.retry.atempts": "4"}, nested=".", case_sensitive=True))
    )
    assert issue.suggestions == ("app.retry.attempts",)


def test_env_reads_os_environ_when_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    source = sources.env("EITHERWAY_TEST_")
    monkeypatch.setenv("EITHERWAY_TEST_NAME", "from-os")
    assert AppOptions.load(source).unwrap().name == "from-os"


def test_env_arguments_are_checked() -> None:
    with pytest.raises(TypeError, match="prefix must be a str"):
        sources.env(b"APP_")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must not be empty"):
        sources.env("APP_", nested="")


def test_env_mapping_that_raises_is_an_issue() -> None:
    class Broken(Mapping[str, str]):
        def __getitem__(self, key: str) -> str:
            raise KeyError(key)

        def __iter__(self) -> Iterator[str]:
            raise RuntimeError("boom")

        def __len__(self) -> int:
            return 1

    [issue] = issues(AppOptions.from_env("APP_", Broken()))
    assert issue.code == "unreadable_source"


def test_env_value_that_is_not_a_string_is_an_issue_never_dropped() -> None:
    environ: Any = {"APP_MAX_CONCURRENT_REQUESTS": 5, "APP_TOKEN": 12345, "APP_NOPE": 7, "OTHER": 1}
    found = {issue.path: issue for issue in issues(AppOptions.from_env("APP_", environ))}
    assert set(found) == {("APP_MAX_CONCURRENT_REQUESTS",), ("APP_TOKEN",), ("APP_NOPE",)}
    plain = found[("APP_MAX_CONCURRENT_REQUESTS",)]
    assert (plain.code, plain.source) == ("wrong_type", "env")
    assert plain.message == "expected a string, as environment variables are text; got 5 (int)"
    secret = found[("APP_TOKEN",)]  # a secret field: its type only
    assert secret.message.endswith("got a value of type int")
    assert "12345" not in str(Invalid(list(found.values())))
    assert found[("APP_NOPE",)].code == "unknown_key"  # the name is the mistake; its value is never read


_NOT_TEXT = st.one_of(
    st.integers(), st.floats(), st.none(), st.booleans(), st.binary(max_size=8), st.lists(st.integers())
)


@given(value=_NOT_TEXT, secret=st.booleans())
def test_env_value_that_is_not_a_string_is_always_one_issue_at_its_variable(value: object, secret: bool) -> None:
    name = "APP_TOKEN" if secret else "APP_MAX_CONCURRENT_REQUESTS"
    environ: Any = {name: value, "APP_NAME": "kept"}
    [issue] = issues(AppOptions.from_env("APP_", environ))
    assert (issue.code, issue.path, issue.source) == ("wrong_type", (name,), "env")
    if secret or isinstance(value, list):  # a container is named by its type alone, as everywhere
        assert issue.message.endswith(f"got a value of type {type(value).__qualname__}")
    else:
        assert issue.message.endswith(f"({type(value).__qualname__})")


def test_env_flood_of_unknown_variables_stays_bounded() -> None:
    environ = {f"APP_UNKNOWN_{i}": "x" for i in range(20_000)}
    found = issues(AppOptions.from_env("APP_", environ))
    assert len(found) == 1001  # the engine's cap on materialised issues, then one that counts the rest
    assert all(issue.code == "unknown_key" for issue in found[:-1])
    assert found[-1].code == "too_many_issues"
    assert found[-1].message.startswith("19000 more unknown variables")


def test_env_on_a_self_referencing_type_terminates() -> None:
    [issue] = issues(validation.load(Node, sources.env("N_", environ={"N_CHILD__CHILD__NAM": "x"})))
    assert issue.suggestions == ("N_CHILD__CHILD__NAME",)
    value = validation.load(Node, sources.env("N_", environ={"N_CHILD__CHILD__NAME": "x"})).unwrap()
    assert value.child is not None and value.child.child is not None and value.child.child.name == "x"


class Node(Options):
    name: str = "n"
    child: Node | None = None


# ---------------------------------------------------------------------- .env


def test_dotenv_reads_prefixed_lines_and_ignores_the_rest(tmp_path: Path) -> None:
    path = write(
        tmp_path / ".env",
        "# shared by several tools\n"
        "DATABASE_URL=postgres://x\n"
        "export APP_NAME=svc # a comment\n"
        'APP_HOSTS=\'["a", "b"]\'\n'
        'APP_TOKEN="multi\nline"\n'
        "\n"
        "not a valid line for another tool\n",
    )
    options = AppOptions.load(sources.dotenv(path, prefix="APP_")).unwrap()
    assert options.name == "svc"
    assert options.hosts == ["a", "b"]
    assert options.token.reveal() == "multi\nline"


def test_dotenv_issues_name_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / ".env", "APP_NAME=svc\nAPP_RETRY_ATTEMPTS=2\nAPP_BROKEN LINE\nAPP_TOKEN='never closed\n")
    found = issues(AppOptions.load(sources.dotenv(path, prefix="APP_")))
    by_code = {issue.code: issue for issue in found}
    assert by_code["unknown_key"].source == f"{path}:2"
    assert by_code["unknown_key"].suggestions == ("APP_RETRY__ATTEMPTS",)
    assert {issue.source for issue in found if issue.code == "malformed"} == {f"{path}:3", f"{path}:4"}


def test_dotenv_duplicate_prefixed_variable_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path / ".env", "APP_NAME=a\nOTHER=1\nOTHER=2\nAPP_NAME=b\n")
    [issue] = issues(AppOptions.load(sources.dotenv(path, prefix="APP_")))
    assert issue.code == "duplicate_key"
    assert "lines 1 and 4" in issue.message


def test_dotenv_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.env")
    [issue] = issues(AppOptions.load(sources.dotenv(missing, prefix="APP_")))
    assert (issue.code, issue.source) == ("missing_source", missing)
    assert AppOptions.load(sources.dotenv(missing, prefix="APP_", required=False)) == Right(AppOptions())


# ---------------------------------------------------------------------- files


def test_file_issue_renders_with_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "app.toml", "[retry]\natempts = 4\n")
    result = AppOptions.from_file(path)
    assert lines(result) == [f"retry.atempts: unknown key; did you mean 'attempts'? (from {path})"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("app.toml", 'name = "svc"\nhosts = ["a"]\n[retry]\nattempts = 4\n'),
        ("app.json", '{"name": "svc", "hosts": ["a"], "retry": {"attempts": 4}}'),
        ("app.yaml", "name: svc\nhosts: [a]\nretry:\n  attempts: 4\n"),
        ("app.yml", "name: svc\nhosts:\n  - a\nretry: {attempts: 4}\n"),
    ],
)
def test_file_formats_by_suffix(tmp_path: Path, name: str, text: str) -> None:
    options = AppOptions.from_file(write(tmp_path / name, text)).unwrap()
    assert (options.name, options.hosts, options.retry.attempts) == ("svc", ["a"], 4)


def test_file_format_override_and_unknown_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "config", '{"name": "svc"}')
    assert AppOptions.load(sources.file(path, format="json")).unwrap().name == "svc"
    with pytest.raises(ValueError, match="cannot tell the format"):
        sources.file(path)
    with pytest.raises(ValueError, match="must be 'toml'"):
        sources.file(path, format="ini")


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("bad.toml", 'name = "svc"\nretry = [\n', "line 3, column 1"),
        ("bad.json", '{"name": "svc",\n  "retry": }', "line 2, column 12"),
        ("bad.yaml", "name: svc\n  retry: [\n", "line 2"),
    ],
)
def test_malformed_file_is_an_issue_with_line_and_column(tmp_path: Path, name: str, text: str, where: str) -> None:
    path = write(tmp_path / name, text)
    [issue] = issues(AppOptions.from_file(path))
    assert issue.code == "malformed"
    assert where in issue.message
    assert issue.source is not None and issue.source.startswith(path)


def test_missing_unreadable_badly_encoded_and_non_table_files(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.toml")
    [issue] = issues(AppOptions.from_file(missing))
    assert (issue.code, issue.source, issue.message) == ("missing_source", missing, "file not found")
    assert AppOptions.load(sources.file(missing, required=False)) == Right(AppOptions())

    directory = tmp_path / "dir.toml"
    directory.mkdir()
    [issue] = issues(AppOptions.from_file(directory))
    assert issue.code == "unreadable_source"

    encoded = tmp_path / "latin.toml"
    encoded.write_bytes(b'name = "caf\xe9"\n')
    [issue] = issues(AppOptions.from_file(encoded))
    assert issue.code == "unreadable_source"
    assert "line 1, column 12" in issue.message

    listed = write(tmp_path / "list.json", "[1, 2]")
    [issue] = issues(AppOptions.from_file(listed))
    assert issue.code == "not_a_mapping"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    [issue] = issues(within(10, lambda: AppOptions.from_file(fifo)))  # no writer: a plain open() blocks
    assert (issue.code, issue.source) == ("unreadable_source", str(fifo))
    assert "named pipe" in issue.message
    [issue] = issues(within(10, lambda: AppOptions.load(sources.dotenv(fifo, prefix="APP_"))))
    assert "named pipe" in issue.message


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_unread() -> None:
    [issue] = issues(within(10, lambda: AppOptions.load(sources.file("/dev/zero", format="toml"))))
    assert issue.code == "unreadable_source"
    assert "character device" in issue.message
    assert "regular file" in issue.message


def test_a_file_past_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    from validation._files import MAX_BYTES

    big = tmp_path / "big.toml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written, nothing should be read
    [issue] = issues(AppOptions.from_file(big))
    assert issue.code == "unreadable_source"
    assert f"{MAX_BYTES:,}" in issue.message
    at_limit = tmp_path / "limit.toml"
    at_limit.write_bytes(b"name = 'x'\n" + b" " * 100)
    assert AppOptions.from_file(at_limit).unwrap().name == "x"


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import validation._files as files

    path = tmp_path / "grows.toml"
    path.write_bytes(b"name = 'x'\n" * 10)
    real_fstat = os.fstat

    def shrunk(fd: int) -> os.stat_result:  # the size stat() reports may be stale (procfs reports 0)
        found = real_fstat(fd)
        return os.stat_result((*found[:6], 0, *found[7:]))

    monkeypatch.setattr(files, "MAX_BYTES", 20)
    monkeypatch.setattr(os, "fstat", shrunk)
    [issue] = issues(AppOptions.from_file(path))
    assert issue.code == "unreadable_source"
    assert "larger than 20 bytes" in issue.message


def test_required_fields_are_not_reported_twice_when_a_file_is_broken(tmp_path: Path) -> None:
    [issue] = issues(Required.from_file(write(tmp_path / "bad.json", "{")))
    assert issue.code == "malformed"


def test_empty_yaml_file_is_an_empty_table(tmp_path: Path) -> None:
    assert AppOptions.from_file(write(tmp_path / "empty.yaml", "# nothing yet\n")) == Right(AppOptions())


@pytest.mark.parametrize(
    ("name", "text", "path", "message"),
    [
        ("dup.yaml", "name: a\nhosts: []\nname: b\n", ("name",), "lines 1 and 3"),
        ("dup.yml", "retry:\n  attempts: 1\n  backoff: 2\n  attempts: 3\n", ("retry", "attempts"), "lines 2 and 4"),
        (
            "dup.json",
            '{"name": "a",\n"retry": {"attempts": 1,\n "attempts": 2}}',
            ("retry", "attempts"),
            "lines 2 and 3",
        ),
        ("dup2.json", '[{"a": 1}]', None, None),
        ("dup3.json", '{"hosts": ["x", {"k": 1, "k": 2}], "name": "n"}', ("hosts", 1, "k"), "lines 1 and 1"),
    ],
)
def test_duplicate_keys_are_reported_with_both_lines(
    tmp_path: Path, name: str, text: str, path: tuple[Any, ...] | None, message: str | None
) -> None:
    found = issues(AppOptions.from_file(write(tmp_path / name, text)))
    if path is None:
        assert [issue.code for issue in found] == ["not_a_mapping"]
        return
    duplicate = next(issue for issue in found if issue.code == "duplicate_key")
    assert duplicate.path == path
    assert message is not None and message in duplicate.message


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*{chr(96 + level)}"] * 10)
        rows.append(f"{chr(97 + level)}: &{chr(97 + level)} [{refs}]")
    [issue] = issues(AppOptions.from_file(write(tmp_path / "bomb.yaml", "\n".join(rows) + "\n")))
    assert issue.code == "malformed"
    assert "expands" in issue.message


def test_deeply_nested_json_and_huge_numbers_are_issues(tmp_path: Path) -> None:
    deep = write(tmp_path / "deep.json", '{"hosts": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert [issue.code for issue in issues(AppOptions.from_file(deep))] == ["malformed"]
    huge = write(tmp_path / "huge.toml", "max_concurrent_requests = " + "9" * 5000 + "\n")
    assert [issue.code for issue in issues(AppOptions.from_file(huge))] == ["malformed"]


def test_secret_from_a_file_is_never_rendered(tmp_path: Path) -> None:
    class Creds(Options):
        pin: Secret[int] = Secret(0)

    path = write(tmp_path / "creds.toml", 'pin = "hunter2"\n')
    invalid = Creds.from_file(path).unwrap_left()
    assert "hunter2" not in str(invalid) + json.dumps(invalid.to_json()) + invalid.pretty()


# ---------------------------------------------------------------------- layering and load


def test_later_sources_win_per_key_and_nested_maps_merge(tmp_path: Path) -> None:
    path = write(tmp_path / "app.toml", 'name = "file"\n[retry]\nattempts = 4\nbackoff = 2.0\n')
    options = AppOptions.load(
        sources.values({"name": "values", "max_concurrent_requests": 8}),
        sources.file(path),
        sources.env("APP_", environ={"APP_RETRY__BACKOFF": "9"}),
    ).unwrap()
    assert options.name == "file"
    assert options.max_concurrent_requests == 8
    assert options.retry == Retry(attempts=4, backoff=9.0)


def test_missing_required_field_lists_every_source_consulted(tmp_path: Path) -> None:
    path = write(tmp_path / "app.toml", "")
    [issue] = issues(Required.load(sources.file(path), sources.env("APP_", environ={})))
    assert issue.code == "missing"
    assert issue.path == ("host",)
    assert issue.message == f"required key missing; looked in: {path}, env APP_HOST"


def test_every_source_reports_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "app.toml", "[retry]\natempts = 4\n")
    found = issues(AppOptions.load(sources.file(path), sources.env("APP_", environ={"APP_NAEM": "x"})))
    assert [(issue.source, issue.code) for issue in found] == [("env", "unknown_key"), (path, "unknown_key")]


def test_load_any_parseable_type_and_no_sources() -> None:
    @dataclasses.dataclass
    class Page:
        size: int = 20

    assert validation.load(Page, sources.env("PAGE_", environ={"PAGE_SIZE": "5"})) == Right(Page(size=5))
    [issue] = issues(validation.load(Page, sources.env("PAGE_", environ={"PAGE_SIZ": "5"})))
    assert issue.suggestions == ("PAGE_SIZE",)
    assert validation.load(AppOptions) == Right(AppOptions())
    with pytest.raises(TypeError, match=r"takes sources made by validation\.sources"):
        AppOptions.load({"name": "x"})  # type: ignore[arg-type]


def test_values_source_reports_unknown_keys_and_bad_mappings() -> None:
    [issue] = issues(AppOptions.load(sources.values({"nmae": "x"}, name="overrides")))
    assert (issue.path, issue.source, issue.suggestions) == (("nmae",), "overrides", ("name",))
    [issue] = issues(AppOptions.load(sources.values([("name", "x")])))  # type: ignore[arg-type]
    assert issue.code == "not_a_mapping"

    class Lying(Mapping[str, object]):
        def __getitem__(self, key: str) -> object:
            raise KeyError(key)

        def __iter__(self) -> Iterator[str]:
            return iter(["name"])

        def __len__(self) -> int:
            return 1

    [issue] = issues(AppOptions.load(sources.values(Lying())))
    assert issue.code == "unreadable_source"


def test_values_source_with_a_cycle_is_an_issue_not_a_hang() -> None:
    data: dict[str, Any] = {}
    data["retry"] = data
    assert issues(AppOptions.load(sources.values(data)))


def test_reserved_names_are_refused_at_class_creation() -> None:
    for name in ("load", "from_env", "from_file", "json_schema", "replace"):
        with pytest.raises(TypeError, match="reserved"):
            exec(f"class Bad(Options):\n    {name}: int = 1\n", {"Options": Options})


# ---------------------------------------------------------------------- explain


def test_explain_names_the_source_of_every_value_and_masks_secrets(tmp_path: Path) -> None:
    path = write(tmp_path / "app.toml", "[retry]\nattempts = 4\n")
    options = AppOptions.load(
        sources.file(path), sources.env("APP_", environ={"APP_TOKEN": "hunter2", "APP_RETRY__BACKOFF": "1"})
    ).unwrap()
    shown = {setting.path: setting for setting in validation.explain(options)}
    assert shown[("retry", "attempts")].source == path
    assert shown[("retry", "backoff")].source == "env APP_RETRY__BACKOFF"
    assert shown[("name",)].source == "default"
    assert shown[("token",)].value == "Secret('***')"
    assert "hunter2" not in "\n".join(str(setting) for setting in shown.values())


def test_explain_without_load_and_equal_instances_keep_their_own_sources() -> None:
    made = AppOptions(name="code")
    shown = {setting.path: setting.source for setting in validation.explain(made)}
    assert shown[("name",)] == "set in code"
    assert shown[("retry", "attempts")] == "default"
    first = AppOptions.load(sources.values({"name": "x"}, name="one")).unwrap()
    second = AppOptions.load(sources.values({"name": "x"}, name="two")).unwrap()
    assert first == second
    assert {s.path: s.source for s in validation.explain(first)}[("name",)] == "one"
    assert {s.path: s.source for s in validation.explain(second)}[("name",)] == "two"
    with pytest.raises(TypeError, match="takes an Options instance"):
        validation.explain({"name": "x"})  # type: ignore[arg-type]


class Pooled(Options):
    max_conn: Annotated[int, Field(alias="maxConn")] = 1


class Served(Options):
    name: str = "svc"
    pool: Annotated[Pooled, Field(alias="connPool")] = Pooled()
    limit: Annotated[int, Field(alias="maxConn")] = 2


def test_explain_credits_aliased_fields_to_the_source_that_wrote_them(tmp_path: Path) -> None:
    path = write(tmp_path / "app.json", '{"maxConn": 5, "connPool": {"maxConn": 7}}')
    shown = {setting.path: setting for setting in validation.explain(Served.from_file(path).unwrap())}
    assert (shown[("limit",)].source, shown[("limit",)].value) == (path, "5")
    assert (shown[("pool", "max_conn")].source, shown[("pool", "max_conn")].value) == (path, "7")
    assert shown[("name",)].source == "default"
    environ = {"X_MAXCONN": "6", "X_CONNPOOL__MAXCONN": "8"}
    shown = {setting.path: setting for setting in validation.explain(Served.from_env("X_", environ).unwrap())}
    assert shown[("limit",)].source == "env X_MAXCONN"
    assert shown[("pool", "max_conn")].source == "env X_CONNPOOL__MAXCONN"
    assert str(shown[("limit",)]).split() == ["env", "X_MAXCONN", "limit", "=", "6"]


# ---------------------------------------------------------------------- json_schema


def test_json_schema_accepts_what_the_parse_accepts() -> None:
    import pydantic

    class OpenModel(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="allow")
        a: int = 1

    class Toc(Options):
        permalink: bool = False

    class Site(Options):
        extra: OpenModel = OpenModel()
        markdown_extensions: list[validation.NamedOptions[Literal["toc", "tables"], Toc]] = []  # noqa: RUF012
        locale: Annotated[str, validation.NullAsDefault] = "en"
        port: int = 80

    # Each of these parses: the schema must not flag it.
    accepted = {"extra": {"zz": 1}, "markdown_extensions": ["tables", {"toc": None}, {"toc": {}}], "locale": None}
    assert Site.parse(accepted).is_right()
    schema = Site.json_schema()
    props = schema["properties"]
    assert schema["$defs"]["OpenModel"]["additionalProperties"] is True  # open, as the parse reads it
    assert schema["additionalProperties"] is False
    item = props["markdown_extensions"]["items"]
    bare, mapping = item["anyOf"]
    assert bare == {"type": "string", "enum": ["toc", "tables"]}
    assert (mapping["type"], mapping["minProperties"], mapping["maxProperties"]) == ("object", 1, 1)
    assert {"type": "null"} in mapping["additionalProperties"]["anyOf"]
    assert props["locale"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert props["locale"]["default"] == "en"
    assert props["port"]["type"] == "integer"  # not null-as-default: null stays refused
    assert Site.parse({"port": None}).is_left()


def test_json_schema_is_closed_at_every_level_with_descriptions() -> None:

    class Inner(Options):
        depth: int = 1
        """How deep to go."""

    class Outer(Options):
        inner: Inner = Inner()
        size: Annotated[int, Field(description="The size.")] = 2
        inners: list[Inner] = []  # noqa: RUF012
        secret: Secret[str] = Secret("hunter2")

    schema = Outer.json_schema()
    text = json.dumps(schema)
    assert "hunter2" not in text
    objects = [schema, *schema["$defs"].values()]
    assert all(node["additionalProperties"] is False for node in objects)
    assert schema["properties"]["size"]["description"] == "The size."
    assert schema["$defs"]["Inner"]["properties"]["depth"]["description"] == "How deep to go."
    assert schema["properties"]["inner"]["default"] == {"depth": 1}


# ---------------------------------------------------------------------- hostile input


class Evil(str):
    """A str whose comparisons, hashing and case changes raise."""

    __slots__ = ()

    def __hash__(self) -> int:
        raise RuntimeError("hash")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def upper(self) -> str:
        raise RuntimeError("upper")


class Pairs(Mapping[Any, Any]):
    """A mapping that hands out the pairs it was given, keys as they are (hostile or not)."""

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        self._pairs = pairs

    def __getitem__(self, key: Any) -> Any:
        raise KeyError("not looked up by key")

    def __iter__(self) -> Iterator[Any]:
        return iter([key for key, _ in self._pairs])

    def __len__(self) -> int:
        return len(self._pairs)

    def items(self) -> Any:
        return list(self._pairs)


def test_env_names_and_values_that_are_hostile_str_subclasses() -> None:
    environ = Pairs([(Evil("APP_NAME"), Evil("svc")), (Evil("APP_NAEM"), "x"), (1, "x"), ("APP_TOKEN", 2)])
    found = issues(AppOptions.load(sources.env("APP_", environ=environ)))
    assert [(issue.path, issue.suggestions) for issue in found] == [
        (("APP_NAEM",), ("APP_NAME",)),
        (("APP_TOKEN",), ()),
    ]
    assert type(found[0].path[0]) is str
    assert found[1].message.endswith("got a value of type int")  # a secret field's value: its type only
    options = AppOptions.load(sources.env("APP_", environ=Pairs([(Evil("APP_NAME"), Evil("svc"))]))).unwrap()
    assert options.name == "svc"


def test_values_with_hostile_keys_is_an_issue_not_a_crash() -> None:
    result = AppOptions.load(sources.values(Pairs([(Evil("name"), "x")])))
    assert issues(result)


def test_env_value_with_a_lone_surrogate_is_an_issue_or_a_value_never_a_crash() -> None:
    result = AppOptions.from_env("APP_", {"APP_NAME": "bad\udcff", "APP_HOSTS": '["\\udcff"]'})
    assert isinstance(result, (Left, Right))


def test_empty_prefix_and_bad_paths_are_refused() -> None:
    with pytest.raises(ValueError, match="prefix must not be empty"):
        sources.env("")
    with pytest.raises(ValueError, match="prefix must not be empty"):
        sources.dotenv(".env", prefix="")
    with pytest.raises(TypeError, match="expected a file path"):
        sources.file(b"app.toml")  # type: ignore[arg-type]


def test_big_files_with_many_unknown_keys_stay_fast(tmp_path: Path) -> None:
    path = write(tmp_path / "big.toml", "".join(f"key_{i} = {i}\n" for i in range(20_000)))
    found = issues(AppOptions.from_file(path))
    listed = [issue for issue in found if issue.code == "unknown_key"]
    assert len(listed) == 1_000  # every issue is counted, a thousand are materialised
    assert [issue.code for issue in found[1_000:]] == ["too_many_issues"]
    assert "19000 more issues" in found[-1].message
    assert len(str(Invalid(found))) < 200_000


def test_loading_from_32_threads_builds_once_and_agrees() -> None:
    import threading

    class Fresh(Options):
        name: str = "x"
        retry: Retry = Retry()

    results: list[object] = []
    barrier = threading.Barrier(32)

    def work() -> None:
        barrier.wait()
        results.append(Fresh.load(sources.env("APP_", environ={"APP_RETRY__ATEMPTS": "1", "APP_NAME": "y"})))

    threads = [threading.Thread(target=work) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 32
    assert all(str(result.unwrap_left()) == str(results[0].unwrap_left()) for result in results)  # type: ignore[attr-defined]
    assert "did you mean 'APP_RETRY__ATTEMPTS'?" in str(results[0].unwrap_left())  # type: ignore[attr-defined]


def test_dotenv_quotes_escapes_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_bytes(b'APP_NAME=\'it\'\'s\'\r\nAPP_TOKEN="a\\tb\\"c\\$d\\q"\r\nAPP_HOSTS=["x"] # comment\r\n')
    options = AppOptions.load(sources.dotenv(path, prefix="APP_")).unwrap()
    assert options.name == "it"  # a second quote starts nothing: the value ends at the first closing quote
    assert options.token.reveal() == 'a\tb"c$d\\q'
    assert options.hosts == ["x"]


def test_dotenv_lines_end_only_at_a_line_feed(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text('APP_NAME="a\x1eb\u2028c\x85d"\nAPP_TOKEN=x\x0cy\n', encoding="utf-8")
    options = AppOptions.load(sources.dotenv(path, prefix="APP_")).unwrap()
    assert options.name == "a\x1eb\u2028c\x85d"
    assert options.token.reveal() == "x\x0cy"


def test_load_generic_aliases_and_typed_dicts() -> None:
    from typing_extensions import TypedDict

    class Limits(TypedDict):
        size: int

    assert validation.load(list[int], sources.values({})).is_left()
    assert validation.load(dict[str, int], sources.values({"a": "1"})) == Right({"a": 1})
    assert validation.load(Limits, sources.env("L_", environ={"L_SIZE": "3"})) == Right({"size": 3})
    [issue] = issues(validation.load(Limits, sources.env("L_", environ={"L_SIZ": "3"})))
    assert issue.suggestions == ("L_SIZE",)


def test_json_schema_keeps_the_descriptions_of_two_classes_with_one_name_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two options classes called `Retry` in different modules: each keeps its own descriptions.
    import importlib.util
    import sys

    def module(name: str, text: str) -> Any:
        spec = importlib.util.spec_from_file_location(name, write(tmp_path / f"{name}.py", text))
        assert spec is not None
        assert spec.loader is not None
        found = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, name, found)
        spec.loader.exec_module(found)
        return found

    retry = 'import validation\nclass Retry(validation.Options):\n    attempts: int = 3\n    """{}"""\n'
    for name in ("first", "second"):
        module(f"eitherway_{name}", retry.format(f"Attempts of the {name}."))
    app = module(
        "eitherway_app",
        "import validation, eitherway_first, eitherway_second\n"
        "class App(validation.Options):\n"
        "    one: eitherway_first.Retry = eitherway_first.Retry()\n"
        "    two: eitherway_second.Retry = eitherway_second.Retry()\n",
    )
    schema = app.App.json_schema()
    shown = {node["properties"]["attempts"].get("description") for node in schema["$defs"].values()}
    assert shown == {"Attempts of the first.", "Attempts of the second."}


def test_a_map_schema_loads_from_sources_like_validation_load() -> None:
    params = validation.schema({"port": int, validation.optional("host", default="localhost"): str})
    assert params.load(sources.env("PAGE_", environ={"PAGE_PORT": "8"})) == Right({"port": 8, "host": "localhost"})
    invalid = params.load(sources.env("PAGE_", environ={"PAGE_PROT": "8"})).unwrap_left()
    assert [(issue.path, issue.suggestions) for issue in invalid if issue.code == "unknown_key"] == [
        (("PAGE_PROT",), ("PAGE_PORT",))
    ]
    assert params.load(sources.values({"port": 1})) == validation.load(params, sources.values({"port": 1}))

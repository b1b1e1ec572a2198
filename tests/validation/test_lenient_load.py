"""Lenient `load` and the CLI's `--lenient`/`--strict`: unknown keys as warnings, named where written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import validation
from either import Left, Right
from validation import Options, Parsed, sources
from validation._cli import main

UNKNOWN = {"unknown_key"}


class Retry(Options):
    attempts: int = 3


class App(Options):
    host: str
    port: int = 80
    retry: Retry = Retry()


def test_load_without_warn_stays_strict(tmp_path: Path) -> None:
    (tmp_path / "app.toml").write_text('host = "h"\n[retry]\natempts = 4\n', encoding="utf-8")
    result = App.load(sources.file(tmp_path / "app.toml"))
    assert isinstance(result, Left)
    assert [issue.code for issue in result.error] == ["unknown_key"]


def test_lenient_load_keeps_sources_and_env_names_on_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.toml").write_text('host = "h"\n[retry]\natempts = 4\n', encoding="utf-8")
    (tmp_path / ".env").write_text("APP_PROT=1\n", encoding="utf-8")
    result = App.load(
        sources.file("app.toml"),
        sources.dotenv(".env", prefix="APP_"),
        sources.env("APP_", environ={"APP_RETRY__ATTEMPS": "2", "APP_PORT": "81"}),
        warn=UNKNOWN,
    )
    assert isinstance(result, Right)
    parsed = result.value
    assert parsed.value == App(host="h", port=81)
    found = {(issue.path, issue.suggestions, issue.source) for issue in parsed.warnings}
    assert found == {
        (("retry", "atempts"), ("attempts",), "app.toml"),
        (("APP_PROT",), ("APP_PORT",), ".env:1"),
        (("APP_RETRY__ATTEMPS",), ("APP_RETRY__ATTEMPTS",), "env"),
    }
    assert all(issue.code == "unknown_key" for issue in parsed.warnings)
    assert "retry.atempts: unknown key; did you mean 'attempts'? (from app.toml)" in str(parsed)
    pretty = parsed.pretty(color=False)
    assert pretty.startswith("3 warnings:")
    assert "warning[unknown_key] line 1: APP_PROT: unknown key" in pretty
    assert "help: did you mean 'APP_PORT'?" in pretty
    assert "error" not in pretty
    # the loaded instance still remembers where its values came from
    assert {str(setting.path): setting.source for setting in validation.explain(parsed.value)}["('port',)"] == (
        "env APP_PORT"
    )


def test_lenient_load_of_a_clean_input_and_of_real_errors() -> None:
    clean = App.load(sources.env("APP_", environ={"APP_HOST": "h"}), warn=UNKNOWN)
    assert clean == Right(Parsed(App(host="h")))
    assert clean.unwrap().pretty() == "" and str(clean.unwrap()) == ""
    wrong = App.load(sources.env("APP_", environ={"APP_HOST": "h", "APP_PORT": "x", "APP_PROTO": "1"}), warn=UNKNOWN)
    assert isinstance(wrong, Left)
    assert [(issue.path, issue.code) for issue in wrong.error] == [(("APP_PORT",), "wrong_type")]


def test_a_misspelt_variable_a_required_field_needed_is_an_error() -> None:
    result = App.load(sources.env("APP_", environ={"APP_HOTS": "h"}), warn=UNKNOWN)
    assert isinstance(result, Left)
    assert [(issue.path, issue.code, issue.suggestions) for issue in result.error] == [
        (("APP_HOTS",), "unknown_key", ("APP_HOST",))
    ]
    both = App.load(sources.env("APP_", environ={"APP_HOTS": "h", "APP_PORT": "x", "APP_PROTO": "1"}), warn=UNKNOWN)
    assert isinstance(both, Left)  # APP_PROTO was not needed: it stays a warning, left out of the errors
    assert sorted((issue.path, issue.code) for issue in both.error) == [
        (("APP_HOTS",), "unknown_key"),
        (("APP_PORT",), "wrong_type"),
    ]
    from_file = App.load(sources.values({"hots": "h"}), warn=UNKNOWN)
    assert isinstance(from_file, Left)
    assert [(issue.path, issue.code) for issue in from_file.error] == [(("hots",), "unknown_key")]


def test_validation_load_is_lenient_for_other_types_too() -> None:
    result = validation.load(dict[str, int], sources.values({"a": 1}), warn=UNKNOWN)
    assert result == Right(Parsed({"a": 1}))
    plain = validation.load(App, sources.values({"host": "h", "hots": "x"}), warn=["unknown_key"])
    assert isinstance(plain, Right)
    assert [issue.path for issue in plain.value] == [("hots",)]


def test_warn_is_checked_before_anything_is_read() -> None:
    with pytest.raises(ValueError, match="only \\['unknown_key'\\]"):
        App.load(sources.values({}), warn={"missing"})
    with pytest.raises(TypeError, match="collection of issue codes"):
        validation.load(App, sources.values({}), warn="unknown_key")


class Defaults(Options):
    port: int = 80
    name: str = "app"
    retry: Retry = Retry()


_NAMES = st.sampled_from(["PORT", "PROT", "NAME", "NAEM", "RETRY__ATTEMPTS", "RETRY_ATTEMPTS", "RETRY", "X", "port"])
_VALUES = st.sampled_from(["1", "x", "{}", '{"attempts": 2}'])


@given(st.dictionaries(_NAMES.map("APP_".__add__), _VALUES, max_size=6))
def test_lenient_load_is_strict_load_with_unknown_keys_set_aside(environ: dict[str, str]) -> None:
    strict = Defaults.load(sources.env("APP_", environ=environ))
    lenient = Defaults.load(sources.env("APP_", environ=environ), warn=UNKNOWN)
    if isinstance(strict, Right):
        assert lenient == Right(Parsed(strict.value))
    elif all(issue.code == "unknown_key" for issue in strict.error):
        assert isinstance(lenient, Right)
        assert set(lenient.value.warnings) == set(strict.error)
        kept = {name: value for name, value in environ.items() if (name,) not in {i.path for i in strict.error}}
        assert lenient.value.value == Defaults.load(sources.env("APP_", environ=kept)).unwrap()
    else:
        assert isinstance(lenient, Left)
        assert {i for i in strict.error if i.code != "unknown_key"} <= set(lenient.error)


# ---------------------------------------------------------------------- CLI

CONFIG_MODULE = """
import validation

class AppOptions(validation.Options):
    host: str
    port: int = 80
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "lenientconf.py").write_text(CONFIG_MODULE, encoding="utf-8")
    (tmp_path / "typo.toml").write_text('host = "h"\nprot = 1\n', encoding="utf-8")
    (tmp_path / "bad.toml").write_text('host = "h"\nprot = 1\nport = "x"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in list(os.environ):
        if name.startswith("APP_"):
            monkeypatch.delenv(name)
    sys.modules.pop("lenientconf", None)
    return tmp_path


def test_check_lenient_prints_warnings_and_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "lenientconf:AppOptions", "typo.toml", "--lenient"]) == 0
    out = capsys.readouterr().out
    assert "1 warning:" in out and "warning[unknown_key] prot: unknown key" in out
    assert "help: did you mean 'port'?" in out
    assert out.rstrip().endswith("lenientconf:AppOptions: valid")
    for strict in ([], ["--strict"]):
        assert main(["check", "lenientconf:AppOptions", "typo.toml", *strict]) == 1
        assert "error[unknown_key] prot: unknown key" in capsys.readouterr().out


def test_check_lenient_json_is_one_object(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "lenientconf:AppOptions", "typo.toml", "--lenient", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["issues"] == []
    assert [(w["path"], w["suggestions"], w["source"]) for w in out["warnings"]] == [(["prot"], ["port"], "typo.toml")]
    assert main(["check", "lenientconf:AppOptions", "bad.toml", "--lenient", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert ([i["path"] for i in out["issues"]], out["warnings"]) == ([["port"]], [])
    assert main(["check", "lenientconf:AppOptions", "typo.toml", "--strict", "--json"]) == 1
    assert [i["code"] for i in json.loads(capsys.readouterr().out)] == ["unknown_key"]


def test_lenient_and_strict_are_exclusive_and_check_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "lenientconf:AppOptions", "--lenient", "--strict"])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["show", "lenientconf:AppOptions", "--lenient"])
    assert exit_.value.code == 2


def test_console_script_lenient_and_strict(project: Path) -> None:
    environ = {**os.environ, "NO_COLOR": "1", "APP_PROT": "1"}
    command = [
        sys.executable,
        "-m",
        "validation",
        "check",
        "lenientconf:AppOptions",
        "typo.toml",
        "--env-prefix",
        "APP_",
    ]
    script = Path(sys.executable).with_name("eitherway-check")
    if script.exists():
        command = [str(script), *command[4:]]
    lenient = subprocess.run(
        [*command, "--lenient"], capture_output=True, text=True, timeout=60, env=environ, cwd=project, check=False
    )
    assert lenient.returncode == 0, lenient.stderr
    assert "2 warnings:" in lenient.stdout and "APP_PROT: unknown key" in lenient.stdout
    strict = subprocess.run(
        [*command, "--strict"], capture_output=True, text=True, timeout=60, env=environ, cwd=project, check=False
    )
    assert strict.returncode == 1, strict.stderr
    assert "2 issues:" in strict.stdout


def test_a_flood_of_unknown_variables_is_warned_about_counted_and_bounded() -> None:
    import validation as v
    from validation import sources as s

    class Flood(v.Options):
        name: str = "app"

    environ = {f"APP_EXTRA_{i}": "1" for i in range(1_500)}
    loaded = Flood.load(s.env("APP_", environ=environ), warn={"unknown_key"}).unwrap()
    codes = [warning.code for warning in loaded.warnings]
    assert codes.count("unknown_key") == 1_000
    assert codes[-1] == "too_many_issues"
    assert "500 more unknown variables" in loaded.warnings[-1].message
    assert Flood.load(s.env("APP_", environ=environ)).unwrap_left().codes[-1] == "too_many_issues"

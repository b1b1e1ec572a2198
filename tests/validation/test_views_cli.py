"""`invalid.pretty()`, `invalid.flatten()` and the command line (`python -m validation`, `eitherway-check`)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from validation import Invalid, Issue
from validation._cli import main
from validation._views import use_color

INVALID = Invalid(
    [
        Issue(("retry", "atempts"), "unknown_key", "unknown key", ("attempts",), source="app.toml"),
        Issue(("APP_PROT",), "unknown_key", "unknown key", ("APP_PORT",), source=".env:3"),
        Issue(("APP_NAEM",), "unknown_key", "unknown key", ("APP_NAME",), source="env"),
        Issue((), "malformed", "expected NAME=value on this line", source=".env:7"),
        Issue(("host",), "missing", "required key missing; looked in: app.toml, env APP_HOST"),
    ]
)


def test_pretty_groups_by_source_with_help_lines() -> None:
    assert INVALID.pretty(color=False).splitlines() == [
        "5 issues:",
        "in app.toml:",
        "  error[unknown_key] retry.atempts: unknown key",
        "    help: did you mean 'attempts'?",
        "in .env:",
        "  error[unknown_key] line 3: APP_PROT: unknown key",
        "    help: did you mean 'APP_PORT'?",
        "  error[malformed] line 7: expected NAME=value on this line",
        "in env:",
        "  error[unknown_key] APP_NAEM: unknown key",
        "    help: did you mean 'APP_NAME'?",
        "in input:",
        "  error[missing] host: required key missing; looked in: app.toml, env APP_HOST",
    ]


def test_pretty_colours_only_when_asked_or_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\033[" in INVALID.pretty(color=True)
    assert "\033[" not in INVALID.pretty()  # pytest captures stdout: not a terminal

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert use_color(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(Terminal())
    monkeypatch.delenv("TERM")
    closed = io.StringIO()
    closed.close()
    assert not use_color(closed)


def test_pretty_is_bounded_and_keeps_control_characters_out() -> None:
    many = Invalid([Issue((f"k{i}",), "unknown_key", "unknown\x1b[31m key") for i in range(500)])
    text = many.pretty(color=False)
    assert "\x1b" not in text
    assert text.endswith("... and 450 more issues")


def test_flatten_for_web_forms() -> None:
    flat = INVALID.flatten()
    assert flat["form"] == ["expected NAME=value on this line (from .env:7)"]
    fields = flat["fields"]
    assert isinstance(fields, dict)
    assert fields["retry.atempts"] == ["unknown key; did you mean 'attempts'? (from app.toml)"]
    assert fields["host"] == ["required key missing; looked in: app.toml, env APP_HOST"]


# ---------------------------------------------------------------------- CLI, in process

CONFIG_MODULE = """
import validation

class Retry(validation.Options):
    attempts: int = 3

class AppOptions(validation.Options):
    host: str
    port: int = 80
    token: validation.Secret[str] = validation.Secret("")
    retry: Retry = Retry()

NOT_OPTIONS = 3
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cliconf.py").write_text(CONFIG_MODULE, encoding="utf-8")
    (tmp_path / "app.toml").write_text('host = "h"\n[retry]\natempts = 4\n', encoding="utf-8")
    (tmp_path / "good.toml").write_text('host = "h"\n', encoding="utf-8")
    (tmp_path / ".env").write_text("OTHER=1\nAPP_TOKEN=hunter2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in list(os.environ):
        if name.startswith("APP_"):
            monkeypatch.delenv(name)
    sys.modules.pop("cliconf", None)
    return tmp_path


def test_check_valid_and_invalid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "cliconf:AppOptions", "good.toml"]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["check", "cliconf:AppOptions", "app.toml"]) == 1
    out = capsys.readouterr().out
    assert "retry.atempts: unknown key" in out
    assert "help: did you mean 'attempts'?" in out


def test_check_json_output_holds_only_json(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["check", "cliconf:AppOptions", "good.toml", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    monkeypatch.setenv("APP_RETRY_ATTEMPTS", "2")
    assert main(["check", "cliconf:AppOptions", "good.toml", "--env-prefix", "APP_", "--dotenv", ".env", "--json"]) == 1
    out = capsys.readouterr().out
    assert json.loads(out) == [
        {
            "path": ["APP_RETRY_ATTEMPTS"],
            "code": "unknown_key",
            "message": "unknown key",
            "suggestions": ["APP_RETRY__ATTEMPTS"],
            "source": "env",
        }
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "nosuchmodule:AppOptions"], "cannot import 'nosuchmodule'"),
        (["check", "cliconf:Nope"], "has no 'Nope'"),
        (["check", "cliconf:NOT_OPTIONS"], "is not an Options class"),
        (["check", "cliconf"], "expected module:Class"),
        (["check", "cliconf:AppOptions", "app.ini"], "cannot tell the format"),
        (["check", "cliconf:AppOptions", "--dotenv", ".env"], "--dotenv needs --env-prefix"),
        (["check", "cliconf:AppOptions", "good.toml", "--env-prefix", ""], "--env-prefix: prefix must not be empty"),
        (["show", "cliconf:AppOptions", "--env-prefix", "", "--dotenv", ".env"], "prefix must not be empty"),
    ],
)
def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err  # one clear line


def test_show_prints_sources_with_secrets_masked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "cliconf:AppOptions", "good.toml", "--env-prefix", "APP_", "--dotenv", ".env"]) == 0
    out = capsys.readouterr().out
    assert "hunter2" not in out
    assert "good.toml" in out and "host = 'h'" in out
    assert ".env:2 APP_TOKEN" in out and "Secret('***')" in out
    assert main(["show", "cliconf:AppOptions", "app.toml"]) == 1
    capsys.readouterr()
    assert main(["show", "cliconf:AppOptions", "good.toml", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {"path": ["host"], "value": "'h'", "source": "good.toml"} in shown


def test_schema_prints_the_json_schema(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "cliconf:AppOptions"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["host"]


# ---------------------------------------------------------------------- CLI, as users run it


def test_module_and_console_script_exit_codes(project: Path) -> None:
    environ = {**os.environ, "APP_PROT": "1", "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "validation", "check", "cliconf:AppOptions", "good.toml", "--env-prefix", "APP_"],
        capture_output=True,
        text=True,
        timeout=60,
        env=environ,
        cwd=project,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "APP_PROT: unknown key" in run.stdout
    assert "did you mean 'APP_PORT'?" in run.stdout
    script = Path(sys.executable).with_name("eitherway-check")
    if script.exists():
        run = subprocess.run(
            [str(script), "cliconf:AppOptions", "good.toml", "--json"],
            capture_output=True,
            text=True,
            timeout=60,
            env=environ,
            cwd=project,
            check=False,
        )
        assert (run.returncode, run.stdout.strip()) == (0, "[]"), run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "validation", "check"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=project,
        check=False,
    )
    assert run.returncode == 2


@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe is reported differently on Windows")
@pytest.mark.parametrize("command", ["schema", "show"])
def test_a_reader_that_goes_away_early_ends_the_command_quietly(project: Path, command: str) -> None:
    argv = [sys.executable, "-m", "validation", command, "cliconf:AppOptions"]
    if command == "show":
        argv.append("good.toml")
    # stdout's reading end is closed before the command writes a byte (as `| head -0` would).
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=project)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 141, err
    assert err == b""

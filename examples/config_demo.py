"""Demo: options loaded from a TOML file and the environment, one typo in each.

Run with `python examples/config_demo.py` (part of `make demo`). The environment is a
mapping here so the output is the same every run; `sources.env("APP_")` reads
`os.environ` by default.
"""

from __future__ import annotations

import os
from pathlib import Path

import validation
from either import Left, Right
from validation import Options, Secret, sources

HERE = Path(__file__).resolve().parent


class Retry(Options):
    attempts: int = 3
    backoff: float = 0.5


class AppOptions(Options):
    name: str
    max_concurrent_requests: int = 64
    token: Secret[str] = Secret("")
    retry: Retry = Retry()


ENVIRON = {
    "APP_TOKEN": "hunter2",
    "APP_RETRY_BACKOFF": "1.5",  # `_` where `__` was meant: APP_RETRY__BACKOFF
    "HOME": "/home/ada",  # not prefixed: ignored
}


def load(environ: dict[str, str]) -> None:
    """Load `config/app.toml` then the environment, and print the outcome."""
    match AppOptions.load(sources.file("config/app.toml"), sources.env("APP_", environ=environ)):
        case Left(invalid):
            print(invalid.pretty())
        case Right(options):
            print(f"loaded: {options}")
            for setting in validation.explain(options):
                print(f"  {setting}")


def main() -> None:
    """Load a config with a typo in the file and one in env; then the fixed env over a fixed copy."""
    previous = os.getcwd()
    os.chdir(HERE)  # source names are shown as given: `config/app.toml`
    try:
        print("== config from config/app.toml and env (APP_*) ==")
        load(ENVIRON)
        print("== after the fixes ==")
        fixed = {"APP_TOKEN": "hunter2", "APP_RETRY__BACKOFF": "1.5", "APP_RETRY__ATTEMPTS": "5"}
        match AppOptions.load(sources.values({"name": "checkout"}), sources.env("APP_", environ=fixed)):
            case Right(options):
                for setting in validation.explain(options):
                    print(f"  {setting}")
            case Left(invalid):
                print(invalid.pretty())
    finally:
        os.chdir(previous)


if __name__ == "__main__":
    main()

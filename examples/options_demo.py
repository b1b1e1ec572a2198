"""Demo: a misspelt option fails when it is read, with a suggestion.

Run with `python examples/options_demo.py` (the lead wires it into `make demo`). The
output is deterministic.
"""

from __future__ import annotations

from typing import Literal

from either import Left, Right
from validation import Options, Secret


class Database(Options):
    host: str
    port: int = 5432
    password: Secret[str] = Secret("")


class AppOptions(Options):
    max_concurrent_requests: int = 64
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    hosts: list[str] = []  # noqa: RUF012 -- copied for every instance, never shared
    database: Database


CONFIG = {
    "max_conucrrent_requests": 1024,
    "log_level": "infoo",
    "database": {"host": "db.internal", "password": "hunter2"},
}


def main() -> None:
    """Parse an option map with a misspelt key and print what went wrong."""
    print(f"parsing {sorted(CONFIG)} as AppOptions")
    match AppOptions.parse(CONFIG):
        case Left(invalid):
            print(f"rejected with {len(invalid.issues)} issues:")
            for issue in invalid.issues:
                print(f"  {issue}")
        case Right(options):
            print(f"accepted: {options}")
    fixed = {**CONFIG, "log_level": "info"}
    fixed["max_concurrent_requests"] = fixed.pop("max_conucrrent_requests")
    print(f"after the fix: {AppOptions.parse(fixed).unwrap()}")


if __name__ == "__main__":
    main()

"""Loading options from env + one TOML file: `Options.load` against pydantic-settings.

A 20-key configuration (14 top-level keys and a nested 6-key section): half the keys in
a TOML file, a few overridden by prefixed environment variables, the rest defaults.
`AppOptions.load(sources.file(...), sources.env("BENCH_"))` against a pydantic-settings
`BaseSettings` with `env_prefix`, `env_nested_delimiter="__"` and a `TomlConfigSettingsSource`,
both reading the same file and the same `os.environ` on every call. Goal: <= 1.0x.
Run with `make bench` or `python bench/sources_bench.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from validation import Options, sources

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import compare

ROUNDS = 15

TOML = """
name = "svc"
region = "eu-west"
max_concurrent_requests = 256
timeout = 3.5
hosts = ["a.example.org", "b.example.org"]
user_agent = "bench"
debug = false

[database]
host = "db.example.org"
port = 6432
name = "bench"
"""

ENVIRON = {
    "BENCH_LOG_LEVEL": "debug",
    "BENCH_RETRIES": "5",
    "BENCH_DATABASE__POOL_SIZE": "20",
    "BENCH_VERBOSE": "true",
}


class Database(Options):
    host: str
    port: int = 5432
    name: str = "app"
    user: str = "app"
    pool_size: int = 10
    ssl: bool = True


class AppOptions(Options):
    name: str
    region: str = "eu"
    max_concurrent_requests: int = 64
    timeout: float = 2.5
    hosts: list[str] = []  # noqa: RUF012 -- copied for every instance
    user_agent: str = "eitherway"
    debug: bool = False
    log_level: str = "info"
    retries: int = 3
    verbose: bool = False
    workers: int = 4
    queue: str = "default"
    metrics: bool = True
    tracing: bool = False
    database: Database


class PsDatabase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    host: str
    port: int = 5432
    name: str = "app"
    user: str = "app"
    pool_size: int = 10
    ssl: bool = True


def settings_class(toml_path: str) -> type[BaseSettings]:
    class Settings(BaseSettings):
        model_config = SettingsConfigDict(
            env_prefix="BENCH_", env_nested_delimiter="__", toml_file=toml_path, extra="forbid"
        )
        name: str
        region: str = "eu"
        max_concurrent_requests: int = 64
        timeout: float = 2.5
        hosts: list[str] = []
        user_agent: str = "eitherway"
        debug: bool = False
        log_level: str = "info"
        retries: int = 3
        verbose: bool = False
        workers: int = 4
        queue: str = "default"
        metrics: bool = True
        tracing: bool = False
        database: PsDatabase

        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            return (env_settings, TomlConfigSettingsSource(settings_cls))

    return Settings


def main() -> None:
    os.environ.update(ENVIRON)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "app.toml")
        Path(path).write_text(TOML, encoding="utf-8")
        settings = settings_class(path)
        ours = (sources.file(path), sources.env("BENCH_"))
        mine = AppOptions.load(*ours).unwrap()
        theirs = settings()
        assert mine.database.pool_size == theirs.database.pool_size == 20  # type: ignore[attr-defined]
        assert mine.max_concurrent_requests == theirs.max_concurrent_requests == 256  # type: ignore[attr-defined]
        compare(
            "load a 20-key config from env + one TOML file",
            {"pydantic-settings BaseSettings": settings, "validation Options.load": lambda: AppOptions.load(*ours)},
            baseline="pydantic-settings BaseSettings",
            rounds=ROUNDS,
        )


if __name__ == "__main__":
    main()

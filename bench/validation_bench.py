"""validation against its peers on a closed option map: valid input, and input with one typo.

An 11-key option map with one nested 3-key map, parsed by `validation.Options`, a map
`schema`, pydantic `BaseModel` (`extra='forbid'`), a raw pydantic-core `SchemaValidator`,
msgspec (`forbid_unknown_fields`) and voluptuous. Rounds are interleaved (every case runs
once per round) and the report gives the median time per call and its ratio to pydantic.
Goals: valid parse <= 0.9x pydantic and <= 5x msgspec; the typo path, suggestion included,
<= 4x pydantic's typo path; 100 000 and 1 000 000 unknown keys, every one counted, within
1.5x pydantic's own time and peak memory. Run with `make bench` or `python bench/validation_bench.py`.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import msgspec
import voluptuous
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import SchemaValidator, core_schema

import validation
from validation import Options

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import compare

ROUNDS = 15

LogLevel = Literal["debug", "info", "warning", "error"]


class Database(Options):
    host: str
    port: int = 5432
    name: str = "app"


class AppOptions(Options):
    name: str
    max_concurrent_requests: int = 64
    timeout: float = 2.5
    debug: bool = False
    log_level: LogLevel = "info"
    retries: int = 3
    hosts: list[str] = []  # noqa: RUF012 -- copied for every instance
    region: str = "eu"
    user_agent: str = "eitherway"
    verbose: bool = False
    database: Database


class PydDatabase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    host: str
    port: int = 5432
    name: str = "app"


class PydApp(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    max_concurrent_requests: int = 64
    timeout: float = 2.5
    debug: bool = False
    log_level: LogLevel = "info"
    retries: int = 3
    hosts: list[str] = []
    region: str = "eu"
    user_agent: str = "eitherway"
    verbose: bool = False
    database: PydDatabase


class MsgDatabase(msgspec.Struct, forbid_unknown_fields=True):
    host: str
    port: int = 5432
    name: str = "app"


class MsgApp(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    database: MsgDatabase
    max_concurrent_requests: int = 64
    timeout: float = 2.5
    debug: bool = False
    log_level: LogLevel = "info"
    retries: int = 3
    hosts: list[str] = []
    region: str = "eu"
    user_agent: str = "eitherway"
    verbose: bool = False


def _field(schema: core_schema.CoreSchema, default: object = None) -> core_schema.TypedDictField:
    if default is None:
        return core_schema.typed_dict_field(schema)
    return core_schema.typed_dict_field(core_schema.with_default_schema(schema, default=default), required=False)


RAW = SchemaValidator(
    core_schema.typed_dict_schema(
        {
            "name": _field(core_schema.str_schema()),
            "max_concurrent_requests": _field(core_schema.int_schema(), 64),
            "timeout": _field(core_schema.float_schema(), 2.5),
            "debug": _field(core_schema.bool_schema(), False),
            "log_level": _field(core_schema.literal_schema(["debug", "info", "warning", "error"]), "info"),
            "retries": _field(core_schema.int_schema(), 3),
            "hosts": _field(core_schema.list_schema(core_schema.str_schema()), []),
            "region": _field(core_schema.str_schema(), "eu"),
            "user_agent": _field(core_schema.str_schema(), "eitherway"),
            "verbose": _field(core_schema.bool_schema(), False),
            "database": _field(
                core_schema.typed_dict_schema(
                    {
                        "host": _field(core_schema.str_schema()),
                        "port": _field(core_schema.int_schema(), 5432),
                        "name": _field(core_schema.str_schema(), "app"),
                    },
                    extra_behavior="forbid",
                )
            ),
        },
        extra_behavior="forbid",
    )
)

MAP = validation.schema(
    {
        "name": str,
        validation.optional("max_concurrent_requests", default=64): int,
        validation.optional("timeout", default=2.5): float,
        validation.optional("debug", default=False): bool,
        validation.optional("log_level", default="info"): LogLevel,
        validation.optional("retries", default=3): int,
        validation.optional("hosts", default=[]): list[str],
        validation.optional("region", default="eu"): str,
        validation.optional("user_agent", default="eitherway"): str,
        validation.optional("verbose", default=False): bool,
        "database": {
            "host": str,
            validation.optional("port", default=5432): int,
            validation.optional("name", default="app"): str,
        },
    }
)

VOLUPTUOUS = voluptuous.Schema(
    {
        voluptuous.Required("name"): str,
        voluptuous.Optional("max_concurrent_requests", default=64): int,
        voluptuous.Optional("timeout", default=2.5): float,
        voluptuous.Optional("debug", default=False): bool,
        voluptuous.Optional("log_level", default="info"): voluptuous.In(["debug", "info", "warning", "error"]),
        voluptuous.Optional("retries", default=3): int,
        voluptuous.Optional("hosts", default=list): [str],
        voluptuous.Optional("region", default="eu"): str,
        voluptuous.Optional("user_agent", default="eitherway"): str,
        voluptuous.Optional("verbose", default=False): bool,
        voluptuous.Required("database"): {
            voluptuous.Required("host"): str,
            voluptuous.Optional("port", default=5432): int,
            voluptuous.Optional("name", default="app"): str,
        },
    },
    extra=voluptuous.PREVENT_EXTRA,
)

VALID: dict[str, Any] = {
    "name": "svc",
    "max_concurrent_requests": 1024,
    "timeout": 1.5,
    "debug": True,
    "log_level": "warning",
    "retries": 5,
    "hosts": ["a.example", "b.example"],
    "region": "us",
    "user_agent": "bench",
    "verbose": False,
    "database": {"host": "db.example", "port": 6432, "name": "main"},
}
TYPO = {**{k: v for k, v in VALID.items() if k != "max_concurrent_requests"}, "max_conucrrent_requests": 1024}
VALID_JSON = msgspec.json.encode(VALID)
TYPO_JSON = msgspec.json.encode(TYPO)


def _pydantic(data: dict[str, Any]) -> object:
    try:
        return PydApp.model_validate(data)
    except ValidationError as exc:
        return exc.errors()


def _raw(data: dict[str, Any]) -> object:
    try:
        return RAW.validate_python(data)
    except ValidationError as exc:
        return exc.errors()


def _msgspec(data: dict[str, Any]) -> object:
    try:
        return msgspec.convert(data, MsgApp)
    except msgspec.ValidationError as exc:
        return str(exc)


def _voluptuous(data: dict[str, Any]) -> object:
    try:
        return VOLUPTUOUS(data)
    except voluptuous.Invalid as exc:
        return str(exc)


def _options(data: dict[str, Any]) -> object:
    return AppOptions.parse(data)


def _options_typo(data: dict[str, Any]) -> object:
    invalid = AppOptions.parse(data).unwrap_left()
    assert invalid.issues[0].suggestions == ("max_concurrent_requests",), invalid
    return invalid


def _map(data: dict[str, Any]) -> object:
    return MAP.parse(data)


CASES: dict[str, Callable[[dict[str, Any]], object]] = {
    "pydantic BaseModel(extra='forbid')": _pydantic,
    "validation.Options": _options,
    "validation.schema": _map,
    "pydantic-core SchemaValidator": _raw,
    "msgspec forbid_unknown_fields": _msgspec,
    "voluptuous PREVENT_EXTRA": _voluptuous,
}


def run(label: str, data: dict[str, Any], cases: dict[str, Callable[[dict[str, Any]], object]]) -> dict[str, float]:
    """Each case's time as a multiple of pydantic's, over interleaved rounds."""
    bound = {name: functools.partial(case, data) for name, case in cases.items()}
    return compare(label, bound, baseline="pydantic BaseModel(extra='forbid')", rounds=ROUNDS)


def _pydantic_count(data: dict[str, Any]) -> object:
    """pydantic alone on a flood of unknown keys: validation and the error count, no error list built."""
    try:
        return PydApp.model_validate(data)
    except ValidationError as exc:
        return exc.error_count()


def _options_flood(data: dict[str, Any]) -> object:
    invalid = AppOptions.parse(data).unwrap_left()
    assert invalid.issues[-1].code == "too_many_issues", invalid
    return invalid


def _flood_data(keys: int) -> dict[str, Any]:
    return {**VALID, **{f"unknown_{index}": index for index in range(keys)}}


_FLOOD_CASES: dict[str, Callable[[dict[str, Any]], object]] = {
    "pydantic": _pydantic_count,
    "options": _options_flood,
}


def _rss_growth(case: str, keys: int) -> int:
    """How far the peak resident memory of a fresh process grows while one flood case runs (KiB)."""
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[1]); import validation_bench as b; "
        "data = b._flood_data(int(sys.argv[3])); base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
        "b._FLOOD_CASES[sys.argv[2]](data); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)"
    )
    here = str(Path(__file__).resolve().parent)
    result = subprocess.run(
        [sys.executable, "-c", code, here, case, str(keys)], capture_output=True, text=True, check=True
    )
    return max(int(result.stdout.strip()), 1)


def flood(keys: int, rounds: int) -> tuple[float, float]:
    """Time and peak memory growth of `Options.parse` over pydantic alone, on `keys` unknown keys.

    Memory is the growth of each process's peak resident size (pydantic-core allocates
    outside Python's tracing), each case in a fresh process.
    """
    data = _flood_data(keys)
    cases = {
        "pydantic BaseModel(extra='forbid')": functools.partial(_pydantic_count, data),
        "validation.Options": functools.partial(_options_flood, data),
    }
    times = compare(f"{keys:,} unknown keys (every one counted)", cases, baseline=next(iter(cases)), rounds=rounds)
    memory = _rss_growth("options", keys) / _rss_growth("pydantic", keys)
    print(f"  peak memory growth, Options / pydantic: {memory:.2f}x")
    return times["validation.Options"], memory


def _import_either_is_light() -> bool:
    code = "import sys, either; print('pydantic' in sys.modules or 'pydantic_core' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return output.strip() == "False"


def main() -> None:
    assert AppOptions.parse(VALID).is_right()
    assert MAP.parse(VALID).is_right()
    valid = run("valid input", VALID, CASES)
    typo_cases = {**CASES, "validation.Options": _options_typo}
    typo = run("one typo (max_conucrrent_requests), suggestion included", TYPO, typo_cases)
    pyd = "pydantic BaseModel(extra='forbid')"
    msg = "msgspec forbid_unknown_fields"
    ours = "validation.Options"
    print("\ngoals")
    print(f"  valid: Options / pydantic = {valid[ours] / valid[pyd]:.2f} (goal <= 0.9)")
    print(f"  valid: Options / msgspec  = {valid[ours] / valid[msg]:.2f} (goal <= 5)")
    print(f"  typo:  Options / pydantic = {typo[ours] / typo[pyd]:.2f} (goal <= 4)")
    print(f"  `import either` leaves pydantic unimported: {_import_either_is_light()}")
    for keys, rounds in ((100_000, 5), (1_000_000, 1)):
        seconds, memory = flood(keys, rounds)
        print(f"  {keys:,} unknown keys: time {seconds:.2f}x, memory {memory:.2f}x pydantic alone (goal <= 1.5)")


if __name__ == "__main__":
    main()

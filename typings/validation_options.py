"""Static typing of `validation` schemas, checked by mypy and pyright (no plugin)."""

from __future__ import annotations

from typing import Any, Literal

from typing_extensions import assert_type

import validation
from either import Either, Left, Right
from validation import Invalid, Options, Secret, optional, schema, validate_params, validate_result


class Database(Options):
    host: str
    port: int = 5432
    password: Secret[str] = Secret("")


class AppOptions(Options):
    max_concurrent_requests: int = 64
    log_level: Literal["debug", "info"] = "info"
    hosts: list[str] = []  # noqa: RUF012
    database: Database


def parse_returns_either_of_the_class(config: dict[str, object]) -> None:
    result = AppOptions.parse(config)
    assert_type(result, Either[Invalid, AppOptions])
    match result:
        case Right(options):
            assert_type(options, AppOptions)
            assert_type(options.max_concurrent_requests, int)
            assert_type(options.database.password, Secret[str])
            assert_type(options.database.password.reveal(), str)
        case Left(invalid):
            assert_type(invalid, Invalid)


def constructor_is_keyword_only_and_typed() -> None:
    database = Database(host="db", port=1)
    assert_type(database, Database)
    AppOptions(max_concurrent_requests=8, database=database)
    AppOptions(max_conucrrent_requests=8, database=database)  # type: ignore[call-arg]
    AppOptions(max_concurrent_requests="8", database=database)  # type: ignore[arg-type]
    Database("db")  # type: ignore[call-arg]


def options_are_frozen(options: AppOptions) -> None:
    options.max_concurrent_requests = 1  # type: ignore[misc]


def map_schema_parses_to_a_dict(params: object) -> None:
    spec = schema({"profileId": str, optional("pageSize", default=20): int})
    assert_type(spec.parse(params), Either[Invalid, dict[str, Any]])


def parse_any_type(data: object) -> None:
    assert_type(validation.parse(Database, data), Either[Invalid, Database])
    assert_type(validation.parse(int, data), Either[Invalid, int])


class NotFoundError(Exception):
    pass


@validate_params(AppOptions)
def handler(options: AppOptions, user: str) -> Either[NotFoundError, str]:
    return Right(f"{user}:{options.max_concurrent_requests}")


@validate_params(schema({"id": int}))
def map_handler(params: dict[str, Any]) -> Either[NotFoundError, int]:
    return Right(params["id"])


def decorated_handlers_widen_their_error() -> None:
    assert_type(handler({"database": {"host": "h"}}, "me"), Either[Invalid | NotFoundError, str])
    assert_type(map_handler({"id": 1}), Either[Invalid | NotFoundError, int])
    handler({"database": {"host": "h"}}, 3)  # type: ignore[arg-type]


@validate_result(schema({"id": int}), enabled=True)
def checked() -> Either[NotFoundError, dict[str, int]]:
    return Right({"id": 1})


def validate_result_keeps_the_signature() -> None:
    assert_type(checked(), Either[NotFoundError, dict[str, int]])

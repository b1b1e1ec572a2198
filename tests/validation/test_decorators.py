"""`@validate_params` and `@validate_result`."""

from __future__ import annotations

import pytest

import validation
from either import Either, Left, Right
from validation import Invalid, InvalidOptions, Options, optional, schema, validate_params, validate_result

PARAMS = schema({"profileId": str, optional("includeTypes"): list[str], optional("pageSize", default=20): int})


class NotFoundError(Exception):
    pass


calls: list[dict[str, object]] = []


@validate_params(PARAMS)
def list_items(params: dict[str, object], limit: int = 100) -> Either[NotFoundError, list[str]]:
    calls.append(params)
    if params["profileId"] == "missing":
        return Left(NotFoundError("missing"))
    return Right([f"{params['profileId']}:{params['pageSize']}:{limit}"])


class Paging(Options):
    page_size: int = 20


@validate_params(Paging)
def paged(params: Paging) -> Either[NotFoundError, int]:
    return Right(params.page_size)


def test_good_params_reach_the_body_parsed_with_defaults() -> None:
    calls.clear()
    assert list_items({"profileId": "p1"}, limit=5) == Right(["p1:20:5"])
    assert calls == [{"profileId": "p1", "pageSize": 20}]
    assert paged({"page_size": "50"}) == Right(50)


def test_bad_params_are_a_left_and_the_body_does_not_run() -> None:
    calls.clear()
    result = list_items({"profileId": "p1", "pagesize": 5})
    assert isinstance(result, Left)
    assert isinstance(result.error, Invalid)
    assert result.error.issues[0].suggestions == ("pageSize",)
    assert calls == []
    assert paged(None).is_left()


def test_the_handlers_own_either_is_returned_as_is() -> None:
    result = list_items({"profileId": "missing"})
    assert isinstance(result, Left)
    assert isinstance(result.error, NotFoundError)


def test_wraps_keeps_the_name() -> None:
    assert list_items.__name__ == "list_items"


def test_validate_result_disabled_returns_the_function_itself() -> None:
    def handler() -> Either[NotFoundError, dict[str, int]]:
        return Right({"id": "x"})  # type: ignore[dict-item]  # pyright: ignore[reportReturnType]

    assert validate_result(schema({"id": int}), enabled=False)(handler) is handler


def test_validate_result_enabled_checks_rights_and_plain_values() -> None:
    @validate_result(schema({"id": int}), enabled=True)
    def good() -> Either[NotFoundError, dict[str, int]]:
        return Right({"id": 1})

    @validate_result(schema({"id": int}), enabled=True)
    def bad() -> Either[NotFoundError, dict[str, object]]:
        return Right({"id": 1, "nmae": "x"})

    @validate_result(schema({"id": int}), enabled=True)
    def failed() -> Either[NotFoundError, dict[str, int]]:
        return Left(NotFoundError("x"))

    @validate_result(Paging, enabled=True)
    def plain() -> dict[str, object]:
        return {"page_sise": 3}

    assert good() == Right({"id": 1})
    assert isinstance(failed(), Left)
    with pytest.raises(InvalidOptions, match=r"result of .*bad"):
        bad()
    with pytest.raises(InvalidOptions) as caught:
        plain()
    assert caught.value.invalid.issues[0].suggestions == ("page_size",)


def test_parser_protocol_is_public() -> None:
    parser: validation.Parser[dict[str, object]] = PARAMS
    assert parser.parse({"profileId": "x"}).is_right()

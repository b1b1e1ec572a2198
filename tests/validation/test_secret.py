"""`validation.Secret`: masked everywhere, compared by value, validated like its type."""

from __future__ import annotations

import pickle

import validation
from validation import Options, Secret


class Creds(Options):
    password: Secret[str]
    pin: Secret[int] = Secret(0)


def test_masked_reprs_and_reveal() -> None:
    secret = Secret("hunter2")
    assert repr(secret) == "Secret('***')"
    assert str(secret) == "***"
    assert f"{secret}" == "***"
    assert secret.reveal() == secret.get_secret_value() == "hunter2"


def test_equality_and_hash() -> None:
    assert Secret("a") == Secret("a")
    assert Secret("a") != Secret("b")
    assert Secret(b"a") == Secret(b"a")
    assert Secret(1) == Secret(1)
    assert Secret("a") != "a"
    assert hash(Secret("a")) == hash(Secret("a"))
    assert pickle.loads(pickle.dumps(Secret("a"))) == Secret("a")


def test_validates_the_inner_type_and_hides_the_input() -> None:
    creds = Creds.parse({"password": "hunter2", "pin": "1234"}).unwrap()
    assert creds.pin == Secret(1234)
    assert Creds.parse({"password": Secret("again")}).unwrap().password == Secret("again")
    invalid = Creds.parse({"password": "ok", "pin": "12x4"}).unwrap_left()
    assert invalid.issues[0].path == ("pin",)
    assert "valid integer" in invalid.issues[0].message
    assert "12x4" not in str(invalid)


def test_a_user_validators_text_is_not_quoted() -> None:
    from typing import Annotated

    from pydantic import AfterValidator

    def reject(value: str) -> str:
        raise ValueError(f"bad password {value}")

    spec = validation.schema({"password": Secret[Annotated[str, AfterValidator(reject)]]})
    invalid = spec.parse({"password": "hunter2"}).unwrap_left()
    assert "hunter2" not in str(invalid)
    assert "not a valid value" in str(invalid)


def test_unparametrised_secret_accepts_anything() -> None:
    spec = validation.schema({"token": Secret})
    assert spec.parse({"token": [1]}).unwrap()["token"] == Secret([1])

"""Schemas shared by the plugin's case files (checked by mypy with `validation.mypy`)."""

from __future__ import annotations

import dataclasses
import enum
from typing import Annotated, Literal, TypedDict

import attrs
import pydantic
from typing_extensions import NotRequired

import validation


class Level(enum.Enum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"


class Retry(validation.Options):
    attempts: int = 3
    backoff: float = 0.5


class Server(validation.Options):
    host: str
    port: int = 8080


class AppOptions(Server):
    max_concurrent_requests: int = 64
    log_level: Literal["debug", "info", "warning"] = "info"
    level: Level = Level.INFO
    retry: Retry = Retry()
    fallback: Retry | None = None
    verbose: bool = False
    ratio: float = 1.0
    street1: str = ""
    street2: str = ""


@dataclasses.dataclass
class Page:
    size: int = 20
    token: str | None = None


@dataclasses.dataclass
class Listing:
    page: Page
    query: str = ""


@attrs.define
class Job:
    name: str
    _secret: str = ""


class Point(TypedDict):
    x: int
    y: int
    label: NotRequired[str]


class User(pydantic.BaseModel):
    name: str
    age: int


class Aliased(pydantic.BaseModel):
    full_name: str = pydantic.Field(alias="fullName")


class AnnotatedAlias(pydantic.BaseModel):
    """`Field(alias=...)` inside `Annotated`: pydantic reads it, mypy's types drop it."""

    full_name: Annotated[str, pydantic.Field(alias="fullName")]
    age: Annotated[int, pydantic.Field(ge=0)] = 0


@dataclasses.dataclass
class AnnotatedPage:
    page_size: Annotated[int, pydantic.Field(alias="pageSize")] = 20


class Configured(pydantic.BaseModel):
    """A config may open the model or rename its keys: the plugin leaves it alone."""

    model_config = pydantic.ConfigDict(extra="allow")
    name: str = ""

"""`NamedOptions[N, T]`: "a name, or a one-key map of a name to its options".

Why: mkdocs' `plugins` and `markdown_extensions` (and many tools after them) take a list
whose items are either a bare name (`- search`) or a one-key map of the name to its
options (`- tags: {tags_file: tags.md}`). Written as `str | dict[str, T]`, a mistake in
such an item gives pydantic's report for both members, and the commonest mistake of all,
an options block not indented under its name, parses as a two-key map that nothing
explains. `NamedOptions` says it plainly: one type, one issue per mistake, a hint at the
indentation, and the name suggested when it is misspelt.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast, final

from pydantic_core import core_schema

from either._errors import describe, short_repr
from validation._issues import Issue
from validation._kinds import KINDS_KEY, MAPPING, STRING
from validation._rules import raise_issues
from validation._suggest import KeySuggester

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = ["NamedOptions"]

_N_co = TypeVar("_N_co", covariant=True)
_T_co = TypeVar("_T_co", covariant=True)

_KEYS_SHOWN = 5
_EXPECTED = "expected a name or a one-key mapping of a name to its options"


@final
class NamedOptions(Generic[_N_co, _T_co]):
    """A name with its options, read from a bare name or from a one-key map of name to options.

    `N` is the type of the name (a `Literal` of the known names, an `Enum`, or `str` for
    any name) and `T` the type of the options (an `Options` class, a `dict`...). A bare
    name gets the options parsed from an empty map (so `T`'s defaults), and so does a
    name followed by nothing (`- tags:` in YAML).

    >>> from typing import Literal
    >>> import validation
    >>> class Toc(validation.Options):
    ...     permalink: bool = False
    >>> Extension = validation.NamedOptions[Literal["toc", "tables"], Toc]
    >>> validation.parse(list[Extension], ["tables", {"toc": {"permalink": True}}]).unwrap()
    [NamedOptions('tables', Toc(permalink=False)), NamedOptions('toc', Toc(permalink=True))]
    >>> print(validation.parse(list[Extension], [{"toc": None, "permalink": True}]).unwrap_left())
    [0]: expected a single key (a name and its options), got 2 keys: 'toc', 'permalink'; \
is the options block indented under its name?
    >>> print(validation.parse(list[Extension], ["tabels"]).unwrap_left())
    [0]: unknown name 'tabels'; did you mean 'tables'?
    """

    __slots__ = ("_name", "_options")

    def __init__(self, name: _N_co, options: _T_co) -> None:
        self._name = name
        self._options = options

    @property
    def name(self) -> _N_co:
        """The name, as the input wrote it (validated as `N`)."""
        return self._name

    @property
    def options(self) -> _T_co:
        """The options, parsed as `T` (from an empty map when only the name was written)."""
        return self._options

    def __reduce__(self) -> tuple[type[NamedOptions[Any, Any]], tuple[object, object]]:
        return (NamedOptions, (self._name, self._options))

    def __repr__(self) -> str:
        return f"NamedOptions({self.name!r}, {self.options!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NamedOptions):
            return NotImplemented
        theirs = cast("NamedOptions[object, object]", other)
        return bool(self.name == theirs.name and self.options == theirs.options)

    def __hash__(self) -> int:
        return hash((NamedOptions, self.name, self.options))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        """A map of one name to its options, read from a bare name or a one-key map."""
        args = typing.get_args(source)
        name_type: Any = args[0] if args else str
        options_type: Any = args[1] if len(args) > 1 else dict[str, Any]
        inner = core_schema.dict_schema(
            keys_schema=handler.generate_schema(name_type),
            values_schema=handler.generate_schema(options_type),
        )
        reader = _Reader(_known_names(name_type))
        metadata = {KINDS_KEY: (STRING, MAPPING), "pydantic_js_functions": [_named_json_schema]}
        return core_schema.no_info_wrap_validator_function(reader, inner, metadata=metadata)


def _named_json_schema(schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    """The JSON Schema of a `NamedOptions`: a bare name, or a map of exactly one name to its options (or `null`)."""
    inner = handler.resolve_ref_schema(handler(schema))
    name: dict[str, Any] = {"type": "string", **inner.get("propertyNames", {})}
    options = inner.get("additionalProperties", {})
    mapping = {
        **inner,
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": {"anyOf": [options, {"type": "null"}]},
    }
    return {"anyOf": [name, mapping]}


@final
class _Reader:
    """The wrap validator of one `NamedOptions[N, T]`: the input's shape, then the map of one name."""

    __slots__ = ("names", "suggester")

    def __init__(self, names: tuple[str, ...] | None) -> None:
        self.names = names
        self.suggester = KeySuggester(names) if names is not None else None

    @property
    def __name__(self) -> str:
        return "named_options"

    def __call__(self, value: object, handler: core_schema.ValidatorFunctionWrapHandler) -> object:
        if isinstance(value, NamedOptions):
            return cast("NamedOptions[object, object]", value)
        if isinstance(value, str):
            if self.names is not None and self.suggester is not None and value not in self.names:
                suggestions = self.suggester.suggest(value)
                raise_issues((Issue((), "bad_value", f"unknown name {short_repr(value)}", suggestions),))
            value = {value: {}}
        elif isinstance(value, Mapping):
            items = list(cast("Mapping[object, object]", value).items())
            if len(items) != 1:
                raise_issues((_shape_issue(items),))
            name, options = items[0]
            value = {name: {} if options is None else options}
        else:
            raise_issues(
                (
                    Issue(
                        (),
                        "wrong_type",
                        f"{_EXPECTED}, got {describe(value)}",
                    ),
                )
            )
        parsed = cast("dict[object, object]", handler(value))
        name, options = next(iter(parsed.items()))
        return NamedOptions(name, options)


def _shape_issue(items: list[tuple[object, object]]) -> Issue:
    if not items:
        return Issue(
            (), "bad_value", "expected a name or a one-key mapping of a name to its options, got an empty mapping"
        )
    shown = ", ".join(short_repr(key) for key, _ in items[:_KEYS_SHOWN])
    if len(items) > _KEYS_SHOWN:
        shown += f" and {len(items) - _KEYS_SHOWN} more"
    return Issue(
        (),
        "bad_value",
        f"expected a single key (a name and its options), got {len(items)} keys: {shown}; "
        "is the options block indented under its name?",
    )


def _known_names(name_type: Any) -> tuple[str, ...] | None:
    """The names a `Literal` or an `Enum` allows, for suggestions; `None` for any name."""
    if typing.get_origin(name_type) is Literal:
        return tuple(arg for arg in typing.get_args(name_type) if isinstance(arg, str))
    if isinstance(name_type, type) and issubclass(name_type, enum.Enum):
        return tuple(member.value for member in name_type if isinstance(member.value, str))
    return None

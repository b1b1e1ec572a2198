"""Per-field settings of an `Options` class read from `Annotated`: aliases and null-as-default.

Why here: pydantic reads `Field(alias=...)` only on its own models' fields; inside an
`Options` annotation it would warn and drop it, and the misspelt key users meant to allow
(`maxConn`, `use-directory-urls`, `async`) would be refused with a suggestion of a name
they cannot write. So the alias is taken out of the annotation here and given to the
field (the key read from input, shown in issues and suggested), and any alias form that
cannot be honoured is refused loudly when the class is declared or first used.

`null` in YAML (`key:` with nothing after it) often means "use the default". A field
marked `NullAsDefault` (or every field of a class declared with `null_as_default=True`)
takes its default when the input holds `None`.
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Annotated, Any, Final, final

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUseDefault, core_schema

from validation._kinds import NULL, TRANSPARENT_KEY

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = ["FieldSpec", "NullAsDefault", "check_aliases", "check_early", "field_spec", "null_as_default"]

_ANNOTATED: Any = Annotated


@final
class _NullAsDefault:
    """The marker type of `NullAsDefault`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NullAsDefault"

    def __reduce__(self) -> str:
        return "NullAsDefault"


NullAsDefault: Final = _NullAsDefault()
"""Mark a field whose default is used when the input gives `null` (`None`).

>>> from typing import Annotated
>>> import validation
>>> class Theme(validation.Options):
...     name: str = "mkdocs"
...     locale: Annotated[str, validation.NullAsDefault] = "en"
>>> Theme.parse({"locale": None}).unwrap()
Theme(name='mkdocs', locale='en')

A whole class says it with `class Theme(Options, null_as_default=True)`. A field without a
default still needs a value: `null` there is an issue as before.
"""


@final
class FieldSpec:
    """What the annotation of one field says beyond its type."""

    __slots__ = ("alias", "hint", "null_as_default")

    def __init__(self, hint: Any, alias: str | None, null_as_default: bool) -> None:
        self.hint = hint
        self.alias = alias
        self.null_as_default = null_as_default


def field_spec(owner: str, key: str, hint: Any) -> FieldSpec:
    """The type of a field with its alias and null marker taken out of `Annotated`.

    Raises `TypeError` for alias forms an `Options` class cannot honour: `AliasPath`,
    `AliasChoices`, a `serialization_alias` different from the alias.
    """
    if typing.get_origin(hint) is not Annotated:
        return FieldSpec(hint, None, False)
    inner, *metadata = typing.get_args(hint)
    alias: str | None = None
    null = False
    kept: list[object] = []
    for item in metadata:
        if item is NullAsDefault:
            null = True
        elif isinstance(item, FieldInfo) and (item.validation_alias or item.serialization_alias) is not None:
            alias = _alias(owner, key, item)
            kept.extend(item.metadata)  # the constraints (gt=, max_length=...) stay with the type
        else:
            kept.append(item)
    if alias is None and not null:
        return FieldSpec(hint, None, False)
    parameters = (inner, *kept)
    return FieldSpec(_ANNOTATED[parameters] if kept else inner, alias, null)


def check_early(owner: str, key: str, annotation: object, globalns: dict[str, Any], localns: dict[str, Any]) -> None:
    """Refuse an unusable alias when the class is declared, where the annotation can be read then.

    A string annotation (`from __future__ import annotations`) is read only if it mentions
    an alias and names nothing undefined yet; otherwise the check happens on first use.
    """
    if isinstance(annotation, str):
        if "alias" not in annotation.lower():
            return
        try:
            annotation = eval(annotation, globalns, localns)
        except Exception:  # a forward reference: checked when the schema is built
            return
    field_spec(owner, key, annotation)


def _alias(owner: str, key: str, info: FieldInfo) -> str:
    alias = info.validation_alias
    where = f"{owner}.{key}"
    if alias is None:
        raise TypeError(f"{where}: serialization_alias alone has no effect on Options; use Field(alias=...)")
    if not isinstance(alias, str):
        got = type(alias).__qualname__
        raise TypeError(
            f"{where}: an Options field takes a plain string alias (Field(alias='maxConn')); got {got} "
            "as the input alias (AliasPath and AliasChoices are not supported)"
        )
    if info.serialization_alias is not None and info.serialization_alias != alias:
        raise TypeError(
            f"{where}: serialization_alias {info.serialization_alias!r} differs from the alias {alias!r}; "
            "Options read and write a field under one name: use Field(alias=...)"
        )
    if not alias:
        raise TypeError(f"{where}: the alias must not be empty")
    return alias


def check_aliases(owner: str, names: tuple[str, ...], aliases: dict[str, str]) -> None:
    """Refuse two fields read from the same key (an alias equal to another field's key)."""
    keys: dict[str, str] = {}
    for name in names:
        key = aliases.get(name, name)
        other = keys.get(key)
        if other is not None:
            raise TypeError(f"{owner}: fields {other!r} and {name!r} are both read from the key {key!r}")
        keys[key] = name


def null_as_default(schema: core_schema.CoreSchema) -> core_schema.CoreSchema:
    """`schema` such that `None` makes the enclosing default schema use its default."""
    metadata = {TRANSPARENT_KEY: (NULL,), "pydantic_js_functions": [_nullable_json_schema]}
    return core_schema.no_info_before_validator_function(_use_default_on_none, schema, metadata=metadata)


def _nullable_json_schema(schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    """The JSON Schema of a field read with `NullAsDefault`: its own, or `null`."""
    return {"anyOf": [handler(schema), {"type": "null"}]}


def _use_default_on_none(value: object) -> object:
    if value is None:
        raise PydanticUseDefault
    return value

"""The libcst transformer behind `python -m either.migrate`: rustedpy/result names to eitherway's.

Names are resolved through libcst's scope analysis (`QualifiedNameProvider`), so an alias
(`from result import Ok as Success`), a module import (`import result as r; r.Ok(1)`) and a
local variable that happens to be called `Ok` are each told apart. Method names
(`and_then`, `map_err`, ...) cannot be resolved without types: they are renamed on any
receiver, but only in a module that imports `result`, and every rename is listed with its
position so `--check` shows it before anything is written.

Type expressions inside strings (`-> "Result[int, str]"`, `cast("Result[int, str]", x)`,
`Alias: TypeAlias = "Result[int, str]"`) are parsed and rewritten the same way, resolving
names through the module's imports of result; the string keeps its quotes.

What cannot be rewritten faithfully is reported, never guessed: `map_async` (an awaiting
`Deferred.map`), a `do(...)` generator with `if` clauses or tuple targets, `from result
import *`, `DoException`, a class pattern keyword that `Right`/`Left` lack, a quoted type
that does not parse (its result names stay imported from result).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from typing import final

import libcst as cst
from libcst.metadata import CodeRange, PositionProvider, QualifiedNameProvider, QualifiedNameSource

__all__ = ["Note", "Rewriter", "scan", "uses_result"]

# Module-level names of result, by their eitherway name (same arity for type arguments,
# except Result, whose two arguments are swapped).
NAMES = {
    "Ok": "Right",
    "Err": "Left",
    "Result": "Either",
    "OkErr": "LeftRight",
    "UnwrapError": "UnwrapError",
    "as_result": "safe",
    "as_async_result": "safe",
    "is_ok": "is_right",
    "is_err": "is_left",
}
# Functions replaced by an expression: the eitherway name each replacement needs.
REPLACED = {"do": None, "do_async": "Deferred"}
# Method calls renamed on any receiver (in a module that imports result).
METHODS = {
    "and_then": "bind",
    "or_else": "bind_left",
    "map_err": "map_left",
    "unwrap_err": "unwrap_left",
    "expect_err": "expect_left",
    "inspect": "tap",
    "inspect_err": "tap_left",
}
# Renamed only when called with no argument (`ok()`, `is_ok()`), the form result has.
NULLARY_METHODS = {"ok": "right_or_none", "err": "left_or_none", "is_ok": "is_right", "is_err": "is_left"}
ATTRIBUTES = {"ok_value": "value", "err_value": "error"}
# Keywords of a class pattern `case Ok(ok_value=v)`, by class: result's attribute names (its
# deprecated `value` too) to those of Right (`value`) and Left (`error`).
PATTERN_KEYWORDS = {"Ok": {"ok_value": "value", "value": "value"}, "Err": {"err_value": "error", "value": "error"}}
_MODULES = ("result.result", "result")
_MAX_DEPTH = 100  # as for a module: see either.migrate._check_parses
# Callables whose arguments are type expressions (which may be quoted), and where.
_CASTS = {"typing.cast", "typing_extensions.cast"}
_TYPE_VARS = {"typing.TypeVar", "typing_extensions.TypeVar"}
_TYPE_ALIASES = {"typing.TypeAlias", "typing_extensions.TypeAlias"}
_STRINGS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)


@final
class Note:
    """One change made (or needed by hand) at a line and column of the original source."""

    __slots__ = ("column", "line", "message")

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message

    def __repr__(self) -> str:
        return f"Note({self.line}, {self.column}, {self.message!r})"


def uses_result(module: cst.Module) -> bool:
    """Whether `module` imports rustedpy/result (only such modules are rewritten).

    An import anywhere counts: `if TYPE_CHECKING: from result import Result` is the usual
    companion of quoted annotations.
    """
    for node in _walk(module):
        if isinstance(node, cst.ImportFrom) and _dotted(node.module) in _MODULES and not node.relative:
            return True
        if isinstance(node, cst.Import) and any(_dotted(a.name) in _MODULES for a in node.names):
            return True
    return False


def scan(module: cst.Module) -> tuple[set[str], set[str]]:
    """What the rewritten `from result import ...` must bring in, before rewriting `module`.

    First, eitherway names the rewritten code refers to bare: `do_async(...)` becomes a
    `Deferred` chain, and so does `x.and_then_async(f)`. Second, result's own
    `do`/`do_async`, still imported from result when one of their calls cannot be
    rewritten (it is reported for a manual change, and must keep running meanwhile).
    """
    needed: set[str] = set()
    keep: set[str] = set()
    local_names: dict[str, str] = {}
    imports_names = False
    for node in _walk(module):
        if (
            isinstance(node, cst.ImportFrom)
            and not node.relative
            and _dotted(node.module) in _MODULES
            and not isinstance(node.names, cst.ImportStar)
        ):
            imports_names = True
            for alias in node.names:
                name = _dotted(alias.name)
                variant = REPLACED.get(name)
                if variant is not None:
                    needed.add(variant)
                if name in {"do", "do_async"}:
                    asname = alias.asname.name if alias.asname else None
                    local_names[asname.value if isinstance(asname, cst.Name) else name] = name
    if not imports_names:
        return set(), set()
    for node in _walk(module):
        if isinstance(node, cst.Attribute) and node.attr.value == "and_then_async":
            needed.add("Deferred")
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in local_names:
            name = local_names[node.func.value]
            if isinstance(_bind_chain(node, asynchronous=name == "do_async", deferred=cst.Name("Deferred")), str):
                keep.add(name)
    return needed, keep


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.children)
    return found


class Rewriter(cst.CSTTransformer):
    """Rewrite one module; `changes` and `manual` list what was done and what was not."""

    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider)

    def __init__(self, needed: set[str], keep: set[str]) -> None:
        super().__init__()
        self.keep = keep
        self.changes: list[Note] = []
        self.manual: list[Note] = []
        # eitherway names the rewritten code refers to bare (`Deferred` for `do_async`): the
        # rewritten `from result import ...` imports them.
        self.needed = needed
        self.module_alias: str | None = None
        # Quoted type expressions: the new `value` of each string (by the id of the original
        # node), the local names the module binds to result, and the result names a string
        # that cannot be rewritten still needs imported from result.
        self.strings: dict[int, str] = {}
        self.result_names: dict[str, str] = {}
        self.kept_for_strings: set[str] = set()
        self.planned: set[int] = set()

    # -- bookkeeping ------------------------------------------------------------------
    def _position(self, node: cst.CSTNode) -> tuple[int, int]:
        """The 1-based line and column where `node` starts in the original source."""
        where = self.get_metadata(PositionProvider, node)
        assert isinstance(where, CodeRange)
        return where.start.line, where.start.column + 1

    def _note(self, node: cst.CSTNode, message: str, *, manual: bool = False) -> None:
        (self.manual if manual else self.changes).append(Note(*self._position(node), message))

    def _result_name(self, node: cst.CSTNode) -> str | None:
        """`Ok` when `node` refers to `result.Ok` (through any alias), `""` for the module itself.

        Only a name bound by imports alone counts: a variable called `result`, even one
        that shadows the module in the same scope, is left alone.
        """
        qualified_names = self.get_metadata(QualifiedNameProvider, node, set())
        if any(qualified.source is not QualifiedNameSource.IMPORT for qualified in qualified_names):
            return None
        for qualified in qualified_names:
            name = _member(qualified.name)
            if name is not None:
                return name
        return None

    def _qualified(self, node: cst.CSTNode) -> set[str]:
        return {qualified.name for qualified in self.get_metadata(QualifiedNameProvider, node, set())}

    def _either(self, name: str) -> cst.BaseExpression:
        """An expression naming eitherway's `name`, in the import style the module uses."""
        if self.module_alias is not None and name not in self.needed:
            return cst.Attribute(cst.Name(self.module_alias), cst.Name(name))
        return cst.Name(name)

    # -- quoted type expressions ----------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> bool:
        """Rewrite every quoted type expression up front: the imports, met first, depend on it."""
        self.result_names = _result_names(node)
        for part in _walk(node):
            roots: list[cst.BaseExpression] = []
            if isinstance(part, cst.Annotation):
                roots.append(part.annotation)
            elif isinstance(part, cst.AnnAssign) and part.value is not None:
                if self._qualified(part.annotation.annotation) & _TYPE_ALIASES:
                    roots.append(part.value)
            elif isinstance(part, cst.TypeAlias):  # `type X = ...`
                roots.append(part.value)
            elif isinstance(part, cst.Call):
                roots.extend(self._type_arguments(part))
            elif isinstance(part, cst.Subscript) and self._is_generic(part.value):
                roots.append(part)  # `Optional["Result[int, str]"]` outside an annotation
            for root in roots:
                self.plan_strings(root)
        return True

    def _type_arguments(self, call: cst.Call) -> list[cst.BaseExpression]:
        """The arguments of `cast(T, x)` and `TypeVar("T", *constraints, bound=B)` that are types."""
        called = self._qualified(call.func)
        positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
        keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
        if called & _CASTS:
            return positional[:1] + [keywords[k] for k in ("typ",) if k in keywords]
        if called & _TYPE_VARS:
            return positional[1:] + [keywords[k] for k in ("bound",) if k in keywords]
        return []

    def _is_generic(self, node: cst.BaseExpression) -> bool:
        """Whether `node` names a generic of typing's or result's (whose arguments are types)."""
        if self._result_name(node) is not None:
            return True
        return any(name.startswith(("typing.", "typing_extensions.")) for name in self._qualified(node))

    def plan_strings(self, root: cst.BaseExpression) -> None:
        """Rewrite the strings standing for types in the type expression `root`, or report them."""
        for string in _type_strings(root):
            if id(string) in self.planned:
                continue
            self.planned.add(id(string))
            if isinstance(string, cst.SimpleString):
                value = self._rewrite_string(string)
                if value is not None:
                    if value != string.value:
                        self.strings[id(string)] = value
                    continue
            mentioned = self._mentioned(string)
            if mentioned:
                kept = sorted(name for name in mentioned if self.result_names.get(name) == f"result.{name}")
                self.kept_for_strings.update(kept)
                also = f"; {', '.join(kept)} still imported from result" if kept else ""
                self._note(string, f"a quoted type the codemod cannot rewrite: rewrite it by hand{also}", manual=True)

    def _rewrite_string(self, string: cst.SimpleString) -> str | None:
        """The new source of `string` with its type expression rewritten, or None if it cannot be."""
        prefix, body = string.prefix.lower(), string.raw_value
        if "b" in prefix or ("r" not in prefix and "\\" in body):
            return None
        # In parentheses, a type may span lines or have spaces around it, as in typing.
        if not _shallow(f"({body})"):
            return None
        try:
            expression = cst.parse_expression(f"({body})")
        except cst.ParserSyntaxError:  # pragma: no cover - Python's parser accepted it
            return None
        inner = _StringRewriter(self, string)
        inner.plan_strings(expression)
        rewritten = expression.visit(inner)
        code = cst.Module([]).code_for_node(rewritten) if isinstance(rewritten, cst.CSTNode) else ""
        body = code[1:-1]
        new = f"{string.prefix}{string.quote}{body}{string.quote}"
        try:  # a safety net: only names change, and the parentheses stay
            faithful = code.startswith("(") and code.endswith(")") and ast.literal_eval(new) == body
        except (SyntaxError, ValueError):  # pragma: no cover
            faithful = False
        if not faithful:  # pragma: no cover
            return None
        self.changes.extend(inner.changes)
        self.manual.extend(inner.manual)
        self.kept_for_strings.update(inner.kept_for_strings)
        return new

    def _mentioned(self, string: cst.BaseExpression) -> set[str]:
        """The local names bound to result that the source of `string` mentions."""
        code = cst.Module([]).code_for_node(string)
        return {name for name in self.result_names if re.search(rf"\b{re.escape(name)}\b", code)}

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.SimpleString:
        value = self.strings.get(id(original_node))
        return updated_node if value is None else updated_node.with_changes(value=value)

    # -- class patterns -----------------------------------------------------------------
    def leave_MatchClass(self, original_node: cst.MatchClass, updated_node: cst.MatchClass) -> cst.MatchClass:
        name = self._result_name(original_node.cls)
        keywords = PATTERN_KEYWORDS.get(name or "")
        if name is None or keywords is None or not updated_node.kwds:
            return updated_node
        kwds: list[cst.MatchKeywordElement] = []
        for original, element in zip(original_node.kwds, updated_node.kwds, strict=True):
            key = original.key.value
            new = keywords.get(key)
            if new is None:
                why = f"`{name}({key}=...)`: {NAMES[name]} has no `{key}`; rewrite the pattern"
                self._note(original, why, manual=True)
            elif new != key:
                self._note(original, f"{name}({key}=...) -> {NAMES[name]}({new}=...)")
            kwds.append(element if new is None else element.with_changes(key=cst.Name(new)))
        return updated_node.with_changes(kwds=kwds)

    # -- imports ------------------------------------------------------------------------
    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.FlattenSentinel[cst.ImportFrom] | cst.RemovalSentinel:
        if original_node.relative or _dotted(original_node.module) not in _MODULES:
            return updated_node
        if isinstance(original_node.names, cst.ImportStar):
            self._note(original_node, "`from result import *`: import the eitherway names you use", manual=True)
            return updated_node
        aliases: list[cst.ImportAlias] = []
        leftover: list[cst.ImportAlias] = []
        seen: set[tuple[str, str | None]] = set()
        for alias in original_node.names:
            old = _dotted(alias.name)
            asname = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else None
            if old in REPLACED:
                continue
            if old in self.kept_for_strings and asname is None:
                leftover.append(alias.with_changes(comma=cst.MaybeSentinel.DEFAULT))
            new = NAMES.get(old)
            if new is None:
                self._note(alias, f"`{old}` has no eitherway equivalent; still imported from result", manual=True)
                leftover.append(alias.with_changes(comma=cst.MaybeSentinel.DEFAULT))
                continue
            if (new, asname) not in seen:
                seen.add((new, asname))
                aliases.append(cst.ImportAlias(cst.Name(new), asname=alias.asname))
        for name in sorted(self.needed):
            if (name, None) not in seen:
                seen.add((name, None))
                aliases.append(cst.ImportAlias(cst.Name(name)))
        self._note(original_node, "import from either instead of result")
        statements: list[cst.ImportFrom] = []
        if aliases:
            statements.append(cst.ImportFrom(module=cst.Name("either"), names=aliases))
        leftover.extend(cst.ImportAlias(cst.Name(name)) for name in sorted(self.keep))
        if leftover:
            statements.append(cst.ImportFrom(module=cst.Name("result"), names=leftover))
        if not statements:
            return cst.RemoveFromParent()
        return statements[0] if len(statements) == 1 else cst.FlattenSentinel(statements)

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        names: list[cst.ImportAlias] = []
        for original, alias in zip(original_node.names, updated_node.names, strict=True):
            if _dotted(original.name) not in _MODULES:
                names.append(alias)
                continue
            self._note(original, "import either instead of result")
            if alias.asname is None:
                self.module_alias = "either"
            elif isinstance(alias.asname.name, cst.Name):
                self.module_alias = alias.asname.name.value
            names.append(alias.with_changes(name=cst.Name("either")))
        return updated_node.with_changes(names=names)

    # -- names, attributes, subscripts --------------------------------------------------
    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        name = self._result_name(original_node)
        if name == "" and original_node.value == "result":
            return updated_node.with_changes(value="either")
        if name in NAMES and original_node.value == name and NAMES[name] != name:
            self._note(original_node, f"{name} -> {NAMES[name]}")
            return updated_node.with_changes(value=NAMES[name])
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        attr = original_node.attr.value
        name = self._result_name(original_node)
        if name is not None and name in NAMES:
            if NAMES[name] != name:
                self._note(original_node.attr, f"{name} -> {NAMES[name]}")
            return updated_node.with_changes(attr=cst.Name(NAMES[name]))
        if name is None and attr in ATTRIBUTES:
            self._note(original_node.attr, f".{attr} -> .{ATTRIBUTES[attr]}")
            return updated_node.with_changes(attr=cst.Name(ATTRIBUTES[attr]))
        return updated_node

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        if self._result_name(original_node.value) != "Result" or len(updated_node.slice) != 2:
            return updated_node
        first, second = updated_node.slice
        # One note for the subscript, replacing the rename noted for its name.
        value = original_node.value
        named = self._position(value.attr if isinstance(value, cst.Attribute) else value)
        self.changes = [n for n in self.changes if (n.line, n.column) != named]
        self._note(original_node, "Result[T, E] -> Either[E, T]")
        return updated_node.with_changes(
            slice=[first.with_changes(slice=second.slice), second.with_changes(slice=first.slice)]
        )

    # -- calls ----------------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        name = self._result_name(original_node.func)
        if name in REPLACED:
            return self._replace_function(original_node, updated_node, name)
        func = updated_node.func
        where = original_node.func
        if not isinstance(func, cst.Attribute) or not isinstance(where, cst.Attribute) or name is not None:
            return updated_node
        where = where.attr
        method = func.attr.value
        new = METHODS.get(method)
        if new is None and not updated_node.args:
            new = NULLARY_METHODS.get(method)
        if new is not None:
            self._note(where, f".{method}() -> .{new}()")
            return updated_node.with_changes(func=func.with_changes(attr=cst.Name(new)))
        if method == "and_then_async" and len(updated_node.args) == 1:
            self._note(where, "x.and_then_async(f) -> Deferred.of(x).bind(f)")
            of = cst.Call(cst.Attribute(self._either("Deferred"), cst.Name("of")), [cst.Arg(_bare(func.value))])
            return updated_node.with_changes(func=cst.Attribute(of, cst.Name("bind")))
        if method == "map_async":
            self._note(where, "map_async: use Deferred.of(x).map(f) once it awaits f", manual=True)
        return updated_node

    def _replace_function(self, original: cst.Call, updated: cst.Call, name: str) -> cst.BaseExpression:
        chain = _bind_chain(updated, asynchronous=name == "do_async", deferred=self._either("Deferred"))
        if isinstance(chain, str):
            self._note(original, f"{name}(...): {chain}; rewrite it as a do-block", manual=True)
            return updated
        self._note(original, f"{name}(generator) -> a chain of bind() calls")
        return chain


@final
class _StringRewriter(Rewriter):
    """Rewrite a type expression parsed from a string of the module `outer` rewrites.

    There is no scope analysis inside a string: names resolve through the module's imports
    of result, and every note is placed at the string.
    """

    def __init__(self, outer: Rewriter, string: cst.SimpleString) -> None:
        super().__init__(outer.needed, outer.keep)
        self.module_alias = outer.module_alias
        self.result_names = outer.result_names
        self.where = outer._position(string)

    def _position(self, node: cst.CSTNode) -> tuple[int, int]:
        return self.where

    def _note(self, node: cst.CSTNode, message: str, *, manual: bool = False) -> None:
        notes = self.manual if manual else self.changes
        if all(n.message != message for n in notes):
            notes.append(Note(*self.where, message))

    def _result_name(self, node: cst.CSTNode) -> str | None:
        if not isinstance(node, (cst.Name, cst.Attribute)):
            return None
        local, _, rest = _dotted(node).partition(".")
        qualified = self.result_names.get(local)
        if qualified is None:
            return None
        return _member(f"{qualified}.{rest}" if rest else qualified)


def _member(qualified: str) -> str | None:
    """`Ok` for `result.Ok` (or `result.result.Ok`), `""` for the module itself, else None."""
    for module in _MODULES:
        if qualified.startswith(module + ".") and "." not in qualified[len(module) + 1 :]:
            return qualified[len(module) + 1 :]
        if qualified == module:
            return ""
    return None


def _result_names(module: cst.Module) -> dict[str, str]:
    """The local names the imports of `module` bind to result: `{"R": "result.Result", "r": "result"}`."""
    names: dict[str, str] = {}
    for node in _walk(module):
        if isinstance(node, cst.ImportFrom) and not node.relative and _dotted(node.module) in _MODULES:
            if isinstance(node.names, cst.ImportStar):
                continue
            for alias in node.names:
                name = _dotted(alias.name)
                local = alias.asname.name if alias.asname else None
                names[local.value if isinstance(local, cst.Name) else name] = f"result.{name}"
        elif isinstance(node, cst.Import):
            for alias in node.names:
                dotted = _dotted(alias.name)
                if dotted not in _MODULES:
                    continue
                local = alias.asname.name if alias.asname else None
                if isinstance(local, cst.Name):
                    names[local.value] = dotted
                else:
                    names[dotted.partition(".")[0]] = "result"
    return names


def _shallow(code: str) -> bool:
    """Whether Python parses the expression `code`, nested at most `_MAX_DEPTH` deep.

    A quoted type is checked here as the module is before libcst (recursive, and slow on
    long operator chains) parses it.
    """
    try:
        tree = ast.parse(code, mode="eval")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return False
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return False
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return True


def _type_strings(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The strings standing for types in the type expression `node` (not `Literal["x"]`'s)."""
    if isinstance(node, _STRINGS):
        return [node]
    parts: list[cst.BaseExpression] = []
    if isinstance(node, cst.Subscript):
        head = _dotted(node.value).rpartition(".")[2]
        if head == "Literal":
            return []
        parts = [element.slice.value for element in node.slice if isinstance(element.slice, cst.Index)]
        if head == "Annotated":
            parts = parts[:1]
    elif isinstance(node, cst.BinaryOperation):
        parts = [node.left, node.right]
    elif isinstance(node, (cst.List, cst.Tuple)):
        parts = [element.value for element in node.elements]
    return [string for part in parts for string in _type_strings(part)]


def _bind_chain(call: cst.Call, *, asynchronous: bool, deferred: cst.BaseExpression) -> cst.BaseExpression | str:
    """`do(e for x in a for y in b)` as `a.bind(lambda x: b.bind(lambda y: e))`, or why not."""
    if len(call.args) != 1 or not isinstance(call.args[0].value, cst.GeneratorExp):
        return "not a generator expression"
    generator = call.args[0].value
    clauses: list[cst.CompFor] = []
    clause: cst.CompFor | None = generator.for_in
    while clause is not None:
        if clause.ifs:
            return "an `if` clause has no bind equivalent"
        if not isinstance(clause.target, cst.Name):
            return "a tuple target cannot be a lambda parameter"
        if clause.asynchronous is not None:
            return "an `async for` clause"
        clauses.append(clause)
        clause = clause.inner_for_in
    # Every clause but the first, and the element, end up inside a lambda, where only an
    # `await x` that becomes `Deferred(x)` may stand.
    inner = [c.iter.expression if asynchronous and isinstance(c.iter, cst.Await) else c.iter for c in clauses[1:]]
    if any(_awaits(part) for part in (generator.elt, *inner)):
        return "an `await` would land inside a lambda"
    body: cst.BaseExpression = generator.elt.with_changes(lpar=[], rpar=[])
    for clause in reversed(clauses):
        source = clause.iter
        if asynchronous:
            if isinstance(source, cst.Await):
                source = cst.Call(deferred, [cst.Arg(_bare(source.expression))])
            else:
                source = cst.Call(cst.Attribute(deferred, cst.Name("of")), [cst.Arg(_bare(source))])
        target = clause.target
        assert isinstance(target, cst.Name)
        step = cst.Lambda(cst.Parameters([cst.Param(cst.Name(target.value))]), body)
        body = cst.Call(cst.Attribute(_atom(source), cst.Name("bind")), [cst.Arg(step)])
    return body.with_changes(lpar=call.lpar, rpar=call.rpar)


def _awaits(node: cst.CSTNode) -> bool:
    return any(isinstance(part, cst.Await) for part in _walk(node))


def _atom(expression: cst.BaseExpression) -> cst.BaseExpression:
    """`expression`, parenthesised unless it can take `.attr` as it is."""
    if isinstance(expression, (cst.Name, cst.Call, cst.Attribute, cst.Subscript)) or expression.lpar:
        return expression
    return expression.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _bare(expression: cst.BaseExpression) -> cst.BaseExpression:
    return expression.with_changes(lpar=[], rpar=[]) if expression.lpar else expression


def _dotted(node: cst.BaseExpression | Sequence[object] | None) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""

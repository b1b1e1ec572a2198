"""The libcst transformer behind `python -m either.migrate`: rustedpy/result names to eitherway's.

Names are resolved through libcst's scope analysis (`QualifiedNameProvider`), so an alias
(`from result import Ok as Success`), a module import (`import result as r; r.Ok(1)`) and a
local variable that happens to be called `Ok` are each told apart. Method names
(`and_then`, `map_err`, ...) cannot be resolved without types: they are renamed on any
receiver, but only in a module that imports `result`, and every rename is listed with its
position so `--check` shows it before anything is written.

What cannot be rewritten faithfully is reported, never guessed: `map_async` (an awaiting
`Deferred.map`), a `do(...)` generator with `if` clauses or tuple targets, `from result
import *`, `DoException`.
"""

from __future__ import annotations

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
}
# Functions replaced by an expression: the eitherway name each replacement needs.
REPLACED = {"is_ok": "Right", "is_err": "Left", "do": None, "do_async": "Deferred"}
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
_MODULES = ("result.result", "result")


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
    """Whether `module` imports rustedpy/result (only such modules are rewritten)."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.ImportFrom) and _dotted(small.module) in _MODULES and not small.relative:
                return True
            if isinstance(small, cst.Import) and any(_dotted(a.name) in _MODULES for a in small.names):
                return True
    return False


def scan(module: cst.Module) -> tuple[set[str], set[str]]:
    """What the rewritten `from result import ...` must bring in, before rewriting `module`.

    First, eitherway names the rewritten code refers to bare: `is_ok(x)` becomes
    `isinstance(x, Right)` and `do_async(...)` a `Deferred` chain. Second, result's own
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
        # eitherway names the rewritten code refers to bare (`Right` for `is_ok(x)`): the
        # rewritten `from result import ...` imports them.
        self.needed = needed
        self.module_alias: str | None = None

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
            name = qualified.name
            for module in _MODULES:
                if name.startswith(module + ".") and "." not in name[len(module) + 1 :]:
                    return name[len(module) + 1 :]
                if name == module:
                    return ""
        return None

    def _either(self, name: str) -> cst.BaseExpression:
        """An expression naming eitherway's `name`, in the import style the module uses."""
        if self.module_alias is not None and name not in self.needed:
            return cst.Attribute(cst.Name(self.module_alias), cst.Name(name))
        return cst.Name(name)

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
        if name in {"is_ok", "is_err"}:
            if len(updated.args) != 1:
                self._note(original, f"{name}() with {len(updated.args)} arguments", manual=True)
                return updated
            variant = REPLACED[name]
            assert variant is not None
            self._note(original, f"{name}(x) -> isinstance(x, {variant})")
            return cst.Call(
                cst.Name("isinstance"),
                [
                    cst.Arg(updated.args[0].value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Arg(self._either(variant)),
                ],
            )
        chain = _bind_chain(updated, asynchronous=name == "do_async", deferred=self._either("Deferred"))
        if isinstance(chain, str):
            self._note(original, f"{name}(...): {chain}; rewrite it as a do-block", manual=True)
            return updated
        self._note(original, f"{name}(generator) -> a chain of bind() calls")
        return chain


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

"""`validation.Options`: closed at every level, frozen, slotted, keyword-only, typed."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import pickle
import sys
import types
from typing import Annotated, Any, ClassVar, Literal, Optional

import pytest
from pydantic import BaseModel, Field

import validation
from either import EitherwayError, Left, Right
from validation import InvalidOptions, Options, Secret


class Level(enum.Enum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"


class Database(Options):
    host: str
    port: int = 5432
    password: Secret[str] = Secret("")


class AppOptions(Options):
    name: str
    max_concurrent_requests: Annotated[int, Field(gt=0)] = 64
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    level: Level = Level.INFO
    hosts: list[str] = []  # noqa: RUF012 -- copied for every instance
    started: Optional[dt.datetime] = None  # noqa: UP045 -- Optional is supported too
    database: Database
    replicas: dict[str, Database] = {}  # noqa: RUF012
    shards: list[Database] = []  # noqa: RUF012
    instances: ClassVar[int] = 0


class Tree(Options):
    label: str = "node"
    children: list[Tree] = []  # noqa: RUF012
    parent_link: Link | None = None


class Link(Options):  # declared after its first use in Tree: a forward reference
    target: str


class Node(Options):
    name: str = "n"
    child: Node | None = None


VALID = {"name": "svc", "database": {"host": "db.example"}}


def issues(result: object) -> list[tuple[str, tuple[object, ...], tuple[str, ...]]]:
    assert isinstance(result, Left), result
    return [(issue.code, issue.path, issue.suggestions) for issue in result.error.issues]


def test_valid_map_parses_with_defaults_and_coercion() -> None:
    result = AppOptions.parse({**VALID, "max_concurrent_requests": "128", "started": "2024-01-02T03:04:05"})
    options = result.unwrap()
    assert options.max_concurrent_requests == 128
    assert options.started == dt.datetime(2024, 1, 2, 3, 4, 5)
    assert options.database == Database(host="db.example")
    assert options.level is Level.INFO
    assert options.hosts == []


def test_misspelt_key_is_one_issue_with_a_suggestion() -> None:
    result = AppOptions.parse({**VALID, "max_conucrrent_requests": 8})
    assert issues(result) == [("unknown_key", ("max_conucrrent_requests",), ("max_concurrent_requests",))]
    assert str(result.error) == ("max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?")


def test_misspelt_required_key_drops_its_missing_issue() -> None:
    result = AppOptions.parse({"nmae": "svc", "database": {"hots": "x"}})
    assert sorted(issues(result)) == [
        ("unknown_key", ("database", "hots"), ("host",)),
        ("unknown_key", ("nmae",), ("name",)),
    ]


def test_unsuggested_missing_key_is_reported() -> None:
    result = AppOptions.parse({"database": {"host": "h"}, "zzzzqqqq": 1})
    assert sorted(issues(result)) == [("missing", ("name",), ()), ("unknown_key", ("zzzzqqqq",), ())]


def test_closed_at_every_level() -> None:
    data = {
        **VALID,
        "database": {"host": "h", "prot": 1},
        "replicas": {"eu": {"host": "h", "passwrd": "x"}},
        "shards": [{"host": "h"}, {"hots": "h"}],
    }
    found = issues(AppOptions.parse(data))
    assert ("unknown_key", ("database", "prot"), ("port",)) in found
    assert ("unknown_key", ("replicas", "eu", "passwrd"), ("password",)) in found
    assert ("unknown_key", ("shards", 1, "hots"), ("host",)) in found
    assert len(found) == 3


def test_type_and_value_errors_say_what_was_expected_and_what_came() -> None:
    result = AppOptions.parse({**VALID, "max_concurrent_requests": -1, "hosts": "a", "log_level": "infoo"})
    by_path = {issue.path: issue for issue in result.unwrap_left()}
    assert by_path[("max_concurrent_requests",)].code == "bad_value"
    assert "greater than 0" in by_path[("max_concurrent_requests",)].message
    assert "-1" in by_path[("max_concurrent_requests",)].message
    assert by_path[("hosts",)].code == "wrong_type"
    assert "list" in by_path[("hosts",)].message
    assert by_path[("log_level",)].code == "bad_value"
    assert by_path[("log_level",)].suggestions == ("info",)


def test_enum_value_gets_a_suggestion() -> None:
    result = AppOptions.parse({**VALID, "level": "warnign"})
    assert issues(result) == [("bad_value", ("level",), ("warning",))]


def test_constructor_validates_and_raises_invalid_options() -> None:
    with pytest.raises(InvalidOptions) as caught:
        AppOptions(name="svc", database=Database(host="h"), max_conucrrent_requests=3)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, EitherwayError)
    assert error.invalid.issues[0].suggestions == ("max_concurrent_requests",)
    assert "AppOptions" in str(error)
    assert error.__cause__ is None
    assert error.__suppress_context__


def test_constructor_is_keyword_only_and_fills_defaults() -> None:
    options = AppOptions(name="svc", database={"host": "h"})  # type: ignore[arg-type]
    assert options.database.port == 5432
    with pytest.raises(TypeError):
        Database("h")  # type: ignore[misc]  # pyright: ignore[reportCallIssue]


def test_frozen_and_slotted() -> None:
    options = AppOptions.parse(VALID).unwrap()
    with pytest.raises(AttributeError, match="frozen"):
        options.name = "other"  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
    with pytest.raises(AttributeError, match="frozen"):
        del options.name  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue]
    assert not hasattr(options, "__dict__")


def test_list_default_is_never_shared() -> None:
    first = AppOptions.parse(VALID).unwrap()
    second = AppOptions.parse(VALID).unwrap()
    assert first.hosts == second.hosts == []
    assert first.hosts is not second.hosts
    first.hosts.append("mutated")
    assert AppOptions.parse(VALID).unwrap().hosts == []
    assert AppOptions(name="x", database=Database(host="h")).hosts == []


def test_field_default_factory() -> None:
    class WithFactory(Options):
        tags: list[str] = validation.field(default_factory=lambda: ["a"])
        limit: int = validation.field(default=3)

    first, second = WithFactory(), WithFactory()
    assert first.tags == ["a"]
    assert first.tags is not second.tags
    assert first.limit == 3
    with pytest.raises(TypeError, match="exactly one"):
        validation.field()  # type: ignore[call-overload]


def test_equality_hash_repr_and_secret_masking() -> None:
    one = Database.parse({"host": "h", "password": "hunter2"}).unwrap()
    two = Database.parse({"host": "h", "password": "hunter2"}).unwrap()
    other = Database.parse({"host": "h", "password": "other"}).unwrap()
    assert one == two
    assert hash(one) == hash(two)
    assert one != other
    assert one != "Database"
    assert repr(one) == "Database(host='h', port=5432, password=Secret('***'))"
    assert "hunter2" not in repr(one) + str(one)
    assert one.password.reveal() == "hunter2"


def test_pickle_and_copy_round_trip() -> None:
    options = AppOptions.parse({**VALID, "shards": [{"host": "s"}]}).unwrap()
    assert pickle.loads(pickle.dumps(options)) == options
    assert copy.deepcopy(options) == options
    assert copy.copy(options) == options


def test_as_dict_round_trips() -> None:
    options = AppOptions.parse({**VALID, "replicas": {"a": {"host": "r"}}, "shards": [{"host": "s"}]}).unwrap()
    plain = validation.as_dict(options)
    assert plain["database"] == {"host": "db.example", "port": 5432, "password": Secret("")}
    assert AppOptions.parse(plain) == Right(options)


def test_parse_returns_an_existing_instance_as_is() -> None:
    database = Database(host="h")
    assert Database.parse(database).unwrap() is database


def test_non_dict_mappings_are_accepted() -> None:
    from types import MappingProxyType

    assert Database.parse(MappingProxyType({"host": "h"})) == Right(Database(host="h"))


def test_forward_references_and_self_reference() -> None:
    tree = Tree.parse({"children": [{"label": "leaf", "parent_link": {"target": "root"}}]}).unwrap()
    assert tree.children[0].parent_link == Link(target="root")
    found = issues(Tree.parse({"children": [{"lable": "x"}]}))
    assert found == [("unknown_key", ("children", 0, "lable"), ("label",))]
    node = Node.parse({"child": {"child": {"name": "leaf"}}}).unwrap()
    assert node.child is not None
    assert node.child.child is not None
    assert node.child.child.name == "leaf"
    assert issues(Node.parse({"child": {"child": {"nmae": "x"}}})) == [
        ("unknown_key", ("child", "child", "nmae"), ("name",))
    ]


def test_self_reference_inside_a_function() -> None:
    class Local(Options):
        value: int = 0
        next: Local | None = None

    assert Local.parse({"next": {"value": 2}}).unwrap().next == Local(value=2)


def test_unresolvable_annotation_is_a_clear_error() -> None:
    class Broken(Options):
        value: Missing  # type: ignore[name-defined]  # noqa: F821  # pyright: ignore[reportUndefinedVariable]

    with pytest.raises(TypeError, match="cannot resolve the annotations of"):
        Broken.parse({})


def test_inheritance_adds_fields() -> None:
    class Base(Options):
        host: str = "h"

    class Child(Base):
        port: int = 1

    assert Child.parse({"host": "x", "port": "2"}).unwrap() == Child(host="x", port=2)
    assert issues(Child.parse({"prot": 1})) == [("unknown_key", ("prot",), ("port",))]
    with pytest.raises(TypeError, match="already declared"):

        class Again(Base):
            host: str = "again"


def test_reserved_and_dunder_field_names_are_refused() -> None:
    with pytest.raises(TypeError, match="reserved"):

        class Bad(Options):
            parse: int = 1  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleMethodOverride,reportAssignmentType]


def test_base_class_cannot_be_parsed() -> None:
    with pytest.raises(TypeError, match="base class"):
        Options.parse({})


def test_options_inside_a_pydantic_model() -> None:
    class Holder(BaseModel):
        database: Database

    assert Holder.model_validate({"database": {"host": "h"}}).database == Database(host="h")
    assert validation.parse(Holder, {"database": {"hots": "h"}}).unwrap_left().issues[0].suggestions == ("host",)


def test_match_statement() -> None:
    match Database(host="h"):
        case Database(host=host):
            assert host == "h"


def test_quoted_self_references_inside_generics_resolve_without_future_annotations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python 3.10's get_type_hints leaves `list["Tree"]` with a string inside: still resolved."""
    source = (
        "from typing import Annotated, Optional\n"
        "from validation import Options\n"
        "class Tree(Options):\n"
        "    name: str\n"
        '    children: dict[str, list["Tree"]] = {}\n'
        '    parent: Optional["Tree"] = None\n'
        '    tagged: Annotated[list["Tree"], "note"] = []\n'
    )
    module = types.ModuleType("tree_without_future_annotations")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(source, "<tree>", "exec", dont_inherit=True), module.__dict__)
    tree_class: Any = module.Tree
    invalid = tree_class.parse({"name": "r", "children": {"x": [{"name": "y", "chidlren": {}}]}}).unwrap_left()
    assert [issue.path for issue in invalid.issues] == [("children", "x", 0, "chidlren")]
    assert invalid.issues[0].suggestions == ("children",)
    assert tree_class.parse({"name": "r", "tagged": [{"name": "t"}]}).is_right()

"""Map schemas: the keys of `schema({...})` literals, and the TypedDict of a module-level one."""

from __future__ import annotations

from typing import Any, Literal

from models import Retry
from typing_extensions import assert_type

import validation
from validation import MapSchema, optional, schema

PARAMS = schema({"profileId": str, optional("pageSize", default=20): int, "retry": {"attempts": int}})
OPEN = schema({"profileId": str}, open=True)
ANNOTATED: MapSchema[dict[str, Any]] = schema({"profileId": str})
TYPED = schema({"tags": list[str], "mode": Literal["fast", "slow"], "count": int, "retry": Retry})
COMPUTED = schema({"a" + "b": int})


def cases() -> None:
    PARAMS.parse({"profileId": "p", "pageSiez": 3, "retry": {"attempts": 1}})  # E: Unknown key "pageSiez" for "PARAMS"; did you mean "pageSize"?  [option-key]
    PARAMS.parse({"profileId": "p", "retry": {"atempts": 1}})  # E: Unknown key "atempts" for "PARAMS.retry"; did you mean "attempts"?  [option-key]
    PARAMS.parse({"profileId": "p", "pageSize": "twenty", "retry": {"attempts": 1}})  # E: Invalid value for "pageSize" of "PARAMS": expected int, got "twenty" (str)  [option-value]
    PARAMS.parse({"pageSize": 3})  # E: Missing key "profileId" for "PARAMS"  [option-missing]  # E: Missing key "retry" for "PARAMS"  [option-missing]
    params = PARAMS.parse({"profileId": "p", "retry": {"attempts": 1}}).unwrap()
    assert_type(params["profileId"], str)
    assert_type(params["retry"]["attempts"], int)
    params["pageSiez"]  # E: TypedDict "PARAMS" has no key "pageSiez"  [typeddict-item]  # N: Did you mean "pageSize"?
    assert_type(OPEN.parse({"anything": 1}).unwrap(), dict[str, Any])
    assert_type(ANNOTATED.parse({"profileId": "p"}).unwrap(), dict[str, Any])
    schema({"profileId": str, optional("pageSize"): int}).parse({"profileid": "p"})  # E: Unknown key "profileid" for "schema"; did you mean "profileId"?  [option-key]
    local = validation.schema({"profileId": str})
    assert_type(local.parse({}).unwrap(), dict[str, Any])
    TYPED.parse({"tags": "x", "mode": "fsat", "count": "many", "retry": {"atempts": 1}})  # E: Invalid value for "tags" of "TYPED": expected list, got "x" (str)  [option-value]  # E: Invalid value for "mode" of "TYPED": expected "fast" | "slow", got "fsat" (str); did you mean "fast"?  [option-value]  # E: Invalid value for "count" of "TYPED": expected int, got "many" (str)  [option-value]  # E: Unknown key "atempts" for "Retry" at "retry"; did you mean "attempts"?  [option-key]
    assert_type(COMPUTED.parse({"ab": 1}).unwrap(), dict[str, Any])

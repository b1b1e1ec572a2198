"""[option-missing]: a required key absent from a literal that has no `**` spread."""

from __future__ import annotations

from typing import Any

from models import AppOptions, Point, Server

import validation


def cases(extra: dict[str, Any], key: str) -> None:
    Server.parse({"port": 1})  # E: Missing key "host" for "Server"  [option-missing]
    AppOptions.parse({})  # E: Missing key "host" for "AppOptions"  [option-missing]
    validation.parse(Point, {"x": 1})  # E: Missing key "y" for "Point"  [option-missing]
    # One mistake, one issue: the missing key that was suggested for a typo is not reported again.
    Server.parse({"hots": "h"})  # E: Unknown key "hots" for "Server"; did you mean "host"?  [option-key]
    # A spread or a computed key may bring the key: nothing is guessed.
    Server.parse({**extra, "port": 1})
    Server.parse({key: "h", "port": 1})

"""The mypy plugin: misspelt keys in option-map literals caught before the code runs.

Enable it with `plugins = ["validation.mypy"]` in the mypy configuration. The library types
well without it (a misspelt constructor keyword is already an error); what no checker sees
on its own is a dict literal handed to a parser, `AppOptions.parse({"max_conucrrent_requests":
1024})`. The plugin reads such literals, for `T.parse` on `Options` classes,
`validation.parse(T, ...)` and a literal map schema's `.parse`, and reports:

- `[option-key]`: an undeclared key, with the suggestion run time would give;
- `[option-value]`: a literal value the field cannot take, with "did you mean" for a
  `Literal` or `Enum` field;
- `[option-missing]`: a required key absent from a literal without `**` spreads.

Non-literal data, `**` spreads and computed keys are skipped, never guessed. Each code can
be silenced per line (`# type: ignore[option-key]`) or per project (`disable_error_code`).

This module only checks the mypy version and hands over to `validation._mypy_plugin`; an
unsupported mypy gets one error line and exit status 2, never a traceback.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy.plugin import Plugin

__all__ = ["MYPY_RANGE", "plugin"]

MYPY_RANGE = ((1, 19), (3, 0))
"""The supported mypy releases: from 1.19 (inclusive) up to 3.0 (exclusive)."""


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point: the plugin class for mypy `version`, or exit with one error line."""
    found = _version_tuple(version)
    low, high = MYPY_RANGE
    if found is None or not low <= found < high:
        print(
            f"error: validation.mypy supports mypy >={low[0]}.{low[1]},<{high[0]}.{high[1]}, "
            f"got mypy {version!r}; install a supported mypy or remove validation.mypy from plugins",
            file=sys.stderr,
        )
        raise SystemExit(2)
    from validation._mypy_plugin import OptionsPlugin

    return OptionsPlugin


def _version_tuple(version: str) -> tuple[int, int] | None:
    """`(major, minor)` of a mypy version string such as `2.4.1` or `1.19.0+dev.abc`."""
    match = re.match(r"(\d+)\.(\d+)", version)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))

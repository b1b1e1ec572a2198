"""Renderings of `Invalid` for people at a terminal (`pretty`) and for web forms (`flatten`).

`str(invalid)` is one line per issue, made for logs. A person at a terminal reads best
with the issues grouped by where they were written (`app.toml`, `env`, `.env:3`), each with
its `help:` line; a web form wants messages per field. Both are bounded like `str()`:
the issue texts are the same bounded pieces `Issue.__str__` uses.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Final, TextIO

from validation._issues import _LINES_SHOWN, _MESSAGE_CHARS, _did_you_mean, _one_line, _plural, _source_text

if TYPE_CHECKING:
    from validation._issues import Invalid

__all__ = ["flatten", "pretty", "use_color"]

_RED: Final = "\033[31m"
_YELLOW: Final = "\033[33m"
_BOLD: Final = "\033[1m"
_CYAN: Final = "\033[36m"
_DIM: Final = "\033[2m"
_RESET: Final = "\033[0m"
_NO_SOURCE: Final = "input"
_PLACE: Final = re.compile(r"^(.*?):(\d+(?::\d+)?)$", re.DOTALL)  # `app.toml:3:5` -> file, `3:5`


def use_color(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    out: object = sys.stdout if stream is None else stream
    try:
        return bool(out.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # no stream (None), a closed one or one without a file
        return False


def pretty(invalid: Invalid, color: bool | None = None, *, kind: str = "error") -> str:
    """The issues grouped by source, each with a `help:` line when something was probably meant.

    `kind="warning"` renders lenient-mode warnings (see `Parsed.pretty`) the same way.
    """
    paint = use_color() if color is None else color

    def style(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if paint else text

    groups: dict[str, list[str]] = {}
    shown = invalid.issues[:_LINES_SHOWN]
    for issue in shown:
        source = _NO_SOURCE if issue.source is None else _source_text(issue.source)
        place = _PLACE.match(source)
        line = ""
        if place is not None:
            source, line = place.group(1), f"line {place.group(2)}: "
        lines = groups.setdefault(source, [])
        where = line + ("" if not issue.path else f"{style(_BOLD, issue.path_text)}: ")
        label = style(_RED if kind == "error" else _YELLOW, kind)
        lines.append(f"  {label}[{issue.code}] {where}{_one_line(issue.message, _MESSAGE_CHARS)}")
        if issue.suggestions:
            lines.append(f"    {style(_CYAN, 'help')}: {_did_you_mean(issue.suggestions)}")
    noun = "issue" if kind == "error" else kind
    out = [f"{_plural(len(invalid.issues), noun)}:"]
    for source, lines in groups.items():
        out.append(style(_DIM, f"in {source}:") if paint else f"in {source}:")
        out.extend(lines)
    rest = len(invalid.issues) - len(shown)
    if rest:
        out.append(f"... and {_plural(rest, 'more ' + noun)}")
    return "\n".join(out)


def flatten(invalid: Invalid) -> dict[str, object]:
    """`{"form": [...], "fields": {"server.port": [...]}}`: messages per field, for web forms.

    Issues of the input as a whole (an empty path) go to `form`; each message carries its
    "did you mean" and its source, as in `str(issue)`.
    """
    form: list[str] = []
    fields: dict[str, list[str]] = {}
    for issue in invalid.issues:
        text = _one_line(issue.message, _MESSAGE_CHARS)
        if issue.suggestions:
            text = f"{text}; {_did_you_mean(issue.suggestions)}"
        if issue.source is not None:
            text = f"{text} (from {_source_text(issue.source)})"
        if issue.path:
            fields.setdefault(issue.path_text, []).append(text)
        else:
            form.append(text)
    return {"form": form, "fields": fields}

"""Demo: mypy with the `validation.mypy` plugin on `plugin_typos.py`, and without it.

Run with `python examples/mypy_plugin_demo.py` (`make demo` does). mypy runs in this
process; its cache (`.mypy_cache` here) makes the second run of the demo fast.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import mypy.api

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "plugin_typos.py"


def check(*, plugin: bool) -> str:
    """mypy's report on the example file, with or without the plugin."""
    with tempfile.TemporaryDirectory() as directory:
        config = Path(directory) / "mypy.ini"
        plugins = "plugins = validation.mypy\n" if plugin else ""
        config.write_text(f"[mypy]\nstrict = True\n{plugins}", encoding="utf-8")
        cache = HERE.parent / ".mypy_cache" / ("demo-plugin" if plugin else "demo-plain")
        stdout, stderr, _ = mypy.api.run(
            ["--config-file", str(config), "--cache-dir", str(cache), "--no-pretty", "--no-color-output", str(EXAMPLE)]
        )
    return (stdout + stderr).replace(str(HERE) + "/", "examples/")


def main() -> None:
    print("== mypy --strict on examples/plugin_typos.py, no plugin ==")
    print(check(plugin=False), end="")
    print('== the same with plugins = ["validation.mypy"] ==')
    print(check(plugin=True), end="")


if __name__ == "__main__":
    main()

"""mypy on a 2 000-line module with the plugin (`validation.mypy`) and without it.

The module declares 120 `Options` classes and hands their parsers dict literals, the shape
of code the plugin reads: once all correct, once with a misspelt key per class (then the
plugin also pays for reporting 120 errors, which the run without it does not). Measures,
interleaved:

- `mypy process`: a whole `python -m mypy` run, as a developer or CI pays it, with the
  standard library and pydantic in a warm cache and the module itself changed before each
  run (so it is checked again). With the plugin, this includes importing it (and so
  `validation` and pydantic at run time);
- `in-process check`: `mypy.api.run` in this process, the plugin already imported, so only
  the checking itself differs.

Goal: with the plugin <= 1.2x without, for the whole process. Run with
`python bench/mypy_plugin_bench.py`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import mypy.api

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import measure

ROUNDS = 9
BLOCKS = 120


def module_source(blocks: int = BLOCKS, *, typos: bool = True) -> str:
    """17 lines per block: an `Options` class and parse calls, one with a misspelt key if `typos`."""
    parts = ["import validation", ""]
    key = "max_conucrrent_requests" if typos else "max_concurrent_requests"
    for n in range(blocks):
        parts.append(
            textwrap.dedent(
                f"""

                class Opts{n}(validation.Options):
                    host: str
                    port: int = {n}
                    max_concurrent_requests: int = 64
                    log_level: str = "info"


                def use{n}(data: dict[str, object]) -> None:
                    Opts{n}.parse(data)
                    Opts{n}.parse({{"host": "h", "port": {n}}})
                    Opts{n}.parse({{"host": "h", "{key}": {n}}})
                    Opts{n}(host="h").parse({{"host": "h", "log_level": "debug"}})
                    total = {n} + 1
                    assert total > 0
                """
            )
        )
    return "\n".join(parts)


class Setup:
    """One configuration (with or without the plugin): its directory, config, cache and module."""

    def __init__(self, root: Path, name: str, *, plugin: bool, typos: bool) -> None:
        self.directory = root / name
        self.directory.mkdir()
        self.config = self.directory / "mypy.ini"
        plugins = "plugins = validation.mypy\n" if plugin else ""
        self.config.write_text(f"[mypy]\n{plugins}", encoding="utf-8")
        self.module = self.directory / "big.py"
        self.source = module_source(typos=typos)
        self.runs = 0

    def args(self) -> list[str]:
        """The arguments of one run, the module changed first so that mypy checks it again."""
        self.runs += 1
        self.module.write_text(f"{self.source}\n# run {self.runs}\n", encoding="utf-8")
        cache = str(self.directory / ".mypy_cache")
        return ["--config-file", str(self.config), "--cache-dir", cache, "--no-error-summary", str(self.module)]

    def process(self) -> Callable[[], object]:
        def run() -> object:
            command = [sys.executable, "-m", "mypy", *self.args()]
            return subprocess.run(command, capture_output=True, check=False)

        return run

    def in_process(self) -> Callable[[], object]:
        return lambda: mypy.api.run(self.args())


def main() -> None:
    lines = module_source().count("\n") + 1
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        setups = {
            (plugin, typos): Setup(root, f"{plugin}-{typos}", plugin=plugin, typos=typos)
            for plugin in (False, True)
            for typos in (False, True)
        }
        for (plugin, typos), setup in setups.items():  # warm each cache; check what is reported
            report = mypy.api.run(setup.args())[0].splitlines()
            assert len(report) == (BLOCKS if plugin and typos else 0), report[:3]
        print(f"mypy on a {lines}-line module ({BLOCKS} Options classes, {4 * BLOCKS} parse calls)")
        for title, typos, run in (
            ("mypy process, no typo", False, Setup.process),
            ("in-process, no typo", False, Setup.in_process),
            (f"in-process, {BLOCKS} typos", True, Setup.in_process),
        ):
            cases = {"without plugin": run(setups[False, typos]), "with plugin": run(setups[True, typos])}
            ratios = measure(cases, baseline="without plugin", rounds=ROUNDS)
            print(f"  {title:<24} with/without plugin: {ratios['with plugin']:.2f}x (median of {ROUNDS} rounds)")


if __name__ == "__main__":
    main()

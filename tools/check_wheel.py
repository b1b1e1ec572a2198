"""Test what users install: build the wheel and sdist, then check them from outside the tree.

`make wheel` runs this. The source tree's own test run cannot see a file left out of the
wheel (a `py.typed`, a plugin module, a data file), because the packages are imported from
the tree. So this script:

1. builds the sdist and the wheel with hatchling (no network: the dev venv has it);
2. checks that the wheel carries every module of both packages, both `py.typed` markers
   and the licence, and that the sdist carries the licence;
3. installs the wheel alone into a scratch venv (`.venv-wheel`, reused between runs) and
   runs the runtime test suite from a copy of `tests/` in a temporary folder, so the
   source packages are not on the path (attrs does the same);
4. runs `pyright --verifytypes` on both installed packages and fails below 100 %.

Usage: python tools/check_wheel.py [--python EXE] [--floors] [--tests PATH ...] [--skip-tests] [--skip-types]

`--python` chooses the scratch venv's interpreter; `--floors` installs every dependency
the wheel declares (and every extra the tests use) at its declared floor instead of its
newest release, so a floor in pyproject.toml is a tested fact. One venv per pair, reused:
the same script serves the version matrix.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("either", "validation")
EXTRAS = "hypothesis,yaml,mypy,migrate"
# What the runtime tests import besides the wheel's extras (rustedpy/result: the codemod's fixture).
TEST_DEPS = ("pytest>=8,<10", "trio>=0.26,<1", "attrs>=23.1", "result>=0.17,<0.18")
# Copied beside the tests: examples and docs are read by some tests; pyproject holds pytest's config.
TEST_TREE = ("tests", "examples", "docs", "README.md", "pyproject.toml")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter for the scratch venv")
    parser.add_argument("--floors", action="store_true", help="install every dependency at its declared floor")
    parser.add_argument("--skip-tests", action="store_true", help="do not run the runtime test suite")
    parser.add_argument("--skip-types", action="store_true", help="do not run pyright --verifytypes")
    parser.add_argument("--tests", nargs="+", default=["tests"], help="test paths to run (default: tests)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eitherway-wheel-") as scratch:
        work = Path(scratch)
        wheel, sdist = build(work / "dist")
        problems = inspect_wheel(wheel) + inspect_sdist(sdist)
        if problems:
            for problem in problems:
                print(f"wheel: {problem}", file=sys.stderr)
            return 1
        python = install(wheel, Path(args.python), floors=args.floors)
        tree = copy_test_tree(work / "tree")
        check_imported_from_wheel(python, tree)
        run([str(python), "-c", VERSIONS])
        if not args.skip_tests:
            # The docs and packaging tests read the source tree: they run in the tree's own suite.
            # The mypy plugin's tests run here at the floors (the oldest mypy the extra allows),
            # and in the tree's suite at the newest.
            pytest = [str(python), "-m", "pytest", *args.tests, "-p", "no:cacheprovider"]
            pytest += ["--ignore=tests/test_docs.py", "--ignore=tests/test_packaging.py"]
            if not args.floors:
                pytest += ["--ignore=tests/validation/test_mypy_plugin.py"]
            run(pytest, cwd=tree)
        return 0 if args.skip_types else verify_types(python, work / "pyright")


def run(command: list[str], *, cwd: Path | None = None) -> None:
    print("+", " ".join(Path(part).name if part.startswith(str(ROOT)) else part for part in command), flush=True)
    environment = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "ci")}
    environment.pop("PYTHONPATH", None)
    subprocess.run(command, cwd=cwd, env=environment, check=True)


def build(outdir: Path) -> tuple[Path, Path]:
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(outdir), str(ROOT)])
    (wheel,) = outdir.glob("eitherway-*.whl")
    (sdist,) = outdir.glob("eitherway-*.tar.gz")
    return wheel, sdist


def source_files() -> set[str]:
    """Every file the two packages ship from the tree: modules, `py.typed`, data files."""
    found: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.add(path.relative_to(ROOT).as_posix())
    return found


def inspect_wheel(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    problems = [f"{name} is missing from {wheel.name}" for name in sorted(source_files() - names)]
    problems += [f"{package}/py.typed is missing" for package in PACKAGES if f"{package}/py.typed" not in names]
    if not any(name.endswith(".dist-info/licenses/LICENSE") for name in names):
        problems.append(f"{wheel.name} carries no LICENSE")
    return problems


def inspect_sdist(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[-1] for name in archive.getnames()}
    return [] if "LICENSE" in names else [f"{sdist.name} carries no LICENSE"]


def floor_pins() -> list[str]:
    """The wheel's dependencies and the tests' extras, each pinned to the newest patch of its floor.

    `anyio>=4.4,<5` becomes `anyio==4.4.*`; markers are kept. A requirement with no `>=`
    floor is refused: an unstated floor cannot be tested.
    """
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    declared = [*project["dependencies"], *(text for extra in EXTRAS.split(",") for text in extras[extra])]
    pins: list[str] = []
    for text in declared:
        requirement = Requirement(text)
        floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        if not floors:
            raise SystemExit(f"check_wheel: {text!r} in pyproject.toml declares no floor (>=) to test")
        release = [*floors[0].split("."), "0"][:2]
        marker = f"; {requirement.marker}" if requirement.marker else ""
        pins.append(f"{requirement.name}=={'.'.join(release)}.*{marker}")
    return pins


def install(wheel: Path, interpreter: Path, *, floors: bool) -> Path:
    """A scratch venv with this wheel installed; dependencies are reinstalled only when they change."""
    version = subprocess.run(
        [str(interpreter), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    scratch = ROOT / f".venv-wheel-py{version}{'-floors' if floors else ''}"
    python = scratch / "bin" / "python"
    stamp = scratch / ".deps-stamp"
    requirements = [f"{wheel}[{EXTRAS}]", *TEST_DEPS, *(floor_pins() if floors else ())]
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + " ".join(requirements[1:]).encode()).hexdigest()
    if not python.exists():
        run([str(interpreter), "-m", "venv", str(scratch)])
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not stamp.exists() or stamp.read_text() != wanted:
        run([*pip, *requirements])
        stamp.write_text(wanted)
    run([*pip, "--force-reinstall", "--no-deps", str(wheel)])
    return python


VERSIONS = """\
import importlib.metadata as metadata, sys
names = ("pydantic", "pydantic-core", "anyio", "typing-extensions", "hypothesis", "PyYAML", "libcst")
print("Python", sys.version.split()[0] + ":", ", ".join(f"{name} {metadata.version(name)}" for name in names))
"""


def copy_test_tree(tree: Path) -> Path:
    tree.mkdir()
    for name in TEST_TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        elif source.exists():
            shutil.copy2(source, tree / name)
    return tree


def check_imported_from_wheel(python: Path, tree: Path) -> None:
    """The copied tests must import the installed packages, never the source tree."""
    probe = (
        "import sys, either, validation\n"
        "for module in (either, validation):\n"
        "    if 'site-packages' not in module.__file__:\n"
        "        sys.exit(f'{module.__name__} was imported from {module.__file__}, not from the wheel')\n"
    )
    run([str(python), "-c", probe], cwd=tree)


def verify_types(python: Path, folder: Path) -> int:
    """`pyright --verifytypes` on each installed package; anything below 100 % fails."""
    folder.mkdir()
    pyright = Path(sys.executable).parent / "pyright"
    failed = 0
    for package in PACKAGES:
        command = [str(pyright), "--verifytypes", package, "--ignoreexternal", "--outputjson"]
        # pyright finds the installed packages through the first `python` on PATH.
        environment = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        environment.pop("VIRTUAL_ENV", None)
        print("+ pyright --verifytypes", package, "--ignoreexternal", flush=True)
        result = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True, check=False)
        report = json.loads(result.stdout)
        completeness = report["typeCompleteness"]
        score = completeness["completenessScore"]
        counts = completeness["exportedSymbolCounts"]
        exported = counts["withKnownType"] + counts["withAmbiguousType"] + counts["withUnknownType"]
        print(f"  {package}: {score:.1%} type-complete ({exported} exported symbols)")
        if exported == 0:
            print(f"  {package}: pyright found no exported symbols: is the package installed?", file=sys.stderr)
            failed = 1
        if score < 1:
            failed = 1
            for symbol in completeness["symbols"]:
                for diagnostic in symbol["diagnostics"]:
                    if diagnostic["severity"] == "error":
                        print(f"  {symbol['name']}: {diagnostic['message']}", file=sys.stderr)
    return failed


if __name__ == "__main__":
    sys.exit(main())

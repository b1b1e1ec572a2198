"""The pytest plugin (entry point `pytest11`) and `either.testing`, run through `pytester`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from either import Left, Right
from either._core import _set_tracing
from either._testing import ISSUES_SHOWN, explain
from either.testing import EitherAssertionError, assert_left, assert_right

INVALID_TEST = """
import validation
from either import Right

class Server(validation.Options):
    host: str
    port: int = 80

def test_parse():
    result = Server.parse({"hots": "example.org", "port": "eighty"})
    assert result == Right(3)
"""


def test_a_failed_comparison_shows_the_issues_one_per_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(INVALID_TEST)
    result = pytester.runpytest_inprocess("-p", "no:randomly")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E       AssertionError: assert Left(Invalid) with 2 issues == Right(3)",
            "E         left side:",
            "E           Left(Invalid) with 2 issues:",
            "E             port: expected *integer, got 'eighty' (str)",
            "E             hots: unknown key; did you mean 'host'?",
            "E         right side:",
            "E           Right(3)",
        ]
    )


def test_the_plugin_is_active_through_its_entry_point(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(INVALID_TEST)
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*hots: unknown key; did you mean 'host'?"])
    disabled = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:eitherway")
    disabled.assert_outcomes(failed=1)
    assert "left side:" not in disabled.stdout.str()


def test_the_output_is_bounded(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import validation
        from either import Right

        class Wide(validation.Options):
            a: int = 0

        def test_many():
            data = {f"key{i}" * 50: [i] * 1000 for i in range(1000)}
            data["a"] = "x" * 100_000
            assert Wide.parse(data) == Right(Wide())
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:randomly", "-vv")
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    # 1 000 unknown keys and a wrong value: 1 000 issues listed, the last one counted in a note.
    result.stdout.fnmatch_lines(["*Left(Invalid) with 1001 issues:", "*... and 981 more"])
    assert len(output) < 20_000


def test_other_comparisons_are_left_to_pytest(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from either import Left, Right

        def test_values():
            assert Right(1) == Right(2)

        def test_not_either():
            assert [1] == [2]

        def test_left_error():
            assert Left(ValueError("boom")) == Right(1)
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:randomly")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(["*assert Right(1) == Right(2)*", "*Left(ValueError('boom'))*"])


def test_trace_option_records_creation_sites_for_the_run(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import os
        from either import Left, Right

        def make():
            return Left("late")

        def test_traced():
            assert os.environ["EITHERWAY_TRACE"] == "1"
            assert "in make" in make().origin

        def test_shown():
            assert make() == Right(1)
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:randomly", "--eitherway-trace")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["eitherway: tracing where each Left is created*", "*(the Left was created at *in make)"]
    )
    assert Left("after").origin is None  # switched off again when the run ended


def test_trace_option_keeps_an_existing_setting(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EITHERWAY_TRACE", "yes")
    _set_tracing(True)
    try:
        pytester.makepyfile("def test_nothing():\n    pass\n")
        pytester.runpytest_inprocess("-p", "no:randomly", "--eitherway-trace").assert_outcomes(passed=1)
        assert Left("still").origin is not None
    finally:
        _set_tracing(False)
    import os

    assert os.environ["EITHERWAY_TRACE"] == "yes"


def test_without_the_option_nothing_is_traced(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("from either import Left\n\ndef test_plain():\n    assert Left(1).origin is None\n")
    result = pytester.runpytest_inprocess("-p", "no:randomly")
    result.assert_outcomes(passed=1)
    assert "eitherway: tracing" not in result.stdout.str()


def test_the_plugin_imports_neither_validation_nor_pydantic() -> None:
    code = "import sys, either._pytest_plugin; print([m for m in ('validation', 'pydantic') if m in sys.modules])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


# ---------------------------------------------------------------------- either.testing


def test_assert_right_returns_the_value() -> None:
    assert assert_right(Right(3)) == 3
    assert assert_left(Left("gone")) == "gone"


def test_assert_right_on_a_left_fails_readably() -> None:
    with pytest.raises(EitherAssertionError) as caught:
        assert_right(Left("no such user"))
    assert str(caught.value) == "expected a Right, got a Left:\n  Left('no such user')"
    assert isinstance(caught.value, AssertionError)


def test_assert_left_on_a_right_fails_readably() -> None:
    with pytest.raises(EitherAssertionError, match=r"expected a Left, got a Right:\n  Right\(3\)"):
        assert_left(Right(3))


def test_non_eithers_are_named() -> None:
    with pytest.raises(EitherAssertionError, match=r"got something else:\n  not an Either: 3 \(int\)"):
        assert_right(3)  # type: ignore[arg-type]


def test_assert_right_lists_the_issues_of_an_invalid() -> None:
    import validation

    class Server(validation.Options):
        host: str

    with pytest.raises(EitherAssertionError) as caught:
        assert_right(Server.parse({"hots": "a"}))
    assert str(caught.value).splitlines() == [
        "expected a Right, got a Left:",
        "  Left(Invalid) with 1 issue:",
        "    hots: unknown key; did you mean 'host'?",
    ]


def test_assert_helpers_work_under_python_dash_o() -> None:
    code = (
        "from either import Left\n"
        "from either.testing import EitherAssertionError, assert_right\n"
        "try:\n    assert_right(Left('x'))\nexcept EitherAssertionError as error:\n    print('raised')\n"
    )
    run = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert run.stdout.strip() == "raised", run.stderr


def test_explain_survives_hostile_values() -> None:
    class Loud:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    class BadIssues:
        issues = (Loud(),)

    assert explain(Right(10**5000))[0].startswith("Right(")
    assert explain(Left(Loud()))[0].startswith("Left(")
    assert len(explain(Left(BadIssues()))) == 1  # not an Invalid: no issue lines
    many = explain(Left("x" * 1_000_000))
    assert len(many[0]) < 500
    assert ISSUES_SHOWN == 20

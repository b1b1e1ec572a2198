"""The options demo prints the misspelt key with its suggestion, the same way every run."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "examples" / "options_demo.py"


def test_demo_prints_the_issue_and_its_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(DEMO), run_name="__main__")
    first = capsys.readouterr().out
    assert "max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?" in first
    assert "hunter2" not in first
    runpy.run_path(str(DEMO), run_name="__main__")
    assert capsys.readouterr().out == first

"""`make demo` keeps working: the demo runs and prints each outcome."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_demo_runs_and_prints_every_outcome() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "welcome ada@example.com" in out
    assert "wrong password for ada@example.com" in out
    assert "account bob@example.com was deleted" in out
    assert "no account for eve@example.com" in out
    assert "Left(NonEmpty(WrongPassword(email='ada@example.com'), NotFound(email='eve@example.com')))" in out
    assert "'grace': email: 'grace' has no @; password: shorter than 8 characters" in out
    assert "handling POST /login\n  Caused by:\n      0: logging in eve@example.com" in out
    assert "user 2: ok, Alan (user 2) after 3 calls" in out
    assert "user 5: gave up after 3 calls (Timeout, Timeout, Timeout)" in out
    assert "max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?" in out
    assert "hunter2" not in out  # the database password is a Secret
    assert "APP_RETRY_BACKOFF: unknown key" in out
    assert "help: did you mean 'APP_RETRY__BACKOFF'?" in out
    assert "retry.atempts: unknown key" in out
    assert "env APP_RETRY__ATTEMPTS  retry.attempts = 5" in out

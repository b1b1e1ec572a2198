"""`make demo`: runs each example program in turn."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import config_demo
import fetch_profile
import login
import options_demo


def main() -> None:
    login.main()
    print("== async: fetch profiles with a timeout and a retry ==")
    fetch_profile.main()
    print("== validation: a misspelt option fails when it is read ==")
    options_demo.main()
    print("== validation: options from a TOML file and env, one typo in each ==")
    config_demo.main()


if __name__ == "__main__":
    main()

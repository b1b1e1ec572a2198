"""Assertions for tests of code that returns `Either`: the value back, typed, or a readable failure.

>>> from either import Right
>>> from either.testing import assert_right
>>> assert_right(Right(3)) + 1
4

With eitherway installed, its pytest plugin also makes a failed `assert result == Right(3)`
show a `Left`'s error readably (an `Invalid`'s issues one per line), and adds the option
`--eitherway-trace` to record where each `Left` was created for the run.
"""

from either._testing import EitherAssertionError, assert_left, assert_right

__all__ = ["EitherAssertionError", "assert_left", "assert_right"]

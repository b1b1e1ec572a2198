"""Hypothesis strategies for your own option classes: valid maps, maps with a typo, maps with a wrong value.

Install the `hypothesis` extra. `st.from_type(AppOptions)` draws valid instances once
`validation` and Hypothesis are both imported (eitherway registers `Options` through
Hypothesis' entry point).

>>> import validation
>>> from hypothesis import given
>>> from validation.strategies import typos
>>> class Server(validation.Options):
...     host: str = "localhost"
...     max_connections: int = 64
>>> @given(typos(Server))
... def test_typos_are_caught(typo):
...     issues = Server.parse(typo.data).unwrap_left().issues
...     assert any(typo.original_key in issue.suggestions for issue in issues if issue.path == typo.path)
>>> test_typos_are_caught()
"""

from validation._strategies import Typo, WrongValue, invalid, misspellings, typos, valid

__all__ = ["Typo", "WrongValue", "invalid", "misspellings", "typos", "valid"]

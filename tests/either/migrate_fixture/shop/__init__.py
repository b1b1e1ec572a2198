"""A small shop written against rustedpy/result, migrated by `python -m either.migrate` in the tests."""

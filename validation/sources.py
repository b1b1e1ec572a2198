"""Where options come from: environment variables, `.env` files, TOML/JSON/YAML files, mappings.

Each function returns a `Source`; nothing is read until `AppOptions.load(*sources)` (or
`validation.load(T, *sources)`) reads them in order, merges them (later sources win per
key, nested maps merge) and parses once. Every mistake is an issue named by where it was
written, with a suggestion:

>>> import validation
>>> from validation import sources
>>> class Retry(validation.Options):
...     attempts: int = 3
>>> class App(validation.Options):
...     port: int = 80
...     retry: Retry = Retry()
>>> environ = {"APP_PORT": "8080", "APP_RETRY__ATEMPTS": "5", "HOME": "/home/ada"}
>>> print(App.load(sources.values({"port": 81}), sources.env("APP_", environ=environ)).unwrap_left())
APP_RETRY__ATEMPTS: unknown key; did you mean 'APP_RETRY__ATTEMPTS'? (from env)
"""

from validation._sources import Source, dotenv, env, file, values

__all__ = ["Source", "dotenv", "env", "file", "values"]

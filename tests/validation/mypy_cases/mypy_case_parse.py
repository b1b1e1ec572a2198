"""`validation.parse(T, {...})` for Options, dataclasses, attrs classes, TypedDicts and pydantic models."""

from __future__ import annotations

from models import Aliased, AnnotatedAlias, AnnotatedPage, AppOptions, Configured, Job, Page, Point, User

import validation


def cases() -> None:
    validation.parse(AppOptions, {"host": "h", "prot": 1})  # E: Unknown key "prot" for "AppOptions"; did you mean "port"?  [option-key]
    validation.parse(Page, {"sise": 1})  # E: Unknown key "sise" for "Page"; did you mean "size"?  [option-key]
    validation.parse(Page, {"size": "big"})  # E: Invalid value for "size" of "Page": expected int, got "big" (str)  [option-value]
    validation.parse(Job, {"nmae": "x"})  # E: Unknown key "nmae" for "Job"; did you mean "name"?  [option-key]
    validation.parse(Job, {"name": "x", "secret": "s"})
    validation.parse(Point, {"x": 1, "y": 2, "lable": "p"})  # E: Unknown key "lable" for "Point"; did you mean "label"?  [option-key]
    validation.parse(User, {"name": "n", "aeg": 3})  # E: Unknown key "aeg" for "User"; did you mean "age"?  [option-key]
    # pydantic validates by alias: the alias is the key.
    validation.parse(Aliased, {"fullName": "n"})
    validation.parse(Aliased, {"full_name": "n"})  # E: Unknown key "full_name" for "Aliased"; did you mean "fullName"?  [option-key]
    validation.parse(AnnotatedAlias, {"fullName": "n", "age": 3})
    validation.parse(AnnotatedAlias, {"full_name": "n"})  # E: Unknown key "full_name" for "AnnotatedAlias"; did you mean "fullName"?  [option-key]
    validation.parse(AnnotatedPage, {"pageSize": 1})
    validation.parse(AnnotatedPage, {"page_size": 1})  # E: Unknown key "page_size" for "AnnotatedPage"; did you mean "pageSize"?  [option-key]
    validation.parse(Configured, {"anything": 1})
    # `open=True` keeps unknown keys: only the declared ones are checked.
    validation.parse(Page, {"sise": 1, "size": "big"}, open=True)  # E: Invalid value for "size" of "Page": expected int, got "big" (str)  [option-value]
    validation.parse(int, {"a": 1})
    validation.parse(list[int], {"a": 1})

"""either beside rustedpy/result, dry-python/returns and plain Python, in one process.

Run with `make bench` (or `python bench/either_bench.py`). Prints median ratios; the goals
from the issue are printed beside the measured value. Nothing here is asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import result as rs
from returns.result import Failure, Success

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import compare, ratio

import either
from either import Bind, Left, NonEmpty, Right


class Slotted:
    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


# ---- steps for each library: add one, or fail ---------------------------------------------
def ew_ok(x: int) -> Right[int]:
    return Right(x + 1)


def ew_fail(x: int) -> Left[str]:
    return Left("failed")


def rs_ok(x: int) -> rs.Ok[int]:
    return rs.Ok(x + 1)


def rs_fail(x: int) -> rs.Err[str]:
    return rs.Err("failed")


def rt_ok(x: int) -> Success[int]:
    return Success(x + 1)


def rt_fail(x: int) -> Failure[str]:
    return Failure("failed")


def plain_ok(x: int) -> tuple[bool, int]:
    return True, x + 1


def plain_fail(x: int) -> tuple[bool, str]:
    return False, "failed"


class StepFailedError(Exception):
    pass


def raise_ok(x: int) -> int:
    return x + 1


def raise_fail(x: int) -> int:
    raise StepFailedError("failed")


def ew_chain(first):  # type: ignore[no-untyped-def]
    def run() -> object:
        return (
            Right(0).bind(first).bind(ew_ok).bind(ew_ok).bind(ew_ok).bind(ew_ok)
            .bind(ew_ok).bind(ew_ok).bind(ew_ok).bind(ew_ok).bind(ew_ok)
        )  # fmt: skip

    return run


def rs_chain(first):  # type: ignore[no-untyped-def]
    def run() -> object:
        return (
            rs.Ok(0).and_then(first).and_then(rs_ok).and_then(rs_ok).and_then(rs_ok).and_then(rs_ok)
            .and_then(rs_ok).and_then(rs_ok).and_then(rs_ok).and_then(rs_ok).and_then(rs_ok)
        )  # fmt: skip

    return run


def rt_chain(first):  # type: ignore[no-untyped-def]
    def run() -> object:
        return (
            Success(0).bind(first).bind(rt_ok).bind(rt_ok).bind(rt_ok).bind(rt_ok)
            .bind(rt_ok).bind(rt_ok).bind(rt_ok).bind(rt_ok).bind(rt_ok)
        )  # fmt: skip

    return run


def plain_chain(first):  # type: ignore[no-untyped-def]
    def run() -> object:
        ok, v = first(0)
        if not ok:
            return v
        for _ in range(9):
            ok, v = plain_ok(v)
            if not ok:
                return v
        return v

    return run


def raise_chain(first):  # type: ignore[no-untyped-def]
    def run() -> object:
        try:
            v = first(0)
            for _ in range(9):
                v = raise_ok(v)
            return v
        except StepFailedError as exc:
            return exc

    return run


@either.do
def ew_do(bind: Bind[str]) -> int:
    v = bind(ew_ok(0))
    v = bind(ew_ok(v))
    v = bind(ew_ok(v))
    v = bind(ew_ok(v))
    v = bind(ew_ok(v))
    v = bind(ew_ok(v))
    v = bind(ew_ok(v))
    v = bind(ew_ok(v))
    v = bind(ew_ok(v))
    return bind(ew_ok(v))


def rs_do() -> object:
    return rs.do(
        rs.Ok(j)
        for a in rs_ok(0)
        for b in rs_ok(a)
        for c in rs_ok(b)
        for d in rs_ok(c)
        for e in rs_ok(d)
        for f in rs_ok(e)
        for g in rs_ok(f)
        for h in rs_ok(g)
        for i in rs_ok(h)
        for j in rs_ok(i)
    )


def plain_do() -> object:
    r = ew_ok(0)
    for _ in range(9):
        if r.__class__ is not Right:
            return r
        r = ew_ok(r.value)
    return r


R1, R2, R3, R4, R5 = (Right(n) for n in range(5))


@either.do
def ew_five_binds(bind: Bind[NonEmpty[str]]) -> int:
    a = bind(R1)
    b = bind(R2)
    c = bind(R3)
    d = bind(R4)
    e = bind(R5)
    return a + b + c + d + e


@either.do
def ew_bind_all(bind: Bind[NonEmpty[str]]) -> int:
    a, b, c, d, e = bind.all(R1, R2, R3, R4, R5)
    return a + b + c + d + e


def main() -> None:
    assert ew_chain(ew_ok)() == Right(10)
    assert ew_do() == Right(10)
    assert rs_do() == rs.Ok(10)
    assert ew_bind_all() == ew_five_binds() == Right(10)
    build = compare(
        "construct a success value",
        {
            "either Right(x)": lambda: Right(1),
            "result Ok(x)": lambda: rs.Ok(1),
            "returns Success(x)": lambda: Success(1),
            "slotted class": lambda: Slotted(1),
        },
        baseline="slotted class",
    )
    ok = compare(
        "10x bind, every step succeeds",
        {
            "either .bind": ew_chain(ew_ok),
            "result .and_then": rs_chain(rs_ok),
            "returns .bind": rt_chain(rt_ok),
            "plain if-checks": plain_chain(plain_ok),
            "plain try/except": raise_chain(raise_ok),
        },
        baseline="plain if-checks",
    )
    fail = compare(
        "10x bind, step 1 fails",
        {
            "either .bind": ew_chain(ew_fail),
            "result .and_then": rs_chain(rs_fail),
            "returns .bind": rt_chain(rt_fail),
            "plain if-checks": plain_chain(plain_fail),
            "plain raise/catch": raise_chain(raise_fail),
        },
        baseline="plain if-checks",
    )
    do = compare(
        "do-block with 10 binds",
        {
            "either.do": ew_do,
            "result.do (generator)": rs_do,
            "plain if-checks": plain_do,
        },
        baseline="plain if-checks",
    )
    accumulate = compare(
        "do-block: bind.all of 5 results vs five single binds",
        {"bind.all(r1, ..., r5)": ew_bind_all, "five bind(r)": ew_five_binds},
        baseline="five bind(r)",
    )
    print("\ngoals (ours / peer):")
    print(
        f"  construction vs result.Ok          {ratio(build, 'either Right(x)', 'result Ok(x)'):5.2f}x  (goal <= 1.15)"
    )
    print(f"  10x bind ok vs result              {ratio(ok, 'either .bind', 'result .and_then'):5.2f}x  (goal <= 1.0)")
    print(
        f"  10x bind fail vs result            {ratio(fail, 'either .bind', 'result .and_then'):5.2f}x  (goal <= 1.0)"
    )
    print(f"  10x bind ok vs returns             {ratio(ok, 'either .bind', 'returns .bind'):5.2f}x  (goal <= 0.35)")
    print(f"  10x bind fail vs returns           {ratio(fail, 'either .bind', 'returns .bind'):5.2f}x  (goal <= 0.35)")
    print(f"  do-block vs result.do             {ratio(do, 'either.do', 'result.do (generator)'):5.2f}x  (goal <= 0.5)")
    print(f"  do-block vs plain if-checks       {do['either.do']:5.2f}x  (goal <= 3)")
    print(f"  bind.all of 5 vs five binds       {accumulate['bind.all(r1, ..., r5)']:5.2f}x  (goal <= 1.5)")


if __name__ == "__main__":
    main()

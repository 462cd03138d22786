"""Time grows linearly with input size: a ratio of times between two sizes in one run.

Never an absolute number of seconds (these machines are noisy): the time at FACTOR times
the size must stay under SLACK x FACTOR the time at the base size. A quadratic path
gives FACTOR x FACTOR (64 at 8x), a linear one about FACTOR.
"""

from __future__ import annotations

import time

FACTOR = 8
SLACK = 3.0
FLOOR = 0.02  # seconds: smaller base times are noise, and compared as if this long


def timed(run, arg) -> float:
    start = time.perf_counter()
    run(arg)
    return time.perf_counter() - start


def assert_linear(make, run, base: int, factor: int = FACTOR, tries: int = 2) -> tuple[float, float]:
    """make(size) -> input; run(input) does the work. Fails when time grows faster than linearly.

    Each input is run once, fresh (a repeat would hit caches such as spaCy's tokenizer's);
    a noisy machine gets a second try before the test fails.
    """
    run(make(max(base // 2, 1)))  # warm: first-use costs (pipelines) are no part of the slope
    for attempt in range(tries):
        # new sizes on a retry: the same input again would be served from caches
        small = timed(run, make(base + attempt))
        large = timed(run, make(base * factor + attempt))
        if large <= SLACK * factor * max(small, FLOOR):
            return small, large
    raise AssertionError(f"time grew {large / max(small, 1e-9):.1f}x for {factor}x the input "
                         f"({small:.3f}s at {base}, {large:.3f}s at {base * factor})")

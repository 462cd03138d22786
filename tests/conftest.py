import pytest

import chatlint


@pytest.fixture(scope="session")
def linter():
    return chatlint.default_linter()


def pytest_terminal_summary(terminalreporter):
    """The fuzz counts (tests/fuzzing.py): cases tried, crashes, hangs, lines lost, per input class."""
    import sys

    fuzzing = sys.modules.get("fuzzing")
    if fuzzing is None or not fuzzing.STATS:
        return
    write = terminalreporter.write_line
    write("")
    write("fuzz: class            cases  crashes  hangs  lines lost")
    total = {"cases": 0, "crashes": 0, "hangs": 0, "lines lost": 0}
    for kind, counts in sorted(fuzzing.STATS.items()):
        write(f"fuzz: {kind:<16} {counts['cases']:>6} {counts['crashes']:>8} {counts['hangs']:>6} "
              f"{counts['lines lost']:>11}")
        for key in total:
            total[key] += counts[key]
    write(f"fuzz: {'total':<16} {total['cases']:>6} {total['crashes']:>8} {total['hangs']:>6} "
          f"{total['lines lost']:>11}")

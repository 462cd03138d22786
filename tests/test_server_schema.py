"""Schemathesis against the server's own OpenAPI description: valid requests succeed and
answer what the description says; invalid ones (wrong types, missing fields) get a 4xx,
never a 500."""

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

import chatlint  # noqa: E402
from chatlint.server.app import create_app  # noqa: E402

# schemathesis calls the app as host "testserver": allowed here as the address the server was given
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(chatlint.default_linter(),
                                                                   allowed_hosts=["testserver"]))


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_description(case):
    excluded = []
    if case.path == "/v2/check":
        # LanguageTool's form has rules between parameters that a schema does not state (text or
        # data, not both; enabledOnly needs enabledRules): a form the schema allows may still be a
        # 400. Everything else holds: no 500, documented statuses, content types and shapes.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(excluded_checks=excluded)

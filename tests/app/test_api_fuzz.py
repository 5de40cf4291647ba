"""Property-based requests against the OpenAPI document (schemathesis): no input makes the API fail with a 500.

Schemathesis's pytest plugin does not load under this pytest, so its strategies are driven by
hypothesis directly, operation by operation.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis", reason="install the dev extra: pip install 'strategiqa[dev]'")


def test_no_generated_request_makes_the_api_fail(live_server: str) -> None:
    schema = schemathesis.openapi.from_url(live_server + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(timeout=60)
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            assert "Traceback" not in response.text

        check()

"""JSON output: one object per checked reply."""

from __future__ import annotations

import json


def result_json(result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)

"""The one configured cattrs converter, shared by the runtime and the build."""

from __future__ import annotations

import datetime

import cattrs


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=False)
    conv.register_structure_hook(
        datetime.date, lambda value, _: datetime.date.fromisoformat(value)
    )
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    return conv


converter = _make_converter()

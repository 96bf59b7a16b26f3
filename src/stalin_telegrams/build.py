"""Deprecated name of the offline pipeline: use ``python -m stalin_telegrams.pipeline``.

``python -m stalin_telegrams.build`` still runs the pipeline, with a note on
standard error; it will be removed in 0.4.0.

.. deprecated:: 0.3.0
   Renamed :mod:`stalin_telegrams.pipeline`.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence

#: What the old name says when it is run.
DEPRECATED = (
    "note: python -m stalin_telegrams.build is deprecated and will be removed in 0.4.0;"
    " use python -m stalin_telegrams.pipeline"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m stalin_telegrams.pipeline`` after a note that this name is deprecated."""
    print(DEPRECATED, file=sys.stderr)
    from .pipeline.__main__ import main as pipeline_main  # noqa: PLC0415 - only when run

    return pipeline_main(argv)


if __name__ == "__main__":
    sys.exit(main())
else:
    warnings.warn(DEPRECATED.removeprefix("note: "), DeprecationWarning, stacklevel=2)

"""The cycle collector, paused while the package makes many objects that are not garbage."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector while a step makes its objects; restore it as it was.

    Loading the corpus, or searching it for pairs, makes tens of thousands
    of new objects, none in a cycle that outlives the step: every collection
    that their making would set off walks them, and every object the
    program holds, for nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What the step made and keeps is long-lived: put it, with every
        # other object tracked, in the oldest generation at once (freeze,
        # then unfreeze), rather than let the next young collections walk
        # it all. Unless the program froze objects itself: unfreezing would
        # undo that.
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()

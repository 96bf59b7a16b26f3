"""Import an optional dependency, or say which extra installs it."""

from __future__ import annotations

import importlib
from types import ModuleType

from .exceptions import MissingExtraError

#: The distribution name, as ``pip install`` takes it.
DISTRIBUTION = "stalin-telegrams"


def require(module: str, extra: str, needed_by: str) -> ModuleType:
    """Return the imported *module*, an optional dependency of *needed_by*.

    Raises:
        MissingExtraError: The module is not installed; the message names
            the pip commands that install *extra*, from PyPI, from a
            checkout and from a wheel.
    """
    try:
        return importlib.import_module(module)
    except ImportError as err:
        top = module.split(".", maxsplit=1)[0]
        msg = (
            f"{needed_by} needs {top}, which is not installed; install it with:"
            f" pip install '{DISTRIBUTION}[{extra}]'"
            f" (from a checkout: pip install -e '.[{extra}]'; from a wheel:"
            f" pip install 'PATH/TO/WHEEL.whl[{extra}]')"
        )
        raise MissingExtraError(msg) from err

"""Tests for stalin_telegrams._extras: optional dependencies."""

from __future__ import annotations

import subprocess
import sys

import pytest

from stalin_telegrams._extras import require
from stalin_telegrams.exceptions import MissingExtraError, StalinTelegramsError


class TestRequire:
    """require() imports a module or names the extra that installs it."""

    def test_installed(self) -> None:
        """An installed module is returned."""
        assert sys.modules["json"] is require("json", "none", "test")

    def test_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A missing module raises MissingExtraError with the install commands."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
        with pytest.raises(MissingExtraError) as caught:
            require("pyarrow.parquet", "arrow", "to_parquet()")
        expected = (
            "to_parquet() needs pyarrow, which is not installed; install it with:"
            " pip install 'stalin-telegrams[arrow]' (from a checkout: pip install -e '.[arrow]';"
            " from a wheel: pip install 'PATH/TO/WHEEL.whl[arrow]')"
        )
        assert expected == str(caught.value)
        assert isinstance(caught.value, ImportError | StalinTelegramsError)


class TestImportIsLight:
    """Importing the package loads none of the export dependencies."""

    def test_no_export_modules_on_import(self) -> None:
        """pyarrow, polars, sqlite3, xml and the export engines stay unloaded."""
        code = (
            "import sys, stalin_telegrams\n"
            "heavy = ('pyarrow', 'polars', 'sqlite3', 'xml', 'csv', 'pandas')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
            "engines = ('_arrow', '_polars', '_sqlite', '_cmif', '_datapackage', '_relational')\n"
            "print(sorted(m for m in sys.modules if m.rsplit('.', 1)[-1] in engines))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "[]\n[]\n" == out

"""The package's names: every public name importable, the costly ones loaded on first use."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import stalin_telegrams


class TestNames:
    """__all__ lists the public names, and each of them resolves."""

    def test_all_sorted(self) -> None:
        """__all__ is sorted."""
        assert sorted(stalin_telegrams.__all__) == stalin_telegrams.__all__

    @pytest.mark.parametrize("name", stalin_telegrams.__all__)
    def test_resolves(self, name: str) -> None:
        """Every name of __all__ is an attribute of the package, and in dir()."""
        assert getattr(stalin_telegrams, name) is not None
        assert name in dir(stalin_telegrams)

    def test_unknown_name(self) -> None:
        """Any other name is an AttributeError naming the package."""
        with pytest.raises(
            AttributeError, match=r"module 'stalin_telegrams' has no attribute 'Pairs'"
        ):
            stalin_telegrams.Pairs  # noqa: B018 - the lookup is the test

    def test_lazy_name_is_the_module_name(self) -> None:
        """A lazily loaded name is the object of the module that defines it."""
        from stalin_telegrams import _duplicates

        assert _duplicates.word_diff is stalin_telegrams.word_diff

    @pytest.mark.parametrize("name", ["Pair", "DiffChunk", "WordDiff"])
    def test_old_paths(self, name: str) -> None:
        """The records 0.2.0 defined in _duplicates can still be imported from there."""
        from stalin_telegrams import _duplicates

        assert getattr(stalin_telegrams, name) is getattr(_duplicates, name)

    @pytest.mark.parametrize("module", ["_duplicates", "_model"])
    def test_pickle_of_an_earlier_pair_loads(self, module: str) -> None:
        """A Pair pickled by 0.2.0 (class in _duplicates) or 0.3 and 0.4 (in _model) loads."""
        corpus = stalin_telegrams.load()
        pair = stalin_telegrams.Pair(corpus[0], corpus[1], 0.5, "same-matter")
        now = pickle.dumps(pair, protocol=0)
        old = now.replace(
            b"stalin_telegrams._records\nPair", f"stalin_telegrams.{module}\nPair".encode()
        )
        assert old != now
        assert pair == pickle.loads(old)  # noqa: S301 - a pickle this test made

    @pytest.mark.parametrize(
        "name", ["IncomingMessage", "IndexEntry", "Name", "Pair", "PairKind", "ResponseTime"]
    )
    def test_paths_of_0_4(self, name: str) -> None:
        """The records 0.3 and 0.4 defined in _model can still be imported from there."""
        from stalin_telegrams import _model, _records

        assert getattr(_records, name) is getattr(_model, name)

    def test_unknown_name_of_model(self) -> None:
        """Any other name is missing from _model, as from any module."""
        from stalin_telegrams import _model

        with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
            _model.Nothing  # noqa: B018 - the lookup is what is tested

    def test_loaded_on_first_use(self) -> None:
        """The loader and the duplicates engine are imported when a name of theirs is first used."""
        code = (
            "import sys, stalin_telegrams as s\n"
            "names = ('stalin_telegrams._load', 'stalin_telegrams._duplicates')\n"
            "before = [m in sys.modules for m in names]\n"
            "s.load; s.word_diff\n"
            "print(before, [m in sys.modules for m in names])\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[False, False] [True, True]" == done.stdout.strip()

    @pytest.mark.parametrize("enabled", [True, False])
    def test_cycle_collector_state_kept(self, enabled: bool) -> None:
        """The cycle collector, paused while a name's module is imported, is left as it was."""
        code = (
            "import gc, stalin_telegrams as s\n"
            f"gc.{'enable' if enabled else 'disable'}()\n"
            "s.load; s.Corpus\n"
            "print(gc.isenabled())\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert str(enabled) == done.stdout.strip()

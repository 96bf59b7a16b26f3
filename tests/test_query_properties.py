"""Property tests of filter_by(): criteria combine with AND."""

from __future__ import annotations

from hypothesis import given

from stalin_telegrams import filter_by, load
from tests import strategies


class TestFilterByProperties:
    """filter_by() with several criteria is the intersection of each alone."""

    @given(strategies.recipients, strategies.years, strategies.months)
    def test_and(self, recipient: str, year: int, month: int) -> None:
        """Combining criteria selects exactly the messages every criterion selects."""
        both = filter_by(recipient=recipient, year=year, month=month)
        alone = [
            set(filter_by(recipient=recipient).ids),
            set(filter_by(year=year).ids),
            set(filter_by(month=month).ids),
        ]
        assert set.intersection(*alone) == set(both.ids)
        assert [m.number for m in both] == sorted(m.number for m in both)

    @given(strategies.recipients)
    def test_recipient_selects_in_volume_order(self, recipient: str) -> None:
        """A recipient selects every message addressed to them, and only those, in volume order."""
        expected = [m.id for m in load() if recipient in m.recipients]
        assert expected == list(filter_by(recipient=recipient).ids)

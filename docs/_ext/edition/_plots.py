"""The pictures of the reading room, drawn from the corpus with matplotlib when the docs are built.

Each function takes the messages and a path, draws one PNG file and
replaces the file only when its bytes change (so that Sphinx copies it
again only then). matplotlib is imported here alone, with the Agg backend:
no window, no font download, the same bytes from the same data.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from stalin_telegrams import Corpus, Message
from stalin_telegrams._dates import MONTHS

#: A group with fewer messages than this is drawn as "others".
SMALL_GROUP = 5
#: Colours told apart by readers with any common colour blindness (Okabe and Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
#: The last month of a year.
DECEMBER = 12
#: Pixels per inch of the PNG files: sharp on a high-density screen.
DPI = 150


def _day_month_year(value: float, _position: int | None = None) -> str:
    """Return a date axis's tick as ``"16 Feb 1943"``, whatever the locale (not ``%b``)."""
    date = mdates.num2date(value)
    return f"{date.day} {MONTHS[date.month - 1][:3]} {date.year}"


def month_range(dates: Iterable[datetime.date]) -> list[datetime.date]:
    """Return the first day of every month from the earliest of *dates* to the latest.

    >>> dates = [datetime.date(1941, 12, 5), datetime.date(1942, 2, 1)]
    >>> [d.isoformat() for d in month_range(dates)]
    ['1941-12-01', '1942-01-01', '1942-02-01']
    """
    dates = list(dates)
    if not dates:
        return []
    first, last = min(dates), max(dates)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == DECEMBER else (year, month + 1)
    return months


def timeline_counts(
    messages: Iterable[Message], group_of: Callable[[Message], str]
) -> tuple[list[datetime.date], dict[str, list[int]]]:
    """Count dated messages per month and group.

    Args:
        messages: The messages to count; undated ones are left out.
        group_of: The group of a message (its correspondents, joined).

    Returns:
        The months, first days, in order; and for each group, largest first
        with the small groups gathered as ``"others"`` last, its count in
        each month.
    """
    dated = [m for m in messages if m.date is not None]
    months = month_range(m.date for m in dated if m.date is not None)
    totals = Counter(group_of(m) for m in dated)
    big = [g for g, n in sorted(totals.items(), key=lambda i: (-i[1], i[0])) if n >= SMALL_GROUP]
    groups = [*big, "others"] if len(big) < len(totals) else big
    position = {month: i for i, month in enumerate(months)}
    counts = {group: [0] * len(months) for group in groups}
    for message in dated:
        if message.date is None:
            continue
        group = group_of(message)
        key = group if group in counts else "others"
        counts[key][position[message.date.replace(day=1)]] += 1
    return months, counts


def save_png(figure: plt.Figure, path: Path) -> bool:
    """Write *figure* to *path* as PNG unless the file already has those bytes.

    Returns:
        True if the file was written.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(figure)
    data = buffer.getvalue()
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def draw_timeline(
    messages: Sequence[Message],
    path: Path,
    correspondents: Callable[[Message], tuple[str, ...]],
) -> bool:
    """Draw the messages per month as stacked bars, one colour per correspondent.

    A message to two leaders at once is its own group ("Churchill and
    Roosevelt", whatever the order of its heading), so that each message
    is counted once.

    Returns:
        True if the file was written.
    """
    months, counts = timeline_counts(messages, lambda m: " and ".join(sorted(correspondents(m))))
    figure, axes = plt.subplots(figsize=(10, 3.6), layout="constrained")
    bottom = [0] * len(months)
    for colour, (group, values) in zip(PALETTE, counts.items(), strict=False):
        axes.bar(months, values, width=25, bottom=bottom, color=colour, label=group, align="edge")
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    axes.xaxis.set_major_locator(mdates.YearLocator())
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.xaxis.set_minor_locator(mdates.MonthLocator())
    axes.set_ylabel("messages per month")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, ncols=3, fontsize="small", loc="upper left")
    axes.margins(x=0.01)
    return save_png(figure, path)


def draw_thread(
    thread: Sequence[Message],
    links: Iterable[tuple[str, str, str]],
    lane_of: Callable[[Message], str],
    path: Path,
) -> bool:
    """Draw a thread: its messages by date, one lane per sender and recipients, and their links.

    Args:
        thread: The messages of the thread, in date order.
        links: ``(from id, to id, kind)``: ``"names"`` for a message that
            names another (an arrow to the one named), ``"copy"`` for two
            messages with the same text (a dashed line).
        lane_of: The lane of a message, its label ("Stalin to Churchill").
        path: Where to write the PNG file.

    Returns:
        True if the file was written.
    """
    lanes = list(dict.fromkeys(lane_of(m) for m in thread))
    where = {
        m.id: (mdates.date2num(m.date), lanes.index(lane_of(m)))
        for m in thread
        if m.date is not None
    }
    figure, axes = plt.subplots(figsize=(8, 0.9 + 0.55 * len(lanes)), layout="constrained")
    for first, second, kind in links:
        if first not in where or second not in where:
            continue
        (x1, y1), (x2, y2) = where[first], where[second]
        if kind == "copy":
            axes.plot([x1, x2], [y1, y2], linestyle="--", color=PALETTE[6], zorder=1)
        else:
            axes.annotate(
                "",
                xy=(x2, y2),
                xytext=(x1, y1),
                arrowprops={"arrowstyle": "->", "color": PALETTE[0], "shrinkA": 6, "shrinkB": 6},
                zorder=1,
            )
    for message in thread:
        if message.id in where:
            x, y = where[message.id]
            axes.scatter([x], [y], s=60, color=PALETTE[1], zorder=2)
            axes.annotate(
                f"No. {message.number}",
                (x, y),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize="small",
            )
    axes.set_yticks(range(len(lanes)), lanes)
    axes.set_ylim(-0.6, len(lanes) - 0.3)
    days = [x for x, _ in where.values()]
    # A few days either side, so that a thread of one day has a date axis too.
    axes.set_xlim(min(days) - 3, max(days) + 3)
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=6))
    axes.xaxis.set_major_formatter(FuncFormatter(_day_month_year))
    axes.spines[["top", "right", "left"]].set_visible(False)
    return save_png(figure, path)


def response_times(corpus: Corpus) -> list[tuple[datetime.date, int, str]]:
    """Return the answers whose message answered has a date, with the days they took.

    Args:
        corpus: The corpus, with its incoming messages.

    Returns:
        ``(date of the answer, days since the message answered, its authors
        in alphabetical order)``
        for each dated printed message and each dated message in its
        :attr:`~stalin_telegrams.Message.in_reply_to`, printed or incoming,
        in corpus order.
    """
    # Sorted, so that one pair of authors is one group whichever signs first.
    dates: dict[str, tuple[datetime.date | None, str]] = {
        record.id: (record.date, " and ".join(sorted(record.authors)))
        for record in corpus.incoming()
    }
    dates.update((m.id, (m.date, " and ".join(sorted(m.senders)))) for m in corpus)
    out = []
    for message in corpus:
        for answered in message.in_reply_to:
            date, authors = dates.get(answered, (None, ""))
            if message.date is not None and date is not None:
                out.append((message.date, (message.date - date).days, authors))
    return out


def draw_response_times(corpus: Corpus, path: Path) -> bool:
    """Draw, for each dated answer, the days it took, over time: one dot per answer.

    Returns:
        True if the file was written.
    """
    answers = response_times(corpus)
    totals = Counter(authors for _, _, authors in answers)
    groups = [g for g, _ in sorted(totals.items(), key=lambda i: (-i[1], i[0]))]
    figure, axes = plt.subplots(figsize=(10, 3.6), layout="constrained")
    for colour, group in zip(PALETTE, groups, strict=False):
        chosen = [(date, days) for date, days, authors in answers if authors == group]
        axes.scatter(
            [date for date, _ in chosen],
            [days for _, days in chosen],
            s=14,
            color=colour,
            label=f"answer to {group}",
            alpha=0.8,
        )
    axes.set_ylabel("days to answer")
    axes.xaxis.set_major_locator(mdates.YearLocator())
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, ncols=3, fontsize="small", loc="upper left")
    return save_png(figure, path)

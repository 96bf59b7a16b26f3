"""The pictures of the reading room, drawn from the corpus with matplotlib when the docs are built.

Each picture is an SVG file whose words are text (so that they stay sharp
and a reader's browser can find them), drawn in the page's text colour (so
that they read in the dark theme as in the light one), with its marks
linked to the pages they stand for: a thread's messages to their pages,
a month's bar to the month's list. Links are written from the site's root
(``@root@/messages/…``) and made relative to the page that shows the
picture when it is inlined in the page. Categories are told apart by shape
or hatching as well as by colour. Each picture is drawn twice: at
:data:`WIDTH` for the screen of a computer or a tablet, and at
:data:`NARROW`, with its legend and its rows' names moved out of the way,
for a phone (the page shows one or the other by the window's width), so
that it fits a phone's width with its words at 11 px or more. A file is
replaced only when its text changes; :func:`draw_pictures` draws nothing when neither the data nor
this extension changed since the pictures were last drawn.

matplotlib is imported here alone, with the Agg backend: no window, no font
download, the same bytes from the same data.
"""

from __future__ import annotations

import datetime
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from stalin_telegrams import Corpus, Message
from stalin_telegrams._dates import MONTHS

from ._data import response_summary, response_times
from ._words import NARROW_SUFFIX, ONE_TEXT_KINDS, narrow_path
from ._words import PICTURE_ROOT as ROOT
from ._words import correspondents as parties_of

if TYPE_CHECKING:
    from ._data import Edition

#: A group with fewer messages than this is drawn as "others".
SMALL_GROUP = 5
#: Colours told apart by readers with any common colour blindness (Okabe and Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
#: Hatches that tell the groups of a bar chart apart without their colours: of
#: lines only, whose patterns are small (dots and rings made a timeline of 590 KB).
HATCHES = ("", "///", "---", "xxx", "\\\\", "|||", "+++")
#: Markers that tell the groups of a dot chart apart without their colours.
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
#: The last month of a year.
DECEMBER = 12
#: The width of every picture, in inches; at matplotlib's 72 points an inch
#: it is 640 CSS pixels, the width at which its text has its stated size.
WIDTH = 6.67
#: The width of the phone's variant of a picture, in inches: 340 CSS pixels.
NARROW = 3.54
#: The size of the text, in points (1 pt is 4/3 CSS px): 13 px at full width;
#: the page never shows a picture below 85 % of its width (560 px wide, 290 px
#: narrow), where its words are 11 px or more.
FONT_SIZE = 9.75
#: The file that records the digest the pictures were last drawn from.
STAMP = ".pictures-digest"

mpl.rcParams.update(
    {
        "font.size": FONT_SIZE,
        "svg.fonttype": "none",
        "svg.hashsalt": "stalin-telegrams",
        "hatch.linewidth": 0.6,
        "axes.edgecolor": "#000000",
        "text.color": "#000000",
        "xtick.color": "#000000",
        "ytick.color": "#000000",
        "axes.labelcolor": "#000000",
    }
)


@dataclass(frozen=True)
class Point:
    """A message in a thread's picture.

    Attributes:
        key: Its id.
        date: Its date.
        lane: Who wrote to whom: ``"Stalin → Churchill"``.
        label: What is written beside it (``"No. 73"``); empty for none.
        url: The page it links to, from the site's root (``ROOT``).
        printed: True for a message the volume prints, False for one it names.
    """

    key: str
    date: datetime.date
    lane: str
    label: str
    url: str
    printed: bool


def _day_month_year(value: float, _position: int | None = None) -> str:
    """Return a date axis's tick as ``"16 Feb 1943"``, whatever the locale (not ``%b``)."""
    date = mdates.num2date(value)
    return f"{date.day} {MONTHS[date.month - 1][:3]} {date.year}"


def save_svg(figure: plt.Figure, path: Path, title: str, *, narrow: bool = False) -> bool:
    """Write *figure* to *path* as SVG, in the page's colours, unless the file has that text.

    The black of the text and the axes becomes ``currentColor``, so that the
    picture takes the colour of the text around it; the background is left
    transparent; *title* is the picture's accessible name; links open in the
    same tab. The ids of a
    *narrow* picture, and the references to them, start with ``narrow-``, so
    that the two variants of a picture can stand in one page.

    Returns:
        True if the file was written.
    """
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", transparent=True, metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = svg.replace("#000000", "currentColor")
    # A mark's page opens in the same tab, as any link of the site does.
    svg = svg.replace(' target="_blank"', "")
    if narrow:
        svg = re.sub(r'(\bid="|url\(#|href="#)', rf"\1{NARROW_SUFFIX[1:]}-", svg)
    escaped = title.replace("&", "&amp;").replace("<", "&lt;")
    svg = re.sub(r"(<svg[^>]*>)", rf"\1<title>{escaped}</title>", svg, count=1)
    if path.exists() and path.read_text(encoding="utf-8") == svg:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(svg, encoding="utf-8")
    temporary.replace(path)
    return True


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


def draw_timeline(
    messages: Sequence[Message],
    path: Path,
    correspondents: Callable[[Message], tuple[str, ...]],
    *,
    narrow: bool = False,
) -> bool:
    """Draw the messages per month as stacked bars, one colour and hatch per correspondent.

    A message to two leaders at once is its own group ("Churchill and
    Roosevelt", whatever the order of its heading), so that each message
    is counted once. Each bar links to its month in the list of its year.
    A *narrow* picture (:data:`NARROW`) has its legend below the bars.

    Returns:
        True if the file was written.
    """
    months, counts = timeline_counts(messages, lambda m: " and ".join(sorted(correspondents(m))))
    size = (NARROW, 4.6) if narrow else (WIDTH, 3.3)
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    bottom = [0] * len(months)
    # The legend's keys are drawn apart: a group's first bar may be left out.
    keys = []
    styles = zip(PALETTE, HATCHES, counts.items(), strict=False)
    for colour, hatch, (group, values) in styles:
        keys.append(
            Patch(facecolor=colour, hatch=hatch, edgecolor="#000000", linewidth=0.3, label=group)
        )
        bars = axes.bar(
            months,
            values,
            width=25,
            bottom=bottom,
            color=colour,
            hatch=hatch,
            edgecolor="#000000",
            linewidth=0.3,
            label=group,
            align="edge",
        )
        for bar, month, value in zip(bars, months, values, strict=True):
            # An empty bar is left out: nothing to see, nothing to click.
            bar.set_visible(value > 0)
            anchor = "-".join(f"{MONTHS[month.month - 1]} {month.year}".lower().split())
            bar.set_url(f"{ROOT}edition/{month.year}.html#{anchor}")
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    axes.xaxis.set_major_locator(mdates.YearLocator())
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(mdates.num2date(v).year)))
    axes.xaxis.set_minor_locator(mdates.MonthLocator())
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("messages per month")
    axes.spines[["top", "right"]].set_visible(False)
    if narrow:
        axes.legend(handles=keys, frameon=False, loc="upper left", bbox_to_anchor=(-0.2, -0.12))
    else:
        axes.legend(handles=keys, frameon=False, ncols=2, loc="upper left")
    axes.margins(x=0.01)
    return save_svg(figure, path, "Messages per month, by correspondent", narrow=narrow)


def thread_points(data: Edition, thread: Corpus) -> list[Point]:
    """Return the messages of a thread's picture: its printed ones and the incoming ones they name.

    An incoming message is in the picture when a message of the thread
    names it or answers it and its date is known.
    """
    points = [
        Point(
            key=m.id,
            date=m.date,
            lane=f"{' and '.join(m.senders)} → {' and '.join(m.recipients)}",
            label=f"No. {m.number}",
            url=f"{ROOT}messages/{m.id}.html",
            printed=True,
        )
        for m in thread
        if m.date is not None
    ]
    named = dict.fromkeys(
        t
        for m in thread
        for t in (*m.in_reply_to, *(t for r in m.references for t in r.targets))
        if t in data.incoming
    )
    for key in named:
        record = data.incoming[key]
        if record.date is not None:
            points.append(
                Point(
                    key=key,
                    date=record.date,
                    lane=f"{' and '.join(record.authors)} → {' and '.join(record.addressees)}",
                    label="",
                    url=f"{ROOT}edition/incoming.html#{key}",
                    printed=False,
                )
            )
    return sorted(points, key=lambda p: (p.date, not p.printed, p.key))


def thread_lines(data: Edition, thread: Corpus) -> list[tuple[str, str, str]]:
    """Return the links of a thread's picture: ``(from id, to id, kind)``.

    ``"names"`` for a message that names or answers another, printed or
    incoming, and for an incoming message of the picture that answers a
    printed one of the thread (an arrow to the one named or answered);
    ``"copy"`` for two messages that are one text (a dashed line; a pair of
    one matter, or a covering note and what it sends, is not).
    """
    members = set(thread.ids)
    links = {
        (m.id, t, "names")
        for m in thread
        for t in (*m.in_reply_to, *(t for r in m.references for t in r.targets))
        if t != m.id and (t in members or t in data.incoming)
    }
    shown = {t for _, t, _ in links if t in data.incoming}
    links |= {
        (key, link.id, "names")
        for key in shown
        for link in data.incoming[key].reply_links
        if link.id in members
    }
    pairs = {pair for m in thread for pair in data.pairs.get(m.id, ())}
    copies = {
        (p.first.id, p.second.id, "copy")
        for p in pairs
        if p.kind in ONE_TEXT_KINDS and {p.first.id, p.second.id} <= members
    }
    return sorted(links | copies)


def _number_points(
    axes: plt.Axes,
    points: Sequence[Point],
    where: dict[str, tuple[float, int]],
    span: float,
    *,
    narrow: bool,
) -> None:
    """Write each printed message's number by its mark, linked to its page.

    The labels of a run of messages close in one lane take turns among
    three heights (above and below the marks; below only in a *narrow*
    picture, whose lanes are named above their lines).
    """
    # A label is about 40 pt wide: the share of the span it covers at this width.
    close = span / (5 if narrow else 8)
    # Where a label goes, in points from its mark: the first of a run of close
    # labels in one lane at the first place, the next at the next, and so on.
    places = (-17, -30, -43) if narrow else (8, -15, 21)
    last: dict[int, tuple[float, int]] = {}
    for point in points:
        if not point.label:
            continue
        x, y = where[point.key]
        previous = last.get(y)
        turn = 0
        if previous is not None and x - previous[0] < close:
            turn = (previous[1] + 1) % len(places)
        last[y] = (x, turn)
        axes.annotate(
            point.label,
            (x, y),
            textcoords="offset points",
            xytext=(0, places[turn]),
            ha="center",
            url=point.url,
        )


def draw_thread(
    points: Sequence[Point],
    links: Iterable[tuple[str, str, str]],
    path: Path,
    title: str,
    *,
    narrow: bool = False,
) -> bool:
    """Draw a thread: its messages by date, one lane per writer and addressees, and their links.

    Printed messages are filled circles with their number, incoming ones
    hollow squares; an arrow goes from a message to each message it names,
    a dashed line joins copies. Labels of messages close in one lane take
    turns among three heights, so that they do not print over each other.
    A *narrow* picture (:data:`NARROW`) names each lane above its line
    rather than at its left, and writes the numbers below the marks.

    Returns:
        True if the file was written.
    """
    lanes = list(dict.fromkeys(p.lane for p in points))
    where = {p.key: (mdates.date2num(p.date), lanes.index(p.lane)) for p in points}
    days = [x for x, _ in where.values()]
    span = max(max(days) - min(days), 1)
    size = (NARROW, 1.3 + 0.95 * len(lanes)) if narrow else (WIDTH, 1.2 + 0.62 * len(lanes))
    figure, axes = plt.subplots(figsize=size, layout="constrained")
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
                arrowprops={"arrowstyle": "->", "color": PALETTE[0], "shrinkA": 7, "shrinkB": 7},
                zorder=1,
            )
    for printed in (True, False):
        chosen = [p for p in points if p.printed is printed]
        if not chosen:
            continue
        dots = axes.scatter(
            [where[p.key][0] for p in chosen],
            [where[p.key][1] for p in chosen],
            s=70,
            marker="o" if printed else "s",
            facecolors=PALETTE[1] if printed else "none",
            edgecolors=PALETTE[1] if printed else PALETTE[5],
            linewidths=1.5,
            zorder=2,
            label="printed message" if printed else "incoming message (not printed)",
        )
        dots.set_urls([p.url for p in chosen])
    _number_points(axes, points, where, span, narrow=narrow)
    if narrow:
        axes.set_yticks(range(len(lanes)))
        axes.tick_params(axis="y", left=False, labelleft=False)
        for y, lane in enumerate(lanes):
            axes.axhline(y, color=PALETTE[6], linewidth=0.5, zorder=0)
            axes.annotate(
                lane,
                (0, y),
                xycoords=axes.get_yaxis_transform(),
                textcoords="offset points",
                xytext=(0, 9),
                ha="left",
            )
        axes.set_ylim(-0.75, len(lanes) - 0.45)
    else:
        axes.set_yticks(range(len(lanes)), lanes)
        axes.set_ylim(-0.8, len(lanes) - 0.3)
    # A few days either side, so that a thread of one day has a date axis too.
    axes.set_xlim(min(days) - 3 - span / 12, max(days) + 3 + span / 12)
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=3 if narrow else 4))
    axes.xaxis.set_major_formatter(FuncFormatter(_day_month_year))
    axes.spines[["top", "right", "left"]].set_visible(False)
    axes.legend(
        frameon=False,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=1 if narrow else 2,
        borderaxespad=0.2,
    )
    return save_svg(figure, path, title, narrow=narrow)


def draw_response_times(corpus: Corpus, path: Path, *, narrow: bool = False) -> bool:
    """Draw, for each dated answer, the days it took, over time: one mark per answer.

    Each group of authors answered has its own colour and marker shape; a
    *narrow* picture (:data:`NARROW`) lists them in one column.

    Returns:
        True if the file was written.
    """
    answers = response_times(corpus)
    groups = [group for group, _, _ in response_summary(corpus)]
    size = (NARROW, 4.4) if narrow else (WIDTH, 3.3)
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    for colour, marker, group in zip(PALETTE, MARKERS, groups, strict=False):
        chosen = [(date, days) for date, days, authors in answers if authors == group]
        axes.scatter(
            [date for date, _ in chosen],
            [days for _, days in chosen],
            s=22,
            color=colour,
            marker=marker,
            label=f"answer to {group}",
            alpha=0.85,
        )
    axes.set_ylabel("days to answer")
    axes.xaxis.set_major_locator(mdates.YearLocator())
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(mdates.num2date(v).year)))
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(
        frameon=False, ncols=1 if narrow else 2, loc="lower center", bbox_to_anchor=(0.5, 1.0)
    )
    return save_svg(figure, path, "Days from a dated message to Stalin's answer", narrow=narrow)


def draw_pictures(data: Edition, srcdir: Path) -> int:
    """Draw every picture of the site under *srcdir*, unless the data and the code are unchanged.

    Each picture in its two variants, wide and narrow (:func:`narrow_path`).

    Returns:
        The number of pictures drawn, variants counted apart (0 when the stamp matched).
    """
    stamp = srcdir / "edition" / STAMP
    keys = sorted({t[0].id for t in data.threads.values()})
    wide = [srcdir / "edition" / "timeline.svg", srcdir / "edition" / "response-times.svg"]
    wide += [srcdir / "threads" / f"{key}.svg" for key in keys]
    wanted = [*wide, *map(narrow_path, wide)]
    fresh = stamp.exists() and stamp.read_text(encoding="utf-8") == data.digest
    if fresh and all(path.exists() for path in wanted):
        return 0
    for narrow in (False, True):
        paths = [narrow_path(path) for path in wide] if narrow else wide
        draw_timeline(data.corpus, paths[0], parties_of, narrow=narrow)
        draw_response_times(data.corpus, paths[1], narrow=narrow)
        for key, path in zip(keys, paths[2:], strict=True):
            thread = data.threads[key]
            points, lines = thread_points(data, thread), thread_lines(data, thread)
            draw_thread(points, lines, path, data.thread_titles[key], narrow=narrow)
    for stale in set((srcdir / "threads").glob("*.svg")) - set(wanted):
        stale.unlink()
    for old in (srcdir / "threads").glob("*.png"):
        old.unlink()
    for old in (srcdir / "edition").glob("*.png"):
        old.unlink()
    stamp.write_text(data.digest, encoding="utf-8")
    return len(wanted)

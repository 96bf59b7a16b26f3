"""The built site in a real browser: headless Chromium loads it from disk (file://).

Reads the site named by ``STALIN_TELEGRAMS_SITE`` (see conftest.py). Without
Chromium these tests skip with a loud reason; ``bash .ci/run`` installs it
(Debian's ``chromium``) where it can. Screenshots of the home page and a
message page, at a laptop's and a phone's width, are saved in the
``screenshots`` folder beside the site, for review.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from stalin_telegrams import duplicates, load

from .chromium import Browser, Page, chromium, find_chromium

#: A message that has a near copy (so its page has a pair) and is in a thread.
MESSAGE = next(p.first for p in duplicates() if p.kind == "same-message")
#: A message answering an incoming message, with references in its text.
REPLY = next(
    m
    for m in load()
    if m.in_reply_to
    and m.in_reply_to[0] in {r.id for r in load().incoming()}
    and len(m.references) > 1
)
#: The repository's root, where `npm install axe-core` puts node_modules/.
REPOSITORY = Path(__file__).resolve().parents[2]
#: Window sizes of the screenshots and of the first-screen tests: a desktop and a phone.
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
#: Message pages whose first screen is measured: every 25th, and the longest title.
SAMPLE = sorted(
    {m.id for m in load()[::25]}
    | {max(load(), key=lambda m: len(", ".join((*m.senders, *m.recipients)))).id}
)
#: The phrase searched for, and the year a search narrows to.
PHRASE = re.compile(r"\bsecond\W+front\b", re.IGNORECASE)
YEAR = 1942
#: A message of a long exchange with incoming messages, and its thread's page.
EXCHANGE = "1943-02-16-churchill"
THREAD_PAGE = f"threads/{load().thread_of(EXCHANGE)[0].id}.html"
#: A message answered by a later printed message.
ANSWERED = next(m for m in load() if any(m.id in later.in_reply_to for later in load()))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Return a running headless Chromium, or skip loudly where there is none."""
    executable = find_chromium()
    if executable is None:
        reason = (
            "NO CHROMIUM: the browser tests of the site did not run; install Debian's"
            " `chromium` (bash .ci/run does so where it can) or set STALIN_TELEGRAMS_CHROMIUM"
        )
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    with chromium(executable) as running:
        yield running


@pytest.fixture(scope="module")
def axe() -> str:
    """Return the script of axe-core, or skip loudly where there is none."""
    chosen = os.environ.get("STALIN_TELEGRAMS_AXE")
    path = Path(chosen) if chosen else REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        reason = (
            "NO AXE-CORE: the accessibility tests of the site did not run; `npm install axe-core`"
            " in the repository (bash .ci/run does so where npm is) or set STALIN_TELEGRAMS_AXE"
        )
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    return path.read_text(encoding="utf-8")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """Return a fresh tab; the test fails if the pages it loaded logged an error."""
    tab = browser.new_page()
    yield tab
    assert [] == tab.errors


def _url(site: Path, path: str) -> str:
    return (site / path).resolve().as_uri()


def _shoot(page: Page, site: Path, name: str) -> None:
    folder = site.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    for size, (width, height) in SIZES.items():
        (folder / f"{name}-{size}.png").write_bytes(
            page.screenshot(width, height, mobile=size == "phone")
        )


class TestHomePage:
    """The home page and its timeline picture."""

    def test_loads_with_timeline(self, page: Page, site: Path) -> None:
        """The home page loads, its title names the correspondence, and the timeline has width."""
        page.goto(_url(site, "index.html"))
        title = page.evaluate("document.title")
        width = page.evaluate(
            "document.querySelector('.edition-svg svg').getBoundingClientRect().width"
        )
        _shoot(page, site, "home")
        assert "Stalin's wartime correspondence" in title
        assert width > 0


class TestMessagePage:
    """A message page, and the links from it to its thread and its pair."""

    def test_text_in_dom(self, page: Page, site: Path) -> None:
        """The page's text holds every paragraph of the message."""
        page.goto(_url(site, f"messages/{MESSAGE.id}.html"))
        shown = page.evaluate("document.querySelector('#text').innerText")
        _shoot(page, site, "message")
        missing = [p for p in MESSAGE.text.split("\n\n") if " ".join(p.split()) not in shown]
        assert [] == missing

    def test_link_to_thread(self, page: Page, site: Path) -> None:
        """The thread link opens the thread's page, which links back to the message."""
        page.goto(_url(site, f"messages/{MESSAGE.id}.html"))
        page.click("#thread a[href*='threads/']")
        here = page.evaluate("location.pathname")
        back = page.evaluate(f"!!document.querySelector('a[href$=\"/{MESSAGE.id}.html\"]')")
        first = load().thread_of(MESSAGE)[0].id
        assert (True, True) == (here.endswith(f"/threads/{first}.html"), back)

    def test_link_to_pair(self, page: Page, site: Path) -> None:
        """The pair link opens the page of the other message of the pair."""
        other = next(p.second for p in duplicates() if p.first == MESSAGE)
        page.goto(_url(site, f"messages/{MESSAGE.id}.html"))
        page.click(f"#pairs a[href$='/{other.id}.html'], #pairs a[href='{other.id}.html']")
        heading = page.evaluate("document.querySelector('h1').innerText")
        assert page.evaluate("location.pathname").endswith(f"/messages/{other.id}.html")
        assert f"No. {other.number}:" in heading


class TestTextFirst:
    """The first line of a message's text is on the first screen, on a phone and a desktop."""

    @pytest.mark.parametrize("size", sorted(SIZES))
    @pytest.mark.parametrize("message_id", SAMPLE)
    def test_first_line_above_the_fold(
        self, page: Page, site: Path, message_id: str, size: str
    ) -> None:
        """The bottom of the text's first line is inside the window when the page opens."""
        width, height = SIZES[size]
        page.resize(width, height, mobile=size == "phone")
        page.goto(_url(site, f"messages/{message_id}.html"))
        bottom = page.evaluate(
            "(() => { const p = document.querySelector('#text p');"
            " const r = document.createRange(); r.setStart(p, 0); r.setEnd(p, 1);"
            " const line = r.getClientRects()[0] || p.getBoundingClientRect();"
            " return line.top + parseFloat(getComputedStyle(p).lineHeight); })()"
        )
        assert bottom <= height, f"{message_id} at {size}: first line ends at {bottom} px"

    def test_answered_by_reaches_the_answer(self, page: Page, site: Path) -> None:
        """The "Answered by" link of a message opens the later message that answers it."""
        answer = next(m for m in load() if ANSWERED.id in m.in_reply_to)
        page.goto(_url(site, f"messages/{ANSWERED.id}.html"))
        page.click(f"#conversation a[href$='{answer.id}.html']")
        heading = page.evaluate("document.querySelector('h1').innerText")
        assert (True, True) == (
            page.evaluate("location.pathname").endswith(f"/messages/{answer.id}.html"),
            heading.startswith(f"No. {answer.number}:"),
        )


class TestPictures:
    """The pictures are SVG in the page: words big enough to read, marks linked to messages."""

    @pytest.mark.parametrize("size", sorted(SIZES))
    @pytest.mark.parametrize("path", ["index.html", THREAD_PAGE, "edition/incoming.html"])
    def test_labels_at_least_11_px(self, page: Page, site: Path, path: str, size: str) -> None:
        """Every word of a picture is drawn at 11 CSS pixels or more, on a phone and a desktop."""
        page.resize(*SIZES[size], mobile=size == "phone")
        page.goto(_url(site, path))
        # The pictures shown: each has a wide and a narrow variant, one of them hidden.
        sizes = page.evaluate(
            "[...document.querySelectorAll('.edition-svg svg text')]"
            ".filter(t => t.ownerSVGElement.getBoundingClientRect().width > 0).map(t => {"
            " const svg = t.ownerSVGElement;"
            " const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
            " return parseFloat(getComputedStyle(t).fontSize) * scale; })"
        )
        assert sizes, f"no words in the pictures of {path}"
        assert min(sizes) >= 11, f"{path} at {size}: smallest word {min(sizes):.1f} px"

    @pytest.mark.parametrize("size", sorted(SIZES))
    def test_fit_the_width(self, page: Page, site: Path, size: str) -> None:
        """No page with a picture scrolls sideways, nor does any picture in its frame."""
        page.resize(*SIZES[size], mobile=size == "phone")
        paths = ["index.html", "edition/index.html", "edition/incoming.html"]
        # Not the pages of retired thread ids: they move on to another page at once.
        paths += sorted(
            f"threads/{p.name}"
            for p in (site / "threads").glob("*.html")
            if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
        )
        wider = {}
        for path in paths:
            page.goto(_url(site, path))
            found = page.evaluate(
                "[document.documentElement.scrollWidth - innerWidth,"
                " ...[...document.querySelectorAll('.edition-svg')]"
                ".map(e => e.scrollWidth - e.clientWidth)]"
            )
            if max(found) > 0:
                wider[path] = found
        assert {} == wider

    def test_thread_marks_link_to_messages(self, page: Page, site: Path) -> None:
        """A mark of a thread's picture opens its message's page."""
        key = EXCHANGE
        page.goto(_url(site, THREAD_PAGE))
        href = page.evaluate(
            f"document.querySelector(\".edition-svg svg a[*|href$='messages/{key}.html']\")"
            ".href.baseVal"
        )
        page.goto(_url(site, f"threads/{href}"))
        heading = page.evaluate("document.querySelector('h1').innerText")
        assert heading.startswith(f"No. {load()[key].number}:")

    def test_thread_lists_incoming(self, page: Page, site: Path) -> None:
        """A thread's page lists the incoming messages its messages name, linked to their entry."""
        data = load()
        thread = data.thread_of(data[EXCHANGE])
        incoming = {r.id for r in data.incoming()}
        named = {t for m in thread for t in m.in_reply_to if t in incoming}
        page.goto(_url(site, THREAD_PAGE))
        _shoot(page, site, "thread")
        links = page.evaluate(
            "[...document.querySelectorAll('.edition-incoming-entry a')].map(a => a.hash.slice(1))"
        )
        assert named
        assert named <= set(links)


class TestCitation:
    """A message's citations carry the page's address where the build was given no base URL."""

    def test_own_address_and_copy(self, page: Page, site: Path) -> None:
        """The permanent address and the three citations name the page; a copy button answers."""
        page.goto(_url(site, f"messages/{MESSAGE.id}.html"))
        here = page.evaluate("location.href.split('#')[0]")
        cited = page.evaluate(
            "[...document.querySelectorAll('.edition-citation pre')].map(p => p.innerText)"
        )
        permalink = page.evaluate("document.querySelector('a.edition-permalink').href")
        page.evaluate("document.querySelector('button.edition-copy').click()")
        answered = page.wait_until(
            "document.querySelector('button.edition-copy').innerText === 'Copied'"
        )
        assert (here, 3, True) == (permalink, len(cited), bool(answered))
        assert [] == [text for text in cited if here not in text]


class TestIncomingPage:
    """The list of incoming messages, its picture, and the links to it from a reply."""

    def test_loads_with_response_times(self, page: Page, site: Path) -> None:
        """The list has an entry per incoming message, and the response-times picture has width."""
        page.goto(_url(site, "edition/incoming.html"))
        width = page.evaluate(
            "document.querySelector('.edition-svg svg').getBoundingClientRect().width"
        )
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        _shoot(page, site, "incoming")
        assert [] == [r.id for r in load().incoming() if r.id not in ids]
        assert width > 0

    def test_reply_links_to_entry(self, page: Page, site: Path) -> None:
        """A reply's "In reply to" link opens the list at the entry of the message answered."""
        page.goto(_url(site, f"messages/{REPLY.id}.html"))
        _shoot(page, site, "message-references")
        page.click(f"a[href$='incoming.html#{REPLY.in_reply_to[0]}']")
        here = page.evaluate("location.pathname + location.hash")
        assert here.endswith(f"/edition/incoming.html#{REPLY.in_reply_to[0]}")


class TestSearch:
    """The search of the messages, in the page, from disk: phrases, snippets, filters."""

    @staticmethod
    def _results(page: Page, site: Path, query: str) -> list[tuple[str, list[str]]]:
        page.goto(_url(site, "search.html") + "?" + query)
        page.wait_until("document.getElementById('edition-status').innerText.length > 0")
        found = list(
            page.evaluate(
                "[...document.querySelectorAll('#edition-results > li')].map(li => ({"
                " id: li.querySelector('a').getAttribute('href').split('/').pop()"
                ".replace('.html', ''),"
                " marks: [...li.querySelectorAll('.edition-snippet mark')].map(m => m.innerText)"
                " }))"
            )
        )
        return [(str(r["id"]), [" ".join(m.lower().split()) for m in r["marks"]]) for r in found]

    def test_exact_phrase(self, page: Page, site: Path) -> None:
        """A phrase in quotes finds exactly the messages whose text has it, each with it marked."""
        results = self._results(page, site, "q=%22second+front%22")
        _shoot(page, site, "search")
        having = [m.id for m in load() if PHRASE.search(m.text)]
        assert having == [key for key, _ in results]
        assert [] == [key for key, marks in results if set(marks) != {"second front"}]

    def test_filter_narrows(self, page: Page, site: Path) -> None:
        """A correspondent and a year narrow the results to their messages, in date order."""
        query = "q=%22second+front%22"
        every = self._results(page, site, query)
        narrowed = self._results(page, site, query + "&correspondent=Roosevelt&year=1942")
        corpus = load()
        expected = [
            key
            for key, _ in every
            if "Roosevelt" in corpus[key].recipients and corpus[key].year == YEAR
        ]
        assert 0 < len(narrowed) < len(every)
        assert expected == [key for key, _ in narrowed]

    def test_name_filter_without_words(self, page: Page, site: Path) -> None:
        """A name alone lists the messages that mention it."""
        results = self._results(page, site, "name=Tehran+Conference")
        expected = [m.id for m in load() if any(x.name == "Tehran Conference" for x in m.mentions)]
        assert expected == [key for key, _ in results]


class TestAccessibility:
    """axe-core finds no critical or serious violation, in the light theme and the dark."""

    PAGES = (
        "index.html",
        f"messages/{EXCHANGE}.html",
        THREAD_PAGE,
        "names-index.html",
        "edition/incoming.html",
        "search.html?q=%22second+front%22",
    )

    @pytest.mark.parametrize("theme", ["light", "dark"])
    @pytest.mark.parametrize("path", PAGES)
    def test_axe(self, page: Page, site: Path, axe: str, path: str, theme: str) -> None:
        """No violation of impact critical or serious on the page."""
        page.goto(
            _url(site, path.split("?", maxsplit=1)[0])
            + ("?" + path.split("?")[1] if "?" in path else "")
        )
        page.evaluate(f"document.body.dataset.theme = {json.dumps(theme)}")
        page.evaluate(axe + ";0")
        violations = page.evaluate(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
            ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
        )
        if theme == "dark":
            _shoot(
                page,
                site,
                f"dark-{path.split('?', maxsplit=1)[0].replace('/', '-').removesuffix('.html')}",
            )
        assert [] == violations


def test_no_remote_requests(page: Page, site: Path) -> None:
    """Loading the home page requests files only from disk."""
    page.send("Network.enable")
    page.goto(_url(site, "index.html"))
    urls = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    remote = [url for url in urls if not url.startswith(("file:", "data:"))]
    assert [] == remote, json.dumps(remote)

"""A small driver of headless Chromium over the DevTools protocol, through a pipe.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands
from its file descriptor 3 and writes answers and events to descriptor 4,
each message a JSON text ended by a NUL byte. No port is opened and nothing
is downloaded: the browser is the system's (Debian's ``chromium``).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

#: Names the browser goes by, in the order they are tried.
EXECUTABLES = ("chromium", "chromium-browser", "google-chrome", "chrome")
#: The longest wait for one answer or event, in seconds.
TIMEOUT = 30.0


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


def find_chromium() -> str | None:
    """Return the path of a Chromium on this machine, or None."""
    chosen = os.environ.get("STALIN_TELEGRAMS_CHROMIUM")
    if chosen:
        return chosen
    for name in EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Page:
    """One browser tab, driven through a session of the protocol."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        #: Console errors, uncaught exceptions and failed loads seen so far.
        self.errors: list[str] = []

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command to this tab and return its result."""
        return self.browser.send(method, params, session=self.session, page=self)

    def goto(self, url: str) -> None:
        """Load *url* and wait for its load event."""
        self.browser.discard_events()
        self.send("Page.navigate", url=url)
        self.browser.wait_for("Page.loadEventFired", self)

    def evaluate(self, expression: str) -> Any:
        """Return the value of a JavaScript expression (awaited if it is a promise)."""
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            msg = f"{expression!r}: {result['exceptionDetails']}"
            raise BrowserError(msg)
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 10.0) -> Any:
        """Evaluate *expression* until it is truthy, and return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.1)

    def click(self, selector: str) -> None:
        """Click the first element matching *selector* and wait for the page it opens."""
        self.browser.discard_events()
        found = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return false; e.click(); return true; })()"
        )
        if not found:
            msg = f"nothing matches {selector!r} on {self.evaluate('location.href')}"
            raise BrowserError(msg)
        self.browser.wait_for("Page.loadEventFired", self)

    def resize(self, width: int, height: int, *, mobile: bool = False) -> None:
        """Show the page in a window of that size, as a phone's (*mobile*) or a desktop's."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    def screenshot(self, width: int, height: int, *, mobile: bool = False) -> bytes:
        """Return a PNG of the page as seen in a window of that size."""
        self.resize(width, height, mobile=mobile)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        return base64.b64decode(data)


class Browser:
    """A headless Chromium process and its protocol pipe."""

    def __init__(self, executable: str, profile: str) -> None:
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec
            # Out of the way first: a pipe may itself be descriptor 3 or 4, and
            # dup2() onto the same number would leave it closed at exec.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_read, answers_write)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",  # running as root, as CI does
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--allow-file-access-from-files",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire_pipes,  # noqa: PLW1509 - no threads are running in the suite
        )
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def _read(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise BrowserError("the browser did not answer in time")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise BrowserError("the browser closed its pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(message))

    def _note(self, message: dict[str, Any], page: Page | None) -> None:
        if page is None or message.get("sessionId") != page.session:
            return
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            texts = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
            page.errors.append("console.error: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            page.errors.append("exception: " + json.dumps(params["exceptionDetails"])[:500])
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            page.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}")

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        page: Page | None = None,
    ) -> dict[str, Any]:
        """Send a command and return its result, keeping the events that come first."""
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            command["sessionId"] = session
        os.write(self._commands, json.dumps(command).encode() + b"\0")
        while True:
            message = self._read(TIMEOUT)
            if message.get("id") == self._next_id:
                if "error" in message:
                    msg = f"{method}: {message['error']}"
                    raise BrowserError(msg)
                return dict(message.get("result", {}))
            self._note(message, page)
            self._events.append(message)

    def discard_events(self) -> None:
        """Forget the events received so far, so that a wait sees only later ones."""
        self._events.clear()

    def wait_for(self, event: str, page: Page) -> dict[str, Any]:
        """Wait for *event* in *page*'s session, and return its parameters."""
        for i, message in enumerate(self._events):
            if message.get("method") == event and message.get("sessionId") == page.session:
                del self._events[: i + 1]
                return dict(message.get("params", {}))
        self._events.clear()
        while True:
            message = self._read(TIMEOUT)
            self._note(message, page)
            if message.get("method") == event and message.get("sessionId") == page.session:
                return dict(message.get("params", {}))

    def new_page(self) -> Page:
        """Open a tab and attach to it, with its console and log reported."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        page = Page(self, attached["sessionId"])
        for domain in ("Page", "Runtime", "Log"):
            page.send(f"{domain}.enable")
        return page

    def close(self) -> None:
        """Ask the browser to quit; end it if it does not."""
        with suppress(BrowserError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)


@contextmanager
def chromium(executable: str) -> Iterator[Browser]:
    """Run a headless Chromium with a throw-away profile for the duration of the block."""
    with tempfile.TemporaryDirectory(prefix="stalin-telegrams-chromium-") as profile:
        browser = Browser(executable, profile)
        try:
            yield browser
        finally:
            browser.close()

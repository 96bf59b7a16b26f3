"""Command line of the build: ``python -m stalin_telegrams.build``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._atomic import atomic_text
from . import _croissant
from ._emit import dumps
from ._pipeline import report, run
from ._source import DATA_DIR

OUTPUT = DATA_DIR / "telegrams.json"
CROISSANT = DATA_DIR / _croissant.FILE_NAME


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus file, or check the committed one against a fresh build."""
    parser = argparse.ArgumentParser(
        prog="python -m stalin_telegrams.build",
        description="Build data/telegrams.json from the raw transcription.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the committed file differs from a fresh build",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print counts, corrections, judgements and rejoined paragraphs",
    )
    args = parser.parse_args(argv)
    build = run()
    if args.report:
        print(report(build))
    if build.problems:
        for problem in build.problems:
            print(f"problem: {problem}", file=sys.stderr)
        return 1
    text = dumps(build.document)
    # The Croissant description carries the sha256 of exactly the bytes written.
    croissant = dumps(_croissant.document(text.encode("utf-8"), OUTPUT.name))
    if args.check:
        for path, expected in ((OUTPUT, text), (CROISSANT, croissant)):
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != expected:
                print(
                    f"{path} is out of date: run python -m stalin_telegrams.build", file=sys.stderr
                )
                return 1
        print(f"{OUTPUT.name} is up to date ({build.document['message_count']} messages)")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    with atomic_text(CROISSANT) as stream:
        stream.write(croissant)
    print(f"wrote {OUTPUT} ({build.document['message_count']} messages) and {CROISSANT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

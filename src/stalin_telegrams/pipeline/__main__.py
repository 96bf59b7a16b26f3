"""Command line of the build: ``python -m stalin_telegrams.pipeline``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import _croissant
from ._emit import digest_module, dumps, write_atomic
from ._source import DATA_DIR, PACKAGE_DIR

OUTPUT = DATA_DIR / "telegrams.json"
DIGEST = PACKAGE_DIR / "_digest.py"
CROISSANT = DATA_DIR / _croissant.FILE_NAME
#: What to say when python-dateutil, which only the build uses, is not installed.
MISSING_DATEUTIL = (
    "python -m stalin_telegrams.pipeline needs python-dateutil, from the pipeline extra:"
    " pip install 'stalin-telegrams[pipeline]' (in a checkout: pip install -e '.[pipeline]')"
)


def outputs(data: bytes, data_path: Path, digest_path: Path) -> dict[Path, bytes]:
    """Return the files a build writes, in writing order: the corpus, then its digest.

    Args:
        data: The bytes of the corpus file.
        data_path: Where the corpus file goes.
        digest_path: Where the module recording its SHA-256 goes.

    Returns:
        Each path and its content.
    """
    return {data_path: data, digest_path: digest_module(data)}


def stale(files: Mapping[Path, bytes]) -> list[Path]:
    """Return the files whose bytes on disk differ from *files* (a missing one included)."""
    return [path for path, data in files.items() if not path.is_file() or path.read_bytes() != data]


def write(files: Mapping[Path, bytes]) -> None:
    """Write each file atomically, in order.

    The corpus comes first: a build stopped between the two leaves a digest
    that no longer matches, which ``load()`` and ``--check`` report.
    """
    for path, data in files.items():
        write_atomic(path, data)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus file and its digest, or check the committed ones against a fresh build."""
    parser = argparse.ArgumentParser(
        prog="python -m stalin_telegrams.pipeline",
        description="Build data/telegrams.json and _digest.py from the raw transcription.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a committed file differs from a fresh build",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print counts, corrections, judgements and rejoined paragraphs",
    )
    args = parser.parse_args(argv)
    try:
        # The pipeline reads dates with python-dateutil, an extra of its own.
        from ._pipeline import report, run  # noqa: PLC0415
    except ModuleNotFoundError as err:
        if (err.name or "").partition(".")[0] != "dateutil":
            raise
        print(MISSING_DATEUTIL, file=sys.stderr)
        return 1
    build = run()
    if args.report:
        print(report(build))
    if build.problems:
        for problem in build.problems:
            print(f"problem: {problem}", file=sys.stderr)
        return 1
    stale_metadata = _croissant.metadata_problem()
    if stale_metadata is not None:
        print(f"problem: {stale_metadata}", file=sys.stderr)
        return 1
    data = dumps(build.document).encode("utf-8")
    # The Croissant description carries the sha256 of exactly the bytes written.
    croissant = dumps(_croissant.document(data, OUTPUT.name)).encode("utf-8")
    files = {**outputs(data, OUTPUT, DIGEST), CROISSANT: croissant}
    count = build.document["message_count"]
    if args.check:
        out_of_date = stale(files)
        for path in out_of_date:
            print(
                f"{path} is out of date: run python -m stalin_telegrams.pipeline", file=sys.stderr
            )
        if out_of_date:
            return 1
        print(
            f"{OUTPUT.name}, {DIGEST.name} and {CROISSANT.name} are up to date ({count} messages)"
        )
        return 0
    write(files)
    print(f"wrote {OUTPUT} ({count} messages), {DIGEST.name} and {CROISSANT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the command line: ``python -m stalin_telegrams``."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())

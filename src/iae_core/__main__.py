"""``python -m iae_core``: see :mod:`iae_core.cli`."""

import sys

from iae_core.cli import main

if __name__ == "__main__":
    sys.exit(main())

# PYTHON_ARGCOMPLETE_OK
"""``python -m iae_core``: see `iae_core.cli`."""

import sys

from iae_core.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m ragqa.cli``: the ``ragqa`` command."""

import sys

from ragqa.cli import main

if __name__ == "__main__":
    sys.exit(main())

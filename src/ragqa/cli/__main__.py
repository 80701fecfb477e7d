"""``python -m ragqa.cli``: the ``ragqa`` command."""

import sys

from ragqa.cli import main

sys.exit(main())

"""ragqa web UI: `python app.py [--host 127.0.0.1] [--port 7860]` (or `ragqa serve`)."""

import sys

from ragqa.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))

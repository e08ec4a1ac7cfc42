"""`python -m briefer` and the `briefer` console script.

The entry point imports the rest only inside its guard, so that ctrl+c while
Python is still importing (a fraction of a second) ends briefer quietly instead
of printing a traceback.
"""

import sys


def run() -> int:
    try:
        from briefer.cli import main

        return main()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(run())

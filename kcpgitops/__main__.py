"""`python -m kcpgitops`."""

import sys

from kcpgitops.cli import main

# The guard matters: `rehearse` runs scenario groups in "spawn" worker processes, which import this module again.
if __name__ == "__main__":
    sys.exit(main())

"""`python -m kcpgitops`."""

import sys

from kcpgitops.cli import main

sys.exit(main())
